"""The one-pass normaliser: every example of issue 16, context rules, and properties over
generated sentences that mix prose with every class."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from narrator.speakable.normalise import ENGLISH, normalise
from narrator.speakable.spans import SpanClass, find_spans, rewrite

_LEFT = re.compile(r"\d|[$€£¥₩%&@#+=*/°±×~^<>|\\]")
"""What no English listener should hear: a digit or one of the listed symbols."""


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        # cascades: one class's output is never read again by another
        ("the 1,200th visitor", "the one thousand two hundredth visitor"),
        ("version 2.10.1", "version two point ten point one"),
        ("on 2019.03.07", "on March seventh twenty nineteen"),
        ("the 3rd March", "the third of March"),
        ("$300M", "three hundred million dollars"),
        ("C$45 million", "forty-five million Canadian dollars"),
        ("across the globe[citation needed].", "across the globe."),
        # context
        ("He met Dr. Ana Lopez.", "He met Doctor Ana Lopez."),
        ("Main St. near St. Paul's", "Main Street near Saint Paul's"),
        ("Call 911", "Call nine one one"),
        ("9/11", "nine eleven"),
        ("3.5m people", "three point five million people"),
        ("a 3.5m wall", "a three point five meter wall"),
        ("2h 16m", "two hours sixteen minutes"),
        ("at 14:00", "at two P M"),
        ("16:9 screen", "sixteen to nine screen"),
        ("on january 1", "on January first"),
        ("the mid-70s", "the mid-seventies"),
        ("1950s-60s", "nineteen fifties to sixties"),
        # symbols and units
        ("₹500", "five hundred rupees"),
        ("₩5", "five won"),
        ("US$5", "five U S dollars"),
        ("$5K", "five thousand dollars"),
        ("12KG", "twelve kilograms"),
        ("5 Mbps", "five megabits per second"),
        ("3 km²", "three square kilometers"),
        ("4½", "four and a half"),
        ("5'7\"", "five feet seven"),
        ("~6 g", "about six grams"),
        ("10^5", "ten to the power of five"),
        ("401(k)", "four oh one K"),
        ("AT&T", "A T and T"),
        ("S&P 500", "S and P five hundred"),
        ("Disney+", "Disney plus"),
        ("C++", "C plus plus"),
        ("TL;DR", "T L D R"),
        ("see https://example.org/data", "see H T T P S colon slash slash example dot org slash data"),
        # capitals
        ("A HIGH-POWERED team", "A High-Powered team"),
        ("the FBI said", "the F B I said"),
        # serial and code-like tokens
        ("card ending in 4417", "card ending in four four one seven"),
        (
            "ISBN 978-0-12-345678-9",
            "I S B N nine seven eight, zero, one two, three four five six seven eight, nine",
        ),
        ("flight UA857", "flight U A eight five seven"),
        ("code ab9453", "code ab nine four five three"),
        ("my pnr is t2000", "my pnr is T two thousand"),
    ],
)
def test_issue_examples(written: str, spoken: str) -> None:
    assert normalise(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Mulholland Dr. in Los Angeles", "Mulholland Drive in Los Angeles"),
        ("She lives on Elm St.", "She lives on Elm Street."),
        ("Dial 999 now", "Dial nine nine nine now"),
        ("the 415 area code", "the four one five area code"),
        ("in 1998 and 2006", "in nineteen ninety-eight and two thousand six"),
        ("911 people", "nine hundred eleven people"),
        ("won 6-4", "won six to four"),
        ("pages 3–5", "pages three to five"),
        ("a 100m sprint", "a one hundred meter sprint"),
        ("$5-10 million", "five to ten million dollars"),
        ("from 30,000–40,000 people", "from thirty thousand to forty thousand people"),
    ],
)
def test_context_decides(written: str, spoken: str) -> None:
    assert normalise(written) == spoken


def test_the_most_specific_class_wins_at_the_same_place() -> None:
    first = SpanClass("date", re.compile(r"\d{4}\.\d\d\.\d\d"), lambda m: "DATE")
    second = SpanClass("decimal", re.compile(r"\d+\.\d+"), lambda m: "DECIMAL")
    assert rewrite("on 2019.03.07", find_spans("on 2019.03.07", [first, second])) == "on DATE"
    assert rewrite("on 2019.03.07", find_spans("on 2019.03.07", [second, first])) == "on DECIMAL.07"


def test_a_declined_match_falls_to_the_next_class() -> None:
    picky = SpanClass("picky", re.compile(r"\d+"), lambda m: None)
    plain = SpanClass("plain", re.compile(r"\d+"), lambda m: "N")
    assert rewrite("a 12 b", find_spans("a 12 b", [picky, plain])) == "a N b"


def test_no_verbaliser_sees_another_ones_output() -> None:
    """Each verbaliser gets a match on the original sentence, never on spoken words."""
    seen: list[str] = []

    def spy(cls: SpanClass) -> SpanClass:
        def speak(m: re.Match[str]) -> str | None:
            seen.append(m.string)
            return cls.speak(m)

        return SpanClass(cls.name, cls.pattern, speak, cls.trigger, cls.digit)

    sentence = "On Nov. 3 the 1,200th visitor paid $300M for 12KG at 14:00, said Dr. Lopez of AT&T."
    find_spans(sentence, [spy(c) for c in ENGLISH])
    assert seen and set(seen) == {sentence}


_PROSE = (  # words no verbaliser says ('the', 'and', 'of' are said by dates and fractions)
    "river rose again while people said that nothing would ever be quite same in town after winter "
    "council voted engineers Ukraine Monday report water bridge quickly slowly"
).split()
_SEMIOTIC = st.one_of(
    st.integers(-(10**9), 10**12).map(str),
    st.integers(1, 10**7).map(lambda n: f"{n:,}"),
    st.floats(0, 10**6, allow_nan=False).map(lambda f: f"{f:.2f}"),
    st.integers(1, 200).map(lambda n: f"{n}th"),
    st.integers(1, 31).map(lambda d: f"Nov. {d}"),
    st.tuples(st.integers(1900, 2030), st.integers(1, 12), st.integers(1, 28)).map(
        lambda t: f"{t[0]}-{t[1]:02d}-{t[2]:02d}"
    ),
    st.integers(1950, 2020).map(lambda y: f"{y // 10 * 10}s"),
    st.integers(0, 23).map(lambda h: f"{h}:{h * 7 % 60:02d}"),
    st.integers(1, 12).map(lambda h: f"{h} p.m."),
    st.integers(1, 999).map(lambda n: f"${n}.{n % 100:02d}"),
    st.tuples(st.sampled_from(["$", "£", "€", "¥", "₹", "₩", "C$", "US$"]), st.integers(1, 999)).map(
        lambda t: f"{t[0]}{t[1]}"
    ),
    st.integers(1, 99).map(lambda n: f"${n}bn"),
    st.tuples(st.integers(1, 500), st.sampled_from(["kg", "km", "mph", "%", "°C", "KG", "Mbps", "km²"])).map(
        lambda t: f"{t[0]} {t[1]}"
    ),
    st.integers(1, 12).map(lambda n: f"{n}/{n + 1}"),
    st.integers(1, 9).map(lambda n: f"{n}½"),
    st.tuples(st.integers(1, 20), st.integers(21, 99)).map(lambda t: f"{t[0]}-{t[1]}"),
    st.integers(100, 999).map(lambda n: f"({n}) {n}-{n * 7 % 10000:04d}"),
    st.sampled_from(
        [
            "U.S.",
            "FBI",
            "NATO",
            "Dr. Lopez",
            "Main St.",
            "World War II",
            "AT&T",
            "C++",
            "Disney+",
            "TL;DR",
            "&",
            "—",
            "e.g.",
            "#3",
            "a@b.org",
            "https://example.org/a-b",
            "npr.org",
            "UA857",
            "25d08A",
            "10^5",
            "~6",
            "401(k)",
            "[12]",
            "5'7\"",
            "2h 16m",
            "16:9",
            "4 + 4 = 8",
            "x < y > z",
            "a | b",
            "50/50",
            "12 000",
            "3,50 €",
            "50¢",
            "March 3-5",
            "2-4pm",
            "-1/2",
            "3/4 lb",
            "500 BC",
            "12-25-2019",
            "10.30 pm",
        ]
    ),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_PROSE), _SEMIOTIC), min_size=1, max_size=20))
def test_properties_over_mixed_sentences(tokens: list[str]) -> None:
    sentence = " ".join(tokens)
    spoken = normalise(sentence)
    assert not _LEFT.search(spoken), (sentence, spoken)
    prose = [t for t in tokens if t in _PROSE]
    said = [w for w in re.findall(r"[\w'-]+", spoken) if w in _PROSE]
    assert said == prose, (sentence, spoken)  # every plain word kept, in order, none doubled
    assert normalise(spoken) == spoken, (sentence, spoken)  # idempotent on its own output


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_never_raises_on_any_text(text: str) -> None:
    assert isinstance(normalise(text), str)


@pytest.mark.parametrize(
    "written",
    ["1" * 20000, "12345678901234567890123456789012345678901th", "$" + "9" * 60, "a1." * 3000, "ABC " * 3000],
)
def test_long_and_huge_tokens_are_read_without_raising(written: str) -> None:
    """Numbers past fifteen digits are read digit by digit; a run of 200 characters or more
    without a space (no prose) is cut into pieces first."""
    spoken = normalise(written)
    assert spoken and not _LEFT.search(spoken)


@pytest.mark.parametrize(
    ("written", "language", "spoken"),
    [
        (
            "1234567890123456",
            "en",
            "one, two three four, five six seven, eight nine zero, one two three, four five six",
        ),
        (
            "12,345,678,901,234,567",
            "en",
            "one two, three four five, six seven eight, nine zero one, two three four, five six seven",
        ),
        (
            "1234567890123456",
            "fr",
            "un, deux trois quatre, cinq six sept, huit neuf zéro, un deux trois, quatre cinq six",
        ),
    ],
)
def test_numbers_too_long_to_say_are_read_in_groups_of_three(
    written: str, language: str, spoken: str
) -> None:
    """Past fifteen digits a number is no amount: its digits are said in threes from the
    right, as thousands separators would group them, with a short pause between groups."""
    assert normalise(written, language) == spoken


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_number_of_thousands_of_digits_is_read_in_groups_from_end_to_end(language: str) -> None:
    """Runs long enough to be cut into pieces (200+ characters without a space) are grouped
    first, as one number: every group of three, none said as an amount."""
    spoken = normalise(f"Value {'7' * 5000} units.", language)
    groups = spoken.split(", ")
    assert len(groups) == 5000 // 3 + 1
    digit = "seven" if language == "en" else "sept"
    assert groups[0].endswith(f" {digit} {digit}") and groups[-1].startswith(f"{digit} {digit} {digit} ")
    assert all(g == f"{digit} {digit} {digit}" for g in groups[1:-1])
    assert not re.search(r"\d|hundred|cent", spoken)


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("4 x 4", "four by four"),
        ("10 x 20 cm", "ten by twenty centimeters"),
        ("3x faster", "three times faster"),
    ],
)
def test_dimensions_and_multiples(written: str, spoken: str) -> None:
    assert normalise(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("2-5 days", "two to five days"),
        ("pages 2-5", "pages two to five"),
        ("won 6-4, 7-6", "won six-four, seven-six"),
        ("it ended 2-5", "it ended two to five"),
        ("the 2-5 result", "the two to five result"),
        ("it was 6-4", "it was six-four"),
    ],
)
def test_a_hyphen_between_numbers_is_a_range_only_where_the_context_says_so(
    written: str, spoken: str
) -> None:
    assert normalise(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("the code was 7#3&9 then", "the code was seven number three and nine then"),
        ("so 4*6=24.", "so four times six equals twenty-four."),
        ("rates of $8@3% apply", "rates of dollar eight at three percent apply"),
        # a price after a count is not one token: money reads it
        ("buy 3 @ $4 each", "buy three at four dollars each"),
        ("the fee is $40 today", "the fee is forty dollars today"),
    ],
)
def test_numbers_joined_by_symbols_are_one_code_read_in_order(written: str, spoken: str) -> None:
    assert normalise(written) == spoken
