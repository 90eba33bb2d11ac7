"""The national annual-report formats as data: the one source of truth.

Every row, column, code and verbatim label of tables 二, 三 and 四 of both national formats (2019 trial,
国办公开办函〔2019〕60号; 2021, 国办公开办函〔2021〕30号) lives here, with the label variants seen in real
reports and the arithmetic rules that tie the cells together. The model, the checks, the readers, the
writers (and later the web forms and the case outcome codes) all read this module; none of them spells a
label or a row list of its own.
"""

from __future__ import annotations

import enum
import functools
import re
from dataclasses import dataclass, field


class FormatVersion(enum.StrEnum):
    """The national format a report's table 二 follows."""

    V2019 = "2019"
    V2021 = "2021"

    @property
    def document(self) -> str:
        return {"2019": "国办公开办函〔2019〕60号", "2021": "国办公开办函〔2021〕30号"}[self.value]


class CellKind(enum.StrEnum):
    """What a cell may hold; decides parsing and the cells.type rule."""

    COUNT = "count"  # non-negative integer
    SIGNED = "signed"  # integer that may carry a sign (2019 本年增/减)
    MONEY_WAN = "money_wan"  # non-negative decimal amount in 万元
    AMOUNT = "amount"  # non-negative decimal amount, unit as printed (2019 采购总金额)


# --------------------------------------------------------------------------- sections


@dataclass(frozen=True)
class Section:
    number: str  # "1".."6", the JSON key
    heading: str  # verbatim 2021 heading
    keys: tuple[str, ...]  # words that identify the heading in practice
    heading_2019: str | None = None


SECTIONS: tuple[Section, ...] = (
    Section("1", "一、总体情况", ("总体情况",)),
    Section("2", "二、主动公开政府信息情况", ("主动公开",)),
    Section("3", "三、收到和处理政府信息公开申请情况", ("收到和处理",)),
    Section("4", "四、政府信息公开行政复议、行政诉讼情况", ("复议",)),
    Section(
        "5",
        "五、存在的主要问题及改进情况",
        ("问题",),
        heading_2019="五、政府信息公开工作存在的主要问题及改进情况",
    ),
    Section("6", "六、其他需要报告的事项", ("其他需要报告",)),
)

SECTION_BY_NUMBER = {s.number: s for s in SECTIONS}

REPORT_TITLE = "政府信息公开工作年度报告"


# --------------------------------------------------------------------------- table 二


@dataclass(frozen=True)
class Column:
    code: str
    label: str
    kind: CellKind = CellKind.COUNT
    variants: tuple[str, ...] = ()

    @property
    def labels(self) -> tuple[str, ...]:
        return (self.label, *self.variants)


@dataclass(frozen=True)
class Table2Row:
    code: str
    label: str
    variants: tuple[str, ...] = ()

    @property
    def labels(self) -> tuple[str, ...]:
        return (self.label, *self.variants)


@dataclass(frozen=True)
class Table2Block:
    """One 第二十条第（x）项 block: a caption, a header row and its data rows."""

    article: str  # "（一）"
    columns: tuple[Column, ...]
    rows: tuple[Table2Row, ...]
    header: str = "信息内容"

    @property
    def caption(self) -> str:
        return f"第二十条第{self.article}项"

    def cell_codes(self) -> tuple[str, ...]:
        return tuple(f"{r.code}.{c.code}" for r in self.rows for c in self.columns)


_REGULATIONS = Table2Row("regulations", "规章")
_NORMATIVE_2021 = Table2Row("normative_documents", "行政规范性文件", ("规范性文件",))
_NORMATIVE_2019 = Table2Row("normative_documents", "规范性文件", ("行政规范性文件",))
_LICENSING = Table2Row("licensing", "行政许可")
_PUNISHMENT = Table2Row("punishment", "行政处罚")
_COERCION = Table2Row("coercion", "行政强制")
_FEES = Table2Row("fees", "行政事业性收费")

_DECISIONS_2021 = Column("decisions", "本年处理决定数量")

TABLE2_2021: tuple[Table2Block, ...] = (
    Table2Block(
        "（一）",
        (
            Column("issued", "本年制发件数"),
            Column("repealed", "本年废止件数", variants=("本年废纸件数",)),
            Column("in_force", "现行有效件数"),
        ),
        (_REGULATIONS, _NORMATIVE_2021),
    ),
    Table2Block("（五）", (_DECISIONS_2021,), (_LICENSING,)),
    Table2Block("（六）", (_DECISIONS_2021,), (_PUNISHMENT, _COERCION)),
    Table2Block(
        "（八）",
        (Column("amount", "本年收费金额（单位：万元）", CellKind.MONEY_WAN, ("本年收费金额",)),),
        (_FEES,),
    ),
)

