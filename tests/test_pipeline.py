"""The pipeline runs one way: clean -> speakable -> speech -> audio -> feed. Each stage,
imported alone in a fresh interpreter with all of its modules, loads no later stage."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, ROOT

STAGES = ("clean", "speakable", "speech", "audio", "feed")

_IMPORT_ALL = """
import importlib, pkgutil, sys
package = importlib.import_module(sys.argv[1])
for module in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
    importlib.import_module(module.name)
print("\\n".join(sorted(sys.modules)))
"""


@pytest.mark.parametrize("stage", STAGES)
def test_a_stage_loads_no_later_stage(stage: str) -> None:
    result = subprocess.run(
        [sys.executable, "-c", _IMPORT_ALL, f"narrator.{stage}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    loaded = set(result.stdout.split())
    assert f"narrator.{stage}" in loaded
    later = STAGES[STAGES.index(stage) + 1 :]
    assert not [m for m in loaded if m.split(".")[:2] in [["narrator", s] for s in later]]
    assert "narrator.pipeline" not in loaded and "narrator.cli" not in loaded


def test_a_run_that_finds_every_part_cached_never_imports_numpy(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from narrator.pipeline import NarrateOptions, narrate\n"
        "from narrator.speech.render import RenderOptions\n"
        "options = NarrateOptions(voice='tone', render=RenderOptions(cache_dir=Path(sys.argv[3])))\n"
        "done = narrate(sys.argv[1], Path(sys.argv[2]), options)\n"
        "print(done.recording.encoded, 'numpy' in sys.modules)\n"
    )
    args = [sys.executable, "-c", script, str(EXAMPLE), str(tmp_path / "out"), str(tmp_path / "cache")]
    first = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=300, check=True)
    assert int(first.stdout.split()[0]) > 0 and first.stdout.split()[1] == "True"  # numpy was needed
    again = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=300, check=True)
    assert again.stdout.split() == ["0", "False"]
