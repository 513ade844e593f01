"""The cleaner on the seed page (exactly as issue 2 requires) and on our own dumps."""

from __future__ import annotations

import calendar
import json
import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from dateutil import parser as dateparser
from hypothesis import given, settings
from hypothesis import strategies as st

from narrator.clean import clean
from narrator.clean.dates import _ZONES, parse_dateline
from narrator.clean.patterns import BYLINE, DATE, DATE_PREFIX
from narrator.clean.structure import BYLINE_CHARS, parse_byline, parse_publisher
from narrator.errors import InputError
from tests.conftest import FIXTURES


def _line(path: Path, number: int) -> str:
    """Line `number` (1-based) of `path`, whitespace collapsed as the cleaner does."""
    return re.sub(r"\s+", " ", path.read_text(encoding="utf-8").splitlines()[number - 1]).strip()


def _longer(a: str, b: str) -> str:
    return max(a, b, key=lambda t: (len(t.split()), len(t)))


class TestSeedPage:
    """../shared/seeds/npr-kherson-page-dump.txt, by line number so no article text is copied."""

    @pytest.fixture
    def article(self, seed: Path) -> dict:
        return clean(seed).to_json()

    def test_metadata(self, article: dict) -> None:
        assert article["title"] == (
            "Russia retreats from Kherson. Why is the U.S. nudging Ukraine on peace talks?"
        )
        assert article["byline"] == ["Greg Myre", "Tom Bowman"]
        assert article["published"] == "2022-11-11T08:18:00-05:00"
        assert article["publisher"] == "NPR"
        assert article["language"] == "en"

    def test_sections_blocks_and_captions_exactly(self, article: dict, seed: Path) -> None:
        L = lambda n: _line(seed, n)  # noqa: E731
        para = lambda *ns: [{"kind": "paragraph", "text": L(n)} for n in ns]  # noqa: E731
        caption = lambda a, b: [{"kind": "caption", "text": _longer(L(a), L(b))}]  # noqa: E731
        expected = [
            {
                "heading": None,
                "level": 2,
                "blocks": caption(16, 20)
                + para(*range(24, 51, 2))
                + caption(52, 56)
                + para(*range(58, 67, 2)),
            },
            {"heading": "The significance of Kherson", "level": 2, "blocks": para(*range(70, 83, 2))},
            {"heading": "Ukraine's cautious reaction", "level": 2, "blocks": para(*range(86, 97, 2))},
        ]
        assert article["sections"] == expected

    def test_nothing_of_the_page_furniture_is_kept(self, article: dict) -> None:
        spoken = json.dumps(article)
        for furniture in (
            "Play Live Radio",
            "Next Up",
            "0:00",
            "Available On Air",
            "BULENT KILIC",
            "Getty Images",
            "Updated",
            "Copyright",
            "541.552",
            "Siskiyou",
            "correspondent with a focus",
            "Pentagon",
        ):
            assert furniture not in spoken, furniture


class TestOwnDumps:
    def test_newspaper_with_ads_and_share_bars(self) -> None:
        article = clean(FIXTURES / "dump_newspaper_with_ads.txt")
        assert article.title == "River town votes to rebuild its 1920s bridge after a year of debate"
        assert article.byline == ("Martin Okafor", "Lena Sorensen")
        assert article.published == datetime(2025, 3, 3, 18, 45, tzinfo=ZoneInfo("UTC"))
        assert article.publisher == "The Harbour Ledger"
        assert [s.heading for s in article.sections] == [None, "Why the bridge matters", "What happens next"]
        kinds = [b.kind for b in article.sections[0].blocks]
        assert kinds == ["paragraph", "caption", "paragraph", "paragraph", "paragraph"]
        text = json.dumps(article.to_json())
        for furniture in (
            "Advertisement",
            "Share this article",
            "Photograph:",
            "More from",
            "Library opening",
            "Subscribe",
            "All rights reserved",
            "Privacy",
        ):
            assert furniture not in text, furniture

    def test_blog_with_comments(self) -> None:
        article = clean(FIXTURES / "dump_blog_with_comments.txt")
        assert article.title == "How I brought my grandmother's 1952 sewing machine back to life"
        assert article.byline == ("Jane Ellison",)
        assert article.published is not None and article.published.date().isoformat() == "2024-03-03"
        assert [s.heading for s in article.sections] == [
            None,
            "What was actually wrong",
            "The motor and the belt",
        ]
        assert sum(len(s.blocks) for s in article.sections) == 7
        text = json.dumps(article.to_json())
        for furniture in (
            "Margaret",
            "Reply",
            "Share this",
            "Advertisement",
            "min read",
            "Related",
            "Why I stopped",
            "Skip to content",
            "powered by",
        ):
            assert furniture not in text, furniture