_ITEMS_2019 = (
    Column("last_year_items", "上一年项目数量"),
    Column("change", "本年增/减", CellKind.SIGNED, ("本年增减",)),
    Column("decisions", "处理决定数量"),
)

TABLE2_2019: tuple[Table2Block, ...] = (
    Table2Block(
        "（一）",
        (
            Column("made", "本年新制作数量"),
            Column("published", "本年新公开数量"),
            Column("total_published", "对外公开总数量"),
        ),
        (_REGULATIONS, _NORMATIVE_2019),
    ),
    Table2Block(
        "（五）",
        _ITEMS_2019,
        (_LICENSING, Table2Row("other_services", "其他对外管理服务事项")),
    ),
    Table2Block("（六）", _ITEMS_2019, (_PUNISHMENT, _COERCION)),
    Table2Block("（八）", _ITEMS_2019[:2], (_FEES,)),
    Table2Block(
        "（九）",
        (
            Column("projects", "采购项目数量"),
            Column("amount", "采购总金额", CellKind.AMOUNT),
        ),
        (Table2Row("procurement", "政府集中采购"),),
    ),
)

TABLE2: dict[FormatVersion, tuple[Table2Block, ...]] = {
    FormatVersion.V2019: TABLE2_2019,
    FormatVersion.V2021: TABLE2_2021,
}


def table2_cell_codes(version: FormatVersion) -> tuple[str, ...]:
    """All table 二 cell codes of a format, in printed order."""
    return tuple(code for block in TABLE2[version] for code in block.cell_codes())


def table2_cell_kind(version: FormatVersion, code: str) -> CellKind:
    row_code, _, col_code = code.partition(".")
    for block in TABLE2[version]:
        if any(r.code == row_code for r in block.rows):
            for col in block.columns:
                if col.code == col_code:
                    return col.kind
    raise KeyError(f"no table 二 cell {code!r} in the {version} format")


def table2_labels(version: FormatVersion, code: str) -> tuple[str, str]:
    """(row label, column label) of a table 二 cell."""
    row_code, _, col_code = code.partition(".")
    for block in TABLE2[version]:
        for row in block.rows:
            if row.code == row_code:
                for col in block.columns:
                    if col.code == col_code:
                        return row.label, col.label
    raise KeyError(f"no table 二 cell {code!r} in the {version} format")


# --------------------------------------------------------------------------- table 三

T3_HEADER_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
T3_APPLICANTS = "申请人情况"
T3_LEGAL_PERSONS = "法人或其他组织"

T3_COLUMNS: tuple[Column, ...] = (
    Column("natural_person", "自然人"),
    Column("commercial", "商业企业"),
    Column("research", "科研机构"),
    Column("nonprofit", "社会公益组织", variants=("社会组织",)),
    Column("legal_service", "法律服务机构"),
    Column("other", "其他"),
    Column("total", "总计"),
)
T3_COLUMN_CODES: tuple[str, ...] = tuple(c.code for c in T3_COLUMNS)
T3_TOTAL_INDEX = 6


@dataclass(frozen=True)
class Table3Group:
    code: str
    label: str  # "（三）不予公开"
    number: str  # "（三）"
    name: str  # "不予公开"


@dataclass(frozen=True)
class Table3Row:
    code: str
    label: str  # verbatim printed label of the row itself
    group: Table3Group | None = None
    number: str = ""  # "一、", "（一）", "1." as printed before the name
    name: str = ""  # the label without its number
    variants: tuple[str, ...] = ()  # names seen in real reports
    is_outcome: bool = False  # counted in （七）总计

    @property
    def full_label(self) -> str:
        """Label including the group, e.g. "（三）不予公开 1.属于国家秘密"."""
        return f"{self.group.label} {self.label}" if self.group and self.label != self.group.label else self.label

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.variants)


T3_OUTCOMES_LABEL = "三、本年度办理结果"

