from __future__ import annotations

import random
from dataclasses import replace

import lxml.html
import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from ogi.report import Cell, InputTooLarge, ReadError, Source, from_dict
from ogi.report._format import T3_ROWS_2021, T4_CELL_CODES
from ogi.report._generate import random_report
from ogi.report._readers import kinds, read, read_bytes, sniff
from ogi.report._readers._grid import (
    MAX_COLSPAN,
    MAX_GRID_COLS,
    MAX_ROWSPAN,
    MAX_TABLES,
    SpanCell,
    attach_columns,
    clean_cell,
    deep_nesting_refused,
    place_spans,
)
from ogi.report._readers._html import decode_html, html_text, table_grid
from ogi.report._writers import write

from ..conftest import CORPUS, load_expected

PINGTAN = CORPUS / "pingtan" / "pingtan_2025_tables.html"
CITY = CORPUS / "anonymized" / "anonymized_city_2025.html"


def grid_of(html: str) -> list[list[str]]:
    return table_grid(next(lxml.html.document_fromstring(html).iter("table")))


# --------------------------------------------------------------------------- table_grid


def test_official_table3_header_resolves_to_the_anchor_only_grid() -> None:
    grid = grid_of(
        "<table><tr><td colspan=3 rowspan=3>note</td><td colspan=7>申请人情况</td></tr>"
        "<tr><td rowspan=2>自然人</td><td colspan=5>法人或其他组织</td><td rowspan=2>总计</td></tr>"
        "<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>"
        "<tr><td colspan=3>一、本年新收</td>"
        "<td>1</td><td>2</td><td>3</td><td>4</td><td>5</td><td>6</td><td>21</td></tr>"
        "</table>"
    )
    assert grid == [
        ["note", "", "", "申请人情况", "", "", "", "", "", ""],
        ["", "", "", "自然人", "法人或其他组织", "", "", "", "", "总计"],
        ["", "", "", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""],
        ["一、本年新收", "", "", "1", "2", "3", "4", "5", "6", "21"],
    ]


def test_header_without_rowspans_gives_the_same_grid_as_with_them() -> None:
    with_spans = grid_of(
        "<table><tr><td rowspan=2>自然人</td><td colspan=2>法人</td><td rowspan=2>总计</td></tr>"
        "<tr><td>商业企业</td><td>其他</td></tr></table>"
    )
    without = grid_of(
        "<table><tr><td>自然人</td><td colspan=2>法人</td><td>总计</td></tr>"
        "<tr><td></td><td>商业企业</td><td>其他</td><td></td></tr></table>"
    )
    assert with_spans == without


def test_rowspan_beyond_the_table_is_clipped_not_new_rows() -> None:
    grid = grid_of("<table><tr><td rowspan=50>a</td><td>b</td></tr><tr><td>c</td></tr></table>")
    assert grid == [["a", "b"], ["", "c"]]


def test_zero_and_garbage_spans() -> None:
    # colspan=0 is 1; rowspan=0 spans the rest of the table (as browsers do); garbage is 1; "2px" is 2
    grid = grid_of(
        "<table><tr><td colspan=0>a</td><td rowspan=0>b</td><td colspan='x'>c</td><td colspan='2px'>d</td></tr>"
        "<tr><td>e</td><td>f</td></tr><tr><td>g</td></tr></table>"
    )
    assert grid == [["a", "b", "c", "d", ""], ["e", "", "f", "", ""], ["g", "", "", "", ""]]


def test_huge_spans_are_capped() -> None:
    grid = grid_of("<table><tr><td colspan=99999 rowspan=99999>a</td></tr><tr><td>b</td></tr></table>")
    assert len(grid) == 2
    assert len(grid[0]) <= MAX_COLSPAN + 1
    assert grid[0][0] == "a" and "b" in grid[1]


