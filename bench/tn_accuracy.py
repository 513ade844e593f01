"""Text-normalisation accuracy of `narrator speakable --lines` on ../shared/bench/tn/.

Each <class>.txt holds `written~spoken` pairs (NVIDIA NeMo's English test cases). Both
sides are canonicalised as ../shared/bench/README.md says: upper-case words of 2-5
letters spelled as letters, lower-cased, apostrophes dropped, hyphens and punctuation
as spaces. Prints exact-match accuracy per class and overall, the word error rate, the
failures, and sentences per second of the normaliser in this process on one core.

    python bench/tn_accuracy.py [--tn DIR]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_TN = ROOT.parent / "shared" / "bench" / "tn"


def canonical(text: str) -> str:
    text = re.sub(r"\b[A-Z]{2,5}\b", lambda m: " ".join(m.group(0)), text)
    text = text.lower().replace("'", "").replace("’", "")
    text = re.sub(r"[^\w\s]|_", " ", text)
    return " ".join(text.split())


def without_and(text: str) -> str:
    """The canonical form with the 'and' after hundreds and thousands dropped: the source
    says 'one hundred and twenty three' in some cases and 'one hundred twenty three' in
    others, so the scoring also counts that 'and' as optional."""
    return re.sub(r"\b(hundred|thousand|million|billion) and\b", r"\1", text)


def word_errors(hyp: list[str], ref: list[str]) -> int:
    """Levenshtein distance over words."""
    previous = list(range(len(ref) + 1))
    for i, h in enumerate(hyp, 1):
        current = [i]
        for j, r in enumerate(ref, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (h != r)))
        previous = current
    return previous[-1]


def load(tn: Path) -> list[tuple[str, str, str]]:
    cases = []
    for path in sorted(tn.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if "~" in line:
                written, spoken = line.split("~", 1)
                cases.append((path.stem, written, spoken))
    return cases


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tn", type=Path, default=DEFAULT_TN)
    args = parser.parse_args()
    cases = load(args.tn)
    result = subprocess.run(
        [sys.executable, "-m", "narrator", "speakable", "--lines"],
        input="\n".join(w for _, w, _ in cases) + "\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    outputs = result.stdout.split("\n")[: len(cases)]
    per_class: dict[str, list[bool]] = {}
    loose = 0
    errors = words = 0
    failures = []
    for (cls, written, spoken), got in zip(cases, outputs, strict=True):
        ok = canonical(got) == canonical(spoken)
        loose += without_and(canonical(got)) == without_and(canonical(spoken))
        per_class.setdefault(cls, []).append(ok)
        errors += word_errors(canonical(got).split(), canonical(spoken).split())
        words += len(canonical(spoken).split())
        if not ok:
            failures.append((cls, written, got, spoken))
    print(f"{'class':12} {'cases':>5} {'accuracy':>9}")
    for cls, oks in sorted(per_class.items()):
        print(f"{cls:12} {len(oks):5d} {sum(oks) / len(oks):9.1%}")
    total = sum(sum(oks) for oks in per_class.values())
    print(f"{'overall':12} {len(cases):5d} {total / len(cases):9.1%}   WER {errors / max(1, words):.1%}")
    print(f"{'and optional':12} {len(cases):5d} {loose / len(cases):9.1%}")
    print("\nfailures (class | written | narrator | expected):")
    for cls, written, got, spoken in failures:
        print(f"  {cls} | {written} | {got} | {spoken}")
    print(f"\nspeed: {sentences_per_second():,.0f} sentences per second (normalise(), one core, CPU time)")


def sentences_per_second() -> float:
    """Normalise real article sentences (the dev dumps) repeatedly for about two seconds of
    this process's CPU time, with normalise()'s memo bypassed: each call does the work, as
    for a new sentence. CPU time, not wall time, so that other work on a shared machine
    does not count against one core's rate."""
    sys.path.insert(0, str(ROOT))
    from narrator.speakable.normalise import _normalise as memoised

    def normalise(sentence: str) -> str:
        return memoised.__wrapped__(sentence, "en")

    from narrator.speakable.sentences import split_sentences

    text = " ".join(
        p.read_text(encoding="utf-8") for p in sorted((DEFAULT_TN.parent / "articles").glob("*.truth.txt"))
    )
    sentences = split_sentences(" ".join(text.split()))[:2000]
    done, start = 0, time.process_time()
    while time.process_time() - start < 2.0:
        for sentence in sentences:
            normalise(sentence)
        done += len(sentences)
    return done / (time.process_time() - start)


if __name__ == "__main__":
    main()
