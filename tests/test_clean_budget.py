"""The time budget for cleaning one page: cheap trims before parsing (an element's
attributes), and a deadline that ends a slow page with one sentence and exit 2."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from narrator.clean import CleanOptions, clean
from narrator.clean.budget import BUDGET_ENV, MAX_ATTRIBUTES, trim_markup
from narrator.errors import InputError

NARRATOR = str(Path(sys.executable).with_name("narrator"))
BODY = "".join(
    f"<p>The ferry sailed again on day {i} after six weeks of repairs to its hull.</p>" for i in range(8)
)


def _wide_page(path: Path, attributes: int) -> Path:
    """A page whose <article> element has `attributes` attributes (libxml2 compares them
    pairwise: 80,000 took 53 s, a million more than 400 s before the trim)."""
    with open(path, "w", encoding="utf-8") as out:
        out.write("<html><head><title>Harbour ferry returns</title></head><body><article")
        for start in range(0, attributes, 10_000):
            out.write("".join(f' a{i}="{i}"' for i in range(start, min(start + 10_000, attributes))))
        out.write(f"><h1>Harbour ferry returns</h1>{BODY}</article></body></html>")
    return path


def test_trim_keeps_the_first_attributes_of_a_wide_element() -> None:
    wide = "<div " + " ".join(f'data-x{i}="v>{i}"' for i in range(1000)) + ">text</div>"
    trimmed = trim_markup(f"<p class='a'>before</p>{wide}<b>after</b>")
    tag = trimmed[trimmed.index("<div") : trimmed.index(">text")]
    assert tag.startswith('<div data-x0="v>0" data-x1="v>1"')
    assert tag.count("data-x") == MAX_ATTRIBUTES
    assert trimmed.startswith("<p class='a'>before</p>") and trimmed.endswith(">text</div><b>after</b>")


def test_ordinary_markup_is_untouched() -> None:
    page = '<img src="data:image/png;base64,' + "A" * 5000 + '" alt="x"><p id=a class="b c">text</p>'
    assert trim_markup(page) == page


def test_an_element_with_80000_attributes_is_read(tmp_path: Path) -> None:
    article = clean(_wide_page(tmp_path / "wide.html", 80_000))
    assert article.title == "Harbour ferry returns"
    assert "six weeks of repairs" in article.sections[0].blocks[0].text


@pytest.mark.slow
def test_an_element_with_a_million_attributes_is_read(tmp_path: Path) -> None:
    page = _wide_page(tmp_path / "wide.html", 1_000_000)
    assert page.stat().st_size > 15_000_000
    done = subprocess.run(
        [NARRATOR, "clean", str(page)], capture_output=True, text=True, timeout=120
    )  # the default 20 s budget applies; without the trim it ran for over 400 s
    assert done.returncode == 0, done.stderr
    assert "six weeks of repairs" in done.stdout


def test_a_spent_budget_is_one_sentence(tmp_path: Path) -> None:
    page = tmp_path / "long.txt"
    page.write_text("A long day\n\n" + "The ferry sailed again after repairs. " * 60_000 + "\n")
    with pytest.raises(InputError, match=r"took more than 0.01 s"):
        clean(page, CleanOptions(seconds=0.01))


def test_the_cli_ends_a_slow_page_with_exit_2(tmp_path: Path) -> None:
    page = tmp_path / "long.txt"
    page.write_text("A long day\n\n" + "The ferry sailed again after repairs. " * 60_000 + "\n")
    done = subprocess.run(
        [NARRATOR, "clean", str(page)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, BUDGET_ENV: "0.01"},
    )
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "took more than 0.01 s" in done.stderr
    assert "Traceback" not in done.stderr
