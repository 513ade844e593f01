"""Written forms the normaliser reads beyond its first cases: numbers grouped with spaces,
times with a full stop, the cent sign, money and day ranges, hyphenated dates, eras, mixed
fractions with one part, telephone groups of five, and the prose that must stay as it was;
then a sentence that ends in 'p.m.', the minus sign, units before a noun, lower-case 'may'
after a number, spans over a month's end, year ranges with an en dash, telephone numbers
written with spaces, streets with a direction, ports, pence and prices per unit. Every
sentence here is ours."""

from __future__ import annotations

import pytest

from narrator.speakable.normalise import normalise


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("The hall seats 12 000 people.", "The hall seats twelve thousand people."),
        ("About 4 250 000 voted.", "About four million two hundred fifty thousand voted."),
        ("The fund paid $30 000 in fees.", "The fund paid thirty thousand dollars in fees."),
        ("The ridge is 2 400 m high.", "The ridge is two thousand four hundred meters high."),
        ("A no-break space: 7\u00a0500 tickets.", "A no-break space: seven thousand five hundred tickets."),
    ],
)
def test_thousands_grouped_with_spaces_are_one_number(written: str, spoken: str) -> None:
    assert normalise(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        # a group of other than three digits after it: not one amount
        ("Rows 3 14 and 15 were empty.", "Rows three fourteen and fifteen were empty."),
        ("On May 2 300 runners set off.", "On May second three hundred runners set off."),
        ("In 2019 140 firms closed.", "In twenty nineteen one hundred forty firms closed."),
        # three-digit numbers in a list that goes on with 'and'
        (
            "Seats 214 215 and 216 are taken.",
            "Seats two hundred fourteen two hundred fifteen and two hundred sixteen are taken.",
        ),
    ],
)
def test_numbers_side_by_side_are_not_grouped(written: str, spoken: str) -> None:
    assert normalise(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("The ferry leaves at 7.15 pm", "The ferry leaves at seven fifteen P M"),
        ("Doors open at 9.05am sharp.", "Doors open at nine oh five A M sharp."),
        # without am or pm a full stop is a decimal point
        ("The index rose 7.15 points.", "The index rose seven point one five points."),
    ],
)
def test_a_full_stop_between_hours_and_minutes_before_am_or_pm(written: str, spoken: str) -> None:
    assert normalise(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("A stamp cost 37¢ then.", "A stamp cost thirty-seven cents then."),
        ("It sold for 1¢.", "It sold for one cent."),
        ("Rooms cost $80-120 a night.", "Rooms cost eighty to one hundred and twenty dollars a night."),
        ("Tickets were £15-25.", "Tickets were fifteen to twenty-five pounds."),
    ],
)
def test_cents_and_money_ranges_with_one_sign(written: str, spoken: str) -> None:
    assert normalise(written) == spoken