_MONTH_NAMES = tuple(calendar.month_name)[1:]
_MONTH_WORDS = st.sampled_from(_MONTH_NAMES).flatmap(
    lambda m: st.sampled_from([m, m[:3], m[:3] + ".", m.lower(), m[:4] + "." if m == "September" else m])
)
_DAY = st.integers(0, 32).flatmap(lambda d: st.sampled_from([str(d), f"{d}th", f"{d}st", f"{d:02d}"]))
_YEAR = st.integers(1990, 2040).map(str)
_DATES = st.one_of(
    st.tuples(_MONTH_WORDS, _DAY, st.sampled_from([", ", " "]), _YEAR).map(
        lambda t: f"{t[0]} {t[1]}{t[2]}{t[3]}"
    ),
    st.tuples(_DAY, _MONTH_WORDS, st.sampled_from([", ", " "]), _YEAR).map(
        lambda t: f"{t[0]} {t[1]}{t[2]}{t[3]}"
    ),
    st.tuples(_YEAR, st.integers(0, 13), st.integers(0, 32)).map(lambda t: f"{t[0]}-{t[1]:02d}-{t[2]:02d}"),
    st.tuples(st.integers(1, 31), st.integers(1, 31), _YEAR).map(lambda t: f"{t[0]}/{t[1]}/{t[2]}"),
)
_TIMES = st.one_of(
    st.just(""),
    st.tuples(
        st.sampled_from([" ", " at ", ", "]),
        st.integers(0, 25),
        st.sampled_from(["", ":00", ":18", ":59"]),
        st.sampled_from(["", " AM", " PM", " a.m.", " p.m.", "pm", " am"]),
        st.sampled_from(["", " ET", " PT", " GMT", " CEST", " XYZ"]),
    ).map(lambda t: "".join(str(x) for x in t)),
)
_DATELINES = st.tuples(st.sampled_from(["", "Updated ", "Published on ", "Posted: "]), _DATES, _TIMES).map(
    "".join
)


def _read_by_dateutil(text: str) -> datetime | None:
    """How date lines were read before: the matched date and time by dateutil's parser."""
    rest = DATE_PREFIX.sub("", text.strip())
    date = DATE.search(rest)
    if not date:
        return None
    time = re.search(
        r"\b\d{1,2}(:\d{2})?\s*([ap]\.?m\.?)(\s+[A-Z]{1,4}\b)?|\b\d{1,2}:\d{2}(\s+[A-Z]{1,4}\b)?",
        rest[date.end() :],
        re.IGNORECASE,
    )
    candidate = date.group(0) + (" " + time.group(0) if time else "")
    candidate = re.sub(r"([ap])\.m\.?", r"\1m", candidate, flags=re.IGNORECASE)
    last = candidate.rsplit(" ", 1)[-1]
    zone = _ZONES.get(last.upper()) if last.isupper() else None
    if zone is not None:
        candidate = candidate[: candidate.rfind(" ")]
    try:
        parsed = dateparser.parse(candidate, fuzzy=True)
    except (ValueError, OverflowError):
        return None
    return parsed.replace(tzinfo=ZoneInfo(zone)) if zone is not None else parsed


