"""The Script: what is said, in what order, with which pauses."""

from __future__ import annotations

from pathlib import Path

from narrator.clean import clean
from narrator.speakable import Pauses, ScriptOptions, to_script
from narrator.speakable.normalise import normalise
from narrator.speakable.sentences import split_sentences


def test_opening_is_title_byline_then_spoken_date(seed: Path) -> None:
    script = to_script(clean(seed))
    first = script.segments[:3]
    assert [s.kind for s in first] == ["title", "byline", "date"]
    assert first[1].sentences == ("By Greg Myre and Tom Bowman.",)
    assert first[2].sentences == ("November eleventh, twenty twenty-two.",)
    assert script.chapter_titles == (
        "Introduction",
        "The significance of Kherson",
        "Ukraine's cautious reaction",
    )


def test_headings_are_spoken_with_the_profiles_pauses(seed: Path) -> None:
    pauses = Pauses(heading_before_ms=1500, heading_after_ms=700)
    script = to_script(clean(seed), ScriptOptions(pauses=pauses))
    headings = [s for s in script.segments if s.kind == "heading"]
    assert [h.sentences for h in headings] == [
        ("The significance of Kherson",),
        ("Ukraine's cautious reaction",),
    ]
    assert all((h.pause_before_ms, h.pause_after_ms) == (1500, 700) for h in headings)
    assert [h.section for h in headings] == [1, 2]


def test_captions_are_announced_once(seed: Path) -> None:
    captions = [s for s in to_script(clean(seed)).segments if s.kind == "caption"]
    assert len(captions) == 2
    assert all(c.sentences[0].startswith("Photo caption: ") for c in captions)


def test_sentences_do_not_break_at_abbreviations() -> None:
    text = 'Army Gen. Mark Milley spoke. U.S. officials agreed on Nov. 3. "Seize it," he said.'
    assert split_sentences(text) == [
        "Army Gen. Mark Milley spoke.",
        "U.S. officials agreed on Nov. 3.",
        '"Seize it," he said.',
    ]


def test_basic_normalisation() -> None:
    assert normalise("on Nov. 3 at 8:18 AM ET") == "on November third at eight eighteen A M Eastern Time"
    assert normalise("Army Gen. Mark Milley") == "Army General Mark Milley"
    assert normalise("more than 40 villages") == "more than forty villages"
    assert normalise("tell [Ukraine] what") == "tell Ukraine what"
