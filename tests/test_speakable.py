"""The Script: what is said, in what order, with which pauses."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from narrator.clean import clean
from narrator.errors import VoiceError
from narrator.speakable import Pauses, ScriptOptions, to_script
from narrator.speakable.lexicon import Lexicon, load_lexicon
from narrator.speakable.normalise import ENGLISH, normalise
from narrator.speakable.sentences import split_sentences
from narrator.speakable.tables import EN
from narrator.speech.profile import load_voice
from tests.conftest import EXAMPLE, FIXTURES, SEED, Page


def test_opening_is_title_byline_then_spoken_date(page: Page) -> None:
    script = to_script(clean(page.path))
    first = script.segments[:3]
    assert [s.kind for s in first] == ["title", "byline", "date"]
    assert first[1].sentences == (page.spoken_byline,)
    assert first[2].sentences == (page.spoken_date,)
    assert script.chapter_titles == ("Introduction", *page.headings)


def test_headings_are_spoken_with_the_profiles_pauses(page: Page) -> None:
    pauses = Pauses(heading_before_ms=1500, heading_after_ms=700)
    script = to_script(clean(page.path), ScriptOptions(pauses=pauses))
    headings = [s for s in script.segments if s.kind == "heading"]
    assert [h.sentences for h in headings] == [(heading,) for heading in page.headings]
    assert all((h.pause_before_ms, h.pause_after_ms) == (1500, 700) for h in headings)
    assert [h.section for h in headings] == [1, 2]


def test_captions_are_announced_once(page: Page) -> None:
    captions = [s for s in to_script(clean(page.path)).segments if s.kind == "caption"]
    assert len(captions) == 2
    assert all(c.sentences[0].startswith("Photo caption: ") for c in captions)


def test_sentences_do_not_break_at_abbreviations() -> None:
    text = 'Army Gen. Mark Milley spoke. U.S. officials agreed on Nov. 3. "Seize it," he said.'
    assert split_sentences(text) == [
        "Army Gen. Mark Milley spoke.",
        "U.S. officials agreed on Nov. 3.",
        '"Seize it," he said.',
    ]


def test_titles_and_the_unending_table_keep_a_sentence_whole() -> None:
    """Every title and every word of the [unending] table keeps its sentence whole before a
    name, in capitals too; a title in small letters is a word and may end one."""
    for title in EN["titles"]:
        for written in (title, title.upper()):
            assert len(split_sentences(f"Then {written}. Ana Ruiz spoke.")) == 1, written
    for word in EN["unending"]["words"]:
        for written in (word, word.capitalize()):
            assert len(split_sentences(f"It was {written}. Ana Ruiz spoke.")) == 1, written
    for word in EN["unending"]["before_number"]:
        assert len(split_sentences(f"See Moe {word}. (2019) first.")) == 1, word
    text = "He did one more rep. Then he left. Warner Bros. Tower rose. See Moe et al. (2019) first."
    assert split_sentences(text) == [
        "He did one more rep.",
        "Then he left.",
        "Warner Bros. Tower rose.",
        "See Moe et al. (2019) first.",
    ]


def test_an_abbreviation_said_by_the_normaliser_may_end_a_sentence_before_a_capital() -> None:
    """The splitter does not read [abbreviations]: a dotted word there that is neither a title
    nor in [unending] ends its sentence before a capital, as 'Al.' and 'Ed.' (names) did not."""
    spoken_only = [
        a
        for a in EN["abbreviations"]
        if re.fullmatch(r"[A-Za-z]+\.", a)
        and a[:-1].lower() not in EN["unending"]["words"]
        and a[:-1] not in EN["titles"]
    ]
    assert spoken_only  # 'etc.', 'Inc.', 'al.'
    for written in spoken_only:
        assert len(split_sentences(f"It was {written} Ana Ruiz spoke.")) == 2, written
    assert split_sentences("I met Al. He was late. I met Ed. Then we left.") == [
        "I met Al.",
        "He was late.",
        "I met Ed.",
        "Then we left.",
    ]


def test_a_label_after_an_abbreviation_before_a_number_keeps_the_sentence() -> None:
    """'Fig. A' is a figure's label, as 'Fig. 3' is; 'No. I' after 'said' is two sentences."""
    assert split_sentences("As shown in Fig. A, the curve rises. See Apt. B first.") == [
        "As shown in Fig. A, the curve rises.",
        "See Apt. B first.",
    ]
    assert split_sentences("She said No. I left.") == ["She said No.", "I left."]


