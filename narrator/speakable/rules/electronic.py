"""E-mail addresses, URLs, domain names and handles, read part by part ('n p r dot org')."""

from __future__ import annotations

import re

from narrator.speakable.numbers import cardinal, digits
from narrator.speakable.rules import needs
from narrator.speakable.rules.cardinals import speak_code
from narrator.speakable.spans import SpanClass

_WORD_TLDS = {"com", "org", "net", "edu", "gov", "info", "biz", "app", "dev", "news", "blog", "shop"}
_TLDS = _WORD_TLDS | set(
    "io co uk us de fr it es nl eu ca au in ai tv me ly sm ch se no jp cn ru br ie nz be at dk fi pl"
    " cz pt gr hu ro za mx ar kr tw hk sg il tr".split()
)
_SEPARATORS = {
    ".": "dot",
    "@": "at",
    "/": "slash",
    ":": "colon",
    "-": "dash",
    "_": "underscore",
    "?": "question mark",
    "=": "equals",
    "&": "and",
    "#": "hash",
    "~": "tilde",
    "+": "plus",
    "%": "percent",
}
_PART = re.compile(r"[A-Za-z]+|\d+|[^\w\s]|_")
_VOWEL = re.compile(r"[aeiouy]", re.IGNORECASE)
_RANDOM = re.compile(r"[A-Z]{2}[a-z]|[a-z][A-Z].*[a-z][A-Z]")
"""A part in random case ('MYwRz', 'dUO'): an id, spelled; 'YouTube' and 'NeMo' are words."""
_PATH = r"(?:/[^\s<>\"'()\[\]{}]*?)?(?=[.,;:!?)\]\"'”’]*(?:\s|$|[)\]\"'”’]))"

EMAIL = re.compile(r"(?<![\w.])(?:mailto:)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+(?:/[\w./-]*)?")
URL = re.compile(
    r"\b(?:(?:https?|s?ftps?|git|ssh|wss?)://|www\.)[^\s<>\"']+?(?=[.,;:!?)\]\"'”’]*(?:\s|$))",
    re.IGNORECASE,
)
_PORT = r"(?::\d{1,5}\b)?"
DOMAIN = re.compile(
    rf"(?<![\w@.])(?:(?:[a-z0-9-]+\.)+(?:{'|'.join(sorted(_TLDS))})\b(?![.@]\w)|localhost(?=:\d)){_PORT}{_PATH}"
)
"""A domain, or the machine's own name before a port ('localhost:3000'), with its port and
path."""
LOOSE_DOMAIN = re.compile(r"(?<![\w@.])[a-z][a-z0-9_-]+(?:\.[a-z0-9_-]+)*\.[a-z]{2,6}\b(?![.@]\w)")
"""Lower-case words joined by dots with no space ('ourdailynews.abc', 'read_me.txt'): a name
on the web or a file's."""
DOTTED_NAME = re.compile(r"[a-z0-9]\.[a-z]|localhost:")
HANDLE = re.compile(r"(?<![\w@.])@(?=[A-Za-z_])\w{1,30}\b")


def speak_address(text: str, email: bool) -> str:
    """Each part of an address: words as they are, numbers read out, symbols named.

    Country domains (.it, .sm) and, in e-mail, unknown ones are spelled; so are parts
    with no vowel ('rtx', 'dgx') and parts in mixed case ('MYwRz', a random id), except
    in the mailbox name, which is read as written.
    """
    mailbox_end = text.index("@") if email else 0
    host_start = mailbox_end + 1 if email else (text.index("://") + 3 if "://" in text else 0)
    slash = text.find("/", host_start)
    host_end = slash if slash >= 0 else len(text)
    tld = text[host_start:host_end].rsplit(".", 1)[-1].lower() if "." in text[host_start:host_end] else ""
    words: list[str] = []
    for match in _PART.finditer(text):
        part, lower = match.group(0), match.group(0).lower()
        if part in _SEPARATORS:
            words.append(_SEPARATORS[part])
        elif part.isdigit():
            words.append(digits(part) if email or part.startswith("0") else cardinal(int(part)))
        elif lower in ("http", "https", "www", "ftp", "sftp", "ftps", "ssh", "git", "ws", "wss"):
            words.append(" ".join(part.upper()))
        elif match.end() <= mailbox_end:
            words.append(part)
        elif match.end() == host_end and lower == tld and _spell_tld(tld, email):
            words.append(" ".join(part.upper()))
        elif (len(part) <= 5 and not _VOWEL.search(part)) or _RANDOM.search(part):
            words.append(" ".join(part.upper()))
        elif part.isupper() and 1 < len(part) <= 5:
            words.append(" ".join(part))
        else:
            words.append(part)
    return " ".join(words)


def _handle(name: str) -> str:
    """'@ArvindKejriwal' as written; digits and underscores in a handle are read out."""
    return speak_code(name) if re.search(r"[\d_]", name) else name


def _spell_tld(tld: str, email: bool) -> bool:
    return len(tld) == 2 or (email and tld not in _WORD_TLDS)


CLASSES: list[SpanClass] = [
    SpanClass("url", URL, lambda m: speak_address(m.group(0), email=False), needs(r"://|(?i:www)\.")),
    SpanClass("email", EMAIL, lambda m: speak_address(m.group(0), email=True), "@"),
    SpanClass("url", DOMAIN, lambda m: speak_address(m.group(0), email=False), DOTTED_NAME),
    SpanClass("url", LOOSE_DOMAIN, lambda m: speak_address(m.group(0), email=False), DOTTED_NAME),
    SpanClass("handle", HANDLE, lambda m: "at " + _handle(m.group(0)[1:]), "@"),
]
