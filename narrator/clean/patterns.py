"""Line-shape rules shared by the readers: what a credit, copyright, date or boilerplate
line looks like on news and blog pages in general (not on any one site)."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

_UNSPACED = "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
"""Scripts written without spaces between words (Thai, Lao, Myanmar, Khmer, kana, CJK
ideographs): each character counts as a word, or a whole sentence would count as one."""
WORD = re.compile(rf"[{_UNSPACED}]|[^\W{_UNSPACED}]+(?:['’][^\W{_UNSPACED}]+)*")
WHITESPACE = re.compile(r"\s+")
TERMINAL = re.compile(r"[.!?…:;。！？：；]['\"”’)\]」』）]*$|[\"”’」』]$")
SENTENCE_END = re.compile(r"[.!?…。！？]['\"”’)\]」』）]*$|[\"”’」』]$")

_AGENCIES = (
    r"getty images|associated press|ap photo|\bap\b|reuters|\bafp\b|\bepa\b|shutterstock|alamy"
    r"|bloomberg|\bpool\b|sipa|anadolu|nurphoto|xinhua|tass|sputnik|\bimago\b|dpa|\bzuma\b"
    r"|\bvia\b|photograph|photo(?:s|graph)? by|photo credit|image credit|\bcredit\b|courtesy"
    r"|illustration by|\bimage:|\bphoto:|\bpicture:"
)
CREDIT = re.compile(rf"^/$|{_AGENCIES}", re.IGNORECASE)
COPYRIGHT = re.compile(r"^(©|\(c\)\s|copyright\b)|all rights reserved", re.IGNORECASE)
PLAYER_TIME = re.compile(r"^\d{1,2}:\d{2}(:\d{2})?(\s*/\s*\d{1,2}:\d{2}(:\d{2})?)?$")
SLIDE_COUNTER = re.compile(r"^((image|photo|picture|slide)s?\s+)?\d+\s*(of|/)\s*/?\s*\d+$", re.IGNORECASE)
"""A gallery's counter: 'Image 1 of 8', 'Image 1 of / 8', 'Photo 3/12', '2 of 5'."""
PHONE = re.compile(r"^[\d\s().+|/-]{7,}$")
READ_TIME = re.compile(
    r"^(\d+\s*(min|minute)s?\s*(read|listen)\b|word ?count:?\s*\d+$|reading time:?\s*\d+)", re.IGNORECASE
)
CLOCK = re.compile(r"^\d{1,2}(:\d{2})?\s*[ap]\.?m\.?(\s+[A-Z]{2,4})?$", re.IGNORECASE)
TEASER = re.compile(r"(…|\.\.\.)\s*$")
"""A line cut off with an ellipsis: the teaser of a linked story."""