def test_sentences_end_before_a_capital_of_any_script_and_at_full_width_stops() -> None:
    """A sentence opened only after A-Z or a digit: a Russian, Greek or French 'État'
    sentence ran on into the next, and Chinese and Japanese text (no space after '。') was
    one cue a paragraph. A word in lower case still does not open one."""
    text = "Le port ferme. État d'urgence. Порт закрыт. Το λιμάνι έκλεισε. but not here. 港口关闭。明天开放！"
    assert split_sentences(text) == [
        "Le port ferme.",
        "État d'urgence.",
        "Порт закрыт.",
        "Το λιμάνι έκλεισε. but not here.",
        "港口关闭。",
        "明天开放！",
    ]


def test_a_title_made_of_the_bodys_opening_words_is_not_said(tmp_path: Path) -> None:
    """A text with no headline is titled with its first words; said, the listener heard
    the opening sentence twice. A real headline is still said."""
    body = "The ferry returned to the harbour on Monday after six weeks of repairs, and it was full."
    plain = tmp_path / "plain.txt"
    plain.write_text(body + "\n\nThe council said the repairs cost less than planned.\n", encoding="utf-8")
    script = to_script(clean(plain))
    assert clean(plain).title.startswith("The ferry returned")
    assert [s.kind for s in script.segments][:1] == ["paragraph"]
    assert script.text().count("ferry returned") == 1
    headed = tmp_path / "headed.md"
    headed.write_text(f"# Ferry back in service\n\n{body}\n", encoding="utf-8")
    assert [s.kind for s in to_script(clean(headed)).segments][:2] == ["title", "paragraph"]


def test_weekdays_before_a_date_and_titles_do_not_end_a_sentence() -> None:
    """'Wed. 12 March' and 'Cllr. Amira Hassan' were cut into two sentences, with a pause
    and the abbreviation read as written; 'He sat.' still ends one."""
    text = "The budget fell on Wed. 12 March, said Cllr. Ana Ruiz. He sat. Then Cllr Bo Li spoke."
    assert [normalise(s) for s in split_sentences(text)] == [
        "The budget fell on Wednesday the twelfth of March, said Councillor Ana Ruiz.",
        "He sat.",
        "Then Councillor Bo Li spoke.",
    ]


def test_an_abbreviation_before_a_number_does_not_end_a_sentence() -> None:
    text = "We took the No. 42 express, see p. 7. He said no. Vol. 2 is out. The answer was No."
    assert split_sentences(text) == [
        "We took the No. 42 express, see p. 7.",
        "He said no.",
        "Vol. 2 is out.",
        "The answer was No.",
    ]
    said = [normalise(s) for s in split_sentences(text)]
    assert said == [
        "We took the number forty-two express, see page seven.",
        "He said no.",
        "Volume two is out.",
        "The answer was No.",
    ]


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("She said no. 2 days later he came.", ["She said no.", "2 days later he came."]),
        ("He loves art. 20 artists came.", ["He loves art.", "20 artists came."]),
        (
            "Ride the no. 9 bus. See vol. 3, no. 2 for more.",
            ["Ride the no. 9 bus.", "See vol. 3, no. 2 for more."],
        ),
        ("See Art. 5 of the treaty.", ["See Art. 5 of the treaty."]),
    ],
)
def test_a_word_that_is_also_an_abbreviation_ends_a_sentence_before_a_number(
    text: str, sentences: list[str]
) -> None:
    """Lower-case 'no.' is the word no unless 'the', 'a' or a comma stands before it; 'art.'
    in lower case is the word art: before a sentence that opens with a digit, each ends its
    sentence."""
    assert split_sentences(text) == sentences


def _spoken(seed: Path) -> str:
    return " ".join(" ".join(s.engine_text) for s in to_script(clean(seed)).segments)