def test_rows_of_nested_tables_are_not_rows_of_the_outer_table() -> None:
    grid = grid_of(
        "<table><tbody><tr><td>x<table><tr><td>inner1</td></tr><tr><td>inner2</td></tr></table></td></tr></tbody>"
        "<tr><td>y</td></tr></table>"
    )
    assert len(grid) == 2
    assert grid[1] == ["y"]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.lists(st.tuples(st.integers(-2, 300), st.integers(-2, 300)), min_size=0, max_size=8),
        min_size=1,
        max_size=12,
    )
)
def test_place_spans_is_rectangular_and_keeps_every_cell_once(spans: list[list[tuple[int, int]]]) -> None:
    rows = [[SpanCell(f"c{r}_{i}", cs, rs) for i, (cs, rs) in enumerate(row)] for r, row in enumerate(spans)]
    grid = place_spans(rows)
    assert len(grid) == len(rows)
    assert len({len(line) for line in grid}) <= 1
    assert all(len(line) <= MAX_GRID_COLS for line in grid)
    texts = [v for line in grid for v in line if v]
    assert len(texts) == len(set(texts))  # a text is never copied into the positions it covers
    # a cell's column is at most the sum of all spans before it: when they all fit, every cell is placed
    if sum(min(max(cs, 1), MAX_COLSPAN) for row in spans for cs, _ in row) <= MAX_GRID_COLS:
        assert set(texts) == {cell.text for row in rows for cell in row}


def _place_spans_plainly(rows: list[list[SpanCell]]) -> list[list[str]]:
    """place_spans without its shortcut for one-by-one cells: every cell through the general placement."""
    grid: list[list[str | None]] = [[] for _ in rows]
    for r, cells in enumerate(rows):
        c = 0
        for cell in cells:
            while c < len(grid[r]) and grid[r][c] is not None:
                c += 1
            if c >= MAX_GRID_COLS:
                break
            colspan = min(max(cell.colspan, 1), MAX_COLSPAN, MAX_GRID_COLS - c)
            rowspan = min(max(cell.rowspan, 1), MAX_ROWSPAN, len(rows) - r)
            for dr in range(rowspan):
                for dc in range(colspan):
                    line = grid[r + dr]
                    line.extend([None] * (c + dc + 1 - len(line)))
                    line[c + dc] = cell.text if dr == 0 and dc == 0 else ""
            c += colspan
    width = max((len(line) for line in grid), default=0)
    return [[v or "" for v in line] + [""] * (width - len(line)) for line in grid]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.lists(st.tuples(st.sampled_from([1, 1, 1, 1, 2, 3, 0, 250]), st.sampled_from([1, 1, 1, 2, 3, 0])))))
def test_place_spans_places_single_cells_as_spanning_ones(spans: list[list[tuple[int, int]]]) -> None:
    rows = [[SpanCell(f"c{r}_{i}", cs, rs) for i, (cs, rs) in enumerate(row)] for r, row in enumerate(spans)]
    assert place_spans(rows) == _place_spans_plainly(rows)


# --------------------------------------------------------------------------- text of cells and pages


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1,234", "1234"),
        ("12,345,678", "12345678"),
        ("１２３４", "1234"),
        ("１，２３４", "1234"),
        ("\xa012\xa0", "12"),
        ("1 234", "1234"),
        ("4166.241619", "4166.241619"),
        ("+2", "+2"),
        ("—", "-"),
        ("商业 企业", "商业企业"),
        ("1,2", "1,2"),  # not a thousands separator: left for the text reader
        ("\u200b0", "0"),
    ],
)
def test_clean_cell(raw: str, expected: str) -> None:
    assert clean_cell(raw) == expected


PAGE = (
    "<html><head>{meta}<title>某县2024年度政府信息公开工作年度报告</title></head>"
    "<body><p>一、总体情况</p></body></html>"
)


@pytest.mark.parametrize(
    ("meta", "encoding"),
    [
        ('<meta charset="gbk">', "gbk"),
        ('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', "gb18030"),
        ("", "gb18030"),  # no declaration
        ('<meta charset="utf-8">', "gb18030"),  # a wrong declaration
        ("", "utf-8"),
        ('<meta charset="utf-8">', "utf-8"),
    ],
)
def test_decoding(meta: str, encoding: str) -> None:
    page = PAGE.format(meta=meta)
    assert "某县2024年度" in decode_html(page.encode(encoding))


def test_decoding_bom_wins_over_a_wrong_declaration() -> None:
    page = PAGE.format(meta='<meta charset="gbk">')
    assert "某县" in decode_html(b"\xef\xbb\xbf" + page.encode("utf-8"))
    assert "某县" in decode_html(b"\xff\xfe" + page.encode("utf-16-le"))


