"""Tables read aloud: a row a sentence, its cells in turn, named by their column under a
header row, by their row's <th> beside one; whichever way the page marks its header.
Pages we wrote."""

from __future__ import annotations

from pathlib import Path

import pytest

from narrator.clean import clean
from narrator.clean.tables import TableRow, held_places, table_sentences

PROSE = (
    "<p>The island ferry will run more crossings from June, the trust that runs the service said"
    " on Saturday, after a winter of repairs to its engines and hull.</p>"
)
NAMED = [
    "Day: Sunday, First boat: 9:00, Last boat: 18:00.",
    "Day: Monday, First boat: 7:15, Last boat: 19:40.",
]
BODY = (
    "<tr><td>Sunday</td><td>9:00</td><td>18:00</td></tr><tr><td>Monday</td><td>7:15</td><td>19:40</td></tr>"
)


def _rows(tmp_path: Path, table: str) -> list[str]:
    page = tmp_path / "page.html"
    page.write_text(
        f"<html><head><title>Ferry timetable</title></head><body><article><h1>Ferry timetable</h1>"
        f"{PROSE * 2}{table}{PROSE}</article></body></html>",
        encoding="utf-8",
    )
    return [b.text for s in clean(page).sections for b in s.blocks if not b.text.startswith("The island")]


def test_a_table_without_header_cells_is_read_a_row_a_line(tmp_path: Path) -> None:
    assert _rows(tmp_path, f"<table>{BODY}</table>") == ["Sunday, 9:00, 18:00.", "Monday, 7:15, 19:40."]


@pytest.mark.parametrize(
    "header",
    [
        "<tr><th>Day</th><th>First boat</th><th>Last boat</th></tr>",
        "<thead><tr><td>Day</td><td>First boat</td><td>Last boat</td></tr></thead>",
    ],
    ids=["th", "thead-of-td"],
)
def test_each_cell_is_named_by_its_column_however_the_header_is_marked(tmp_path: Path, header: str) -> None:
    """trafilatura keeps only <th> cells as a header; a <thead> of <td> cells names the
    columns too."""
    body = BODY if "thead" not in header else f"<tbody>{BODY}</tbody>"
    assert _rows(tmp_path, f"<table>{header}{body}</table>") == NAMED


def test_a_row_headed_by_th_is_read_as_its_name_and_values(tmp_path: Path) -> None:
    """A <th> before each row's <td> cells (trafilatura marks only the first row's)."""
    table = (
        "<table><tr><th>Sunday</th><td>9:00</td><td>18:00</td></tr>"
        "<tr><th>Monday</th><td>7:15</td></tr></table>"
    )
    assert _rows(tmp_path, table) == ["Sunday: 9:00, 18:00.", "Monday: 7:15."]


def test_a_header_row_with_an_empty_corner_names_the_columns(tmp_path: Path) -> None:
    table = (
        "<table><tr><td></td><th>First boat</th><th>Last boat</th></tr>"
        "<tr><th>Sunday</th><td>9:00</td><td>18:00</td></tr></table>"
    )
    assert _rows(tmp_path, table) == ["Sunday, First boat: 9:00, Last boat: 18:00."]


@pytest.mark.parametrize(
    ("cells", "read"),
    [
        (["Paris, Lyon", "450 km"], "Paris, Lyon; 450 km."),  # a cell's own comma: semicolons between
        (["The boat leaves at nine.", "It returns at six"], "The boat leaves at nine. It returns at six."),
        (["", "Sunday", "", "9:00"], "Sunday, 9:00."),
    ],
)
def test_cells_are_read_in_turn(cells: list[str], read: str) -> None:
    assert table_sentences([TableRow(cells)]) == [read]


def test_a_table_copied_into_a_text_dump_is_read_a_row_a_line(tmp_path: Path) -> None:
    """A browser copies a table's cells separated by tabs: each row is read as a line of
    cells, not as words run together ('Sunday 9:00 18:00')."""
    first, last = (
        html.removeprefix("<p>").removesuffix("</p>") for html in (PROSE, PROSE.replace("June", "July"))
    )
    dump = tmp_path / "dump.txt"
    dump.write_text(
        f"Ferry timetable\n\n{first}\n\nDay\tFirst boat\tLast boat\nSunday\t9:00\t18:00\n"
        f"Monday\t7:15\t19:40\n\n{last}\n",
        encoding="utf-8",
    )
    blocks = [b.text for s in clean(dump).sections for b in s.blocks]
    assert blocks == [
        first,
        "Day, First boat, Last boat.",
        "Sunday, 9:00, 18:00.",
        "Monday, 7:15, 19:40.",
        last,
    ]


def test_a_stray_tab_in_prose_is_not_a_table_row(tmp_path: Path) -> None:
    """A tab left inside a sentence splits it into long pieces, with no row of as many
    cells beside it: it is read as the sentence it is, not as cells joined by commas."""
    first = PROSE.removeprefix("<p>").removesuffix("</p>")
    stray = (
        "Passengers who travel at weekends are asked to book their seats well ahead of time,"
        "\twhen the boats to the island fill up quickly in the summer months."
    )
    dump = tmp_path / "dump.txt"
    dump.write_text(f"Ferry timetable\n\n{first}\n\n{stray}\n\n{first}\n", encoding="utf-8")
    blocks = [b.text for s in clean(dump).sections for b in s.blocks]
    assert blocks == [first, stray.replace("\t", " "), first]


def test_an_empty_cell_in_a_dumps_table_keeps_its_place(tmp_path: Path) -> None:
    """Two tabs in a row are an empty cell: with no header to name the cells, the listener
    knows a value's column by its place, so the gap is heard; an empty last cell moves
    nothing and is left out."""
    first = PROSE.removeprefix("<p>").removesuffix("</p>")
    dump = tmp_path / "dump.txt"
    dump.write_text(
        f"Ferry timetable\n\n{first}\n\nDay\tFirst boat\tLast boat\nMonday\t7:15\t19:40\n"
        f"Saturday\t8:00\t\nSunday\t\t18:00\n\n{first}\n",
        encoding="utf-8",
    )
    blocks = [b.text for s in clean(dump).sections for b in s.blocks if b.text != first]
    assert blocks == [
        "Day, First boat, Last boat.",
        "Monday, 7:15, 19:40.",
        "Saturday, 8:00.",
        "Sunday, none, 18:00.",
    ]


@pytest.mark.parametrize(
    ("cells", "language", "held"),
    [
        (["Sunday", "", "18:00"], "en", ["Sunday", "none", "18:00"]),
        (["Dimanche", "", "18:00"], "fr", ["Dimanche", "aucun", "18:00"]),
        (["Sunday", "", "18:00"], "xx", ["Sunday", "—", "18:00"]),
        (["", "Mon", "Tue", ""], "en", ["Mon", "Tue"]),
        (["", ""], "en", []),
    ],
)
def test_held_places_reads_only_the_gaps_between_values(
    cells: list[str], language: str, held: list[str]
) -> None:
    assert held_places(cells, language) == held