BOILERPLATE = re.compile(
    r"^(advertisement|advertising|sponsored( content)?|ad|share|share this( article| story| post| page)?:?"
    r"|share (on|via) \w+|\d*click to (share|email|print)\b.*"
    r"|tweet|email|e-mail|print|copy link|link copied|save|save article"
    r"|subscribe\b.*|sign (up|in)\b.*|log ?in|register|menu|search|close"
    r"|(skip|jump) to( main)? (content|navigation|search)"
    r"|read more\b.*|continue reading\b.*|(story|article) continues (below|after|here|on)\b.*"
    r"|listen( to this article)?\b.*"
    r"|(advertisement|ad)\W+(scroll|continue)\b.*|scroll( down)? to (continue|read)\b.*"
    r"|related( articles| stories| posts| content)?:?.*|see also:?.*|follow us\b.*|newsletter\b.*"
    r"|(this|the) (article|story) (is|was) (from|reprinted|republished|updated)\b.*"
    r"|accept( all)?( cookies)?|we use cookies\b.*|back to (top|gallery|article|home|homepage)"
    r"|cookie (settings|policy|preferences)"
    r"|donate\b.*|support (us|our journalism)\b.*|tags?:.*|filed under:?.*|topics?:.*"
    r"|(main|further) (articles?|information|reading):[^.!?]{0,100})$",
    re.IGNORECASE,
)
_SHARE_WORD = (
    r"(?:share|tweet|email|e-mail|print|save|comment|facebook|twitter|linkedin|pinterest|whatsapp"
    r"|reddit|pocket|flipboard|telegram|messenger|sms|copy link)"
)
SHARE_BAR = re.compile(rf"^{_SHARE_WORD}(?:(?:\s*[|•·]\s*|\s+){_SHARE_WORD})+$", re.IGNORECASE)
"""A share bar's buttons printed on one line ('Share Tweet Email', 'Facebook | Twitter').
One way only to split the space between two words: the line is read in linear time."""
ARTICLE_END = re.compile(
    r"^(leave a (reply|comment)"
    r"|((there (are|is)|with|read|view|see) )?\d+\s+(comments?|thoughts|responses|replies)\b.*"
    r"|comments( \(\d+\))?"
    r"|about the authors?|(join|start) the (conversation|discussion)"
    r"|(show|view|see|read|load|hide)( all)? comments( \(\d+\))?)$",
    re.IGNORECASE,
)
"""Lines after which the article is over: comment sections and author boxes."""
LINK_BLOCK = re.compile(
    r"^(more (from|on|in|about|stories|news|like this)\b.*"
    r"|(more )?related( articles| stories| posts| content| coverage| links| reading)?:?"
    r"|you (may|might) also( like| be interested in)?\b.*|recommended( for you| stories)?"
    r"|most (read|popular|viewed|shared)(\s+(in|on|from|at|this|today|now|stories|articles)\b.{0,40})?"
    r"|trending( now| stories)?|what to read next"
    r"|latest (news|stories)|popular( articles| stories| now)?|top stories|editor'?s picks"
    r"|(from )?around the web|read (more|next)\b.*|also (on|in|read)\b.*|sponsored stories"
    r"|promoted stories|see also:?|(next up|up next|watch next)\b.*)$",
    re.IGNORECASE,
)
"""Headers of link lists (related or popular stories): they and the headlines under them
are dropped, but the article may go on after them."""
PROMPT = re.compile(
    r"(please,? )?(subscribe|sign (up|in)|log ?in|register (now|here)"
    r"|click (here|to|on|the (link|button)|below|through)|tap (here|to)"
    r"|follow (us|me) (on|at|@|for)|like us on|join us on|enable (javascript|cookies|notifications|js)"
    r"|turn on (javascript|cookies)|(update|upgrade|switch) (your|to a) (browser|web)"
    r"|(enter|type|provide|fill)\b.{0,30}\b(your|the|a valid|this) (e-?mail|name|form|details)"
    r"|(don'?t|never) miss (out|a thing|an? (story|update|issue|episode)|any (stories|updates|news))"
    r"|be the first to (know|comment|hear|review)"
    r"|stay (up to date|updated|informed|in touch|connected)( with (us|our)\b|[.!:]|$)"
    r"|(download|get) (our|the) app|support (us|our (journalism|work|newsroom|reporting|mission))"
    r"|share this (article|story|post|page|on)|create (an|your) account|notify me|save my"
    r"|get\b.{0,60}\bdelivered to your|read (it|more) here|learn more about our"
    r"|(this|our) (web ?)?site uses|we use cookies"
    r"|by (clicking|choosing|continuing|signing up|subscribing)\b.{0,80}\byou\b"
    r"|by using (this|our) (web ?)?(site|service|app)"
    r"|your (e-?mail( address)? (will|is|has)|privacy (is|matters|choices))"
    r"|your browser (does|doesn'?t|is)"
    r"|for (an|the) (optimal|best) (viewing |browsing )?experience,? "
    r"(please |we recommend |use |enable |update )"
    r"|(you have|you've|you are|you're) (been |now )*(successfully |succesfully )"
    r"(subscribed|signed up|registered)"
    r"|(you're|you are) now (subscribed|signed up|registered)"
    r"|thank(s| you) for (subscribing|signing up|registering)"
    r"|(there was|we had) a problem (with your|signing you|subscribing|loading|processing)"
    r"|(javascript|cookies) (is|are|must be) (required|disabled|needed|turned off)"
    r"|already (a subscriber|have an)|(ie|internet explorer) ?\d* is not supported"
    r"|(all|required) fields are (required|mandatory|marked))\b",
    re.IGNORECASE,
)
"""The shapes of a site's own notices and calls to action, addressed to the reader: an
imperative opening ('Subscribe to ...', 'Click here ...', 'Enable JavaScript ...') or a
notice about the site ('This site uses cookies', 'By clicking ...'). Prose that only
mentions a newsletter, a browser or cookies has none of these shapes."""
PROMPT_LABEL = re.compile(
    r"\b(subscribe|newsletters?|sign up|unsubscribe|cookies?|privacy (policy|notice)|terms of (use|service)"
    r"|activation link|your email|e-?mail address|log ?in|create an account|share this|follow us)\b",
    re.IGNORECASE,
)
"""Vocabulary of sign-up, cookie and legal links; checked only on a short line that is not
a sentence (a link or a button's label, 'Privacy Policy', 'Email Newsletter')."""
PROMPT_WORDS = 25
"""Longest line that may be a notice or call to action of PROMPT's shapes."""
LABEL_WORDS = 15
"""Longest sentence that may be furniture by its first words alone (BOILERPLATE: 'Listen
to this article', 'Follow us on X for updates.'): a longer one is prose."""
_SENTENCE_START = re.compile(r"(?:^|(?<=[.!?])\s+)(?=\S)")
DATE_PREFIX = re.compile(
    r"^(updated|published|posted|last updated|first published|modified)\b[:\s]*(on\s+)?",
    re.IGNORECASE,
)
_MONTH = (
    r"(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t|tember)?"
    r"|oct(ober)?|nov(ember)?|dec(ember)?)\.?"
)
DATE = re.compile(
    rf"(?:\b|(?-i:(?<=[a-z])(?=[A-Z])))({_MONTH}\s+\d{{1,2}}(st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\b\d{{1,2}}(st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4}"
    r"|\b\d{1,2}/\d{1,2}/\d{2}"
    r"(?=,?\s*\d{1,2}:\d{2}\s*(?:[AaPp]\.?[Mm]\.?)?\s*(?-i:[A-Z]{2,4})?[ \t]*(?:\n|$)))",
    re.IGNORECASE,
)
"""A date in any of the forms pages print; a month's name may be run onto the word
before it by a text dump ('Harbour NewsMay 4, 2011'). A two-digit year ('03/07/24')
only on a line that ends with its time ('03/07/24 9:15 AM EST'): alone it may be a fraction
or a score, and with more words after the time it is a programme or a timetable."""
BYLINE = re.compile(
    r"^(?:(written |words |reporting |story |posted )?by:?\s+"
    r"|(?:par|por|von|przez|av)\s+(?=(?-i:[A-ZÀ-ÖØ-ÞŁŚŻŹĆŃ])))"
    r"(?P<names>.+)$",
    re.IGNORECASE,
)
"""'By Greg Myre', and the word for 'by' of French, Spanish and Portuguese, German, Polish
and the Scandinavian languages before a capital ('Par Marie Dupont': the name was read
'By Par Marie Dupont')."""
GLUED_CREDIT = re.compile(
    r"(?:(?<=[\w.)’'\"”])\s?(credit|photo|image|picture|photograph)|(?<=[.!?)’”])\s?(?-i:Source))"
    r":\s(?=.{1,60}$)(?:\S+\s?){1,8}$",
    re.IGNORECASE,
)
"""A credit glued to the end of a caption: '...ate a rabbitCredit: Getty', '... for two
years. Source: Supplied' (a capitalised 'Source:' after a sentence, not 'the source: a
spring'). A credit is a few words (eight at most) at the very end: a line that goes on past it ('... in
the photo: the mayor stood ...', '. Source: the board's report, which also shows ...')
is prose and keeps its words."""
DIGITS = re.compile(r"^[\d\s/.,:+-]+$")
ADDRESS = re.compile(r"^(mailto:)?[\w.+-]+@[\w-]+(\.[\w-]+)+$|^(https?://|www\.)\S+$", re.IGNORECASE)
"""A line that is only an e-mail address or a web address: a contact link, not prose."""