def _corpus_page(path) -> str:
    return path.read_text(encoding="utf-8")


def wrap_in_portal(article: str) -> str:
    """A saved government page: scripts, styles, navigation and a nested layout table around the report."""
    return (
        "<html><head><meta charset='gbk'><title>测试市2025年政府信息公开工作年度报告_测试市人民政府</title>"
        "<style>td{font-size:12px} /* 行政复议 行政诉讼 结果维持 */</style>"
        "<script>var t='<table><tr><td>本年新收政府信息公开申请数量</td></tr></table>';</script></head><body>"
        "<nav>首页 | 政务公开 | 行政复议 行政诉讼 结果维持 其他结果</nav>"
        "<table class=layout><tr><td>导航</td><td><table class=menu><tr><td>机构概况</td></tr></table></td></tr>"
        "<tr><td colspan=2><table class=frame><tr><td>"
        f"<div id=zoom>{article}</div>"
        "</td></tr></table></td></tr></table>"
        "<div style='display:none'>隐藏的统计代码</div>"
        "<div class=footer>主办单位：测试市人民政府办公室</div></body></html>"
    )


def test_report_tables_are_found_by_label_inside_layout_tables() -> None:
    article = BeautifulSoup(_corpus_page(CITY), "lxml").find("div", id="zoom").decode_contents()
    page = wrap_in_portal(article).encode("gbk")
    doc = html_text(page, "portal.html")
    assert [number for number, _ in doc.tables] == [2, 3, 4]  # the menu table is table 1
    plain = html_text(CITY.read_bytes(), "city.html")
    assert [grid for _, grid in doc.tables] == [grid for _, grid in plain.tables]
    text = doc.text()
    for noise in ("隐藏的统计代码", "var t", "font-size", "首页", "主办单位"):
        assert noise not in text
    assert doc.lines[0].text == "测试市2025年政府信息公开工作年度报告"
    assert "一、总体情况" in doc.prose and "六、其他需要报告的事项" in doc.prose


def _data_rows(grid: list[list[str]], width: int) -> list[list[str]]:
    return [row[-width:] for row in grid if row[-1] and all(v.replace(".", "").isdigit() for v in row[-width:])]


@pytest.mark.parametrize("path", [PINGTAN, CITY], ids=lambda p: p.name)
def test_corpus_grids_hold_every_expected_cell(path) -> None:
    """The grids alone, before any label parsing: every cell of the expected file in its column."""
    expected = load_expected(path.with_name(path.name.replace(".html", ".expected.json")))
    doc = html_text(path.read_bytes(), path.name)
    (t2, t3, t4) = [grid for _, grid in doc.tables]
    assert _data_rows(t3, 7) == [[str(v) for v in expected["table3"][row.code]] for row in T3_ROWS_2021]
    assert _data_rows(t4, 15) == [[str(expected["table4"][code]) for code in T4_CELL_CODES]]
    t2_values = [v for row in t2 for v in row[1:] if v and v[0].isdigit()]
    assert t2_values == [str(v) for v in expected["table2"].values()]


# --------------------------------------------------------------------------- bad input


def test_fifty_thousand_tables_are_refused() -> None:
    page = "<html><body>" + "<table><tr><td>1</td></tr></table>" * 50_000 + "</body></html>"
    with pytest.raises(InputTooLarge, match="表格过多") as info:
        read_bytes(page.encode(), "many.html")
    assert str(info.value).startswith("many.html")


def test_just_under_the_table_limit_is_read_and_refused_for_its_content() -> None:
    """Under the limit the page is read (its time is measured by bench/, never asserted here)."""
    page = "<html><body>" + "<table><tr><td>1</td><td>x</td></tr></table>" * (MAX_TABLES - 1) + "</body></html>"
    kinds()
    with pytest.raises(ReadError, match="未找到年度报告的表格"):
        read_bytes(page.encode(), "junk.html")


def test_page_without_report_tables() -> None:
    page = "<html><body><p>通知公告</p><table><tr><td>姓名</td><td>电话</td></tr></table></body></html>"
    with pytest.raises(ReadError) as info:
        read_bytes(page.encode(), "notice.html")
    message = str(info.value)
    assert message.startswith("notice.html") and "未找到" in message and "\n" not in message


