"""The byline and the date are said in the article's language, as its body is."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from narrator.clean import clean
from narrator.speakable import tables, to_script
from narrator.speakable.announce import announcements, byline, say_date


def _article(tmp_path: Path, language: str, author: str, body: str) -> Path:
    path = tmp_path / f"{language}.md"
    path.write_text(
        f"---\ntitle: Probe {language}\nauthor: {author}\ndate: 2025-03-01\nlang: {language}\n---\n\n"
        f"{body}\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("language", "author", "body", "said_byline", "said_date"),
    [
        (
            "de",
            "Anna Schmidt",
            "Die Fähre fuhr am Morgen wieder in den Hafen ein. Niemand war an Bord.",
            "Von Anna Schmidt.",
            "Der erste März zweitausendfünfundzwanzig.",
        ),
        (
            "ru",
            "Анна Иванова",
            "Утром паром вернулся в гавань. На борту никого не было.",
            "Автор: Анна Иванова.",
            "Первое марта две тысячи двадцать пятого года.",
        ),
        (
            "es",
            "Ana Ruiz",
            "El transbordador volvió al puerto por la mañana. No había nadie a bordo.",
            "Por Ana Ruiz.",
            "Primero de marzo de dos mil veinticinco.",
        ),
    ],
    ids=["de", "ru", "es"],
)
def test_front_matter_byline_and_date_are_said_in_the_articles_language(
    tmp_path: Path, language: str, author: str, body: str, said_byline: str, said_date: str
) -> None:
    """They were 'By ...' and 'March first, twenty twenty-five' before a German or Russian body."""
    script = to_script(clean(_article(tmp_path, language, author, body)))
    opening = {s.kind: s.sentences for s in script.segments[:3]}
    assert opening["byline"] == (said_byline,)
    assert opening["date"] == (said_date,)


def test_several_authors_take_the_plural_word_where_a_language_has_one() -> None:
    assert (
        byline(("Анна Иванова", "Пётр Смирнов"), announcements("ru"))
        == "Авторы: Анна Иванова и Пётр Смирнов."
    )
    assert byline(("Ana Ruiz", "Li Wei", "Jo Kim"), announcements("es")) == "Por Ana Ruiz, Li Wei y Jo Kim."


def test_a_language_we_have_no_words_for_is_announced_in_english() -> None:
    assert announcements("pl") == announcements("en")
    assert say_date(datetime(2025, 3, 1), "pl") == say_date(datetime(2025, 3, 1), "en")
    assert say_date(datetime(2025, 3, 1), "en") == "March first, twenty twenty-five"


_LANGUAGES = sorted(path.stem for path in Path(tables.__file__).with_name("tables").glob("*.toml"))
_DATED = [language for language in _LANGUAGES if "date" in tables.load_table(language)]


@pytest.mark.parametrize("language", [lang for lang in _LANGUAGES if lang != "en"])
def test_every_table_has_every_announcement_word_of_its_own(language: str) -> None:
    """A word a table lacks is said in English in the middle of the language's own."""
    own = tables.load_table(language).get("announce", {})
    assert set(own) >= set(tables.load_table("en")["announce"])


@pytest.mark.parametrize("language", _DATED)
def test_every_table_says_every_day_of_a_leap_year_in_its_own_words(language: str) -> None:
    """A table's num2words options or month list that is wrong fails here, not in a user's run."""
    days = [datetime.fromordinal(datetime(2024, 1, 1).toordinal() + n) for n in range(366)]
    said = [say_date(day, language) for day in days]
    assert len(set(said)) == 366
    assert all(date != say_date(day, "en") for date, day in zip(said, days, strict=True))
    assert not any(re.search(r"\d", date) for date in said)
    assert all(date[0].isupper() for date in said)


def test_a_dutch_year_ending_in_one_is_written_as_one_word() -> None:
    """num2words accents the 'één' at the end of a compound ('tweeduizendéén'); Dutch writes
    the accents on the lone word only."""
    assert say_date(datetime(2001, 5, 1), "nl") == "Één mei tweeduizendeen"


def _speakable(path: Path) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-m", "narrator", "speakable", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_speakable_opens_french_and_german_articles_in_their_language(tmp_path: Path) -> None:
    french = _article(
        tmp_path, "fr", "Marie Dupont", "Le ferry est rentré au port ce matin. Personne à bord."
    )
    german = _article(
        tmp_path, "de", "Jonas Weber", "Die Fähre fuhr am Morgen in den Hafen ein. Niemand war an Bord."
    )
    assert _speakable(french)[1:3] == ["Par Marie Dupont.", "Premier mars deux mille vingt-cinq."]
    assert _speakable(german)[1:3] == ["Von Jonas Weber.", "Der erste März zweitausendfünfundzwanzig."]
