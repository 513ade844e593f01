"""Score `narrator clean --format json` against the dev pages' true article text.

For every page of ../shared/bench/articles/ (each as <id>.html and as a browser text
dump <id>.txt, with the true body <id>.truth.txt) this runs the real command, keeps the
headings, paragraphs and quotes of its JSON (the truth has no title, byline or
captions) and scores them with the benchmark's own metric: \\w+ tokens, case kept, a bag
of 4-token shingles with counts; precision and recall per page, averaged over pages;
F1 the harmonic mean of the two averages. trafilatura alone on the same files, in the
same run, is the baseline.

    python bench/clean_quality.py [--articles DIR] [--jobs N]
"""

from __future__ import annotations

import argparse
import html
import json
import re
import subprocess
import sys
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import trafilatura

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_ARTICLES = ROOT.parent / "shared" / "bench" / "articles"
TOKEN = re.compile(r"\w+")


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = TOKEN.findall(text)
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def score(predicted: str, truth: str) -> Score:
    pred, true = shingles(predicted), shingles(truth)
    overlap = sum((pred & true).values())
    precision = overlap / sum(pred.values()) if pred else 0.0
    recall = overlap / sum(true.values()) if true else 0.0
    return Score(precision, recall)


def f1(scores: list[Score]) -> tuple[float, float, float]:
    p = sum(s.precision for s in scores) / len(scores)
    r = sum(s.recall for s in scores) / len(scores)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def narrator_body(path: Path) -> str:
    """Headings, paragraphs and quotes of `narrator clean --format json`."""
    result = subprocess.run(
        [sys.executable, "-m", "narrator", "clean", str(path), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    if result.returncode != 0:
        return ""
    article = json.loads(result.stdout)
    parts = []
    for section in article["sections"]:
        if section["heading"]:
            parts.append(section["heading"])
        parts += [b["text"] for b in section["blocks"] if b["kind"] in ("paragraph", "quote")]
    return "\n".join(parts)


def trafilatura_body(path: Path) -> str:
    """trafilatura alone; a text dump is given to it as one <p> a line (0.762 on the dev set)."""
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".txt":
        lines = "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip())
        text = f"<html><body>{lines}</body></html>"
    return trafilatura.extract(text) or ""


def five_line_rule(path: Path) -> str:
    """The anchor to beat on dumps: keep lines of 12+ words that end in punctuation."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return "\n".join(line for line in lines if len(line.split()) >= 12 and line.rstrip()[-1:] in ".!?\"'”’")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=Path, default=DEFAULT_ARTICLES)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    ids = sorted(p.name[: -len(".truth.txt")] for p in args.articles.glob("*.truth.txt"))
    rows: dict[str, dict[str, Score]] = {i: {} for i in ids}

    def run(page: str) -> None:
        truth = (args.articles / f"{page}.truth.txt").read_text(encoding="utf-8")
        for kind in ("html", "txt"):
            source = args.articles / f"{page}.{kind}"
            rows[page][f"narrator {kind}"] = score(narrator_body(source), truth)
            rows[page][f"trafilatura {kind}"] = score(trafilatura_body(source), truth)
        rows[page]["five-line rule txt"] = score(five_line_rule(args.articles / f"{page}.txt"), truth)

    with ThreadPoolExecutor(args.jobs) as pool:
        list(pool.map(run, ids))

    columns = ["narrator html", "trafilatura html", "narrator txt", "trafilatura txt"]
    print(f"{'page':10} " + " ".join(f"{c:>22}" for c in columns))
    print(f"{'':10} " + " ".join(f"{'P     R     F1':>22}" for _ in columns))
    for page in ids:
        cells = []
        for c in columns:
            s = rows[page][c]
            f = 2 * s.precision * s.recall / (s.precision + s.recall) if s.precision + s.recall else 0.0
            cells.append(f"{s.precision:5.3f} {s.recall:5.3f} {f:5.3f}")
        print(f"{page[:10]:10} " + " ".join(f"{c:>22}" for c in cells))
    print()
    for c in [*columns, "five-line rule txt"]:
        p, r, f = f1([rows[page][c] for page in ids])
        print(f"mean {c:18} P {p:.3f}  R {r:.3f}  F1 {f:.3f}   ({len(ids)} pages)")


if __name__ == "__main__":
    main()