def test_tables_pasted_as_images_are_named_as_such() -> None:
    page = (
        "<html><body><p>一、总体情况</p><p>三、收到和处理政府信息公开申请情况</p>"
        "<p><img src='table3.png'></p></body></html>"
    )
    with pytest.raises(ReadError, match="图片"):
        read_bytes(page.encode(), "images.html")


def test_deep_nesting_is_a_read_error_not_a_crash() -> None:
    page = "<html><body>" + "<div>" * 20_000 + "x" + "</div>" * 20_000 + "</body></html>"
    with pytest.raises(ReadError):
        read_bytes(page.encode(), "deep.html")


def test_recursion_in_a_reader_becomes_a_one_line_read_error() -> None:
    def recurse(n: int) -> int:
        return recurse(n + 1) + 1

    with (
        pytest.raises(InputTooLarge, match="嵌套过深") as info,
        deep_nesting_refused("deep.html", "网页标记嵌套过深，无法读取"),
    ):
        recurse(0)
    assert str(info.value).startswith("deep.html") and "\n" not in str(info.value)


def test_damaged_pages_give_a_report_or_a_read_error_never_a_crash() -> None:
    page = CITY.read_bytes()
    rng = random.Random(5)
    outcomes = {"report": 0, "partial": 0, "error": 0}
    for _ in range(40):
        damaged = bytearray(page)
        for _ in range(rng.randint(1, 6)):
            at, size = rng.randrange(len(damaged)), rng.randint(1, 400)
            if rng.random() < 0.5:
                del damaged[at : at + size]
            else:
                damaged[at:at] = page[rng.randrange(len(page)) :][:size]
        try:
            report = read_bytes(bytes(damaged), "damaged.html")
            outcomes["report" if report.complete else "partial"] += 1
        except ReadError as exc:
            assert str(exc).startswith("damaged.html") and "\n" not in str(exc)
            outcomes["error"] += 1
    assert outcomes["report"] > 0 and outcomes["partial"] + outcomes["error"] > 0


def test_a_pdf_extension_does_not_decide_the_reader(tmp_path) -> None:
    html = b"<html><body><table><tr><td>a</td></tr></table></body></html>"
    assert sniff(html, "report.pdf") == "html"
    path = tmp_path / "report.pdf"
    path.write_bytes(html)
    with pytest.raises(ReadError, match="未找到年度报告的表格"):  # the HTML reader's message, not a PDF error
        read(path)


# --------------------------------------------------------------------------- provenance


def test_attach_columns_names_the_grid_column_of_each_cell() -> None:
    """Cells that the text reader took from a grid row get the column they were printed in."""
    doc = html_text(PINGTAN.read_bytes(), "p.html")
    expected = load_expected(PINGTAN.with_name("pingtan_2025_tables.expected.json"))
    report = from_dict({k: v for k, v in expected.items() if k in ("format", "table2", "table3", "table4")})
    placed = {
        "table2.normative_documents.repealed": (1, 4),
        "table2.licensing.decisions": (1, 7),
        "table3.unavailable.not_held.commercial": (2, 16),
        "table3.unavailable.not_held.total": (2, 16),
        "table3.total_handled.natural_person": (2, 27),
        "table4.litigation_direct.total": (3, 4),
    }
    for path, (table, row) in placed.items():
        report = report.with_cell(path, replace(report.cell(path), source=Source(file="p.html", table=table, row=row)))
    report = report.with_cell("table3.granted.total", Cell(None, source=Source(file="p.html", table=2, row=6)))
    located = attach_columns(report, doc)
    columns = {path: located.cell(path).source.column for path in placed}
    assert columns == {
        "table2.normative_documents.repealed": 3,
        "table2.licensing.decisions": 2,
        "table3.unavailable.not_held.commercial": 5,
        "table3.unavailable.not_held.total": 10,
        "table3.total_handled.natural_person": 4,
        "table4.litigation_direct.total": 10,
    }
    assert located.cell("table3.granted.total").source.column is None  # a blank cell is not guessed
    assert located.cell("table3.granted.natural_person").source is None
    assert located.cell("table2.licensing.decisions").source.describe() == "p.html 第1个表格 第7行 第2列"


