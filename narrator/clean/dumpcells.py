"""Which lines of a page's text dump are a table's rows, and their cells.

A browser copies a table's cells separated by tabs; but a tab can also be left inside a
sentence, so a tabbed line is a row only when it looks like one.
"""

from __future__ import annotations

from narrator.clean import patterns as p
from narrator.clean.references import strip_marks

_CELL_WORDS = 8
"""Most words of every cell of a row that stands alone: a label and a figure, a name and
a date; a phrase of prose around a stray tab is longer."""


def row_cells(raw: list[str]) -> list[tuple[str, ...]]:
    """For each raw line, its cells if it is a table's row ('' for an empty cell, kept in
    its place), else ()."""
    cells = [_cells(line) for line in raw]
    return [cells[i] if _table_row(cells, i) else () for i in range(len(cells))]


def _cells(line: str) -> tuple[str, ...]:
    """A line's tab-separated cells, an empty one kept in its place."""
    return tuple(strip_marks(part) for part in line.split("\t"))


def _table_row(cells: list[tuple[str, ...]], i: int) -> bool:
    """Line i is a table's row: two cells or more, and either a row above or below it with
    as many cells (the rows of one table) or every cell short. A stray tab in a sentence
    splits prose into long pieces with no such neighbour: that line stays prose."""
    filled = [cell for cell in cells[i] if cell]
    if len(filled) < 2:
        return False
    neighbours = (cells[k] for k in (i - 1, i + 1) if 0 <= k < len(cells))
    same = any(len(other) == len(cells[i]) and sum(map(bool, other)) >= 2 for other in neighbours)
    return same or all(p.word_count(cell) <= _CELL_WORDS for cell in filled)
