"""The text reader: the seed, the 平潭 web captures, flattened random reports, encodings and bad input."""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ogi.report import (
    Cell,
    FormatVersion,
    Line,
    ReadError,
    Report,
    Severity,
    Source,
    check,
    from_dict,
    parse_text,
    read,
    read_bytes,
)
from ogi.report._format import (
    SECTIONS,
    T3_COLUMN_CODES,
    T3_COLUMNS,
    T3_HEADER_NOTE,
    T3_OUTCOMES_LABEL,
    T4_COLUMNS,
    T4_GROUPS,
    T4_LITIGATION,
    T4_REVIEW,
    TABLE2,
    CellKind,
)
from ogi.report._format import T4_CELL_CODES as T4_CODES
from ogi.report._generate import random_report
from ogi.report._readers._splits import split_cells, tokenize
from ogi.report._readers._text import parse_lines

from ..conftest import CORPUS, SEED, SEED_EXPECTED, load_expected

TEXT_FILES = sorted(CORPUS.glob("*/*.txt"))


def _same(value: object, expected: object) -> bool:
    if value is None or expected is None:
        return value is None and expected is None
    return Decimal(str(value)) == Decimal(str(expected))


def _expected_cells(data: dict) -> dict[str, object]:
    out: dict[str, object] = {}
    for code, value in data["table2"].items():
        out[f"table2.{code}"] = value
    for row, values in data["table3"].items():
        for col, value in zip(T3_COLUMN_CODES, values, strict=True):
            out[f"table3.{row}.{col}"] = value
    for code, value in data["table4"].items():
        out[f"table4.{code}"] = value
    return out


def _read_cells(report: Report) -> dict[str, Cell]:
    return dict(report.iter_cells())


# --------------------------------------------------------------------------- the corpus


@pytest.mark.parametrize("path", TEXT_FILES, ids=lambda p: p.name)
def test_corpus_text_files_read_to_their_expected_cells(path: Path) -> None:
    expected = load_expected(path.with_name(path.stem + ".expected.json"))
    report = read(path)
    assert report.format.value == expected["format"]
    assert report.agency == expected["agency"]
    assert report.year == expected["year"]
    ambiguous = set(expected.get("ambiguous") or ())
    cells = _read_cells(report)
    want = _expected_cells(expected)
    assert set(cells) == set(want), "the reader must produce exactly the rows and cells of the expected file"
    for path_, value in want.items():
        cell = cells[path_]
        if cell.ambiguous:
            assert path_ in ambiguous, f"{path_} flagged ambiguous but it is determined ({value})"
            assert cell.value is None
            assert any(_same(c, value) for c in cell.candidates), (path_, value, cell.candidates)
        else:
            assert _same(cell.value, value), (path_, cell.value, value, cell.raw)


