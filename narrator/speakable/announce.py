"""What the script says around the article's own words (the byline's 'By', a caption's
'Photo caption:', the date) in the article's language.

The words are data, tables/<language>.toml: [announce] for the words, [date] for how a
date is said. A listener hears the body in the article's language, so the opening must be
in it too; English stands in, word by word, only where a table lacks one.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from num2words import num2words

from narrator.speakable.normalise import LANGUAGES, speak_date
from narrator.speakable.tables import load_table


def _base(language: str) -> str:
    return (language or "en").split("-")[0].lower()


def announcements(language: str) -> dict[str, str]:
    """'Photo caption: ', 'Quote: ', 'By', 'and' in `language` (each in English where its
    table has none)."""
    english = load_table("en")["announce"]
    own = load_table(_base(language)).get("announce", {})
    return {str(k): str(v) for k, v in {**english, **own}.items()}


def byline(names: tuple[str, ...], words: dict[str, str]) -> str:
    """'By Ana Ruiz and Li Wei.'; a language whose word differs for several authors
    ('Авторы:') gives it as `by_several`."""
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" {words['and']} " + names[-1]
    by = words.get("by_several", words["by"]) if len(names) > 1 else words["by"]
    return f"{by} {joined}."


def say_date(when: datetime, language: str) -> str:
    """The publication date as said in `language`, a sentence of its own: by its own number
    rules where we have them (English, French), else by its table's [date] with num2words'
    number words, else in English."""
    base = _base(language)
    form = None if base in LANGUAGES else load_table(base).get("date")
    if form:
        said = str(form["say"]).format(
            day=_number(when.day, base, form, "day"),
            month=form["months"][when.month - 1],
            year=_number(when.year, base, form, "year"),
        )
    else:
        said = speak_date(when, base if base in LANGUAGES else "en")
    return said[:1].upper() + said[1:]


def _number(n: int, language: str, form: dict[str, Any], part: str) -> str:
    """A day or year in words: the table's own word for it (`days = {"1" = "primero"}`),
    else num2words with the table's options for that part (`day = {to = "ordinal"}`)."""
    own = form.get(f"{part}s", {}).get(str(n))
    if own:
        return str(own)
    said = str(num2words(n, lang=language, **form.get(part, {})))
    return re.sub(r"(?<=\w)één$", "een", said)  # Dutch accents a lone 'één', not a compound's