def test_a_falling_money_pair_is_not_made_a_range() -> None:
    assert "to" not in normalise("The price went $9-4 overnight.")


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Add 2 1/3 cups of water.", "Add two and a third cups of water."),
        ("It took 1 1/8 hours.", "It took one and an eighth hours."),
        ("Use 3 1/2 cups.", "Use three and a half cups."),
        ("The drop was -1/4 of the value.", "The drop was minus one quarter of the value."),
        ("Cut it into 3\u20445 lengths.", "Cut it into three fifths lengths."),
        ("Only 2/5 replied.", "Only two fifths replied."),
    ],
)
def test_fractions(written: str, spoken: str) -> None:
    assert normalise(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("The fair runs August 9-11.", "The fair runs August ninth to eleventh."),
        ("Talks were held Oct. 2-4, 2019.", "Talks were held October second to fourth, twenty nineteen."),
        ("It was signed on 07-04-1998.", "It was signed on July fourth nineteen ninety-eight."),
        ("It was signed on 28-02-2001.", "It was signed on February twenty-eighth two thousand one."),
        ("Filed 09-Jun-2017.", "Filed the ninth of June twenty seventeen."),
        ("Rome burned in 64 AD.", "Rome burned in sixty-four A D."),
        ("The wall dates from AD 122.", "The wall dates from A D one twenty-two."),
        ("Born around 480 BC in Athens.", "Born around four eighty B C in Athens."),
    ],
)
def test_dates(written: str, spoken: str) -> None:
    assert normalise(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        # a short hyphenated triple: not a date
        ("Rows 4-2-11 were checked.", "Rows four, two, eleven were checked."),
    ],
)
def test_number_pairs_that_are_not_dates(written: str, spoken: str) -> None:
    assert normalise(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        (
            "Reach the office on +91 91234 56789.",
            "Reach the office on plus nine one, nine one two three four, five six seven eight nine.",
        ),
        ("The battery lasts 9 h on a charge.", "The battery lasts nine hours on a charge."),
        ("Her grandfather served in WWII.", "Her grandfather served in World War Two."),
    ],
)
def test_international_groups_hours_and_wars(written: str, spoken: str) -> None:
    assert normalise(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("I have 2 cats.", "I have two cats."),
        ("In 2020 the town grew.", "In twenty twenty the town grew."),
        ("United won 3-2 at home.", "United won three to two at home."),
        ("Mix 1/2 cup of oil.", "Mix one half cup of oil."),
        ("Two thirds, or 2/3, agreed.", "Two thirds, or two thirds, agreed."),
    ],
)
def test_ordinary_prose_keeps_its_reading(written: str, spoken: str) -> None:
    assert normalise(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("A bonus of €2,40 each.", "A bonus of two euros forty cents each."),
        ("The account fell to -$40.", "The account fell to minus forty dollars."),
        ("They spent ₹350 crore on it.", "They spent three hundred fifty crore rupees on it."),
        ("The deal was worth $8 lakh.", "The deal was worth eight lakh dollars."),
        # a thousands group has three digits: this stays one amount
        ("The bill came to €2,400.", "The bill came to two thousand four hundred euros."),
    ],
)
def test_decimal_commas_minus_signs_and_indian_scales_in_money(written: str, spoken: str) -> None:
    assert normalise(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("The tank holds 40 m2 of film.", "The tank holds forty square meters of film."),
        ("A 2 cm3 sample.", "A two cubic centimeter sample."),
        ("It fell at 9.8 m/s2 there.", "It fell at nine point eight meters per second squared there."),
        ("The belt moves 15 cm/s.", "The belt moves fifteen centimeters per second."),
        ("Add 6 fl oz of milk.", "Add six fluid ounces of milk."),
        ("A 4 X 6 print.", "A four by six print."),
        # a capital letter and a digit is a road or a model, not a unit in other case
        ("Take the 2 M4 exits.", "Take the two M four exits."),
    ],
)
def test_more_units(written: str, spoken: str) -> None:
    assert normalise(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("The desk opens 8-11am daily.", "The desk opens eight to eleven A M daily."),
        ("Lunch is 12.15-1.30 pm here.", "Lunch is twelve fifteen to one thirty P M here."),
        ("Office hours: 3:00 - 5:00 pm", "Office hours: three to five P M"),
        ("The match starts at 6:00.", "The match starts at six o'clock."),
    ],
)
def test_two_times_sharing_am_or_pm(written: str, spoken: str) -> None:
    assert normalise(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        (
            "Get it from ftp://mirror.example.org today.",
            "Get it from F T P colon slash slash mirror dot example dot org today.",
        ),
        (
            "The board is at 10.1.2.3:8000 now.",
            "The board is at one zero dot one dot two dot three colon eight thousand now.",
        ),
        ("Open read_me.txt first.", "Open read underscore me dot T X T first."),
    ],
)
def test_schemes_ports_and_file_names(written: str, spoken: str) -> None:
    assert normalise(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Only 2/3rds voted.", "Only two thirds voted."),
        ("The level fell -2 1/4 feet.", "The level fell minus two and a quarter feet."),
        ("Write to Apt. 9 at the back.", "Write to Apartment nine at the back."),
        ("Dial the desk, ext. 12 for help.", "Dial the desk, extension twelve for help."),
        ("See pg. 40 for more.", "See page forty for more."),
    ],
)
def test_fraction_suffixes_signs_and_abbreviations_before_numbers(written: str, spoken: str) -> None:
    assert normalise(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("We met Mr Okafor and Mrs Okafor.", "We met Mister Okafor and Misses Okafor."),
        ("Ask Dr Rahman about it.", "Ask Doctor Rahman about it."),
        ("The clinic on Harley Dr Annexe is shut.", "The clinic on Harley Drive Annexe is shut."),
        # no capitalised name after it: left as written
        ("The word Mr is short.", "The word Mr is short."),
    ],
)
def test_titles_written_without_a_full_stop(written: str, spoken: str) -> None:
    assert normalise(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("A coffee costs 2,80 € there.", "A coffee costs two euros eighty cents there."),
        ("Entry is 1€ for children.", "Entry is one euro for children."),
        ("They paid 300 £ for it.", "They paid three hundred pounds for it."),
        ("The 2008-09 season was long.", "The two thousand eight to oh nine season was long."),
    ],
)
def test_signs_after_the_amount_and_year_ranges_with_a_leading_zero(written: str, spoken: str) -> None:
    assert normalise(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Add 3/4 lb of butter.", "Add three quarters of a pound of butter."),
        ("Cut a 1/2 in. strip.", "Cut a one half of an inch strip."),
        ("It takes 1/4 hr to boil.", "It takes one quarter of an hour to boil."),
        ("A 900 sq. ft. flat.", "A nine hundred square foot flat."),
        ("It uses 2.5 kWh/day at most.", "It uses two point five kilowatt hours per day at most."),
        # a fraction before a word that is no unit stays a fraction
        ("Only 3/4 of them came.", "Only three quarters of them came."),
    ],
)
def test_fractions_of_a_unit_and_units_per_day(written: str, spoken: str) -> None:
    assert normalise(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("The portrait shows Catherine I.", "The portrait shows Catherine the First."),
        ("The fleet of Catherine I of Russia grew.", "The fleet of Catherine the First of Russia grew."),
        ("It was built for Frederick I of Prussia.", "It was built for Frederick the First of Prussia."),
        ("Peter I's navy grew.", "Peter the First's navy grew."),
        # the pronoun after a name or an opening word stays a pronoun
        ("Then Maya I saw again.", "Then Maya I saw again."),
        ("Well I, for one, agree.", "Well I, for one, agree."),
        ('He asked, "Can I?"', 'He asked, "Can I?"'),
        ("Like Sarah I, too, was surprised.", "Like Sarah I, too, was surprised."),
        ("So Am I.", "So Am I."),
        ('"Should I?" she asked.', '"Should I?" she asked.'),
        ('She paused. "Yes I." And left.', 'She paused. "Yes I." And left.'),
        ("Who Am I? A memoir.", "Who Am I? A memoir."),
        ("See Table I and Figure II.", "See Table One and Figure Two."),
    ],
)
def test_a_first_monarch_and_the_pronoun(written: str, spoken: str) -> None:
    assert normalise(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Exports reached 4.2bn last year.", "Exports reached four point two billion last year."),
        ("Some 30 mn viewers watched.", "Some thirty million viewers watched."),
        # a lone letter stays as written
        ("It scored 0.3 K on the test.", "It scored zero point three K on the test."),
    ],
)
def test_scales_cut_short(written: str, spoken: str) -> None:
    assert normalise(written) == spoken


