"""How well a listener understands narrator's episodes, beside the raw engine.

An offline speech recogniser (../shared/tools/asr: Whisper through faster-whisper) stands
in for the listener. For the seed and our own two articles (bench/texts: names, numbers,
abbreviations), and for each installed voice, it hears
  - raw:      the engine reading the article's plain text (title and paragraphs as written,
              at the engine's own default rate, no normalisation, no lexicon);
  - narrator: narrator's episode (MP3) of the same article with that voice;
and prints WER and (S + D) / N (the share of meant words missed) against the plain text,
with the most frequent error pairs. Piper samples its sound at random, so a run of each
against one is a coin toss where they are a word or two apart: a Piper voice is heard
--samples times each way (default 3, each rendered afresh) and judged on pooled figures.
Conditions (issue 20): narrator's (S + D) / N is at most the raw engine's for every voice
and article; on the seed at most 7.5% for the default voice and 4.5% for Piper "joe".

The listener is installed once, in its own venv (~350 MB):
    python3 -m venv /work/asrvenv && /work/asrvenv/bin/pip install -r ../shared/tools/asr/requirements.txt
Run (about 25 min with --model base and 3 samples on 2 idle cores; transcripts are cached
by audio hash):
    nice .venv/bin/python bench/intelligibility.py [--model base|tiny.en] [--voices default joe]
        [--samples 3] [--listener /work/asrvenv/bin/python] [--rate-curve]
--rate-curve also hears eSpeak NG's default voice on our two articles at 150-200 words a
minute and word gaps of 0 and 20 ms, or those --gaps gives (eSpeak NG's unit: 10 ms), to
choose the profile's rate and gap.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import wave
from collections import Counter
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "npr-kherson-page-dump.txt"
OURS = (ROOT / "bench" / "texts" / "harbour-council.txt", ROOT / "bench" / "texts" / "glacier-survey.txt")
LISTENER = SHARED / "tools" / "asr" / "asr_listen.py"
CACHE = ROOT / "output" / "bench-intelligibility"
LIMITS = {"default": 0.075, "joe": 0.045}
"""The seed's (S + D) / N each voice must stay within (issue 20)."""
RAW_RATES = {"espeak": 175, "piper": 170}
"""The engines' own default speeds (eSpeak NG's command line; Piper's length_scale 1)."""


def plain_text(source: Path) -> str:
    """What is meant to be heard: the cleaned article's title and paragraphs as written."""
    from narrator.clean import clean

    article = clean(source)
    blocks = [article.title] + [
        (section.heading + "\n\n" if section.heading else "") + "\n\n".join(b.text for b in section.blocks)
        for section in article.sections
    ]
    return "\n\n".join(b for b in blocks if b)