@pytest.mark.parametrize("path", TEXT_FILES, ids=lambda p: p.name)
def test_every_number_points_at_its_line(path: Path) -> None:
    report = read(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    for name, cell in report.iter_cells():
        assert cell.source is not None and cell.source.file == str(path), name
        assert cell.source.line is not None, name
        if cell.value is not None:
            assert cell.raw, name
            digits = cell.raw.lstrip("+-").replace("元", "").split(".")[0].replace(",", "")
            assert digits and digits in "".join(lines[cell.source.line - 1].split()), (name, cell.raw)


def test_seed_reads_exactly() -> None:
    report = read(SEED)
    expected = load_expected(SEED.with_name(SEED.stem + ".expected.json"))
    assert (report.agency, report.year, report.format) == ("东沟乡人民政府", 2023, FormatVersion.V2021)
    assert report.title == "东沟乡 2023 年度 政府信息公开工作报告"
    assert sorted(report.sections) == ["1", "2", "3", "4", "5", "6"]
    assert report.sections["1"].startswith("本年度报告是根据《条例》要求")
    assert report.sections["5"].endswith("为人民群众获取信息提供全方位渠道。")
    assert report.sections["6"] == "无其他需要报告的事项。"
    assert [report.sections[n] for n in "234"] == ["", "", ""]  # present, tables only: no prose
    assert "other" in report.table3 and report.split_other is False
    assert report.printed_labels == {"table3.col.nonprofit": "社会组织", "table2.row.normative_documents": "规范性文件"}
    for path, value in _expected_cells(expected).items():
        assert _same(report.value(path), value), path
    # only the 总计 of each table 三 row is printed; the applicant cells stay blank, never 0
    granted = report.table3["granted"]
    assert [c.value for c in granted] == [None] * 6 + [0]
    assert granted[6].source == Source(file=str(SEED), line=_line_of(SEED, "(一) 予以公开"), raw="0")


def _line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def test_capture_header_gives_title_and_publication_date() -> None:
    report = read(CORPUS / "pingtan" / "pingtan_2019_page.txt")
    assert report.title == "平潭综合实验区2019年度政府信息公开工作年度报告"
    assert report.published is not None and report.published.isoformat() == "2020-01-20"
    assert report.sections["1"].startswith("2019年，")
    assert any("重复了“三、本年度办理结果”" in n for n in report.notes)


def test_typo_labels_are_recorded_as_printed() -> None:
    report = read(CORPUS / "pingtan" / "pingtan_gaj_2021_page.txt")
    assert report.printed_labels["table2.col.repealed"] == "本年废纸件数"
    gaj = read(CORPUS / "pingtan" / "pingtan_hzs_2025_page.txt")
    assert "regulations.issued" not in gaj.table2 and any("规章" in n for n in gaj.notes)


def test_rows_split_two_ways_are_settled_by_the_column_sums() -> None:
    report = read(CORPUS / "pingtan" / "pingtan_2021_page.txt")
    assert [c.value for c in report.table3["granted"]] == [27, 0, 0, 2, 0, 1, 30]
    assert any("270020130" in n and "按列合计" in n for n in report.notes)


# --------------------------------------------------------------------------- splitting


def _values(text: str, kinds: list[CellKind], groups=()) -> list[list[object]]:
    tokens, _ = tokenize(text)
    splits, _ = split_cells(tokens, kinds, groups)
    return [[p.value for p in s] for s in splits]


def test_digit_runs_split_by_the_row_rule() -> None:
    count = [CellKind.COUNT] * 7
    assert _values("230000023", count, [(0, 7)]) == [[23, 0, 0, 0, 0, 0, 23]]
    assert sorted(_values("270020130", count, [(0, 7)])) == [[2, 7, 0, 0, 20, 1, 30], [27, 0, 0, 2, 0, 1, 30]]
    assert _values("10 0 00 0 1", count, [(0, 7)]) == [[1, 0, 0, 0, 0, 0, 1]]


def test_no_leading_zeros_and_signs_and_amounts() -> None:
    three = [CellKind.COUNT] * 3
    assert _values("0012", three) == [[0, 0, 12]]
    signed = [CellKind.COUNT, CellKind.SIGNED, CellKind.COUNT]
    assert _values("0+11", signed) == [[0, 1, 1]]
    assert _values("5-210", signed) == [[5, -2, 10], [5, -21, 0]]
    assert _values("24252.311082", [CellKind.MONEY_WAN]) == [[Decimal("24252.311082")]]
    amount = [CellKind.COUNT, CellKind.AMOUNT]
    got = _values("13575394432.52元", amount)
    assert [135, Decimal("75394432.52")] in got and all(isinstance(v[1], Decimal) for v in got)


def test_table4_run_splits_by_its_three_totals() -> None:
    kinds = [CellKind.COUNT] * 15
    groups = [(0, 5), (5, 10), (10, 15)]
    assert _values("10203120001200000", kinds, groups) == [[1, 0, 2, 0, 3, 12, 0, 0, 0, 12, 0, 0, 0, 0, 0]]


def test_split_enumeration_is_bounded_on_pathological_runs() -> None:
    tokens, _ = tokenize("1" * 400)
    splits, capped = split_cells(tokens, [CellKind.COUNT] * 7, [(0, 7)])
    assert capped or not splits


# --------------------------------------------------------------------------- flattened random reports


def _num(value: object) -> str:
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def _capture(report: Report, rng: random.Random) -> str:
    """A web capture like the 平潭 pages: labels and numbers run together on one line."""

    def cells(values: list[object], spaced: bool) -> str:
        return "".join((" " if spaced and rng.random() < 0.3 else "") + _num(v) for v in values)

    body: list[str] = ["当前位置：首页 政务公开 年报 来源：测试 时间：2024-01-20"]
    for section in SECTIONS:
        body.append(section.heading + report.sections.get(section.number, ""))
        if section.number == "2":
            for block in TABLE2[report.format]:
                body.append(block.caption + block.header + "".join(c.label for c in block.columns))
                for row in block.rows:
                    vals = [report.value(f"table2.{row.code}.{c.code}") for c in block.columns]
                    body.append(row.label + cells(vals, spaced=False))
        elif section.number == "3":
            body.append(T3_HEADER_NOTE + "申请人情况" + "".join(c.label for c in T3_COLUMNS))
            outcomes = group = None
            for row in report.table3_rows:
                if row.is_outcome and outcomes is None:
                    outcomes = body.append(T3_OUTCOMES_LABEL) or True
                if row.group is not None and row.group is not group:
                    body.append(row.group.label)
                group = row.group
                body.append(row.label + cells([c.value for c in report.table3[row.code]], spaced=True))
        elif section.number == "4":
            body.append(T4_REVIEW + T4_LITIGATION + "".join(g.label for g in T4_GROUPS[1:]))
            body.append("".join(c.label for _ in T4_GROUPS for c in T4_COLUMNS))
            body.append(cells([report.value(f"table4.{g.code}.{c.code}") for g in T4_GROUPS for c in T4_COLUMNS], True))
    title = f"{report.agency}{report.year}年度政府信息公开工作年度报告"
    return f"标题: {title}\n发布时间: 2024-01-20 15:22\n==== 正文 ====\n" + "".join(body) + " 附件下载\n"


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), version=st.sampled_from(list(FormatVersion)), split=st.booleans())
def test_flattened_random_reports_read_back_or_say_what_is_unsure(seed: int, version, split: bool) -> None:
    report = random_report(random.Random(seed), version=version, split_other=split)
    back = parse_text(_capture(report, random.Random(seed)), file="capture.txt")
    assert back.format is report.format and back.agency == report.agency and back.year == report.year
    assert back.split_other is report.split_other
    assert set(back.sections) == set(report.sections)
    got = _read_cells(back)
    for path, cell in report.iter_cells():
        read_cell = got[path]
        if read_cell.ambiguous:  # allowed, but the truth must be among the candidates
            assert cell.value in read_cell.candidates, (path, cell.value, read_cell.candidates)
        else:
            assert read_cell.value == cell.value, (path, cell.value, read_cell.value, read_cell.raw)