def test_a_falling_pair_after_a_month_is_no_day_range() -> None:
    said = normalise("Aug 9-3 was the score.")
    assert said.startswith("August ninth") and "to third" not in said and "third" not in said


def test_a_mixed_fraction_is_not_a_space_grouped_number() -> None:
    said = normalise("It weighs 3 125/2 units.")
    assert said.startswith("It weighs three and one hundred twenty-five") and "thousand" not in said


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("The fair is 14-16 August.", "The fair is the fourteenth to the sixteenth of August."),
        ("The 2023/24 season ended.", "The twenty twenty-three to twenty-four season ended."),
        ("Accounts for 1999/00 are late.", "Accounts for nineteen ninety-nine to two thousand are late."),
        ("The card expires 08/2027.", "The card expires August twenty twenty-seven."),
        ("The 2015/2016 accounts.", "The twenty fifteen to twenty sixteen accounts."),
        # not consecutive years, not a month: a fraction as before
        ("A ratio of 2020/25 was cited.", "A ratio of two thousand twenty twenty-fifths was cited."),
    ],
)
def test_day_ranges_before_a_month_seasons_and_month_years(written: str, spoken: str) -> None:
    assert normalise(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        # three-digit groups with no round one are a list, a leading zero a code
        ("Rooms 101 102 103 are shut.", "Rooms one hundred one one hundred two one hundred three are shut."),
        ("Serial 004 500 was recalled.", "Serial zero zero four five hundred was recalled."),
        ("There were 150 000 fans.", "There were one hundred fifty thousand fans."),
        # a month over a year needs the month's two digits; a fraction of a second stays one
        ("Shutter at 1/2000 of a second.", "Shutter at one two thousandth of a second."),
        ("Valid to 08/2027.", "Valid to August twenty twenty-seven."),
        # tonnes and battalions are no scales
        ("The ship carried 10 tn of coal.", "The ship carried ten tn of coal."),
    ],
)
def test_forms_that_look_alike(written: str, spoken: str) -> None:
    assert normalise(written) == spoken


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


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        # after 'a' or 'an' and before a noun, money describes the noun: the singular
        ("She tipped him with a £10 note.", "She tipped him with a ten pound note."),
        ("They signed a $40 million lease.", "They signed a forty million dollar lease."),
        ("It is an €18 entry fee.", "It is an eighteen euro entry fee."),
        ("He bought a $3.75 sandwich.", "He bought a three dollar seventy-five sandwich."),
        ("It was a $0.50 upgrade.", "It was a fifty cent upgrade."),
        ("They charge a $15-25 deposit.", "They charge a fifteen to twenty-five dollar deposit."),
        ("Pay a 30 € supplement.", "Pay a thirty euro supplement."),
        # a note, a bill or a coin names the kind of money without 'a' too
        ("The till held £50 notes.", "The till held fifty pound notes."),
        ("Forged $100 bills turned up.", "Forged one hundred dollar bills turned up."),
        # ... not after a scale: a sum spent on them, no note or token is worth it
        ("Funds bought $250 million tokens.", "Funds bought two hundred fifty million dollars tokens."),
        ("Arcades sold $2 tokens.", "Arcades sold two dollar tokens."),
        # the amount is the thing itself: plural as before
        ("She found a $20 in the drawer.", "She found a twenty dollars in the drawer."),
        ("That cost a $12.", "That cost a twelve dollars."),
        ("He paid $30 for a £10 book.", "He paid thirty dollars for a ten pound book."),
        ("£5 goes to charity.", "five pounds goes to charity."),
        ("It left a -$40 balance.", "It left a minus forty dollars balance."),
    ],
)
def test_money_before_a_noun_after_a_or_an_is_singular(written: str, spoken: str) -> None:
    assert normalise(written) == spoken
