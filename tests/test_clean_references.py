"""Issue 15, point 5: citation marks never reach speech, reference sections are left
out unless asked for, and the article's own sections stay."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from narrator.clean import CleanOptions, clean
from narrator.clean.references import strip_marks, tidy
from narrator.document import Article, Block, Section
from tests.conftest import FIXTURES, ROOT

WIKI_HTML = FIXTURES / "wiki_with_references_and_citations.html"
WIKI_DUMP = FIXTURES / "dump_wiki_references_glued_edit_links.txt"


@pytest.mark.parametrize(
    ("text", "spoken"),
    [
        ("drained by the river Tell.[1] It covers", "drained by the river Tell. It covers"),
        ("deforestation[23]and DNA", "deforestation and DNA"),
        ("made the work safe.[citation needed]", "made the work safe."),
        ("the 2018[update] index", "the 2018 index"),
        ("a census figure,[245][n 8] as of", "a census figure, as of"),
        ("Tell. [ 1 ] It covers", "Tell. It covers"),
        ("with exceptions.1 The court", "with exceptions. The court"),
        ("History[edit]", "History"),
    ],
)
def test_citation_marks_removed_without_gluing_words(text: str, spoken: str) -> None:
    assert strip_marks(text) == spoken


def test_text_without_marks_is_left_as_it_is() -> None:
    assert strip_marks("Prices [in euros] rose 2.5 . Then fell") == "Prices [in euros] rose 2.5 . Then fell"


@pytest.mark.parametrize("source", [WIKI_HTML, WIKI_DUMP])
def test_reference_sections_dropped_and_marks_gone(source: Path) -> None:
    article = clean(source)
    headings = [s.heading for s in article.sections]
    assert "History" in headings and "Ecology" in headings
    assert not {"References", "External links"} & set(headings)
    text = json.dumps(article.to_json(), ensure_ascii=False)
    for gone in ("Upland Press", "Retrieved", "visitor centre", "[1]", "[citation needed]", "edit"):
        assert gone not in text, gone
    ecology = next(s for s in article.sections if s.heading == "Ecology")
    assert "every spring. The water is cold" in ecology.blocks[0].text


@pytest.mark.parametrize("source", [WIKI_HTML, WIKI_DUMP])
def test_keep_references_keeps_them(source: Path) -> None:
    article = clean(source, CleanOptions(keep_references=True))
    references = next(s for s in article.sections if s.heading == "References")
    assert "Upland Press" in references.blocks[0].text


def test_keep_references_on_the_command_line() -> None:
    def headings(*extra: str) -> list[str | None]:
        result = subprocess.run(
            [sys.executable, "-m", "narrator", "clean", str(WIKI_HTML), "--format", "json", *extra],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        )
        return [s["heading"] for s in json.loads(result.stdout)["sections"]]

    assert "References" not in headings()
    assert "References" in headings("--keep-references")


def _article(*sections: tuple[str | None, int, str]) -> Article:
    return Article(
        title="A story",
        byline=(),
        published=None,
        publisher=None,
        language="en",
        source="test",
        sections=tuple(
            Section(heading=h, level=level, blocks=(Block(kind="paragraph", text=text),))
            for h, level, text in sections
        ),
    )


STORY = "The story itself goes on for a while, with sentences that a listener wants to hear. " * 4


def test_a_notes_section_before_the_story_is_kept() -> None:
    """Only a run of reference sections at the end is left out: an author's notes that
    open a story are part of it."""
    article = tidy(
        _article(("Notes", 2, "Written for a friend who asked about the lake."), ("Chapter one", 2, STORY))
    )
    assert [s.heading for s in article.sections] == ["Notes", "Chapter one"]


def test_subsections_of_a_reference_section_go_with_it() -> None:
    article = tidy(
        _article(
            (None, 2, STORY),
            ("History", 2, STORY),
            ("Notes", 2, "Hale, Maren (1998). Lakes of the North."),
            ("Primary sources", 3, "Letters of the lake villages, 1890 to 1910."),
            ("External links", 2, "Lake Orrin visitor centre."),
        )
    )
    assert [s.heading for s in article.sections] == [None, "History"]


def test_a_last_sources_section_that_is_the_article_stays() -> None:
    """A reference run holding most of the words is the article (a reading list)."""
    article = tidy(_article((None, 2, "A short opening."), ("Further reading", 2, STORY)))
    assert [s.heading for s in article.sections] == [None, "Further reading"]


def test_glued_edit_links_are_cut_only_when_most_headings_have_them() -> None:
    glued = tidy(_article((None, 2, STORY), ("Historyedit", 2, STORY), ("Ecologyedit", 2, STORY)))
    assert [s.heading for s in glued.sections] == [None, "History", "Ecology"]
    words = tidy(_article((None, 2, STORY), ("How to edit", 2, STORY), ("Why we credit", 2, STORY)))
    assert [s.heading for s in words.sections] == [None, "How to edit", "Why we credit"]