_WITHHELD = Table3Group("withheld", "（三）不予公开", "（三）", "不予公开")
_UNAVAILABLE = Table3Group("unavailable", "（四）无法提供", "（四）", "无法提供")
_NOT_PROCESSED = Table3Group("not_processed", "（五）不予处理", "（五）", "不予处理")
_OTHER = Table3Group("other", "（六）其他处理", "（六）", "其他处理")
T3_GROUPS: tuple[Table3Group, ...] = (_WITHHELD, _UNAVAILABLE, _NOT_PROCESSED, _OTHER)


def _top(code: str, number: str, name: str) -> Table3Row:
    return Table3Row(code, number + name, None, number, name)


def _outcome(code: str, number: str, name: str, *variants: str) -> Table3Row:
    return Table3Row(code, number + name, None, number, name, variants, is_outcome=True)


def _item(group: Table3Group, code: str, number: str, name: str, *variants: str) -> Table3Row:
    return Table3Row(f"{group.code}.{code}", number + name, group, number, name, variants, is_outcome=True)


_NEW = _top("new_received", "一、", "本年新收政府信息公开申请数量")
_CARRIED_OVER = _top("carried_over", "二、", "上年结转政府信息公开申请数量")
_HEAD_OUTCOMES = (
    _outcome("granted", "（一）", "予以公开"),
    _outcome("partially_granted", "（二）", "部分公开（区分处理的，只计这一情形，不计其他情形）", "部分公开"),
    _item(_WITHHELD, "state_secret", "1.", "属于国家秘密"),
    _item(_WITHHELD, "prohibited_by_law", "2.", "其他法律行政法规禁止公开", "其他法律行政止公开"),
    _item(_WITHHELD, "security_stability", "3.", "危及“三安全一稳定”"),
    _item(_WITHHELD, "third_party", "4.", "保护第三方合法权益"),
    _item(_WITHHELD, "internal_affairs", "5.", "属于三类内部事务信息"),
    _item(_WITHHELD, "process_info", "6.", "属于四类过程性信息"),
    _item(_WITHHELD, "enforcement_file", "7.", "属于行政执法案卷"),
    _item(_WITHHELD, "inquiry_matter", "8.", "属于行政查询事项"),
    _item(_UNAVAILABLE, "not_held", "1.", "本机关不掌握相关政府信息"),
    _item(_UNAVAILABLE, "needs_creation", "2.", "没有现成信息需要另行制作"),
    _item(_UNAVAILABLE, "unclear_after_correction", "3.", "补正后申请内容仍不明确"),
    _item(_NOT_PROCESSED, "petition", "1.", "信访举报投诉类申请"),
    _item(_NOT_PROCESSED, "duplicate", "2.", "重复申请"),
    _item(_NOT_PROCESSED, "publication", "3.", "要求提供公开出版物"),
    _item(_NOT_PROCESSED, "excessive", "4.", "无正当理由大量反复申请"),
    _item(_NOT_PROCESSED, "confirmation", "5.", "要求行政机关确认或重新出具已获取信息"),
)
T3_OTHER_2021 = (
    _item(_OTHER, "no_correction", "1.", "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    _item(_OTHER, "unpaid_fee", "2.", "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    _item(_OTHER, "other", "3.", "其他"),
)
T3_OTHER_SINGLE = Table3Row("other", "（六）其他处理", None, "（六）", "其他处理", is_outcome=True)
_TOTAL = _top("total_handled", "（七）", "总计")
_FORWARD = _top("carried_forward", "四、", "结转下年度继续办理")

#: Row layouts: the 2021 format has （六） split in three; the 2019 format (and hybrids) a single row.
T3_ROWS_2021: tuple[Table3Row, ...] = (_NEW, _CARRIED_OVER, *_HEAD_OUTCOMES, *T3_OTHER_2021, _TOTAL, _FORWARD)
T3_ROWS_2019: tuple[Table3Row, ...] = (_NEW, _CARRIED_OVER, *_HEAD_OUTCOMES, T3_OTHER_SINGLE, _TOTAL, _FORWARD)
T3_ALL_ROWS: dict[str, Table3Row] = {r.code: r for r in (*T3_ROWS_2021, T3_OTHER_SINGLE)}


def t3_rows(split_other: bool) -> tuple[Table3Row, ...]:
    """The table 三 row layout: split （六） (2021) or the single row (2019, hybrids)."""
    return T3_ROWS_2021 if split_other else T3_ROWS_2019


def t3_rows_for(version: FormatVersion) -> tuple[Table3Row, ...]:
    return t3_rows(version is FormatVersion.V2021)


# --------------------------------------------------------------------------- table 四

T4_REVIEW = "行政复议"
T4_LITIGATION = "行政诉讼"

T4_GROUPS: tuple[Column, ...] = (
    Column("review", "行政复议"),
    Column("litigation_direct", "未经复议直接起诉"),
    Column("litigation_after_review", "复议后起诉"),
)
T4_COLUMNS: tuple[Column, ...] = (
    Column("upheld", "结果维持"),
    Column("corrected", "结果纠正"),
    Column("other", "其他结果"),
    Column("pending", "尚未审结"),
    Column("total", "总计"),
)
T4_CELL_CODES: tuple[str, ...] = tuple(f"{g.code}.{c.code}" for g in T4_GROUPS for c in T4_COLUMNS)


# --------------------------------------------------------------------------- arithmetic


@dataclass(frozen=True)
class Equation:
    """sum(left) == sum(right), over cell paths such as "table3.granted.total".

    Readers use these to split digit runs; checks to find errors. ``subject`` names the row or column
    the equation runs along (the part after the rule id in a finding's key).
    """

    rule: str
    subject: str
    left: tuple[str, ...]
    right: tuple[str, ...]

    @property
    def key(self) -> str:
        return f"{self.rule} {self.subject}"

    def cells(self) -> tuple[str, ...]:
        return (*self.left, *self.right)


def t3_path(row: str, column: str) -> str:
    return f"table3.{row}.{column}"


def table3_equations(rows: tuple[Table3Row, ...]) -> tuple[Equation, ...]:
    """T3.balance and T3.outcomes per column, T3.applicants per row, for a row layout."""
    codes = [r.code for r in rows]
    outcomes = [r.code for r in rows if r.is_outcome]
    eqs: list[Equation] = []
    for col in T3_COLUMN_CODES:
        eqs.append(
            Equation(
                "T3.balance",
                col,
                (t3_path("new_received", col), t3_path("carried_over", col)),
                (t3_path("total_handled", col), t3_path("carried_forward", col)),
            )
        )
        eqs.append(
            Equation(
                "T3.outcomes",
                col,
                (t3_path("total_handled", col),),
                tuple(t3_path(r, col) for r in outcomes),
            )
        )
    for row in codes:
        eqs.append(
            Equation(
                "T3.applicants",
                row,
                (t3_path(row, "total"),),
                tuple(t3_path(row, c) for c in T3_COLUMN_CODES[:T3_TOTAL_INDEX]),
            )
        )
    return tuple(eqs)


def table4_equations() -> tuple[Equation, ...]:
    return tuple(
        Equation(
            "T4.totals",
            g.code,
            (f"table4.{g.code}.total",),
            tuple(f"table4.{g.code}.{c.code}" for c in T4_COLUMNS[:-1]),
        )
        for g in T4_GROUPS
    )


# --------------------------------------------------------------------------- label matching

#: Character-level normalisation applied before any label comparison.
_TRANSLATE = str.maketrans(
    {
        "(": "（",
        ")": "）",
        '"': "“",
        "”": "“",
        ",": "，",
        ":": "：",
        "．": ".",
        "。": ".",
        # traditional characters seen on mirrored pages
        "開": "开",
        "資": "资",
        "訊": "讯",
        "處": "处",
        "請": "请",
        "數": "数",
        "結": "结",
        "總": "总",
        "計": "计",
        "議": "议",
        "訟": "讼",
        "機": "机",
        "關": "关",
        "費": "费",
        "規": "规",
        "範": "范",
        "許": "许",
        "強": "强",
        "製": "制",
        "發": "发",
        "廢": "废",
        "現": "现",
        "與": "与",
        "們": "们",
        "轉": "转",
        "辦": "办",
        "屬": "属",
        "國": "国",
        "務": "务",
        "為": "为",
        "護": "护",
        "權": "权",
        "門": "门",
        "當": "当",
    }
)


#: More traditional forms (of the characters of labels, headings and titles), as traditional-simplified pairs.
_TRADITIONAL_PAIRS = (
    "萬万 為为 舉举 業业 會会 體体 決决 況况 減减 動动 區区 單单 後后 復复 複复 審审 對对 執执 "
    "報报 據据 無无 時时 條条 構构 標标 沒没 穩稳 組组 織织 經经 繼继 續续 維维 繳缴 罰罚 獲获 "
    "補补 認认 訪访 訴诉 詢询 購购 過过 這这 進进 問问 間间 項项 題题 額额 糾纠 納纳 紙纸 採采 "
    "類类 確确 內内 應应 實实 書书 鄉乡 鎮镇 縣县 佈布 個个 級级 統统 證证 際际 設设 監监 評评 "
    "責责 華华 預预 負负 兩两 產产 號号 節节 髮发 義义 種种 導导 團团 傳传 詳详 檢检 圖图"
)
_TRANSLATE.update({ord(pair[0]): pair[1] for pair in _TRADITIONAL_PAIRS.split() if ord(pair[0]) not in _TRANSLATE})


def _fold_full_width(code: int) -> str | int | None:
    """Where a full-width digit or letter folds: its ASCII form, then whatever that folds to."""
    ascii_char = chr(code - 0xFEE0)
    target = _TRANSLATE.get(ord(ascii_char), ascii_char)
    return chr(target) if isinstance(target, int) else target


#: The whole fold as one translation table: full-width digits and letters first, then _TRANSLATE.
_FOLD = {**_TRANSLATE, **{code: _fold_full_width(code) for code in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF5B))}}


