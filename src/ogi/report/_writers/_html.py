"""HTML writer: a standalone HTML5 page in the official layout, fit to publish and to print.

The tables keep the merged header cells of the national format (rowspan/colspan), mark every header
cell with a ``scope`` so screen readers announce 自然人 / 结果维持 with each number, and print on A4
without splitting a row across pages. All text is escaped.
"""

from __future__ import annotations

from html import escape

from .._format import (
    T3_APPLICANTS,
    T3_COLUMNS,
    T3_HEADER_NOTE,
    T3_LEGAL_PERSONS,
    T3_OUTCOMES_LABEL,
    T4_COLUMNS,
    T4_GROUPS,
    T4_LITIGATION,
    T4_REVIEW,
    TABLE2,
)
from .._model import BLANK, Cell, Report
from . import register
from ._layout import candidates_note, cell_text, sections, title

_CSS = """
body { font-family: "FangSong", "仿宋", "SimSun", "Songti SC", serif; line-height: 1.8; max-width: 60em;
       margin: 2em auto; padding: 0 1em; color: #000; }
h1 { font-family: "SimHei", "黑体", "Heiti SC", sans-serif; text-align: center; font-size: 1.6em; }
h2 { font-family: "SimHei", "黑体", "Heiti SC", sans-serif; font-size: 1.2em; margin-top: 1.5em; }
p { text-indent: 2em; margin: 0.4em 0; }
table { border-collapse: collapse; width: 100%; margin: 1em 0; font-size: 0.9em; }
th, td { border: 1px solid #000; padding: 0.2em 0.4em; }
th { font-weight: normal; text-align: left; }
thead th, th[scope="colgroup"] { text-align: center; }
td { text-align: center; font-variant-numeric: tabular-nums; }
td.ambiguous { background: #fff3cd; }
@page { size: A4; margin: 2cm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; }
  table { page-break-inside: auto; }
  tr, th, td { page-break-inside: avoid; break-inside: avoid; }
  thead { display: table-header-group; }
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


def _th(text: str, scope: str, *, colspan: int = 1, rowspan: int = 1) -> str:
    return f"<th{_attrs(scope=scope, colspan=colspan, rowspan=rowspan)}>{escape(text)}</th>"


def _td(cell: Cell, *, colspan: int = 1) -> str:
    note = candidates_note(cell)
    attrs = _attrs(colspan=colspan, **({"class": "ambiguous", "title": note} if note else {}))
    return f"<td{attrs}>{escape(cell_text(cell))}</td>"


def _tr(cells: list[str]) -> str:
    return "<tr>" + "".join(cells) + "</tr>"


def table2_html(report: Report) -> list[str]:
    blocks = TABLE2[report.format]
    width = 1 + max(len(b.columns) for b in blocks)
    out = ['<table class="table2">', "<tbody>"]
    for block in blocks:
        n = len(block.columns)
        spans = [1] * (n - 1) + [width - n]  # the last column takes the remaining width
        out.append(_tr([_th(block.caption, "colgroup", colspan=width)]))
        out.append(
            _tr(
                [_th(block.header, "col")]
                + [_th(c.label, "col", colspan=s) for c, s in zip(block.columns, spans, strict=True)]
            )
        )
        for row in block.rows:
            cells = [report.table2.get(f"{row.code}.{c.code}", BLANK) for c in block.columns]
            out.append(_tr([_th(row.label, "row")] + [_td(c, colspan=s) for c, s in zip(cells, spans, strict=True)]))
    out += ["</tbody>", "</table>"]
    return out


def table3_html(report: Report) -> list[str]:
    legal = T3_COLUMNS[1:-1]
    head = [
        _tr(
            [
                _th(T3_HEADER_NOTE, "col", colspan=3, rowspan=3),
                _th(T3_APPLICANTS, "colgroup", colspan=len(T3_COLUMNS)),
            ]
        ),
        _tr(
            [
                _th(T3_COLUMNS[0].label, "col", rowspan=2),
                _th(T3_LEGAL_PERSONS, "colgroup", colspan=len(legal)),
                _th(T3_COLUMNS[-1].label, "col", rowspan=2),
            ]
        ),
        _tr([_th(c.label, "col") for c in legal]),
    ]
    rows = report.table3_rows
    in_outcomes = [r for r in rows if r.is_outcome or r.code == "total_handled"]
    group_sizes: dict[str, int] = {}
    for r in rows:
        if r.group is not None:
            group_sizes[r.group.code] = group_sizes.get(r.group.code, 0) + 1
    body = []
    started_outcomes = False
    seen_groups: set[str] = set()
    for row in rows:
        cells: list[str] = []
        inside = row in in_outcomes
        if inside and not started_outcomes:
            cells.append(_th(T3_OUTCOMES_LABEL, "rowgroup", rowspan=len(in_outcomes)))
            started_outcomes = True
        if row.group is not None:
            if row.group.code not in seen_groups:
                cells.append(_th(row.group.label, "rowgroup", rowspan=group_sizes[row.group.code]))
                seen_groups.add(row.group.code)
            cells.append(_th(row.label, "row"))
        else:
            cells.append(_th(row.label, "row", colspan=2 if inside else 3))
        values = report.table3.get(row.code, (BLANK,) * len(T3_COLUMNS))
        body.append(_tr(cells + [_td(c) for c in values]))
    return ['<table class="table3">', "<thead>", *head, "</thead>", "<tbody>", *body, "</tbody>", "</table>"]


def table4_html(report: Report) -> list[str]:
    span = len(T4_COLUMNS)
    litigation = T4_GROUPS[1:]
    head = [
        _tr([_th(T4_REVIEW, "colgroup", colspan=span), _th(T4_LITIGATION, "colgroup", colspan=span * len(litigation))]),
        _tr(
            [_th(c.label, "col", rowspan=2) for c in T4_COLUMNS]
            + [_th(g.label, "colgroup", colspan=span) for g in litigation]
        ),
        _tr([_th(c.label, "col") for _ in litigation for c in T4_COLUMNS]),
    ]
    values = [report.table4.get(f"{g.code}.{c.code}", BLANK) for g in T4_GROUPS for c in T4_COLUMNS]
    return [
        '<table class="table4">',
        "<thead>",
        *head,
        "</thead>",
        "<tbody>",
        _tr([_td(v) for v in values]),
        "</tbody>",
        "</table>",
    ]


_TABLES = {"2": table2_html, "3": table3_html, "4": table4_html}


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
    for section, heading, paragraphs in sections(report):
        lines.append(f'<section id="section-{section.number}">')
        lines.append(f"<h2>{escape(heading)}</h2>")
        lines += [f"<p>{escape(p)}</p>" for p in paragraphs]
        if section.number in _TABLES:
            lines += _TABLES[section.number](report)
        lines.append("</section>")
    lines += ["</main>", "</body>", "</html>"]
    return "\n".join(lines) + "\n"


@register("html")
def write_html(report: Report) -> bytes:
    return to_html(report).encode("utf-8")