# --------------------------------------------------------------------------- whole reports (with the text reader)


def _expected_cells(expected: dict) -> dict[str, object]:
    data = {k: v for k, v in expected.items() if k in ("format", "table2", "table3", "table4")}
    return dict((path, cell.value) for path, cell in from_dict(data).iter_cells())


def _accuracy(report, expected: dict) -> tuple[int, int]:
    want = _expected_cells(expected)
    got = {path: cell.value for path, cell in report.iter_cells()}
    return sum(got.get(path) == value for path, value in want.items()), len(want)


@pytest.mark.parametrize("path", [PINGTAN, CITY], ids=lambda p: p.name)
def test_corpus_pages_parse_to_exactly_the_expected_cells(path) -> None:
    expected = load_expected(path.with_name(path.name.replace(".html", ".expected.json")))
    report = read(path)
    right, total = _accuracy(report, expected)
    assert (right, total) == (total, total)
    assert {path for path, _ in report.iter_cells()} == set(_expected_cells(expected))
    assert report.format.value == expected["format"]
    assert (report.agency, report.year) == (expected["agency"], expected["year"])


def test_cells_say_which_table_row_and_column_they_came_from() -> None:
    report = read(CITY)
    cell = report.cell("table3.total_handled.natural_person")
    assert (cell.source.table, cell.source.row, cell.source.column) == (2, 27, 4)
    assert report.cell("table4.review.total").source.column == 5
    assert "第2个表格 第27行 第4列" in cell.source.describe()


def test_gbk_portal_page_with_full_width_digits_and_thousands_separators() -> None:
    article = BeautifulSoup(_corpus_page(CITY), "lxml").find("div", id="zoom").decode_contents()
    full_width = str.maketrans("0123456789", "０１２３４５６７８９")
    article = article.replace("<td>13612</td>", "<td>13,612</td>").replace(
        "<td>5345</td>", "<td>&nbsp;5,345&nbsp;</td>"
    )
    article = article.replace("<td>783</td>", "<td>" + "783".translate(full_width) + "</td>")
    page = wrap_in_portal(article).replace("<meta charset='gbk'>", "").encode("gbk")
    report = read_bytes(page, "portal.html")
    expected = load_expected(CITY.with_name("anonymized_city_2025.expected.json"))
    right, total = _accuracy(report, expected)
    assert right == total
    assert "信息处理费" in report.sections.get("6", "")
    assert "主办单位" not in "".join(report.sections.values())


def test_a_pdf_that_is_html_reads_as_html(tmp_path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(CITY.read_bytes())
    report = read(path)
    assert report.value("table3.new_received.total") == 14069


@settings(max_examples=12, deadline=None)
@given(st.integers(0, 10_000))
def test_round_trip_through_the_html_writer(seed: int) -> None:
    original = random_report(random.Random(seed))
    back = read_bytes(write(original, "html"), "round.html")
    assert back.format is original.format
    assert {p: c.value for p, c in back.iter_cells()} == {p: c.value for p, c in original.iter_cells()}


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        ('<meta name="PubDate" content="2020-01-06 20:04"/>', "2020-01-06"),
        ('<meta name="publishdate" content="2021年3月5日"/>', "2021-03-05"),
        ('<meta property="article:published_time" content="2024-02-01T08:00:00+08:00"/>', "2024-02-01"),
        ('<meta name="PubDate" content=""/>', None),
        ('<meta name="Author" content="2020-01-06"/>', None),
    ],
)
def test_publication_date_comes_from_the_page_metadata(meta: str, expected: str | None) -> None:
    # TRS portals (e.g. pingtan.gov.cn) state the date in <meta name="PubDate">, as the page.txt capture's
    # “发布时间:” header does; both readers must give the same published date.
    article = BeautifulSoup(_corpus_page(PINGTAN), "lxml").body.decode_contents()
    title = "<title>平潭综合实验区2025年度政府信息公开工作年度报告</title>"
    report = read_bytes(f"<html><head>{meta}{title}</head><body>{article}</body></html>".encode(), "page.html")
    assert (report.published.isoformat() if report.published else None) == expected

    def values(r) -> dict:
        return {row: [c.value for c in cells] for row, cells in r.table3.items()}

    assert values(report) == values(read(PINGTAN))