#: The fold by character, and the characters it changes as one pattern: substituting those few is far cheaper
#: than ``str.translate`` with a dict, which looks up every character of a text (readers fold whole tables).
_FOLD_CHARS = {chr(code): folded for code, folded in _FOLD.items()}
_FOLDABLE = re.compile("[" + "".join(re.escape(ch) for ch in sorted(_FOLD_CHARS)) + "]")


def _fold_match(m: re.Match[str]) -> str:
    return _FOLD_CHARS[m.group()]


@functools.lru_cache(maxsize=16384)
def normalize_label(text: str) -> str:
    """Fold a label for comparison: full-width forms, brackets, quotes, spaces, traditional forms.

    Cached: readers fold the same few hundred labels and cell texts again and again."""
    return "".join(_FOLDABLE.sub(_fold_match, text).split())


#: Each character that :func:`normalize_label` folds to one other character (full-width forms, brackets,
#: traditional forms): what a fold of whole texts that keeps their length may change.
CHAR_FOLDS: dict[str, str] = {
    chr(code): folded for code in _FOLD if len(folded := normalize_label(chr(code))) == 1 and folded != chr(code)
}


@dataclass(frozen=True)
class FormatSignature:
    """Labels whose presence decides the format of a table, used by every reader's detection."""

    version: FormatVersion
    table2_markers: tuple[str, ...] = field(default_factory=tuple)


