"""What a listener would still hear wrong in real article sentences after normalising.

Takes every sentence with a digit or a symbol from the dev articles' ground-truth text
(`../shared/bench/articles/*.truth.txt` and `../shared/bench/readability/*.truth.txt`),
sends them through `narrator speakable --lines` and counts the sentences whose spoken
form still has one of five kinds of residue:

- digit: a digit 0-9 left;
- symbol: one of  $ € £ ¥ ₩ % & @ # + = * / ° ± × ~ ^ < > | \\  left;
- glued: a new word (not in the written sentence) that runs letters into a number word
  ("dollarsM", "Cforty") or has a capital after a small letter mid-word;
- doubled: the same word twice in a row where the written sentence has no such pair;
- lost: a plain written word (letters only, not touching a digit, not an abbreviation
  written with a full stop) that the spoken form no longer has.

Prints the share of sentences free of all five per source, counts per kind, examples,
and sentences per second of the whole `--lines` run.

    python bench/tn_residue.py [--bench DIR] [--examples N]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_BENCH = ROOT.parent / "shared" / "bench"
SOURCES = ("articles", "readability")
SYMBOLS = "$€£¥₩%&@#+=*/°±×~^<>|\\"
_SYMBOL = re.compile("[" + re.escape(SYMBOLS) + "]")
_WANTED = re.compile(r"\d|[" + re.escape(SYMBOLS) + "]")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_UNITS = "zero one two three four five six seven eight nine".split()
_NUMBER_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen"
    " sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety"
    " hundred thousand million billion trillion dollar dollars euro euros pound pounds percent"
).split()
_GLUED = re.compile(
    r"^(?:[a-z]+(?:" + "|".join(_NUMBER_WORDS) + r")|(?:" + "|".join(_NUMBER_WORDS) + r")[a-z]+)$"
)
_NUMBER_FORMS = re.compile(
    r"^(?:(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
    r"|sixteen|seventeen|eighteen|nineteen|twen|thir|for|fif|six|seven|eigh|nine|hundred|thousand|million"
    r"|billion|trillion|first|second|third|fourth|fifth|eighth|ninth|twelfth|dollar|euro|pound|percent)"
    r"(?:s|es|th|ths|ty|ties|tieth|tieths|teen|teens|teenth|teenths)?)$"
)
_COUNTING = set(_NUMBER_WORDS) | {"oh", "point", "dot", "hundreds", "thousands"}


def sentences(bench: Path, source: str) -> list[str]:
    """Every sentence with a digit or a listed symbol in the source's truth files."""
    sys.path.insert(0, str(ROOT))
    from narrator.speakable.sentences import split_sentences

    out = []
    for path in sorted((bench / source).glob("*.truth.txt")):
        for paragraph in path.read_text(encoding="utf-8").splitlines():
            for sentence in split_sentences(" ".join(paragraph.split())):
                if _WANTED.search(sentence):
                    out.append(sentence)
    return out


def residue(written: str, spoken: str) -> list[str]:
    """The kinds of residue in `spoken` (empty when a listener hears nothing wrong)."""
    kinds = []
    if re.search(r"\d", spoken):
        kinds.append("digit")
    if _SYMBOL.search(spoken):
        kinds.append("symbol")
    written_words = {w.lower() for w in _WORD.findall(written)}
    written_raw = set(re.findall(r"\w+", written))
    new = [w for w in re.findall(r"[^\W\d_]+", spoken) if w.lower() not in written_words]
    if any(
        w not in written_raw
        and (re.search(r"[a-z][A-Z]", w) or (_GLUED.match(w.lower()) and not _NUMBER_FORMS.match(w.lower())))
        for w in new
    ):
        kinds.append("glued")
    if _pairs(spoken) - _pairs(written):
        kinds.append("doubled")
    have = Counter(w.lower() for w in _WORD.findall(spoken))
    if any(have[w] < n for w, n in _plain_words(written).items()):
        kinds.append("lost")
    return kinds


_SAID_TWICE = {"/": "slash", "+": "plus", "#": "hash", "=": "equals", "-": "dash", ".": "dot", "*": "star"}


def _pairs(text: str) -> set[str]:
    """Words said twice in a row; in the written text, a doubled symbol ('//', '++') counts
    as its name said twice."""
    for symbol, name in _SAID_TWICE.items():
        text = text.replace(symbol * 2, f" {name} {name} ")
    words = [w.lower() for w in re.findall(r"[^\W\d_]+", text)]
    return {a for a, b in zip(words, words[1:], strict=False) if a == b and len(a) > 1 and a not in _COUNTING}


def _plain_words(text: str) -> Counter[str]:
    """Prose words: letters only, not glued to a digit or symbol, not 'Dr.'-like."""
    words: Counter[str] = Counter()
    after_number = False
    for token in text.split():
        core = token.strip("\"'“”‘’()[],;:!?…")
        plain = bool(core) and bool(re.fullmatch(r"[^\W\d_]+(?:['’-][^\W\d_]+)*\.?", core))
        unit = after_number
        after_number = bool(re.search(r"\d$", core))
        if not plain or unit or (core.endswith(".") and len(core) <= 5):
            continue
        if re.fullmatch(r"[A-Z][a-z]{0,2}", core):  # 'Rs', 'Jul', 'Mr': abbreviations without a stop
            continue
        for word in _WORD.findall(core):
            if sum(c.isupper() for c in word) < 2:
                words[word.lower()] += 1
    return words


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    parser.add_argument("--examples", type=int, default=15, help="failing sentences shown per source")
    args = parser.parse_args()
    for source in SOURCES:
        written = sentences(args.bench, source)
        start = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-m", "narrator", "speakable", "--lines"],
            input="\n".join(written) + "\n",
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=True,
        )
        elapsed = time.perf_counter() - start
        spoken = result.stdout.split("\n")[: len(written)]
        kinds: Counter[str] = Counter()
        bad = []
        for w, s in zip(written, spoken, strict=True):
            found = residue(w, s)
            kinds.update(found)
            if found:
                bad.append((found, w, s))
        clean = len(written) - len(bad)
        print(f"{source}: {len(written)} sentences with a digit or symbol, {clean / len(written):.1%} free")
        print("  " + ", ".join(f"{k} {kinds[k]}" for k in ("digit", "symbol", "glued", "doubled", "lost")))
        print(f"  whole --lines run: {len(written) / elapsed:,.0f} sentences per second (with start-up)")
        for found, w, s in bad[: args.examples]:
            print(f"  [{','.join(found)}] {w}\n      -> {s}")


if __name__ == "__main__":
    main()