# --------------------------------------------------------------------------- lines from other readers


def test_parse_lines_keeps_table_provenance_and_reads_pipe_and_tab_cells() -> None:
    report = random_report(random.Random(7), version=FormatVersion.V2021, split_other=False)
    lines = [Line(f"{report.agency}{report.year}年度政府信息公开工作年度报告", Source(page=1))]
    for section in SECTIONS:
        lines.append(Line(section.heading, Source(page=1)))
        lines.append(Line(report.sections[section.number], Source(page=1)))
        if section.number == "3":
            for r, row in enumerate(report.table3_rows, start=1):
                values = [_num(c.value) for c in report.table3[row.code]]
                lines.append(Line.from_cells([row.label, *values], Source(page=2, table=3, row=r)))
        if section.number == "2":
            for block in TABLE2[report.format]:
                lines.append(Line(block.caption, Source(page=1, table=2)))
                for row in block.rows:
                    vals = [_num(report.value(f"table2.{row.code}.{c.code}")) for c in block.columns]
                    lines.append(Line("| " + " | ".join([row.label, *vals]) + " |", Source(page=1, table=2)))
        if section.number == "4":
            lines.append(Line("\t".join([T4_REVIEW, T4_LITIGATION]), Source(page=3, table=4, row=1)))
            values = [_num(report.value(f"table4.{g.code}.{c.code}")) for g in T4_GROUPS for c in T4_COLUMNS]
            lines.append(Line.from_cells(values, Source(page=3, table=4, row=2)))
    back = parse_lines(lines, file="doc.pdf")
    for path, cell in report.iter_cells():
        assert back.value(path) == cell.value, path
    where = back.cell("table3.granted.total").source
    assert (where.page, where.table, where.row, where.column, where.file) == (2, 3, 3, 8, "doc.pdf")
    assert back.agency == report.agency and back.sections["5"] == report.sections["5"]


