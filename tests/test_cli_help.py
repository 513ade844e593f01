"""`narrator --help` and each command's help read cleanly at 80 columns."""

from __future__ import annotations

import re
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from narrator.cli import app

WIDTH = 80


def _commands(group: Any, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Any]]:
    """Every command and group under `group` (a group has `commands`), with the words that
    name it."""
    found: list[tuple[tuple[str, ...], Any]] = []
    for name, command in group.commands.items():
        found.append(((*path, name), command))
        if hasattr(command, "commands"):
            found.extend(_commands(command, (*path, name)))
    return found


ROOT = typer.main.get_command(app)
GROUPS = [((), ROOT)] + [(path, c) for path, c in _commands(ROOT) if hasattr(c, "commands")]
COMMANDS = [((), ROOT), *_commands(ROOT)]


def _help(path: tuple[str, ...]) -> list[str]:
    result = CliRunner().invoke(app, [*path, "--help"], env={"COLUMNS": str(WIDTH), "NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    return result.output.splitlines()


def _summary(command: Any) -> str:
    """The first paragraph of a command's help, on one line."""
    return " ".join((command.help or "").strip().split("\n\n")[0].split())


@pytest.mark.parametrize(("path", "group"), GROUPS, ids=[" ".join(("narrator", *p)) for p, _ in GROUPS])
def test_a_command_list_gives_each_command_its_summary_on_one_line(path: tuple[str, ...], group: Any) -> None:
    """A docstring's own line break showed in the list ('...add it to the feed;' then the
    rest of the sentence on a line of its own)."""
    lines = _help(path)
    start = next(i for i, line in enumerate(lines) if "Commands" in line)
    panel = [line.strip("│ ") for line in lines[start + 1 :] if line.startswith("│")]
    panel = panel[: len(group.commands)]
    assert [re.split(r"\s{2,}", row, maxsplit=1)[0] for row in panel] == list(group.commands)
    for row, (name, command) in zip(panel, group.commands.items(), strict=True):
        assert row.split(None, 1)[1] == _summary(command), name


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[" ".join(("narrator", *p)) for p, _ in COMMANDS])
def test_a_commands_description_is_wrapped_only_where_a_line_is_full(
    path: tuple[str, ...], command: Any
) -> None:
    """Between the usage line and the first panel, each line ends where the next word would
    not have fitted (a line break of the docstring's own ends a line early)."""
    lines = _help(path)
    assert all(len(line) <= WIDTH for line in lines)
    first_panel = next(i for i, line in enumerate(lines) if line.startswith("╭"))
    text = [line.strip() for line in lines[1:first_panel] if not line.strip().startswith("Usage:")]
    for line, after in zip(text, text[1:], strict=False):
        if line and after:
            assert len(line) + 1 + len(after.split()[0]) > WIDTH - 2, (line, after)
    described = " ".join(" ".join(text).split())
    assert _summary(command) in described
