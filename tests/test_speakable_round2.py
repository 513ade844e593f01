"""Written forms of the second round of our own cases: a sentence that ends in 'p.m.', the
minus sign, units before a noun, lower-case 'may' after a number, spans over a month's
end, year ranges with an en dash, telephone numbers written with spaces, streets with a
direction, ports, pence and prices per unit. Every sentence here is ours."""

from __future__ import annotations

import pytest

from narrator.speakable.normalise import normalise


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("The polls shut at 10 p.m.", "The polls shut at ten P M."),
        ("She landed at 6:40pm. Nobody met her.", "She landed at six forty P M. Nobody met her."),
        ("From 2-4 p.m. Then the rain came.", "From two to four P M. Then the rain came."),
        # the stop of 'p.m.' alone where the sentence goes on
        ("The vote is at 3 p.m. Tuesday.", "The vote is at three P M Tuesday."),
        ("Polls close at 8 p.m. Eastern.", "Polls close at eight P M Eastern."),
        ("At 7 a.m., the bells rang.", "At seven A M, the bells rang."),
    ],
)
def test_a_full_stop_after_am_or_pm_that_ends_the_sentence_is_kept(written: str, spoken: str) -> None:
    assert normalise(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("The lake froze at \u22128 \u00b0C.", "The lake froze at minus eight degrees Celsius."),
        ("A shortfall of \u22124 500 units.", "A shortfall of minus four thousand five hundred units."),
        (
            "Overnight lows near \u22122C in the weather.",
            "Overnight lows near minus two degrees Celsius in the weather.",
        ),
        ("Output fell \u22120.7% in May.", "Output fell minus zero point seven percent in May."),
        # between two numbers with spaces it is the operation
        ("9 \u2212 4 = 5", "nine minus four equals five"),
    ],
)
def test_the_unicode_minus_sign_before_a_number(written: str, spoken: str) -> None:
    assert normalise(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Bring a 3 qt pan.", "Bring a three quart pan."),
        ("She won a 10 km race.", "She won a ten kilometer race."),
        ("It needs an 8 GB card.", "It needs an eight gigabyte card."),
        ("They built a 12-15 ft fence.", "They built a twelve to fifteen foot fence."),
        # a count, not a description: plural
        ("She ran 10 km today.", "She ran ten kilometers today."),
        ("He bought a further 4 kg of rice.", "He bought a further four kilograms of rice."),
        ("The course was a 5 km.", "The course was a five kilometers."),
    ],
)
def test_a_unit_before_a_noun_after_a_or_an_is_singular(written: str, spoken: str) -> None:
    assert normalise(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Of the ten, 4 may stay.", "Of the ten, four may stay."),
        ("The 6-may rule stood.", "The six-may rule stood."),
        ("It opened on 4 may 2011.", "It opened on the fourth of May twenty eleven."),
        ("It shut on the 2nd of march.", "It shut on the second of March."),
        ("The 8-11 May fair drew crowds.", "The eighth to the eleventh of May fair drew crowds."),
        # a hyphenated day, month and year is month first, as the slashed forms are
        ("Filed 4-7-2016.", "Filed April seventh twenty sixteen."),
    ],
)
def test_lower_case_may_after_a_number_and_hyphenated_dates(written: str, spoken: str) -> None:
    assert normalise(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("The fair runs Oct 29 - Nov 3.", "The fair runs October twenty-ninth to November third."),
        (
            "Shows from 28 Feb-4 Mar 2027 only.",
            "Shows from the twenty-eighth of February to the fourth of March twenty twenty-seven only.",
        ),
        ("The siege lasted 1648–1652.", "The siege lasted sixteen forty-eight to sixteen fifty-two."),
        ("The 2031–32 budget passed.", "The twenty thirty-one to thirty-two budget passed."),
        ("Between 40–60 firms signed.", "Between forty to sixty firms signed."),
    ],
)
def test_spans_over_a_month_end_and_year_ranges_with_an_en_dash(written: str, spoken: str) -> None:
    assert normalise(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Ring 0161 496 0321 today.", "Ring zero one six one, four nine six, zero three two one today."),
        ("Office: (0131) 496 0877.", "Office: zero one three one, four nine six, zero eight seven seven."),
        (
            "Dial +44 7911 123456 now.",
            "Dial plus four four, seven nine one one, one two three four five six now.",
        ),
        (
            "Berlin: +49 89 98765432.",
            "Berlin: plus four nine, eight nine, nine eight seven six five four three two.",
        ),
        ("Try +1 (617) 555 0143.", "Try plus one, six one seven, five five five, zero one four three."),
        ("Call 555-0187 after six.", "Call five five five, zero one eight seven after six."),
        # no trunk zero, or not ten or eleven digits: numbers
        ("We sold 12 450 units.", "We sold twelve thousand four hundred fifty units."),
        ("Codes 012 345 were void.", "Codes zero one two three hundred forty-five were void."),
        ("Between 800-1000 came.", "Between eight hundred, one thousand came."),
    ],
)
def test_telephone_numbers_written_with_spaces_or_as_a_local_pair(written: str, spoken: str) -> None:
    assert normalise(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Meet at 820 S Grand Ave.", "Meet at eight twenty South Grand Avenue."),
        ("Go to 400 NW Pine Rd today.", "Go to four hundred Northwest Pine Road today."),
        ("Lunch at 25 Union Plz.", "Lunch at twenty-five Union Plaza."),
        ("It sits at 210 3rd St.", "It sits at two ten third Street."),
        (
            "The dev server runs on localhost:5173.",
            "The dev server runs on localhost colon five thousand one hundred seventy-three.",
        ),
        ("Use mailto:desk@paper.org to write.", "Use mailto colon desk at paper dot org to write."),
    ],
)
def test_streets_with_a_direction_and_addresses_on_the_web(written: str, spoken: str) -> None:
    assert normalise(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("A loaf now costs 85p.", "A loaf now costs eighty-five pence."),
        ("Fuel rose 1.5p a litre.", "Fuel rose one point five pence a litre."),
        ("Drop a 1p coin in.", "Drop a one penny coin in."),
        ("Stream it in 720p.", "Stream it in seven twenty p."),
        ("Diesel hit $4.10/gal.", "Diesel hit four dollars ten cents per gallon."),
        ("Power traded at €85/MWh.", "Power traded at eighty-five euros per megawatt hour."),
    ],
)
def test_pence_and_prices_per_unit(written: str, spoken: str) -> None:
    assert normalise(written) == spoken