def squash(text: str) -> str:
    """Every run of whitespace made one space, none at the ends."""
    return WHITESPACE.sub(" ", text).strip()


def words(text: str) -> list[str]:
    return WORD.findall(text)


def word_count(text: str) -> int:
    return len(WORD.findall(text))


def is_sentence(text: str) -> bool:
    """Ends like a sentence and has at least a few words."""
    return word_count(text) >= 3 and bool(SENTENCE_END.search(text))


def is_paragraph(text: str) -> bool:
    """Strong evidence of body text: a long line that ends like a sentence."""
    n = word_count(text)
    return (n >= 12 and bool(TERMINAL.search(text))) or n >= 30


def is_credit(text: str) -> bool:
    """A photo credit: an agency or 'via' line, or the lone slash between two credits."""
    return (
        word_count(text) <= 12
        and not SENTENCE_END.search(text.rstrip(")"))
        and bool(CREDIT.search(text))
        or text == "/"
    )


def is_upper_name(text: str) -> bool:
    """An all-caps short line such as a photographer's name printed beside a credit."""
    letters = [c for c in text if c.isalpha()]
    return 0 < word_count(text) <= 5 and bool(letters) and all(c.isupper() for c in letters)


def is_dateline(text: str) -> bool:
    """A line that is a date or timestamp, maybe after 'Updated' / 'Published'."""
    rest = DATE_PREFIX.sub("", text)
    match = DATE.search(rest)
    return bool(match) and word_count(text) <= 20 and not SENTENCE_END.search(text.rstrip("."))


