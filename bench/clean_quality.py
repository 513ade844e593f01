"""Score the cleaner against the true article text of both dev sources, with trafilatura
alone beside it, and its metadata against the pages' own.

Sources: ../shared/bench/articles/ (ScrapingHub benchmark pages; truth without
headline, byline or captions) and ../shared/bench/readability/ (Mozilla Readability's
test pages; truth keeps captions and in-article headings, and <name>.meta.json gives the
expected title, byline and publication time). Each page is read as .html and as its
browser text dump .txt.

Text score: the benchmark's own metric. \\w+ tokens, case kept, a bag of 4-token
shingles with counts; precision and recall per page, averaged over pages; F1 the
harmonic mean of the two averages. From narrator's JSON the headings, paragraphs and
quotes are kept (and captions, for the source whose truth has them). trafilatura alone
on the same files is the baseline (a text dump is given to it as one <p> a line).

Metadata agreement (ScrapingHub pages, which give no expected metadata): the text
dump's title, byline and date against what narrator reads from the same page's HTML,
with the same checks.

Metadata (Readability pages), as issue 15 defines it:
- title: normalised words equal, or one contains the other and has at least 80% of
  its words;
- byline: every name token of an expected *person* byline is in narrator's byline
  (pages whose expected byline names no person are not counted);
- date: the same calendar day as publishedTime (pages without one are not counted).

    python bench/clean_quality.py [--jobs N] [--cli] [--pages] [--source NAME]

By default each page is cleaned in this process with the function `narrator clean`
calls (`clean(path)` then `Article.to_json()`); `--cli` runs the real command per page
instead (slower; the figures are the same).
"""

from __future__ import annotations

import argparse
import functools
import html
import json
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import trafilatura

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "bench"
SOURCES = {"articles": BENCH / "articles", "readability": BENCH / "readability"}
CAPTIONS_IN_TRUTH = {"articles": False, "readability": True}
"""Whether the source's truth keeps captions (Readability's does, ScrapingHub's not)."""
TOKEN = re.compile(r"\w+")
NAME_TOKEN = re.compile(r"[^\W\d_]+")
NOT_A_PERSON = re.compile(
    r"\b(contributors?|organi[sz]ation|projects?|updated|follow|author|staff|team|news|editors?|works)\b",
    re.IGNORECASE,
)
"""Words that make an expected byline a label or an organisation, not a person's name."""


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = TOKEN.findall(text)
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def score(predicted: str, truth: str) -> Score:
    pred, true = shingles(predicted), shingles(truth)
    overlap = sum((pred & true).values())
    precision = overlap / sum(pred.values()) if pred else 0.0
    recall = overlap / sum(true.values()) if true else 0.0
    return Score(precision, recall)


def mean_f1(scores: list[Score]) -> tuple[float, float, float]:
    p = sum(s.precision for s in scores) / len(scores)
    r = sum(s.recall for s in scores) / len(scores)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def clean_in_process(path: Path, keep_references: bool = False) -> dict[str, Any] | None:
    """What `narrator clean --format json` prints, computed here; None when it refuses."""
    from narrator.clean import CleanOptions, clean
    from narrator.errors import NarratorError

    try:
        return clean(path, CleanOptions(keep_references=keep_references)).to_json()
    except NarratorError:
        return None