def test_segments_keep_the_written_sentence_and_give_the_engine_the_spoken_one(seed: Path) -> None:
    segments = to_script(clean(seed)).segments
    shown = " ".join(" ".join(s.sentences) for s in segments)
    assert "Nov. 3" in shown and "U.S." in shown  # transcripts show the article's words
    assert "November third" in _spoken(seed) and "U S" in _spoken(seed)  # the engine says them
    assert all(len(s.sentences) == len(s.engine_text) for s in segments)


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("on Nov. 3.", "on November third."),
        ("an Oct. 28 meeting", "an October twenty-eighth meeting"),
        ("Updated November 11, 2022 at 8:18 AM ET", "eight eighteen A M Eastern Time"),
        ("Army Gen. Mark Milley", "Army General Mark Milley"),
        ("U.S. officials say", "U S officials say"),
        ("more than 40 villages", "more than forty villages"),
        ("not going to tell [Ukraine] what", "not going to tell Ukraine what"),
    ],
)
def test_the_seeds_written_forms(seed: Path, written: str, spoken: str) -> None:
    assert spoken in normalise(written)
    text = seed.read_text()
    assert written.split(" ", 1)[-1].rstrip(".") in " ".join(text.split()) or written.startswith("Updated")


@pytest.mark.parametrize(
    "spoken",
    [
        "on November third",
        "an October twenty-eighth meeting",
        "Army General Mark Milley",
        "more than forty villages",
        "not going to tell Ukraine what",
    ],
)
def test_the_seeds_written_forms_are_spoken_in_its_script(seed: Path, spoken: str) -> None:
    assert spoken in _spoken(seed)


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("It cost $1.5bn.", "It cost one point five billion dollars."),
        ("£20.50 each", "twenty pounds fifty pence each"),
        ("$1.00", "one dollar"),
        ("the 1990s", "the nineteen nineties"),
        ("1990-2000", "nineteen ninety to two thousand"),
        ("pages 3–5", "pages three to five"),
        ("on 11/11/2022", "on November eleventh twenty twenty-two"),
        ("on 2022-11-11", "on November eleventh twenty twenty-two"),
        ("on 3 Nov 2021", "on the third of November twenty twenty-one"),
        ("at 10:30 p.m.", "at ten thirty P M."),
        ("at 14:00 GMT", "at two P M G M T"),
        ("call (555) 555-0199", "call five five five, five five five, zero one nine nine"),
        ("it fell 12%", "it fell twelve percent"),
        ("a 4.5 km walk", "a four point five kilometer walk"),
        ("at 60 mph", "at sixty miles per hour"),
        ("-5°C", "minus five degrees Celsius"),
        ("3/4 of voters", "three quarters of voters"),
        ("the 21st century", "the twenty-first century"),
        ("World War II", "World War Two"),
        ("King Charles III", "King Charles the Third"),
        ("the FBI and NATO", "the F B I and Nato"),
        ("visit npr.org", "visit N P R dot org"),
        ("mail news@example.com", "mail news at example dot com"),
        ("Dr. Ruiz & Sen. Lee", "Doctor Ruiz and Senator Lee"),
        ("St. Louis", "Saint Louis"),
        ("Sam and I", "Sam and I"),
        ("#1 seed", "number one seed"),
        ("BLACK DEATH FEARS", "Black Death Fears"),
    ],
)
def test_written_forms(written: str, spoken: str) -> None:
    assert normalise(written) == spoken


def test_lexicon_is_whole_word_case_aware_and_overridable(tmp_path: Path) -> None:
    lexicon = Lexicon({"Kyiv": "Keev", "Kherson": "Kher-sawn"})
    assert lexicon.apply("Kyiv's mayor left Kherson.") == "Keev's mayor left Kher-sawn."
    assert lexicon.apply("kyiv Kyivan Kherson-based") == "kyiv Kyivan Kherson-based"
    assert lexicon.merged({"Kyiv": "Kee-iv"}).apply("Kyiv") == "Kee-iv"


def test_voice_profile_overrides_the_language_lexicon(tmp_path: Path) -> None:
    (tmp_path / "lexicon").mkdir()
    (tmp_path / "lexicon" / "en.toml").write_text('Kyiv = "Keev"\nDnipro = "Dnee-pro"\n')
    (tmp_path / "mine.toml").write_text('engine = "tone"\nvoice = "a440"\n[lexicon]\nKyiv = "Kee-yiv"\n')
    profile = load_voice(str(tmp_path / "mine.toml"))
    assert profile.lexicon.apply("Kyiv and Dnipro") == "Kee-yiv and Dnee-pro"