# --------------------------------------------------------------------------- encodings


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16", "utf-16-le", "utf-16-be"])
def test_encodings(encoding: str) -> None:
    text = SEED.read_text(encoding="utf-8")
    report = read_bytes(text.encode(encoding), "seed.txt")
    assert report.agency == "东沟乡人民政府" and report.value("table3.total_handled.total") == 0
    assert report.sections["6"] == "无其他需要报告的事项。"


# --------------------------------------------------------------------------- bad input


def _error(data: bytes | str, name: str = "坏文件.txt") -> str:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    with pytest.raises(ReadError) as info:
        read_bytes(raw, name)
    message = str(info.value)
    assert "\n" not in message and name in message
    return message


def test_empty_file() -> None:
    assert "为空" in _error(b"")
    assert "为空" in _error("  \n\t\n")
    with pytest.raises(ReadError, match="为空"):
        parse_text("", file="x.txt")


def test_binary_junk() -> None:
    rng = random.Random(1)
    junk = bytes(rng.randrange(256) for _ in range(5000))
    message = _error(junk, "junk.txt")
    assert "二进制" in message or "编码" in message
    no_nul = bytes(b or 1 for b in junk)  # high bytes that decode to nothing sensible in any encoding
    assert "不是" in _error(no_nul, "junk2.txt") or "编码" in _error(no_nul, "junk2.txt")


def test_unrelated_text() -> None:
    assert "不是政府信息公开工作年度报告" in _error("今天天气很好。\n我们去公园散步，看到了很多花。\n" * 20)


def _missing(report: Report) -> list[str]:
    return [part.part for part in report.missing]


def _seed_cells_agree(report: Report) -> None:
    """Every cell the reader did not report missing is the seed's expected value."""
    expected = from_dict(load_expected(SEED_EXPECTED))
    for path, cell in expected.iter_cells():
        row = path.removeprefix("table3.").rpartition(".")[0]
        if path.startswith("table3.") and row not in report.table3:
            continue  # （六） as one row or three: unknown when the text ends before it
        if not report.is_missing(path):
            assert report.value(path) == cell.value, path


def test_report_without_table3_reads_tables_2_and_4() -> None:
    text = SEED.read_text(encoding="utf-8")
    start = text.index("(本列数据")
    end = text.index("四、政府信息公开行政复议")
    report = read_bytes((text[:start] + text[end:]).encode(), "缺表三.txt")
    assert _missing(report) == ["table3"] and not report.complete
    assert all(report.is_missing(path) for path, _ in report.iter_cells() if path.startswith("table3."))
    _seed_cells_agree(report)
    (finding,) = [f for f in check(report) if f.rule == "report.missing"]
    assert finding.severity is Severity.ERROR and "表三（收到和处理政府信息公开申请情况）" in finding.message


