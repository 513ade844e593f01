"""Limits on the work of cleaning one page: cheap trims before parsing, and a deadline.

libxml2 checks an element's attributes for duplicates pairwise, so one element with
80,000 attributes took 53 s to parse (1M attributes, over 400 s), in C, where no Python
signal reaches. No article needs more than a few dozen attributes on one element, so
elements past MAX_ATTRIBUTES keep their first ones, before any parser sees the page.

The deadline covers the rest: everything Python runs (trafilatura, justext, htmldate, our
readers, and `re`, which checks for signals as it matches) is stopped by SIGPROF when the
budget is spent, and the run ends with one sentence. The budget is processor time, not
time on the clock: on a machine busy with other work a page is not cut short for waiting
its turn, and cleaning does no waiting of its own (a file is read whole, after its size
is checked; a URL's download has its own deadline). The signal exists only on Unix and is
handled only in the main thread; elsewhere the cheap limits alone hold.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import threading
from collections.abc import Iterator

from narrator.errors import InputError

DEFAULT_SECONDS = 20.0
"""Processor seconds. The slowest dev page takes about 2 s; ten times that is a hang."""
BUDGET_ENV = "NARRATOR_CLEAN_BUDGET"
"""Environment variable: seconds allowed for cleaning one page (0: no deadline)."""
MAX_ATTRIBUTES = 128
"""Attributes kept on one element; real pages use a few dozen at most."""
_TAG = re.compile(r"""<[A-Za-z](?:[^<>"']++|"[^"]*+"|'[^']*+')*+>""")
"""A start tag, quoted values (which may hold '>') read whole; possessive, so a failed
match never backtracks."""
_LONG_TAG = 1024
"""Tags shorter than this cannot hold more than MAX_ATTRIBUTES attributes (each takes at
least two characters, its name and a space), so they are left as they are."""
_ATTRIBUTE = re.compile(r"""[^\s"'=<>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]*))?""")
"""The tag name, then one attribute with its value, as an HTML tokenizer splits them."""


def default_seconds() -> float:
    """$NARRATOR_CLEAN_BUDGET, else DEFAULT_SECONDS."""
    try:
        return float(os.environ.get(BUDGET_ENV, DEFAULT_SECONDS))
    except ValueError:
        return DEFAULT_SECONDS


def trim_markup(text: str) -> str:
    """`text` with every element's attributes beyond MAX_ATTRIBUTES dropped."""
    if "<" not in text:
        return text
    return _TAG.sub(_trim_tag, text)


def _trim_tag(match: re.Match[str]) -> str:
    tag = match.group(0)
    if len(tag) < _LONG_TAG:
        return tag
    parts = _ATTRIBUTE.findall(tag, 1, len(tag) - 1)
    if len(parts) <= MAX_ATTRIBUTES + 1:
        return tag
    return "<" + " ".join(parts[: MAX_ATTRIBUTES + 1]) + ">"


class _Expired(BaseException):
    """Raised by the alarm. A BaseException, so a library's `except Exception` around
    its own work cannot swallow it and carry on."""


@contextlib.contextmanager
def deadline(seconds: float, source: str) -> Iterator[None]:
    """Raise InputError if the block uses more than `seconds` of processor time (no limit
    when 0, off the main thread, or without SIGPROF)."""
    usable = hasattr(signal, "SIGPROF") and threading.current_thread() is threading.main_thread()
    if seconds <= 0 or not usable:
        yield
        return
    armed = [True]

    def expire(_signum: int, _frame: object) -> None:
        if armed[0]:
            raise _Expired

    previous = signal.signal(signal.SIGPROF, expire)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
        armed[0] = False
    except _Expired:
        raise InputError(
            f"Cleaning {source} took more than {seconds:g} s of processor time, the limit for one page "
            f"(set {BUDGET_ENV} to allow more)."
        ) from None
    finally:
        armed[0] = False
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)