def clean_by_command(path: Path, keep_references: bool = False) -> dict[str, Any] | None:
    """The real command; None when it exits non-zero."""
    extra = ["--keep-references"] if keep_references else []
    result = subprocess.run(
        [sys.executable, "-m", "narrator", "clean", str(path), "--format", "json", *extra],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    return json.loads(result.stdout) if result.returncode == 0 else None


def body(article: dict[str, Any] | None, captions: bool) -> str:
    """Headings, paragraphs and quotes (and captions when the truth has them)."""
    if article is None:
        return ""
    kinds = ("paragraph", "quote", "caption") if captions else ("paragraph", "quote")
    parts = []
    for section in article["sections"]:
        if section["heading"]:
            parts.append(section["heading"])
        parts += [b["text"] for b in section["blocks"] if b["kind"] in kinds]
    return "\n".join(parts)


def trafilatura_body(path: Path) -> str:
    """trafilatura alone; a text dump is given to it as one <p> a line."""
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".txt":
        lines = "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip())
        text = f"<html><body>{lines}</body></html>"
    return trafilatura.extract(text) or ""


def words(text: str | None) -> list[str]:
    return [w.lower() for w in TOKEN.findall(text or "")]


def title_ok(got: str | None, expected: str) -> bool:
    """Equal words, or one contains the other and has at least 80% of its words."""
    a, b = words(got), words(expected)
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    contained = any(long_[i : i + len(short)] == short for i in range(len(long_) - len(short) + 1))
    return contained and len(short) >= 0.8 * len(long_)


def person_names(byline: str | None) -> list[list[str]]:
    """The people an expected byline names, each as its name tokens ('By X, MA' -> [[x]])."""
    if not byline:
        return []
    first = byline.strip().splitlines()[0]
    first = re.sub(r"^\s*(written\s+)?by\b:?", "", first, flags=re.IGNORECASE)
    first = re.split(r"\d", first)[0]  # a date glued on: 'Lucas Nolan22 Dec 2016'
    people = []
    for chunk in re.split(r",|;|\band\b|&", first):
        tokens = NAME_TOKEN.findall(chunk)
        if len(tokens) >= 2 and not NOT_A_PERSON.search(chunk):
            people.append([t.lower() for t in tokens])
    return people


def byline_ok(got: list[str], people: list[list[str]]) -> bool:
    have = {t.lower() for name in got for t in NAME_TOKEN.findall(name)}
    return all(t in have for person in people for t in person)


def date_ok(got: str | None, expected: str) -> bool:
    return bool(got) and str(got)[:10] == expected[:10]


@dataclass
class Page:
    source: str
    name: str
    scores: dict[str, Score]
    meta: dict[str, Any]


def run_page(source: str, folder: Path, name: str, cleaner: Callable[[Path], dict[str, Any] | None]) -> Page:
    truth = (folder / f"{name}.truth.txt").read_text(encoding="utf-8")
    scores: dict[str, Score] = {}
    meta: dict[str, Any] = {}
    for kind in ("html", "txt"):
        path = folder / f"{name}.{kind}"
        article = cleaner(path)
        scores[f"narrator {kind}"] = score(body(article, CAPTIONS_IN_TRUTH[source]), truth)
        scores[f"trafilatura {kind}"] = score(trafilatura_body(path), truth)
        meta[kind] = article and {k: article[k] for k in ("title", "byline", "published")}
        meta[f"refused {kind}"] = article is None
    return Page(source, name, scores, meta)


def metadata_table(pages: list[Page], folder: Path, show: bool) -> None:
    counts = Counter[str]()
    for page in pages:
        expected = json.loads((folder / f"{page.name}.meta.json").read_text(encoding="utf-8"))
        people = person_names(expected.get("byline"))
        for kind in ("html", "txt"):
            got = page.meta[kind] or {"title": None, "byline": [], "published": None}
            checks = {f"title {kind}": title_ok(got["title"], expected["title"])}
            if people:
                checks[f"byline {kind}"] = byline_ok(got["byline"], people)
            if expected.get("publishedTime"):
                checks[f"date {kind}"] = date_ok(got["published"], expected["publishedTime"])
            for check, ok in checks.items():
                counts[check + " n"] += 1
                counts[check] += ok
                if show and not ok:
                    field = check.split()[0]
                    want = {
                        "title": expected["title"],
                        "byline": people,
                        "date": expected.get("publishedTime"),
                    }
                    have = {"title": got["title"], "byline": got["byline"], "date": got["published"]}
                    print(
                        f"  miss {check:12} {page.name:26} want {want[field]!r:.70} got {have[field]!r:.70}"
                    )
    print()
    print("metadata (readability)   " + "  ".join(f"{c:>14}" for c in ("html", "txt")))
    for field in ("title", "byline", "date"):
        cells = []
        for kind in ("html", "txt"):
            n, ok = counts[f"{field} {kind} n"], counts[f"{field} {kind}"]
            cells.append(f"{ok / n:.3f} ({ok}/{n})" if n else "-")
        print(f"  {field:22} " + "  ".join(f"{c:>14}" for c in cells))


def agreement_table(pages: list[Page], show: bool) -> None:
    """For a source without expected metadata: how often the text dump's title, byline
    and date agree with what narrator reads from the same page's HTML (the HTML reader
    uses the page's own markup, so it stands in for the truth; a second, independent
    check of the text-dump rules, which were tuned on the other source)."""
    counts = Counter[str]()
    for page in pages:
        html_meta, txt_meta = (
            page.meta["html"],
            page.meta["txt"] or {"title": None, "byline": [], "published": None},
        )
        if not html_meta:
            continue
        checks = {"title": title_ok(txt_meta["title"], html_meta["title"])}
        if html_meta["byline"]:
            people = [[t.lower() for t in NAME_TOKEN.findall(name)] for name in html_meta["byline"]]
            checks["byline"] = byline_ok(txt_meta["byline"], people)
        if html_meta["published"]:
            checks["date"] = date_ok(txt_meta["published"], str(html_meta["published"]))
        for check, ok in checks.items():
            counts[check + " n"] += 1
            counts[check] += ok
            if show and not ok:
                key = {"title": "title", "byline": "byline", "date": "published"}[check]
                print(
                    f"  differ {check:7} {page.name[:26]:26} "
                    f"html {html_meta[key]!r:.60} txt {txt_meta[key]!r:.60}"
                )
    print()
    print("metadata (articles): .txt agreeing with the page's .html")
    for field in ("title", "byline", "date"):
        n, ok = counts[f"{field} n"], counts[field]
        print(f"  {field:22} " + (f"{ok / n:.3f} ({ok}/{n})" if n else "-"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--cli", action="store_true", help="Run the real `narrator clean` command per page.")
    parser.add_argument("--pages", action="store_true", help="Print each page's scores and metadata misses.")
    parser.add_argument("--source", choices=list(SOURCES), action="append", help="Only this source.")
    parser.add_argument(
        "--keep-references",
        action="store_true",
        help="Clean with --keep-references (Readability's truth keeps reference sections).",
    )
    args = parser.parse_args()
    command = clean_by_command if args.cli else clean_in_process
    cleaner = functools.partial(command, keep_references=args.keep_references)
    summary = []
    for source in args.source or list(SOURCES):
        folder = SOURCES[source]
        if not folder.is_dir():
            sys.exit(f"{folder} not found")
        names = sorted(p.name[: -len(".truth.txt")] for p in folder.glob("*.truth.txt"))
        with ThreadPoolExecutor(args.jobs if args.cli else 1) as pool:
            pages = list(pool.map(lambda n, s=source, f=folder: run_page(s, f, n, cleaner), names))
        if args.pages:
            columns = ["narrator html", "trafilatura html", "narrator txt", "trafilatura txt"]
            print(f"{source:26} " + " ".join(f"{c:>18}" for c in columns))
            for page in pages:
                cells = [
                    f"{page.scores[c].precision:.2f} {page.scores[c].recall:.2f} {page.scores[c].f1:.2f}"
                    for c in columns
                ]
                print(f"{page.name[:26]:26} " + " ".join(f"{c:>18}" for c in cells))
        refused = sum(page.meta["refused html"] + page.meta["refused txt"] for page in pages)
        for kind in ("txt", "html"):
            mine = mean_f1([page.scores[f"narrator {kind}"] for page in pages])
            theirs = mean_f1([page.scores[f"trafilatura {kind}"] for page in pages])
            summary.append((source, kind, len(pages), mine, theirs))
        if source == "readability":
            metadata_table(pages, folder, args.pages)
        else:
            agreement_table(pages, args.pages)
        print(f"{source}: {refused} of {2 * len(pages)} inputs refused")
    print()
    heads = f"{'narrator P / R / F1':>22}   {'trafilatura P / R / F1':>22}"
    print(f"{'source':12} {'input':5} {'pages':>5}   {heads}")
    for source, kind, n, (p, r, f), (tp, tr, tf) in summary:
        print(f"{source:12} {kind:5} {n:5}   {p:.3f} / {r:.3f} / {f:.3f}    {tp:.3f} / {tr:.3f} / {tf:.3f}")


if __name__ == "__main__":
    main()
