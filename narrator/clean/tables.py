"""Tables read aloud, for every reader: each row one sentence, its cells in turn.

A listener cannot see columns. A row is read as a line ('Friday, 7:15, 23:10.'); under a
header row each cell is named by its column ('Day: Friday, First boat: 7:15.'); a row
whose first cell heads it ('Length' in an infobox) is read 'Length: 4 km.'.
"""

from __future__ import annotations

from dataclasses import dataclass

from narrator.clean import patterns as p


@dataclass(frozen=True)
class TableRow:
    """One row of a table, as its reader found it."""

    cells: list[str]
    """Each cell's text, in order; empty for an empty cell."""
    header: bool = False
    """The row names the table's columns (<th> cells, a <thead>, a Markdown table's first row)."""
    row_head: bool = False
    """The row's first cell names the row (a <th> before <td> cells)."""


def table_sentences(rows: list[TableRow]) -> list[str]:
    """A table read row by row, one sentence a row. Under a header row each cell is named
    by its column; a header row with one named cell titles the table (an infobox's
    subject) and is read once, not before every cell. Empty cells and rows are skipped."""
    header: list[str] | None = None
    out: list[str] = []
    for row in rows:
        cells = row.cells
        if not any(cells):
            continue
        if row.header and header is None and not out and sum(bool(cell) for cell in cells) > 1:
            header = cells
            continue
        if header and len(cells) == len(header) and len(cells) > 1:
            parts = [
                f"{name}: {cell}" if name else cell for name, cell in zip(header, cells, strict=True) if cell
            ]
        elif row.row_head and cells[0] and any(cells[1:]):
            parts = [f"{cells[0]}: {_joined([cell for cell in cells[1:] if cell])}"]
        else:
            parts = [cell for cell in cells if cell]
        out.append(p.as_sentence(_joined(parts)))
    return out


EMPTY_CELL = {
    "de": "keine",
    "en": "none",
    "es": "ninguno",
    "fr": "aucun",
    "it": "nessuno",
    "nl": "geen",
    "pt": "nenhum",
    "ru": "нет",
}
"""The word read for an empty cell between a row's values, by the article's language."""
_EMPTY_ELSEWHERE = "—"
"""For any other language: a dash, heard as a pause where the cell stands."""


def row_sentence(cells: list[str]) -> str:
    """One row read alone, with no header to name its cells: its cells in turn."""
    return p.as_sentence(_joined([cell for cell in cells if cell]))


def held_places(cells: list[str], language: str) -> list[str]:
    """A row's cells from its first value to its last, an empty cell between them read as
    a word ('Sunday, none, 18:00'). A row read without its header is understood by the
    order of its cells, so a gap dropped would move each later value into the column
    before it. Empty cells before the first value (a header's blank corner, a row going
    on from the one above) and after the last move nothing that follows."""
    filled = [k for k, cell in enumerate(cells) if cell]
    if not filled:
        return []
    empty = EMPTY_CELL.get(language.split("-")[0].lower(), _EMPTY_ELSEWHERE)
    return [cell or empty for cell in cells[filled[0] : filled[-1] + 1]]


def _joined(parts: list[str]) -> str:
    """Cells read in turn: after a comma, or after a semicolon when a cell has commas of
    its own ('1,200'; 'Paris, Lyon'); a cell that ends a sentence keeps its own stop."""
    comma = ", " if not any("," in part for part in parts) else "; "
    return "".join(
        part + ("" if k == len(parts) - 1 else " " if p.TERMINAL.search(part) else comma)
        for k, part in enumerate(parts)
    )
