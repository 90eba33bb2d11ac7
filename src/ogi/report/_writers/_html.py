"""HTML writer: a standalone HTML5 page in the official layout, fit to publish and to print.

The tables are the grids of :mod:`._grid` that the DOCX and PDF writers draw too: the merged cells of
the national format (rowspan/colspan), the same column proportions, every header cell marked with a
``scope`` so screen readers announce 自然人 / 结果维持 with each number. The page prints on A4 without
splitting a row across pages, header rows repeated. All text is escaped.
"""

from __future__ import annotations

from html import escape

from .._model import Report
from . import register
from ._cells import CellPrinter
from ._grid import Grid, GridCell, Role, report_grids
from ._layout import preamble, sections, signoff, title

_CSS = """
body { font-family: "FangSong", "仿宋", "SimSun", "Songti SC", serif; line-height: 1.8; max-width: 60em;
       margin: 2em auto; padding: 0 1em; color: #000; }
h1 { font-family: "SimHei", "黑体", "Heiti SC", sans-serif; text-align: center; font-size: 1.6em; }
h2 { font-family: "SimHei", "黑体", "Heiti SC", sans-serif; font-size: 1.2em; margin-top: 1.5em; }
p { text-indent: 2em; margin: 0.4em 0; }
table { border-collapse: collapse; width: 100%; margin: 1em 0; font-size: 0.9em; }
th, td { border: 1px solid #000; padding: 0.2em 0.4em; }
th { font-weight: normal; text-align: center; }
th[scope="row"] { text-align: left; }
td { text-align: center; font-variant-numeric: tabular-nums; }
td.ambiguous { background: #fff3cd; font-weight: bold; }
p.note { text-indent: 0; font-size: 0.9em; }
.signoff { margin-top: 2em; text-align: right; }
.signoff p { text-indent: 0; margin: 0 4em 0 0; }
@page { size: A4; margin: 2cm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; }
  table { page-break-inside: auto; }
  tr, th, td { page-break-inside: avoid; break-inside: avoid; }
  thead { display: table-header-group; }
  tr.keep { page-break-after: avoid; break-after: avoid; }
  h2 { page-break-after: avoid; break-after: avoid; }
}
""".strip()


def _attrs(**attrs: object) -> str:
    out = []
    for name, value in attrs.items():
        if value is None or (name in ("colspan", "rowspan") and value == 1):
            continue
        out.append(f' {name}="{escape(str(value))}"')
    return "".join(out)


def _cell(report: Report, grid: Grid, spec: GridCell) -> str:
    """A label as a ``th`` with its scope; a value as a ``td`` as the grid prints it, an unresolved one
    marked (its note under the table, its readings on hover too)."""
    spans = {"colspan": spec.colspan, "rowspan": spec.rowspan}
    if spec.role is not Role.VALUE or spec.path is None:
        return f"<th{_attrs(scope=grid.scope(spec), **spans)}>{escape(spec.text)}</th>"
    cell = report.cell(spec.path)
    note = "可能为 " + "、".join(str(v) for v in cell.candidates) if cell.ambiguous else ""
    attrs = _attrs(**spans, **({"class": "ambiguous", "title": note} if note else {}))
    return f"<td{attrs}>{escape(spec.text)}</td>"


def _row(report: Report, grid: Grid, row: int) -> str:
    keep = {"class": "keep"} if row in grid.keep_with_next else {}
    return f"<tr{_attrs(**keep)}>" + "".join(_cell(report, grid, c) for c in grid.row_cells(row)) + "</tr>"


def table_html(report: Report, grid: Grid, name: str) -> list[str]:
    """One table of :mod:`._grid` as markup: its header rows in ``thead`` (repeated on printed pages),
    rows the page-layout writers keep with the next (captions, block headers) marked ``keep``."""
    total = sum(grid.widths)
    cols = "".join(f'<col style="width: {100 * w / total:.2f}%">' for w in grid.widths)
    rows = [_row(report, grid, r) for r in range(grid.rows)]
    head = ["<thead>", *rows[: grid.header_rows], "</thead>"] if grid.header_rows else []
    body = ["<tbody>", *rows[grid.header_rows :], "</tbody>"]
    return [f'<table class="{name}">', f"<colgroup>{cols}</colgroup>", *head, *body, "</table>"]


def to_html(report: Report) -> str:
    """The report as a complete HTML5 document."""
    page_title = escape(title(report))
    lines = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{page_title}</title>",
        f"<style>\n{_CSS}\n</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<h1>{page_title}</h1>",
    ]
    lines += [f'<p class="preamble">{escape(p)}</p>' for p in preamble(report)]
    grids = report_grids(report)
    cells = CellPrinter(report)
    for section, heading, paragraphs in sections(report):
        lines.append(f'<section id="section-{section.number}">')
        lines.append(f"<h2>{escape(heading)}</h2>")
        lines += [f"<p>{escape(p)}</p>" for p in paragraphs]
        if section.number in grids:
            lines += table_html(report, grids[section.number], f"table{section.number}")
            lines += [f'<p class="note">{escape(note)}</p>' for note in cells.notes(f"table{section.number}")]
        lines.append("</section>")
    closing = signoff(report)
    if closing is not None:
        lines.append('<footer class="signoff">')
        lines += [f"<p>{escape(line)}</p>" for line in closing if line]
        lines.append("</footer>")
    lines += ["</main>", "</body>", "</html>"]
    return "\n".join(lines) + "\n"


@register("html")
def write_html(report: Report) -> bytes:
    return to_html(report).encode("utf-8")
