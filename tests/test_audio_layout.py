"""Parts and the Timeline laid out by the audio stage from rendered sentences, exactly,
with the deterministic tone engine."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from narrator.audio.layout import Layout, Part
from narrator.document import Script, Segment, Timeline
from narrator.speech import load_engine
from narrator.speech.engine import Engine, EngineOptions
from narrator.speech.pool import EngineSpec
from narrator.speech.render import RenderStats, render

# The tone engine speaks 60 ms a word, then 150 ms of silence. A sentence's span in the
# Timeline is where it is heard: the tone, not the silence after it.


def test_timeline_places_sentences_pauses_and_sections(tmp_path: Path) -> None:
    script = Script(
        title="t",
        language="en",
        chapter_titles=("Introduction", "Part"),
        segments=(
            Segment("title", 0, ("One two.",), pause_before_ms=250, pause_after_ms=900),
            Segment("heading", 1, ("Three",), pause_before_ms=1200, pause_after_ms=600),
            Segment("paragraph", 1, ("Four five six.", "Seven."), pause_after_ms=450),
        ),
    )
    spec = EngineSpec("tone", EngineOptions("a440"))
    engine = load_engine(spec.name, spec.options)
    parts, timeline, stats = _lay_out(script, engine, spec, tmp_path)
    assert (stats.sentences, stats.rendered) == (4, 4)
    spans = [(s.text, s.start_ms, s.end_ms) for s in timeline.sentences]
    assert spans == [
        ("One two.", 250, 370),
        ("Three", 2620, 2680),
        ("Four five six.", 3430, 3610),
        ("Seven.", 3760, 3820),
    ]
    assert timeline.section_starts_ms == (0, 2620)
    # The last part's closing pause is lengthened to a whole number of 1,152-sample frames.
    assert 4420 <= timeline.duration_ms <= 4420 + 1152 * 1000 / 22050
    assert parts[0].start == 0
    assert all(a.start + a.samples == b.start for a, b in zip(parts, parts[1:], strict=False))
    assert all(p.samples % 1152 == 0 for p in parts)
    assert abs(parts[-1].start + parts[-1].samples - timeline.duration_ms * 22.05) <= 22  # within 1 ms


def test_an_edit_moves_later_parts_but_leaves_their_sound_and_keys(tmp_path: Path) -> None:
    """A part holds its own segments and half of the pauses beside them, padded to whole
    frames: an earlier paragraph growing longer shifts it in time, nothing more."""
    words = " ".join(f"word{i}" for i in range(20))

    def script(first: str) -> Script:
        return _one_section(
            Segment("paragraph", 0, (f"{text} {words}.",), pause_after_ms=450)
            for text in (first, "Second", "Third")
        )

    before, after, stats = _render_both(script("First"), script("First and now longer"), tmp_path)
    assert stats.rendered == 1
    assert len(before) == len(after) == 3
    assert before[0].key != after[0].key
    assert [p.key for p in before[1:]] == [p.key for p in after[1:]]
    assert after[1].start > before[1].start
    assert all(p.samples % 1152 == 0 for p in after)


def test_an_edit_inside_a_long_paragraph_remakes_only_the_part_holding_that_sentence(
    tmp_path: Path,
) -> None:
    """Sentences that end in digital silence are parts of their own (15 words or more): a
    one-word correction re-renders one sentence and changes one part's key, not the
    paragraph's."""

    def script(word: str) -> Script:
        sentences = tuple(
            f"Sentence {n} has {word if n == 3 else 'sixteen'} words " + "x " * 11 + "end." for n in range(6)
        )
        return _one_section([Segment("paragraph", 0, sentences, pause_before_ms=250, pause_after_ms=450)])

    before, after, stats = _render_both(script("sixteen"), script("corrected"), tmp_path)
    assert stats.rendered == 1
    assert len(before) == len(after) == 6
    changed = [n for n, (a, b) in enumerate(zip(before, after, strict=True)) if a.key != b.key]
    assert changed == [3]
    assert [p.start for p in before] == [p.start for p in after]


def _one_section(segments: Iterable[Segment]) -> Script:
    return Script(title="t", language="en", chapter_titles=("Introduction",), segments=tuple(segments))


def _lay_out(
    script: Script, engine: Engine, spec: EngineSpec, tmp_path: Path
) -> tuple[list[Part], Timeline, RenderStats]:
    rendition, stats = render(script, engine, spec, tmp_path / "cache")
    layout = Layout(rendition.segments, rendition.sample_rate)
    parts = list(layout.parts(rendition.sentences))
    return parts, layout.timeline(len(rendition.chapter_titles)), stats


def _render_both(first: Script, second: Script, tmp_path: Path) -> tuple[list[Part], list[Part], RenderStats]:
    """The parts of `first`, then of `second` with the same sentence cache, by the tone engine."""
    spec = EngineSpec("tone", EngineOptions("a440"))
    engine = load_engine(spec.name, spec.options)
    before, _, _ = _lay_out(first, engine, spec, tmp_path)
    after, _, stats = _lay_out(second, engine, spec, tmp_path)
    return before, after, stats
