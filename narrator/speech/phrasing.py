"""Where a long sentence is cut into pieces that a voice speaks one at a time.

A neural voice's memory grows with the piece it speaks at once, so a long sentence is
spoken in pieces (piper_engine.MOST_PHONEMES). The voice ends each piece as it ends a
phrase, so a cut must fall where a reader could breathe: after a clause mark, else before
a word that opens a phrase (a conjunction or relative pronoun, then a preposition), and
the pieces as even as those places allow. A cut at the first word boundary past the limit
left "forty-eight point" alone at a phrase end, and the listener heard two numbers: a cut
never falls beside a spoken number or after an article while another place is in reach.
"""

from __future__ import annotations

import re
from collections.abc import Callable

PHRASE_STARTS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "en": (
        frozenset(
            "and but or nor yet so that which who whom whose where when while because although though"
            " unless until since after before if whether".split()
        ),
        frozenset("to for with without from into onto on in at by about against among over under".split()),
    ),
}
"""Per language: words that open a clause, and prepositions (weaker places to cut)."""
NUMBER_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
        " fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy"
        " eighty ninety hundred thousand million billion trillion point and".split()
    ),
}
"""Per language: the words a number is spoken in. A cut beside one (but for a clause mark)
may split a number or a figure: "forty-eight point | five million" was heard as two
numbers, and "voted seven | to two" lost its "to"."""
ARTICLES: dict[str, frozenset[str]] = {"en": frozenset({"a", "an", "the"})}
"""Per language: words that belong to the word after them; a piece never ends on one."""
CORRELATIVES: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "en": (frozenset({"whether", "either", "neither", "both"}), frozenset({"or", "nor", "and"})),
}
"""Per language: words that open a pair, and the words that close it ('whether ... or not',
'neither Ukraine nor Russia'). The closing word goes on the pair it closes, so it opens no
phrase there: a cut before it ('whether | or not') left "whether" alone at a phrase's end,
heard as "weather"."""
_PAIR_REACH = 4
"""Words back from a closing word within which its opening word makes a pair."""
_WORD = re.compile(r"\[\[.*?\]\]\S*|\S+")
_CLAUSE_END = re.compile(r"[,;:—–](?:\]\])?$")


def split(text: str, size: Callable[[str], int], most: int, language: str) -> list[str]:
    """`text` in pieces of about `most` phonemes or fewer (`size`: a word's phoneme count),
    each cut at the best place to breathe within reach; one piece when it is short enough.
    A single word longer than `most` stays whole (the caller cuts its phonemes)."""
    words = _WORD.findall(text)
    sizes = [size(w) + 1 for w in words]
    code = language.split("-")[0].lower()
    starts, weak = PHRASE_STARTS.get(code, (frozenset(), frozenset()))
    numbers = NUMBER_WORDS.get(code, frozenset())
    articles = ARTICLES.get(code, frozenset())
    openers, closers = CORRELATIVES.get(code, (frozenset(), frozenset()))
    out: list[str] = []
    first = 0
    while sum(sizes[first:]) > most and len(words) - first > 1:
        total = sum(sizes[first:])
        even = total / -(-total // most)
        best: tuple[tuple[int, float], int] | None = None
        position = 0
        for k in range(first + 1, len(words)):
            position += sizes[k - 1]
            if position > most:
                break
            if position < even / 2:
                continue
            after = words[k].lower().strip("\"“‘'(")
            strength = 3 if _CLAUSE_END.search(words[k - 1]) else 2 if after in starts else int(after in weak)
            if strength < 3 and after in closers and _paired(words, max(first, k - _PAIR_REACH), k, openers):
                strength = -1  # inside a pair: 'whether | or not'
            beside_number = _is_number(words[k - 1], numbers) or _is_number(words[k], numbers)
            before = words[k - 1].lower()
            closes = before in closers and _paired(words, max(first, k - 1 - _PAIR_REACH), k - 1, openers)
            # after an article or a pair's word, beside a number: only when nothing else is in reach
            if strength < 3 and (before in articles or before in openers or closes or beside_number):
                strength = -1
            best = max(best or ((strength, -abs(position - even)), k), ((strength, -abs(position - even)), k))
        cut = best[1] if best else first + 1
        out.append(" ".join(words[first:cut]))
        first = cut
    if first < len(words):
        out.append(" ".join(words[first:]))
    return out


def _paired(words: list[str], start: int, end: int, openers: frozenset[str]) -> bool:
    """Whether a word opening a pair stands among words[start:end]."""
    return any(w.lower() in openers for w in words[start:end])


def _is_number(word: str, numbers: frozenset[str]) -> bool:
    """Whether `word` ("forty-eight", "million," ...) is all number words."""
    parts = word.lower().strip("\"“”‘’'(),.;:").split("-")
    return bool(numbers) and all(part in numbers for part in parts)
