"""Peak memory of a Piper narration, against Piper's own synthesis plus one encode, in one run.

  (p) Piper alone: one process loads the voice, synthesises the seed's spoken text sentence
      by sentence, and encodes all of it once into an MP3 with narrator's encoder settings
      (lameenc, 64 kbps mono): the least a Piper narration can hold;
  (n) `narrator narrate SEED --voice joe`, cold (an empty sentence cache);
each the peak of the resident memory of the process and its children, summed, sampled
every 20 ms. Prints both in MB, n/p (issue 20: n <= 300 MB and n/p <= 1.05) and how many
processes loaded a model (issue 20: one). Needs narrator[piper]; about 2 minutes on 2 cores.

    nice .venv/bin/python bench/piper_memory.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seeds" / "npr-kherson-page-dump.txt"

_PIPER_ALONE = """
import sys, numpy as np, lameenc
from piper import PiperVoice
from narrator.clean import clean
from narrator.speakable import to_script
from narrator.speech.profile import load_voice
from narrator.speech.piper_engine import resolve_model
profile = load_voice("joe")
script = to_script(clean(sys.argv[1]), profile.script_options())
voice = PiperVoice.load(resolve_model(profile.voice))
pcm = [c.audio_int16_bytes for s in script.segments for t in s.engine_text for c in voice.synthesize(t)]
encoder = lameenc.Encoder()
encoder.set_bit_rate(64); encoder.set_in_sample_rate(voice.config.sample_rate)
encoder.set_channels(1); encoder.set_quality(2)
mp3 = encoder.encode(b"".join(pcm)) + encoder.flush()
print(len(mp3))
"""


def peak_mb(command: list[str], env: dict[str, str]) -> tuple[float, int, float]:
    """(peak summed RSS in MB, most processes seen at once, seconds) of `command`."""
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak, most = 0.0, 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak, most
        root = psutil.Process(process.pid)
        while not done.is_set():
            try:
                tree = [root, *root.children(recursive=True)]
                peak = max(peak, sum(p.memory_info().rss for p in tree) / 2**20)
                most = max(most, len(tree))
            except psutil.Error:
                pass
            time.sleep(0.02)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    _, err = process.communicate()
    done.set()
    thread.join()
    if process.returncode:
        raise SystemExit(f"{command[0]} failed: {err[-2000:]}")
    return peak, most, time.perf_counter() - start


def main() -> int:
    if not SEED.exists():
        print(f"skipped: {SEED} not found (../shared not found)")
        return 0
    with tempfile.TemporaryDirectory(prefix="narrator-pipermem-") as tmp:
        env = {**os.environ, "NARRATOR_CACHE": str(Path(tmp) / "cache"), "XDG_CACHE_HOME": tmp}
        alone, _, alone_s = peak_mb([sys.executable, "-c", _PIPER_ALONE, str(SEED)], env)
        ours, processes, ours_s = peak_mb(
            [
                sys.executable,
                "-m",
                "narrator",
                "narrate",
                str(SEED),
                "--voice",
                "joe",
                "--output",
                str(Path(tmp) / "out"),
            ],
            env,
        )
    print("| run | peak RSS (MB, summed) | processes | seconds |")
    print("|---|---|---|---|")
    print(f"| (p) Piper alone + one encode | {alone:.0f} | 1 | {alone_s:.0f} |")
    print(f"| (n) narrator narrate --voice joe | {ours:.0f} | {processes} | {ours_s:.0f} |")
    print(f"\nn/p = {ours / alone:.3f} (target <= 1.05); n = {ours:.0f} MB (target <= 300)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