def is_noise(text: str) -> bool:
    """Lines that are never spoken anywhere on a page: furniture, a short notice or call to
    action (in a text dump, where nothing else marks them), and a short label that links
    to a sign-up or legal page. A line that starts in lower case goes on with a sentence
    wrapped from the line before (or is code): prose, not a prompt."""
    return is_furniture(text) or (
        not text[:1].islower()
        and (
            is_prompt(text)
            or (word_count(text) <= 8 and not TERMINAL.search(text) and bool(PROMPT_LABEL.search(text)))
        )
    )


def is_prompt(text: str) -> bool:
    """A short line with a sentence shaped as a notice or a call to action (PROMPT)."""
    return word_count(text) <= PROMPT_WORDS and any(
        PROMPT.match(text, m.end()) for m in _SENTENCE_START.finditer(text)
    )


def is_furniture(text: str) -> bool:
    """Lines whose whole shape is page furniture: a button label, a copyright notice, a
    player's clock, a phone number. An extractor that has already removed the page's
    boilerplate (trafilatura) needs only this check: a sentence that mentions a browser
    or a newsletter may be the article's."""
    return bool(
        (COPYRIGHT.search(text) and word_count(text) <= 30)
        or PLAYER_TIME.match(text)
        or PHONE.match(text)
        or DIGITS.match(text)
        or ADDRESS.match(text.strip())
        or not any(c.isalnum() for c in text)
        or CLOCK.match(text)
        or READ_TIME.match(text)
        or SLIDE_COUNTER.match(text)
        or (BOILERPLATE.match(text.strip(" :|•·›»")) and not _long_sentence(text))
        or SHARE_BAR.match(text.strip())
    )


def _long_sentence(text: str) -> bool:
    """A sentence longer than a button's label or a prompt: 'Listen to the river at dawn,
    the warden said, ...' opens like a 'Listen' button but is prose."""
    return word_count(text) > LABEL_WORDS and bool(SENTENCE_END.search(text))


def similar(a: str, b: str) -> float:
    """Word-level similarity in [0, 1]; a caption printed twice scores above 0.8."""
    wa, wb = words(a.lower()), words(b.lower())
    if not wa or not wb:
        return 0.0
    return SequenceMatcher(None, wa, wb, autojunk=False).ratio()


STOPWORDS = frozenset(
    "this that with from have there their they them then than these those what when where which while"
    " will would could should your yours about after before more most some such only also into over"
    " time been were just like here very much many every other".split()
)
"""Words every text shares: they say nothing about whether a line names the article."""


def content_words(text: str) -> list[str]:
    """Lowercased words of four letters or more, common function words left out."""
    return [w for w in (w.lower() for w in words(text)) if len(w) > 3 and w not in STOPWORDS]


def as_sentence(text: str) -> str:
    """`text` ending as a sentence: a full stop added where no mark ends it (a list item, a
    table's row, a standfirst), so that it is read with a sentence's pause after it."""
    return text if TERMINAL.search(text) else text + "."
