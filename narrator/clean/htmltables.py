"""A table's header rows and row heads, as the page marks them.

trafilatura keeps role="head" only on the <th> cells of a table's first row: a <thead>
of <td> cells, a header row with an empty corner cell and the <th> that heads each later
row all reach us as plain cells. The page's own tables still say which rows are which;
trafilatura's rows are matched to them by their cells' text. Only markup that says
"header" counts: a bold first row may be a header or the first row set in bold, and
naming every cell after it where it was not (one dev page) breaks the reading.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree
from lxml import html as lxml_html

from narrator.clean import patterns as p
from narrator.clean.htmlcaptions import text_key
from narrator.clean.tables import TableRow

_CELLS = ("td", "th")


@dataclass(frozen=True)
class TableMarks:
    """The rows of a page's tables that name columns, and those a <th> cell heads."""

    headers: set[tuple[str, ...]] = field(default_factory=set)
    """Header rows, each as the keys of its non-empty cells."""
    headed: set[tuple[str, ...]] = field(default_factory=set)
    """Rows whose first cell is a <th> before <td> cells."""


def table_marks(page: lxml_html.HtmlElement) -> TableMarks:
    """Where the page's tables mark their header rows and row heads."""
    marks = TableMarks()
    for table in page.iter("table"):
        rows = table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr")
        for row in rows:
            cells = [cell for cell in row if cell.tag in _CELLS]
            key = _key([_text(cell) for cell in cells])
            if not key:
                continue
            filled = [cell for cell in cells if _text(cell)]
            if row.getparent().tag == "thead" or all(cell.tag == "th" for cell in filled):
                marks.headers.add(key)
            elif cells[0].tag == "th" and any(cell.tag == "td" and _text(cell) for cell in cells[1:]):
                marks.headed.add(key)
    return marks


def table_rows(table: etree._Element, marks: TableMarks) -> list[TableRow]:
    """The rows of a table in trafilatura's XML, with the page's marks."""
    rows = []
    for row in table.iter("row"):
        cells = list(row.iter("cell"))
        texts = [_text(cell) for cell in cells]
        key = _key(texts)
        marked = bool(cells) and all(cell.get("role") == "head" for cell in cells if _text(cell))
        rows.append(TableRow(texts, header=marked or key in marks.headers, row_head=key in marks.headed))
    return rows


def _key(texts: list[str]) -> tuple[str, ...]:
    return tuple(key for key in map(text_key, texts) if key)


def _text(element: etree._Element) -> str:
    return p.squash(" ".join(element.itertext()))
