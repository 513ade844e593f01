"""Words eSpeak NG would spell by rules, and `narrator lexicon check` (the listener stood in for)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from narrator.speakable.lexicon import Lexicon
from narrator.speech.profile import load_voice
from narrator.speech.pronounce import CARRIERS, check_lexicon, misheard, unknown_words
from tests.conftest import ROOT

_TEXT = (
    "Glaciers in Iceland\n\n"
    "The glaciologist Einar Thorvaldsson flew over Vatnajokull with Annika Lindgren on Monday.\n\n"
    "Thorvaldsson said the ice near Kherson was thin. The team will return in June. "
    "Their report went to NASA and to the Government in London.\n"
)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "narrator", *args], cwd=ROOT, capture_output=True, text=True, timeout=300
    )


def test_unknown_lists_names_the_dictionary_lacks_not_words_it_knows() -> None:
    sentences = [line for line in _TEXT.splitlines() if line]
    found = {u.word: u for u in unknown_words(sentences, Lexicon({"Kherson": "Kher-SAWN"}), "en-us")}
    assert {"Thorvaldsson", "Vatnajokull", "Lindgren"} <= set(found)
    assert found["Thorvaldsson"].count == 2 and found["Thorvaldsson"].said.startswith("θ")
    # in eSpeak NG's dictionary, in the lexicon, spelled out (NASA), capitalised only at a sentence start
    assert not {"Monday", "Kherson", "NASA", "The", "Their"} & set(found), found


def test_speakable_unknown_on_our_own_text(tmp_path: Path) -> None:
    source = tmp_path / "glaciers.txt"
    source.write_text(_TEXT, encoding="utf-8")
    result = run("speakable", "--unknown", str(source))
    assert result.returncode == 0, result.stderr
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert rows[0][:2] == ["2", "Thorvaldsson"] and rows[0][2].startswith("/θ")
    assert "Vatnajokull" in {r[1] for r in rows} and "Kherson" not in {r[1] for r in rows}


def test_lexicon_check_without_the_listener_renders_and_validates(tmp_path: Path) -> None:
    result = run("lexicon", "check", "--voice", "default")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "pip install -r" in result.stdout  # how to install the listener
    rows = [line.split("\t") for line in result.stdout.splitlines()[1:]]
    assert {r[1] for r in rows} >= {"Kherson", "Kyiv", "Shoigu"}
    assert all(r[0] == "default" and r[2].startswith("[[") and r[3] == "ok" for r in rows), rows


def test_lexicon_check_reports_a_wrong_entry(tmp_path: Path) -> None:
    (tmp_path / "lexicon").mkdir()
    (tmp_path / "lexicon" / "en.toml").write_text('Kyiv = { ipa = "kˈiːv" }\nDnipro = { ipa = "dnˈiːpǂo" }\n')
    (tmp_path / "mine.toml").write_text('engine = "espeak"\nvoice = "en-us"\n')
    result = run("lexicon", "check", "--voice", str(tmp_path / "mine.toml"))
    assert result.returncode == 1
    rows = {r.split("\t")[1]: r.split("\t")[-1] for r in result.stdout.splitlines()[1:]}
    assert rows["Kyiv"] == "ok" and "'ǂ'" in rows["Dnipro"], rows


def test_lexicon_check_reports_what_the_listener_heard_wrong(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The listener is a bench tool of ~350 MB, so a stand-in with its command line hears the
    meant text with names misheard: the entries rendered first ("Kyiv", "Putin"), then the
    engine's own readings ("Putin" only). The check names those entries and only those, and
    tells an entry heard wrong where the engine alone was heard right."""
    stand_in = tmp_path / "listen.py"
    stand_in.write_text(
        "import json, pathlib, sys\n"
        "calls = pathlib.Path(sys.argv[0]).with_name('calls')\n"
        "first = not calls.exists()\n"
        "calls.touch()\n"
        "text = open(sys.argv[2], encoding='utf-8').read().replace('Putin', 'pootin')\n"
        "text = text.replace('Kyiv', 'a keep') if first else text\n"
        "json.dump({'hypothesis_raw': text}, open(sys.argv[4], 'w'))\n"
    )
    monkeypatch.setenv("NARRATOR_ASR_SCRIPT", str(stand_in))
    checks = {c.word: c for c in check_lexicon(load_voice("default"), sys.executable, tmp_path)}
    assert {word for word, c in checks.items() if c.heard} == {"Kyiv", "Putin"}
    assert checks["Kyiv"].verdict == "heard as 'a keep'; without the entry it was heard right"
    assert checks["Putin"].verdict == "heard as 'pootin' (without the entry: 'pootin')"
    assert checks["Kherson"].verdict == "ok"


def test_the_listeners_transcript_is_aligned_word_by_word() -> None:
    said = ["Kerson", "Putin", "a keep"]
    heard = " ".join(CARRIERS[i % len(CARRIERS)].format(word) for i, word in enumerate(said))
    assert misheard(["Kherson", "Putin", "Kyiv"], heard) == {"kherson": "kerson", "kyiv": "a keep"}
    assert misheard(["Kyiv"], CARRIERS[0].format("")) == {"kyiv": "nothing"}