def test_default_lexicon_covers_the_seeds_names(seed: Path) -> None:
    profile = load_voice("default")
    for name in ("Zelenskyy", "Kyiv", "Kherson", "Kharkiv", "Shoigu", "Zakharova", "Arkhanhelske"):
        assert profile.lexicon.apply(name) != name, name
    script = to_script(clean(seed), ScriptOptions(lexicon=profile.lexicon))
    spoken = " ".join(" ".join(s.engine_text) for s in script.segments)
    shown = " ".join(" ".join(s.sentences) for s in script.segments)
    assert "Kherson" not in spoken and "Kherson" in shown  # transcripts keep the real name


_PLAIN = (
    "the river rose again and people said that nothing would ever be the same in town after winter "
    "council voted engineers Ukraine Monday report water bridge quickly slowly"
).split()
_PLAIN_WORDS = st.sampled_from(_PLAIN)
_NUMBERS = st.one_of(
    st.integers(-(10**9), 10**12).map(str),
    st.floats(0, 10**6, allow_nan=False).map(lambda f: f"{f:.2f}"),
    st.integers(1, 10**7).map(lambda n: f"{n:,}"),
    st.integers(1, 31).map(lambda d: f"Nov. {d}"),
    st.integers(0, 23).map(lambda h: f"{h}:{h * 2 % 60:02d}"),
    st.integers(1, 999).map(lambda n: f"${n}.{n % 100:02d}"),
    st.integers(1, 200).map(lambda n: f"{n}%"),
    st.integers(1, 12).map(lambda n: f"{n}/{n + 1}"),
    st.integers(1, 150).map(lambda n: f"{n}th"),
    st.sampled_from(["U.S.", "FBI", "[Kyiv]", "&", "—", "(", ")", '"', ",", ";", "e.g.", "#3", "a@b.org"]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_PLAIN_WORDS, _NUMBERS), min_size=1, max_size=25))
def test_normalising_never_loses_words_and_never_raises(tokens: list[str]) -> None:
    sentence = " ".join(tokens)
    spoken = normalise(sentence)
    out_words = re.findall(r"[\w'-]+", spoken.lower())
    for token in tokens:
        if token in _PLAIN:
            assert token.lower() in out_words, (token, sentence, spoken)
    assert not re.search(r"\d", spoken), (sentence, spoken)
    if re.search(r"\w", sentence):
        assert spoken


_DIGIT_CLASSES = [cls for cls in ENGLISH if cls.digit]
_NO_DIGITS = st.sampled_from(
    [
        *_PLAIN,
        "Nov.",
        "November",
        "a.m.",
        "PM",
        "ET",
        "$",
        "£",
        "€",
        "¥",
        "%",
        "½",
        "¼",
        "km",
        "mph",
        "lbs",
        "°F",
        "/",
        "-",
        "–",
        ":",
        ".",
        "+",
        "(",
        ")",
        "st",
        "nd",
        "th",
        "'s",
        "x",
        "twenty-four/seven",
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(_NO_DIGITS, st.text(st.characters(blacklist_categories=["Nd"]), max_size=8)), max_size=20
    )
)
def test_number_classes_match_only_text_with_a_digit(tokens: list[str]) -> None:
    """find_spans skips the classes marked digit for a sentence without one: they must find nothing."""
    sentence = " ".join(tokens)
    for cls in _DIGIT_CLASSES:
        assert not cls.pattern.search(sentence), (cls.pattern.pattern, sentence)


def test_number_rules_find_nothing_in_real_sentences_without_digits() -> None:
    sources = [EXAMPLE, *sorted(FIXTURES.iterdir())] + ([SEED] if SEED.exists() else [])
    texts = [b.text for source in sources for section in clean(source).sections for b in section.blocks]
    sentences = [s for text in texts for s in split_sentences(text) if not re.search(r"\d", s)]
    assert len(sentences) > 80  # our pages alone have 91
    for sentence in sentences:
        assert not any(cls.pattern.search(sentence) for cls in _DIGIT_CLASSES), sentence


def test_a_broken_lexicon_is_one_clear_error(tmp_path: Path) -> None:
    broken = tmp_path / "en.toml"
    broken.write_text('Gen = "General\n')
    with pytest.raises(VoiceError, match="en.toml is not valid TOML"):
        load_lexicon(broken)
    assert load_lexicon(tmp_path / "missing.toml").entries == {}