def raw_reading(voice: str, text: str, dest: Path, rate: int | None = None, word_gap: int = 0) -> Path:
    """The engine of `voice` reading `text` paragraph by paragraph, as it comes (WAV)."""
    from narrator.speech import load_engine
    from narrator.speech.engine import EngineOptions
    from narrator.speech.profile import load_voice

    profile = load_voice(voice)
    options = EngineOptions(profile.voice, rate or RAW_RATES.get(profile.engine, profile.rate), profile.pitch)
    if word_gap:
        options = replace(options, word_gap=word_gap)
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    if profile.engine == "piper":  # Piper's own reading, as its command line does it
        from piper import PiperVoice

        from narrator.speech.piper_engine import resolve_model

        voice = PiperVoice.load(resolve_model(profile.voice))
        rate = voice.config.sample_rate
        audio = [b"".join(c.audio_int16_bytes for c in voice.synthesize(p)) for p in paragraphs]
    else:
        engine = load_engine(profile.engine, options)
        rate = engine.sample_rate
        audio = [chunk.pcm for chunk in engine.synthesize(paragraphs)]
    with wave.open(str(dest), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        for pcm in audio:
            out.writeframes(pcm + b"\0\0" * (rate // 2))
    return dest


def narration(
    voice: str, source: Path, work: Path, rate: int | None = None, word_gap: int | None = None
) -> Path:
    """narrator's episode of `source` with `voice` (its MP3)."""
    from narrator.pipeline import NarrateOptions, narrate

    profile_path = _with_word_gap(voice, word_gap, work) if word_gap is not None else voice
    try:
        done = narrate(source, work / "out", NarrateOptions(voice=profile_path, rate=rate, slug=source.stem))
    finally:
        if profile_path != voice:
            Path(profile_path).unlink(missing_ok=True)
    return Path(done.episode.path)


def _with_word_gap(voice: str, word_gap: int, work: Path) -> str:
    """A copy of the profile `voice` with `word_gap` set (beside the bundled lexicons)."""
    from narrator import configfiles
    from narrator.errors import VoiceError

    path = configfiles.find("voices", voice, VoiceError)
    text = path.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("word_gap")]
    first_table = next((i for i, line in enumerate(lines) if line.startswith("[")), len(lines))
    lines.insert(first_table, f"word_gap = {word_gap}")
    copy = path.parent / f".bench-{path.stem}-gap{word_gap}-{os.getpid()}.toml"
    copy.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(copy)


def listen(audio: Path, text: str, model: str, listener: str) -> dict:
    """The listener's figures for `audio` meant as `text` (cached by audio, text and model)."""
    digest = hashlib.sha256(audio.read_bytes() + text.encode() + model.encode()).hexdigest()[:24]
    cached = CACHE / f"{digest}.json"
    if cached.exists():
        return json.loads(cached.read_text())
    CACHE.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as ref:
        ref.write(text)
    try:
        subprocess.run(
            ["nice", listener, str(LISTENER), str(audio), ref.name, "--model", model, "--json", str(cached)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    finally:
        os.unlink(ref.name)
    return json.loads(cached.read_text())


def missed(result: dict) -> float:
    """(S + D) / N: the share of the meant words the listener did not hear."""
    return (result["substitutions"] + result["deletions"]) / max(1, result["ref_words"])


def _find_listener(given: str | None) -> str | None:
    candidates = [given, os.environ.get("ASR_PYTHON"), str(ROOT.parent / "asrvenv" / "bin" / "python"),
                  str(SHARED / "tools" / "asr" / ".asrvenv" / "bin" / "python")]  # fmt: skip
    return next((c for c in candidates if c and Path(c).is_file()), None)


def _installed_voices(wanted: list[str]) -> list[str]:
    from narrator.errors import VoiceError
    from narrator.speech import load_engine
    from narrator.speech.profile import load_voice

    found = []
    for name in wanted:
        try:
            spec = load_voice(name).engine_spec()
            load_engine(spec.name, spec.options)
        except VoiceError as exc:
            print(f"skipping voice {name}: {exc}")
            continue
        found.append(name)
    return found


def _row(voice: str, article: str, rendition: str, result: dict) -> str:
    counts = f"{result['substitutions']}/{result['deletions']}/{result['insertions']}"
    figures = f"{100 * result['wer']:.1f}% | {100 * missed(result):.1f}% | {counts} | {result['ref_words']}"
    return f"| {voice} | {article} | {rendition} | {figures} |"


def _pairs(result: dict, top: int) -> str:
    return "; ".join(f"{e['count']}x {e['ref']} -> {e['hyp']}" for e in result["top_errors"][:top])


def rendered(kind: str, voice: str, source: Path, work: Path) -> Path:
    """`kind` ('raw' or 'narrator') of `source` with `voice`, rendered in a process of its
    own with an empty sentence cache: Piper samples its sound at random, and a process that
    loads the voice afresh draws the same sample again, so each sample is its own process."""
    out = work / ("raw.wav" if kind == "raw" else "narrator.mp3")
    env = dict(os.environ, NARRATOR_CACHE=str(work / "cache"))
    subprocess.run(
        [sys.executable, __file__, "--render", kind, voice, str(source), str(out)], check=True, env=env
    )
    return out


def _render_here(kind: str, voice: str, source: Path, out: Path) -> None:
    """The child's side of `rendered`."""
    if kind == "raw":
        raw_reading(voice, plain_text(source), out)
    else:
        shutil.copyfile(narration(voice, source, out.parent / "work"), out)


def pooled(results: list[dict]) -> dict:
    """Several samples' figures as one: errors and meant words summed, pairs merged."""
    total = {k: sum(r[k] for r in results) for k in ("substitutions", "deletions", "insertions", "ref_words")}
    errors = sum((total[k] for k in ("substitutions", "deletions", "insertions")), 0)
    pairs: Counter[tuple[str, str]] = Counter()
    for r in results:
        for e in r["top_errors"]:
            pairs[(e["ref"], e["hyp"])] += e["count"]
    top = [{"ref": ref, "hyp": hyp, "count": n} for (ref, hyp), n in pairs.most_common()]
    return {**total, "wer": errors / max(1, total["ref_words"]), "top_errors": top}


def compare(voices: list[str], model: str, listener: str, top: int, samples: int) -> bool:
    """The table of point 2; True when every condition holds. A voice that samples at random
    (Piper) is heard `samples` times each way and judged on the pooled figures."""
    from narrator.speech.profile import load_voice

    articles = ([SEED] if SEED.exists() else []) + list(OURS)
    if not SEED.exists():
        print(f"seed skipped: {SEED} not found (../shared not found)")
    ok = True
    lines = ["| voice | article | rendition | WER | (S+D)/N | S/D/I | N |", "|---|---|---|---|---|---|---|"]
    notes = []
    for voice in voices:
        times = samples if load_voice(voice).engine == "piper" else 1
        for source in articles:
            text = plain_text(source)
            heard: dict[str, list[dict]] = {"raw": [], "narrator": []}
            for _ in range(times):
                for kind in heard:
                    with tempfile.TemporaryDirectory(prefix="narrator-intel-") as tmp:
                        heard[kind].append(
                            listen(rendered(kind, voice, source, Path(tmp)), text, model, listener)
                        )
            raw, ours = pooled(heard["raw"]), pooled(heard["narrator"])
            name = "seed" if source == SEED else source.stem
            label = f" ({times} samples)" if times > 1 else ""
            lines += [
                _row(voice, name, "raw engine" + label, raw),
                _row(voice, name, "narrator" + label, ours),
            ]
            verdict = missed(ours) <= missed(raw)
            limit = LIMITS.get(voice) if source == SEED else None
            if limit is not None:
                verdict = verdict and missed(ours) <= limit
            ok = ok and verdict
            within = f" (limit {100 * limit:.1f}%)" if limit is not None else ""
            figures = f"narrator {100 * missed(ours):.1f}% vs raw {100 * missed(raw):.1f}%{within}"
            each = ""
            if times > 1:
                each = " [each sample: narrator " + ", ".join(
                    f"{100 * missed(r):.1f}" for r in heard["narrator"]
                )
                each += "; raw " + ", ".join(f"{100 * missed(r):.1f}" for r in heard["raw"]) + "]"
            notes.append(f"{voice} / {name}: {figures}" + (" ok" if verdict else " FAILS") + each)
            notes.append(f"    narrator's top errors: {_pairs(ours, top)}")
            notes.append(f"    raw engine's top errors: {_pairs(raw, top)}")
            print(notes[-3], flush=True)
    print(f"\nlistener: Whisper {model}\n")
    print("\n".join(lines))
    print()
    print("\n".join(notes))
    print("\nall conditions hold" if ok else "\nSOME CONDITIONS FAIL")
    return ok


def rate_curve(model: str, listener: str, rates: list[int], gaps: list[int]) -> None:
    """(S + D) / N of narrator's default voice on our articles at each rate and word gap."""
    print("| rate (wpm) | word gap (10 ms) | " + " | ".join(s.stem for s in OURS) + " | mean (S+D)/N |")
    print("|---|---|" + "---|" * len(OURS) + "---|")
    for rate in rates:
        for gap in gaps:
            figures = []
            for source in OURS:
                with tempfile.TemporaryDirectory(prefix="narrator-intel-") as tmp:
                    audio = narration("default", source, Path(tmp), rate=rate, word_gap=gap)
                    figures.append(missed(listen(audio, plain_text(source), model, listener)))
            cells = " | ".join(f"{100 * f:.1f}%" for f in figures)
            print(f"| {rate} | {gap} | {cells} | {100 * sum(figures) / len(figures):.2f}% |", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default="base", help="Whisper model: base (reported) or tiny.en (quick)")
    parser.add_argument("--voices", nargs="+", default=["default", "joe"])
    parser.add_argument("--listener", help="the Python of the listener's venv")
    parser.add_argument("--top", type=int, default=10, help="error pairs shown per rendition")
    parser.add_argument("--rate-curve", action="store_true", help="hear eSpeak NG at 150-200 wpm instead")
    parser.add_argument("--rates", type=int, nargs="+", default=[150, 160, 170, 185, 200])
    parser.add_argument("--gaps", type=int, nargs="+", default=[0, 2])
    parser.add_argument("--samples", type=int, default=3, help="hearings of each Piper rendition, pooled")
    parser.add_argument(
        "--render", nargs=4, metavar=("KIND", "VOICE", "SOURCE", "OUT"), help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv)
    if args.render:
        kind, voice, source, out = args.render
        _render_here(kind, voice, Path(source), Path(out))
        return 0
    listener = _find_listener(args.listener)
    if listener is None or not LISTENER.exists():
        print(
            "The listener is not installed: python3 -m venv /work/asrvenv && "
            "/work/asrvenv/bin/pip install -r ../shared/tools/asr/requirements.txt "
            "(or give --listener PYTHON).",
            file=sys.stderr,
        )
        return 2
    os.environ.setdefault("NARRATOR_CACHE", str(CACHE / "sentences"))
    if args.rate_curve:
        rate_curve(args.model, listener, args.rates, args.gaps)
        return 0
    voices = _installed_voices(args.voices)
    return 0 if compare(voices, args.model, listener, args.top, max(1, args.samples)) else 1


if __name__ == "__main__":
    sys.exit(main())
