"""One pass over a sentence: find every semiotic span in the original text, verbalise each
once, leave the rest as written.

Each class (date, money, measure, ...) is a pattern and a verbaliser. All classes search
the *original* sentence; where spans overlap, the one that starts first wins, and at the
same start the class listed first (the more specific) wins. A verbaliser may decline its
match (return None) when the context says it is not its class after all ("m" after a
count of people is not metres); the next candidate at that place is then tried. No
verbaliser ever sees another's output, so no rule can rewrite what another produced.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

_DIGIT = re.compile(r"\d")
Speak = Callable[[re.Match[str]], "str | None"]


@dataclass(frozen=True)
class SpanClass:
    """A kind of written form: how to find it and how to say it."""

    name: str
    """The class (as in the issue's list: date, money, measure, ...), for tracing."""
    pattern: re.Pattern[str]
    """Searched over the original sentence."""
    speak: Speak
    """The spoken words for one match, or None to decline it."""
    trigger: re.Pattern[str] | str | None = None
    """A cheap test that a sentence may hold the class (a currency sign for money, a
    colon for a time): when it finds nothing, the class is not searched at all. A string
    is looked for as it is. Classes sharing a trigger test it once a sentence."""
    digit: bool = False
    """The class needs a digit: a sentence without one (most) skips it."""
    starts: re.Pattern[str] | None = None
    """Where a match can begin, when that is cheaper to find than the pattern itself (a
    month name before a digit): the pattern is then tried only there."""
    _fast: re.Pattern[str] = field(init=False, repr=False, compare=False)
    _guard: Callable[[str, int], bool] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        fast, guard = _split_guard(self.pattern)
        object.__setattr__(self, "_fast", fast)
        object.__setattr__(self, "_guard", guard)

    def finditer(self, text: str) -> list[re.Match[str]]:
        """The pattern's matches. A leading look-behind or \\b is checked here instead of by
        the regex engine, which can then skip to the pattern's first character (a digit,
        a month's initial) instead of trying every position: several times faster."""
        guard, fast = self._guard, self._fast
        if self.starts is not None:
            found, done = [], 0
            for start in self.starts.finditer(text):
                m = fast.match(text, start.start()) if start.start() >= done else None
                if m and (guard is None or guard(text, m.start())):
                    found.append(m)
                    done = m.end()
            return found
        if guard is None:
            return list(fast.finditer(text))
        found, at = [], 0
        while (m := fast.search(text, at)) is not None:
            if guard(text, m.start()):
                found.append(m)
                at = max(m.end(), m.start() + 1)
            else:
                at = m.start() + 1
        return found


def _split_guard(pattern: re.Pattern[str]) -> tuple[re.Pattern[str], Callable[[str, int], bool] | None]:
    """`pattern` without its leading `(?<![...])` or `\\b`, and a test that stands for it.
    Left whole when the pattern has a top-level alternative (the guard would not cover it)."""
    source = pattern.pattern
    head = re.match(r"\(\?<!(\[(?:\\.|[^\]\\])+\])\)|\\b", source)
    if not head or _has_top_level_bar(source):
        return pattern, None
    rest = re.compile(source[head.end() :], pattern.flags)
    if head.group(1):
        before = re.compile(head.group(1), pattern.flags)
        return rest, lambda text, at: at == 0 or not before.match(text, at - 1)
    return (
        rest,
        lambda text, at: (
            (at > 0 and (text[at - 1].isalnum() or text[at - 1] == "_"))
            != (at < len(text) and (text[at].isalnum() or text[at] == "_"))
        ),
    )


def _has_top_level_bar(source: str) -> bool:
    depth, i, in_set = 0, 0, False
    while i < len(source):
        c = source[i]
        if c == "\\":
            i += 2
            continue
        if in_set:
            in_set = c != "]"
        elif c == "[":
            in_set = True
            if source[i + 1 : i + 2] == "]":
                i += 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            return True
        i += 1
    return False


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    spoken: str
    name: str


def find_spans(text: str, classes: Sequence[SpanClass]) -> list[Span]:
    """The non-overlapping spans of `text`, in order, each verbalised once."""
    candidates: list[tuple[int, int, int, re.Match[str]]] = []
    has_digit = _DIGIT.search(text) is not None
    tried: dict[object, bool] = {}
    for rank, cls in enumerate(classes):
        if cls.digit and not has_digit:
            continue
        trigger = cls.trigger
        if trigger is not None:
            hit = tried.get(trigger)
            if hit is None:
                hit = tried[trigger] = (
                    (trigger in text) if isinstance(trigger, str) else bool(trigger.search(text))
                )
            if not hit:
                continue
        for m in cls.finditer(text):
            if m.end() > m.start():
                candidates.append((m.start(), rank, -m.end(), m))
    candidates.sort(key=lambda c: c[:3])
    spans: list[Span] = []
    done = 0
    for start, rank, _, m in candidates:
        if start < done:
            continue
        spoken = classes[rank].speak(m)
        if spoken is None:
            continue
        spans.append(Span(start, m.end(), spoken, classes[rank].name))
        done = m.end()
    return spans


def rewrite(text: str, spans: Sequence[Span]) -> str:
    """`text` with each span replaced by its words; a space is put where a spoken span
    would otherwise run into a letter or digit of the text ("$300M" never "dollarsM")."""
    out: list[str] = []
    done = 0
    last = ""
    for span in spans:
        before = text[done : span.start]
        out.append(before)
        last = before[-1:] or last
        spoken = span.spoken or " "
        if spoken.strip():
            if (last.isalnum() or last in ")]") and spoken[0].isalnum():
                spoken = " " + spoken
            right = text[span.end : span.end + 1]
            if right and (right.isalnum() or right in "([") and spoken[-1].isalnum():
                spoken += " "
            last = spoken[-1]
        out.append(spoken)
        done = span.end
    out.append(text[done:])
    return "".join(out)
