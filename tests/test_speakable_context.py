"""Context that changes how a written form is read: a phone word before digit groups, a
vote or a match before a pair of numbers, a counting word or a name before a Roman
numeral, weather words around a bare C, and the initialisms that are not words.
Every sentence here is ours."""

from __future__ import annotations

import pytest

from narrator.speakable.normalise import normalise


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Call 555-0142 before noon.", "Call five five five, zero one four two before noon."),
        ("Call 0800 123 4567.", "Call zero eight zero zero, one two three, four five six seven."),
        (
            "Ring us on 020 7946 0958 today.",
            "Ring us on zero two zero, seven nine four six, zero nine five eight today.",
        ),
        (
            "Text 07700 900123 for a reply.",
            "Text zero seven seven zero zero, nine zero zero one two three for a reply.",
        ),
        ("Phone the desk on 116 123.", "Phone the desk on one one six, one two three."),
        ("Tel: 01632 960 001", "Tel: zero one six three two, nine six zero, zero zero one"),
        (
            "Call +44 (0)20 7946 0958.",
            "Call plus four four, zero, two zero, seven nine four six, zero nine five eight.",
        ),
    ],
)
def test_digit_groups_after_a_phone_word_are_read_digit_by_digit(written: str, spoken: str) -> None:
    assert normalise(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Phone sales at 5000 stores fell.", "Phone sales at five thousand stores fell."),
        ("Calls rose in 2019-2020.", "Calls rose in twenty nineteen to twenty twenty."),
        ("He was called on 12.05.2020.", "He was called on the twelfth of May twenty twenty."),
        ("He called 12 times in 2020.", "He called twelve times in twenty twenty."),
    ],
)
def test_without_a_phone_word_or_with_a_count_numbers_stay_numbers(written: str, spoken: str) -> None:
    assert normalise(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("The board voted 7-2 to close it.", "The board voted seven to two to close it."),
        ("Rovers won 3-1 at home.", "Rovers won three to one at home."),
        ("They beat the visitors 2-0 on Friday.", "They beat the visitors two to zero on Friday."),
        ("It was a 5-4 decision.", "It was a five to four decision."),
        ("The motion passed 52-48.", "The motion passed fifty-two to forty-eight."),
        # a run of set scores is said as tennis says it; a pair alone stays joined
        ("She won 6-4, 7-6 in the final.", "She won six-four, seven-six in the final."),
        ("The code is 6-4.", "The code is six-four."),
        # a noun after makes a range, as before
        ("They won 2-3 games a season.", "They won two to three games a season."),
    ],
)
def test_a_vote_or_a_score_is_said_with_to(written: str, spoken: str) -> None:
    assert normalise(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Read chapter IV first.", "Read chapter Four first."),
        ("See volume II, section III and act V.", "See volume Two, section Three and act Five."),
        ("Read part I and part II.", "Read part One and part Two."),
        ("Mary Queen of Scots met Henry VIII's envoy.", "Mary Queen of Scots met Henry the Eighth's envoy."),
        ("Louis XIV's court moved.", "Louis the Fourteenth's court moved."),
        ("World War II ended.", "World War Two ended."),
        ("King George III ruled.", "King George the Third ruled."),
        # the pronoun after a small word stays a pronoun
        ("The part I liked was the end.", "The part I liked was the end."),
        ("The type I'm after is blue.", "The type I'm after is blue."),
    ],
)
def test_roman_numerals_after_counting_words_and_regnal_names(written: str, spoken: str) -> None:
    assert normalise(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        (
            "Temperatures of 30-35C are likely.",
            "Temperatures of thirty to thirty-five degrees Celsius are likely.",
        ),
        ("The weather hit 31C on Monday.", "The weather hit thirty-one degrees Celsius on Monday."),
        ("It fell to -4C overnight.", "It fell to minus four degrees Celsius overnight."),
        ("Highs of 1F were freezing.", "Highs of one degree Fahrenheit were freezing."),
        ("Take the 5C bus to town.", "Take the five C bus to town."),
        ("She ran 200m in 21.34s.", "She ran two hundred meters in twenty-one point three four seconds."),
        ("A lap took 0.5s less.", "A lap took zero point five seconds less."),
        ("The 1990s and his 30s.", "The nineteen nineties and his thirties."),
    ],
)
def test_temperatures_without_a_degree_sign_and_seconds(written: str, spoken: str) -> None:
    assert normalise(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("The WHO says one in four adults walk.", "The W H O says one in four adults walk."),
        ("Staff at NATO agreed.", "Staff at Nato agreed."),
        ("WHO IS THE WINNER TONIGHT?", "Who Is The Winner Tonight?"),
    ],
)
def test_initialisms_are_spelled_and_acronyms_said(written: str, spoken: str) -> None:
    assert normalise(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        # after a name of standards the number is an identifier: pairs, not an amount
        ("Times follow ISO 8601 here.", "Times follow I S O eighty-six oh one here."),
        ("Floats obey IEEE 754.", "Floats obey I E E E seven fifty-four."),
        ("See RFC 3339 and RFC 791.", "See R F C thirty-three thirty-nine and R F C seven ninety-one."),
        ("Steel to EN 1090-2 only.", "Steel to E N ten ninety, two only."),
        ("It meets ISO 9001:2015.", "It meets I S O ninety oh one, twenty fifteen."),
        ("Film rated ISO 3200 or ISO 400.", "Film rated I S O thirty-two hundred or I S O four hundred."),
        ("Read CVE-2019-11043 first.", "Read C V E twenty nineteen, eleven oh forty-three first."),
        # five digits: a pair and the rest, 'oh' for a zero, as four digits are read
        (
            "Both ISO 14001 and ISO 27002 apply.",
            "Both I S O fourteen oh oh one and I S O twenty-seven oh oh two apply.",
        ),
        ("Use ISO 14064 too.", "Use I S O fourteen oh sixty-four too."),
        # a word joined by a hyphen after the number is not part of it
        ("Our mill is ISO 9001-certified.", "Our mill is I S O ninety oh one-certified."),
        ("An RFC 2119-style rule.", "An R F C twenty-one nineteen-style rule."),
        # any all-capital name, where the number is joined to it as a code's
        ("Flight log XKR-7215 was lost.", "Flight log X K R seventy-two fifteen was lost."),
        # years stay years; a count after an initialism stays a count
        ("The EU 2004 enlargement.", "The E U two thousand four enlargement."),
        ("In the UK 4312 people voted.", "In the U K four thousand three hundred twelve people voted."),
        ("The NHS 111 line.", "The N H S one hundred eleven line."),
        # a name read digit by digit keeps every part so
        ("ISSN 1476-4687 is its code.", "I S S N one four seven six, four six eight seven is its code."),
    ],
)
def test_a_number_after_a_name_of_standards_is_an_identifier(written: str, spoken: str) -> None:
    assert normalise(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        # among capitals said as words, an initialism that is also a word is still spelled
        ("Talks with the WHO, OPEC and NATO ended.", "Talks with the W H O, Opec and Nato ended."),
        ("Aid came from the US and NATO and FIFA.", "Aid came from the U S and Nato and Fifa."),
        ("She joined the UN-WHO panel.", "She joined the U N-W H O panel."),
        ("The IT staff, NASA and OSHA agreed.", "The I T staff, Nasa and Osha agreed."),
        # a line in capitals keeps its words
        ("STAND WITH US TODAY, FRIENDS", "Stand With Us Today, Friends"),
        ("WHO KNEW? NOBODY DID.", "Who Knew? Nobody Did."),
        # after small letters too, when the next word is in capitals as well
        ("Note: IT IS TIME TO LEAVE NOW.", "Note: It Is Time To Leave Now."),
        ("a banner saying WHO LOVES RAINY DAYS", "a banner saying Who Loves Rainy Days"),
    ],
)
def test_initialisms_that_are_words_are_spelled_in_prose(written: str, spoken: str) -> None:
    assert normalise(written) == spoken