def test_report_cut_in_the_middle_of_table3_names_the_missing_rows() -> None:
    text = SEED.read_text(encoding="utf-8")
    report = read_bytes(text[: text.index("2. 重复申请")].encode(), "截断.txt")
    missing = _missing(report)
    assert missing[0] == "table3.not_processed.duplicate" and missing[-1] == "table4"
    assert "table3.not_processed.petition" not in missing
    _seed_cells_agree(report)
    messages = [f.message for f in check(report) if f.rule == "report.missing"]
    assert any("2.重复申请" in m and "第" in m and "行" in m for m in messages)
    assert all(f.rule != "cells.blank" or "table3.other" not in " ".join(f.cells) for f in check(report))


def test_report_cut_before_table4() -> None:
    text = SEED.read_text(encoding="utf-8")
    report = read_bytes(text[: text.index("四、政府信息公开行政复议")].encode(), "x.txt")
    assert _missing(report) == ["table4"]
    assert all(report.value(f"table4.{code}") is None for code in T4_CODES)
    _seed_cells_agree(report)


def test_table3_header_only() -> None:
    text = SEED.read_text(encoding="utf-8")
    report = read_bytes(text[: text.index("一、本年新收")].encode(), "x.txt")
    assert _missing(report) == ["table3", "table4"]
    _seed_cells_agree(report)


def test_nothing_of_the_tables_left_is_still_refused() -> None:
    text = SEED.read_text(encoding="utf-8")
    assert "年度报告" in _error(text[: text.index("二、主动公开政府信息情况")])


# --------------------------------------------------------------------------- size


def test_large_input_is_read_whole() -> None:
    """~3 MB of prose before the tables is read to the end (its speed is measured by bench/, not asserted)."""
    text = SEED.read_text(encoding="utf-8")
    at = text.index("二、主动公开政府信息情况")
    filler = "我乡持续推进政务公开，规章制度健全，2023年共办理事项12件，无行政复议。\n"
    report = parse_text(text[:at] + filler * 50_000 + text[at:], file="big.txt")
    assert report.value("table4.review.total") == 0 and len(report.sections["1"]) > 50_000 * 30


def test_pdf_to_markdown_with_displaced_labels_reads_by_row_order() -> None:
    path = CORPUS / "shanghai" / "shanghai_bgt_2025_pdf2md.md"
    expected = load_expected(path.with_name(path.stem + ".expected.json"))
    report = read(path)
    assert (report.agency, report.year, report.format) == ("上海市人民政府办公厅", 2025, FormatVersion.V2021)
    want = _expected_cells(expected)
    cells = _read_cells(report)
    assert set(cells) == set(want)
    for name, cell in cells.items():
        if not name.endswith(".repealed"):
            assert _same(cell.value, want[name]), name
    # the two 废止 cells floated away from their rows (“22 / （其中修订16件）”, “55 / （含自然失效29件）”):
    # ambiguous among the block's floating numbers, never placed by a guess
    for code in ("regulations", "normative_documents"):
        cell = report.cell(f"table2.{code}.repealed")
        assert cell.value is None and cell.candidates == (22, 55)
        assert want[f"table2.{code}.repealed"] in cell.candidates
        floating = path.read_text(encoding="utf-8").splitlines().index("22") + 1
        assert cell.source is not None and cell.source.line == floating
        assert report.value(f"table2.{code}.issued") == want[f"table2.{code}.issued"]
    assert sorted(p for p, c in report.iter_cells() if c.ambiguous) == sorted(expected["ambiguous"])
    assert any("按数据行的顺序" in n for n in report.notes)
    lost = [n for n in report.notes if "缺少“本年废止件数”" in n]
    assert len(lost) == 2 and all("22、55" in n and "不确定" in n for n in lost)
    # section 五 lost its heading in the conversion: placed by position, with a note
    assert report.sections["5"].startswith("（一）2024 年工作中存在问题的改进情况")
    assert report.sections["5"].endswith("高质量回\n应企业群众信息公开需求的能力尚需进一步提高。")
    assert any(n.startswith("未找到“五、") and "按位置推定" in n for n in report.notes)
    # the floating numbers and table 四's displaced header and note belong to the tables, not the prose
    assert [report.sections[n] for n in "234"] == ["", "", ""]
    assert "section.5" not in report.printed_labels
    assert not [f.key for f in check(report) if f.severity is Severity.ERROR]


