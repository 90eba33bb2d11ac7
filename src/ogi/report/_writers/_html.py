"""HTML writer: a standalone HTML5 page in the official layout, fit to publish and to print.

The tables are the grids of :mod:`._grid` that the DOCX and PDF writers draw too: the merged cells of
the national format (rowspan/colspan), the same column proportions, every header cell marked with a
``scope`` so screen readers announce 自然人 / 结果维持 with each number, each table with its caption
and in a container that scrolls sideways on a narrow screen (table 四 shrinks to fit a phone). The
page prints on A4 with page numbers, header rows repeated, rows never split but a long merged group
free to continue on the next page. All text is escaped.
"""

from __future__ import annotations

from html import escape

from .._model import Report
from . import register
from ._cells import CellPrinter
from ._gongwen import split_subheading
from ._grid import Grid, GridCell, Role, report_grids
from ._layout import preamble, sections, signoff, title

_CSS = """
body { font-family: "FangSong", "仿宋", "STFangsong", "SimSun", "Songti SC", serif; line-height: 1.8;
       max-width: 60em; margin: 2em auto; padding: 0 1em; color: #000; }
h1 { font-family: "FZXiaoBiaoSong-B05S", "方正小标宋简体", "SimSun", "Songti SC", serif; text-align: center;
     font-size: 1.6em; font-weight: bold; }
h2 { font-family: "SimHei", "黑体", "Heiti SC", sans-serif; font-size: 1.2em; margin-top: 1.5em; }
.subheading { font-family: "KaiTi", "楷体", "STKaiti", serif; }
p { text-indent: 2em; margin: 0.4em 0; }
.table-scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; margin: 1em 0; }
table { border-collapse: collapse; width: 100%; min-width: 36em; font-size: 0.9em; }
table.table4 { min-width: 0; }
caption { font-family: "SimHei", "黑体", "Heiti SC", sans-serif; padding: 0.3em 0; text-align: left; }
th, td { border: 1px solid #000; padding: 0.2em 0.4em; }
th { font-weight: normal; text-align: center; }
th[scope="row"] { text-align: left; }
td { text-align: center; font-variant-numeric: tabular-nums; }
td.ambiguous { background: #fff3cd; font-weight: bold; }
p.note { text-indent: 0; font-size: 0.9em; }
.signoff { margin-top: 2em; text-align: right; }
.signoff p { text-indent: 0; margin: 0 4em 0 0; }
@media (max-width: 40em) {
  body { padding: 0 0.5em; }
  table.table4 { font-size: 0.7em; table-layout: fixed; }
  table.table4 th, table.table4 td { padding: 0.2em 0.1em; word-break: break-all; }
}
@page { size: A4; margin: 2cm 2cm 2.5cm;
        @bottom-center { content: "— " counter(page) " —"; font-family: "SimSun", serif; } }
@media print {
  body { max-width: none; margin: 0; padding: 0; }
  .table-scroll { overflow: visible; }
  table { page-break-inside: auto; min-width: 0; }
  tr { page-break-inside: avoid; break-inside: avoid; }
  th[rowspan], td[rowspan] { break-inside: auto; }
  thead { display: table-header-group; }
  tr.keep { page-break-after: avoid; break-after: avoid; }
  h2 { page-break-after: avoid; break-after: avoid; }
}
""".strip()


#: What each table is about, for its caption (the section heading without its number).
_CAPTIONS = {
    "2": "主动公开政府信息情况",
    "3": "收到和处理政府信息公开申请情况",
    "4": "政府信息公开行政复议、行政诉讼情况",
}


def _paragraph(text: str) -> str:
    """A paragraph; a leading （一） sub-heading in its own span (set in 楷体, as GB/T 9704 sets it)."""
    head, rest = split_subheading(text)
    if not head:
        return f"<p>{escape(text)}</p>"
    return f'<p><span class="subheading">{escape(head)}</span>{escape(rest)}</p>'


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


def table_html(report: Report, grid: Grid, name: str, caption: str = "") -> list[str]:
    """One table of :mod:`._grid` as markup, in a container that scrolls sideways on a narrow screen:
    its caption, its header rows in ``thead`` (repeated on printed pages), rows the page-layout writers
    keep with the next (captions, block headers) marked ``keep``."""
    total = sum(grid.widths)
    cols = "".join(f'<col style="width: {100 * w / total:.2f}%">' for w in grid.widths)
    rows = [_row(report, grid, r) for r in range(grid.rows)]
    head = ["<thead>", *rows[: grid.header_rows], "</thead>"] if grid.header_rows else []
    body = ["<tbody>", *rows[grid.header_rows :], "</tbody>"]
    label = escape(caption)
    return [
        f'<div class="table-scroll" role="region" aria-label="{label}" tabindex="0">',
        f'<table class="{name}">',
        f"<caption>{label}</caption>",
        f"<colgroup>{cols}</colgroup>",
        *head,
        *body,
        "</table>",
        "</div>",
    ]


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
        lines += [_paragraph(p) for p in paragraphs]
        if section.number in grids:
            caption = f"表{'二三四'[int(section.number) - 2]} {_CAPTIONS[section.number]}"
            lines += table_html(report, grids[section.number], f"table{section.number}", caption)
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