FORMAT_SIGNATURES: tuple[FormatSignature, ...] = (
    FormatSignature(FormatVersion.V2021, ("本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额")),
    FormatSignature(
        FormatVersion.V2019,
        (
            "本年新制作数量",
            "本年新公开数量",
            "对外公开总数量",
            "上一年项目数量",
            "采购项目数量",
            "其他对外管理服务事项",
        ),
    ),
)


def detect_table2_format(text: str) -> FormatVersion | None:
    """The format whose table 二 labels occur most in ``text``; None when neither occurs."""
    folded = normalize_label(text)
    scores = {
        sig.version: sum(1 for m in sig.table2_markers if normalize_label(m) in folded) for sig in FORMAT_SIGNATURES
    }
    best = max(scores, key=lambda v: scores[v])
    return best if scores[best] > 0 else None


def known_labels() -> frozenset[str]:
    """Every printed label of the two formats (headings, captions, rows, columns, variants), normalized.

    Readers use it to tell the rest of a label cut by a page break from a label of its own.
    """
    return _known_labels()


@functools.cache
def _known_labels() -> frozenset[str]:
    texts: list[str] = [REPORT_TITLE, T3_HEADER_NOTE, T3_APPLICANTS, T3_LEGAL_PERSONS, T3_OUTCOMES_LABEL]
    texts += [T4_REVIEW, T4_LITIGATION, *(c.label for c in (*T4_GROUPS, *T4_COLUMNS))]
    for s in SECTIONS:
        texts += [s.heading, s.heading_2019 or s.heading]
    for blocks in TABLE2.values():
        for block in blocks:
            texts += [block.caption, block.header]
            for column in block.columns:
                texts += column.labels
            for row in block.rows:
                texts += row.labels
    for column in T3_COLUMNS:
        texts += column.labels
    for group in T3_GROUPS:
        texts += [group.label, group.name]
    for row in (*T3_ROWS_2021, T3_OTHER_SINGLE):
        texts += [row.label, row.full_label, *row.names, *(row.number + name for name in row.names)]
    return frozenset(normalize_label(t) for t in texts if t)