# --------------------------------------------------------------------------- cells and headings a converter lost

_SEED_T2_BLOCK = "第二十条第（一）项\t\t\t\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t0\t0\t0\n"
_SEED_HEADING5 = "五、存在的主要问题及改进情况\n"


def _seed_with(old: str, new: str) -> str:
    text = SEED.read_text(encoding="utf-8")
    assert text.count(old) == 1
    return text.replace(old, new)


def _short_row_seed(floating: str, where: str = "（一）") -> Report:
    """The seed with 规章 printed as “3 12” (one of three cells lost) and ``floating`` under block ``where``."""
    block = _SEED_T2_BLOCK.replace("规章\t0\t0\t0", "规章\t3\t12")
    if where == "（一）":
        block = block.replace("\n信息内容", f"\n{floating}信息内容", 1)
        return parse_text(_seed_with(_SEED_T2_BLOCK, block), file="short.md")
    text = _seed_with(_SEED_T2_BLOCK, block)
    caption = f"第二十条第{where}项"
    return parse_text(text.replace(caption, caption + "\n" + floating, 1), file="short.md")


def test_short_table2_row_lost_cell_is_ambiguous_among_the_floating_numbers() -> None:
    report = _short_row_seed("7\n（其中修订 2 件）\n")
    assert (report.value("table2.regulations.issued"), report.value("table2.regulations.in_force")) == (3, 12)
    lost = report.cell("table2.regulations.repealed")
    assert lost.value is None and lost.candidates == (7,)
    assert report.value("table2.normative_documents.repealed") == 0  # a full row is untouched
    assert any("缺少“本年废止件数”" in n and "7" in n and "不确定" in n for n in report.notes)
    assert report.sections["2"] == ""  # the floating number belongs to the table, not to the prose


def test_short_table2_row_without_floating_numbers_stays_blank_with_a_note() -> None:
    report = _short_row_seed("")
    lost = report.cell("table2.regulations.repealed")
    assert lost.value is None and not lost.candidates
    assert any("缺少“本年废止件数”" in n and "按空白处理" in n for n in report.notes)


def test_floating_numbers_of_another_block_are_not_candidates() -> None:
    report = _short_row_seed("7\n", where="（五）")
    lost = report.cell("table2.regulations.repealed")
    assert lost.value is None and not lost.candidates
    assert report.value("table2.licensing.decisions") == 0


def test_lost_section5_heading_is_placed_by_position() -> None:
    original = read(SEED)
    report = parse_text(_seed_with(_SEED_HEADING5, ""), file="no5.txt")
    assert report.sections["5"] == original.sections["5"]
    assert report.sections["4"] == ""
    # the prose's first number (“2023年…”) is not taken into table 四
    assert {k: c.value for k, c in report.table4.items()} == {k: c.value for k, c in original.table4.items()}
    assert not any(n.startswith("表四") for n in report.notes)
    assert any(n.startswith("未找到“五、存在的主要问题及改进情况”标题") and "按位置推定" in n for n in report.notes)
    assert "sections.missing 5" not in [f.key for f in check(report)]


def test_prose_after_table4_not_about_problems_is_not_taken_for_section5() -> None:
    text = SEED.read_text(encoding="utf-8")
    start = text.index(_SEED_HEADING5)
    end = text.index("六、其他需要报告的事项")
    report = parse_text(
        text[:start] + "本机关行政复议工作依法开展，全年情况平稳有序。\n\n" + text[end:], file="no5.txt"
    )
    assert "5" not in report.sections
    assert not any("按位置推定" in n for n in report.notes)
    assert "sections.missing 5" in [f.key for f in check(report)]
