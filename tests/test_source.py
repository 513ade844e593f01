"""The reader: limits before any reading, the encoding found per file, and no control
character or non-character let through to speech, tags or the feed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from narrator.clean import clean
from narrator.clean.source import decode, read_text
from narrator.errors import InputError
from tests.conftest import EXAMPLE

NARRATOR = str(Path(sys.executable).with_name("narrator"))
ARTICLE = (
    "The caf\u00e9\u2019s \u201cnew\u201d menu arrived on Monday.\n\n"
    "It is longer than the old one \u2014 and cheaper.\n"
)


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "article.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        read_text(fifo)  # opening a FIFO with no writer would block forever


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_endless_devices_are_refused_before_reading(device: str) -> None:
    if not Path(device).exists():
        pytest.skip(f"{device} not on this system")
    done = subprocess.run([NARRATOR, "clean", device], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "not a regular file" in done.stderr and done.stderr.count("\n") == 1


def test_size_is_checked_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with open(big, "wb") as handle:
        handle.truncate(21 * 2**20)  # sparse: nothing to read, only its size
    with pytest.raises(InputError, match="21 MB; narrator reads articles up to 20 MB"):
        read_text(big)
    with pytest.raises(InputError, match="narrator reads articles up to"):
        read_text(EXAMPLE, limit=100)


def test_a_300_character_file_name_is_one_sentence(tmp_path: Path) -> None:
    name = tmp_path / ("a" * 300 + ".txt")
    with pytest.raises(InputError) as caught:
        read_text(name)
    assert len(str(caught.value)) < 250 and "\n" not in str(caught.value)
    done = subprocess.run([NARRATOR, "clean", str(name)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "Traceback" not in done.stderr


def test_one_invalid_byte_does_not_turn_utf8_into_latin1() -> None:
    data = (ARTICLE * 20).encode("utf-8") + b"Cut here: \xe2\x80"  # a truncated curly quote
    text = decode(data, "cut.txt")
    assert text.startswith(ARTICLE)
    assert "\u00e2\u20ac" not in text  # the mojibake of a curly quote
    assert not any("\x80" <= char <= "\x9f" for char in text)


@pytest.mark.parametrize(("stray", "read"), [(b"caf\xe9", "caf\u00e9"), (b"Monday\x92s", "Monday\u2019s")])
def test_a_stray_latin1_byte_is_repaired_and_the_utf8_kept(stray: bytes, read: str) -> None:
    """One good UTF-8 character and one Windows-1252 byte: the file is UTF-8 with a stray
    byte, read as Windows-1252 where it stands; the good character is not made mojibake."""
    data = "The na\u00efve visitor asked about the boat.\n\n".encode() + b"We met at " + stray + b" pier.\n"
    text = decode(data, "mixed.txt")
    assert "The na\u00efve visitor" in text
    assert f"We met at {read} pier." in text


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_with_a_byte_order_mark(encoding: str) -> None:
    mark = "" if encoding in ("utf-16", "utf-32") else "\ufeff"  # the generic codecs write their own
    assert decode((mark + ARTICLE).encode(encoding), "wide.txt") == ARTICLE


def test_utf16_without_a_mark_is_still_binary() -> None:
    with pytest.raises(InputError, match="binary"):
        decode(ARTICLE.encode("utf-16-le"), "nomark.txt")


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("cp1252", "Caf\u00e9 \u201cau lait\u201d: the whole story, from the beginning.\n"),
        ("latin-1", "Tr\u00e8s bien, l'\u00e9t\u00e9 est l\u00e0, et la mer est calme.\n"),
        (
            "cp1251",
            "\u041f\u0440\u0438\u0432\u0435\u0442, \u043a\u0430\u043a \u0434\u0435\u043b\u0430? "
            "\u0412\u0441\u0451 \u0445\u043e\u0440\u043e\u0448\u043e.\n",
        ),
    ],
)
def test_legacy_encodings_are_detected(encoding: str, text: str) -> None:
    assert decode((text * 5).encode(encoding), "old.txt") == text * 5


def test_controls_and_noncharacters_are_removed_at_the_reader(tmp_path: Path) -> None:
    page = tmp_path / "controls.html"
    title = "Harbour\x07 ferry\x85 returns\ufdd0 after\ufffe storm\x1b repairs"
    page.write_text(
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        + "<p>The ferry\x0c sailed\x01 again on Monday after six weeks of repairs to its hull.</p>" * 8
        + "</article></body></html>",
        encoding="utf-8",
    )
    text = read_text(page)
    assert not any(ord(c) < 32 and c not in "\t\n\r" or 0x7F <= ord(c) <= 0x9F for c in text)
    article = clean(page)
    assert article.title == "Harbour ferry returns after storm repairs"


def test_a_file_of_only_controls_is_one_sentence(tmp_path: Path) -> None:
    page = tmp_path / "nothing.txt"
    page.write_bytes("\ufeff\x85\x9f\ufdd0\n".encode())
    with pytest.raises(InputError, match="no readable text"):
        read_text(page)


def test_references_to_controls_are_read_as_browsers_do(tmp_path: Path) -> None:
    page = tmp_path / "references.html"
    body = "".join(
        f"<p>The ferry&#1; sailed again on day {i} after six weeks of repairs to its hull, "
        "the harbour master said.</p>"
        for i in range(8)
    )
    page.write_text(
        "<html><head><title>Harbour &#7;ferry&#x92;s return &#xFDD0;now</title></head><body><article>"
        f"<h1>Harbour &#7;ferry&#x92;s return &#xFDD0;now</h1>{body}</article></body></html>",
        encoding="utf-8",
    )
    article = clean(page)
    assert article.title == "Harbour ferry\u2019s return now"  # &#x92; is Windows-1252's quote in HTML5
    assert "&#" not in read_text(page).replace("&#x92;", "")


def test_json_escapes_of_controls_do_not_reach_the_title(tmp_path: Path) -> None:
    page = tmp_path / "jsonld.html"
    body = "".join(
        f"<p>The ferry sailed again on day {i} after six weeks of repairs, the master said.</p>"
        for i in range(8)
    )
    page.write_text(
        '<html><head><script type="application/ld+json">{"@type": "NewsArticle", '
        '"headline": "Harbour\\u0007 ferry\\u0085 returns \\ud83d\\ude00", '
        '"author": {"name": "Ann\\u001bLee\\ud800"}}'
        f"</script></head><body><article>{body}</article></body></html>",
        encoding="utf-8",
    )
    article = clean(page)
    assert article.title.split() == ["Harbour", "ferry", "returns", "\U0001f600"]  # a real pair is kept
    assert not any(
        ord(c) < 32 or 0x7F <= ord(c) <= 0x9F or 0xD800 <= ord(c) <= 0xDFFF for c in " ".join(article.byline)
    )