class TestMetadataRules:
    @pytest.mark.parametrize(
        ("line", "iso"),
        [
            ("Updated November 11, 2022 at 8:18 AM ET", "2022-11-11T08:18:00-05:00"),
            ("Published July 4, 2023 10:30 a.m. PT", "2023-07-04T10:30:00-07:00"),
            ("March 3, 2025 6:45 p.m. GMT", "2025-03-03T18:45:00+00:00"),
            ("11 Nov 2022", "2022-11-11T00:00:00"),
        ],
    )
    def test_datelines(self, line: str, iso: str) -> None:
        parsed = parse_dateline(line)
        assert parsed is not None and parsed.isoformat() == iso

    @pytest.mark.filterwarnings("ignore::dateutil.parser.UnknownTimezoneWarning")  # " XYZ"
    @settings(max_examples=400, deadline=None)
    @given(st.data())
    def test_datelines_read_as_dateutil_reads_them(self, data: st.DataObject) -> None:
        """Every shape of date line our patterns match, read as dateutil's parser (which
        read them before) reads the same date and time."""
        line = data.draw(_DATELINES)
        assert parse_dateline(line) == _read_by_dateutil(line), line

    def test_bylines_are_names_only(self) -> None:
        assert parse_byline("Greg Myre and Tom Bowman") == ("Greg Myre", "Tom Bowman")
        assert parse_byline("Ana Ruiz, Staff Writer") == ("Ana Ruiz",)
        assert parse_byline("Ana Ruiz, Bo Li & Kim Ode") == ("Ana Ruiz", "Bo Li", "Kim Ode")

    def test_the_word_for_by_in_other_languages_is_no_name(self) -> None:
        """'Par Marie Dupont' was read 'By Par Marie Dupont'."""
        assert parse_byline("Par Marie Dupont") == ("Marie Dupont",)
        assert parse_byline("Por Carlos García") == ("Carlos García",)
        assert parse_byline("Von Hans Müller") == ("Hans Müller",)
        assert parse_byline("Av Ola Nordmann") == ("Ola Nordmann",)
        assert not BYLINE.match("par for the course, the ferry was late")

    def test_a_paragraph_is_no_byline_however_it_starts(self) -> None:
        """A line longer than any list of authors is not searched for names (a 5 MB line of
        a fuzzed text dump spent six seconds in the byline's patterns)."""
        five = "By Ana Ruiz, Staff Writer; Bo Li, Kim Ode, Tom Bowman and Greg Myre, Correspondents"
        assert len(parse_byline(five)) == 5
        paragraph = "By Ana Ruiz and Bo Li, " + "the ferry sailed again after weeks of repairs, " * 12
        assert len(paragraph) > BYLINE_CHARS and parse_byline(paragraph) == ()

    def test_publisher_from_copyright(self) -> None:
        assert parse_publisher("Copyright 2022 NPR. To see more, visit https://www.npr.org.") == "NPR"
        assert parse_publisher("© 2025 The Harbour Ledger. All rights reserved.") == "The Harbour Ledger"


class TestBadInput:
    def test_missing(self, tmp_path: Path) -> None:
        with pytest.raises(InputError, match="no file"):
            clean(tmp_path / "nope.txt")

    def test_empty(self, tmp_path: Path) -> None:
        (tmp_path / "empty.txt").write_text("  \n\n")
        with pytest.raises(InputError, match="empty"):
            clean(tmp_path / "empty.txt")

    def test_binary(self, tmp_path: Path) -> None:
        (tmp_path / "x.txt").write_bytes(bytes(range(256)) * 10)
        with pytest.raises(InputError, match="binary"):
            clean(tmp_path / "x.txt")

    def test_no_article(self, tmp_path: Path) -> None:
        (tmp_path / "menu.txt").write_text("Home\nNews\nSport\nWeather\nContact us\n© 2024 Example\n")
        with pytest.raises(InputError, match="No article"):
            clean(tmp_path / "menu.txt")

    def test_latin1_is_read(self, tmp_path: Path) -> None:
        text = (FIXTURES / "dump_newspaper_with_ads.txt").read_text().replace("Sorensen", "Sørensen")
        (tmp_path / "latin1.txt").write_bytes(text.encode("latin-1", errors="replace"))
        assert clean(tmp_path / "latin1.txt").byline == ("Martin Okafor", "Lena Sørensen")


JAPANESE_BODY = (
    "市議会は火曜日に港の予算を承認した。工事は十八か月続く。市長は「大きな一歩だ」と述べた。\n\n"
    "住民の多くはこの決定を歓迎している。来年の春には新しい岸壁が完成する予定だ。\n"
)


@pytest.mark.parametrize(
    "name, text",
    [
        ("a.md", f"---\ntitle: 港の予算\nlang: ja\n---\n\n{JAPANESE_BODY}"),
        ("a.md", f"# 港の予算\n\n{JAPANESE_BODY}"),
        ("a.txt", f"港の予算\n\n{JAPANESE_BODY}"),
    ],
    ids=["front-matter", "heading", "text-dump"],
)
def test_a_language_written_without_spaces_is_article_text(tmp_path: Path, name: str, text: str) -> None:
    """Japanese puts no spaces between words: its sentences are counted by characters
    and end in '。', so they are prose, not a one-word label."""
    doc = tmp_path / name
    doc.write_text(text, encoding="utf-8")
    article = clean(doc)
    assert article.title == "港の予算"
    assert [b.text for s in article.sections for b in s.blocks] == JAPANESE_BODY.strip().split("\n\n")
