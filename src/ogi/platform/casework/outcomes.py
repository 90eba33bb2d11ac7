"""Answer types: each table 三 outcome row with its legal basis (casework-rules.md §3).

Rows, labels and codes come from the engine's format definition; this table adds only the law. Mappings marked
``practice`` have no official crosswalk and follow common practice; the page /outcomes/ shows the whole table.
"""

from __future__ import annotations

from dataclasses import dataclass

from ogi.report.format import T3_ALL_ROWS, T3_OUTCOME_ROWS, Table3Row

#: The six kinds of answer (the 答复书 families), by table 三 group.
ANSWER_KINDS: dict[str, str] = {
    "granted": "予以公开",
    "partially_granted": "部分公开",
    "withheld": "不予公开",
    "unavailable": "无法提供",
    "not_processed": "不予处理",
    "other": "其他",
}


@dataclass(frozen=True)
class Outcome:
    row: Table3Row
    basis: str  # the articles of the 条例 (and other rules) that ground the answer
    practice: bool = False  # True where the mapping is common practice, not an official crosswalk

    @property
    def code(self) -> str:
        return self.row.code

    @property
    def label(self) -> str:
        return self.row.full_label

    @property
    def kind(self) -> str:
        return ANSWER_KINDS[self.row.group.code if self.row.group else self.row.code]

    @property
    def withholds(self) -> bool:
        """Does the answer refuse disclosure in whole or part (so 行政复议 comes before a lawsuit)?"""
        return self.kind in ("部分公开", "不予公开")


_BASES: dict[str, tuple[str, bool]] = {
    "granted": ("《政府信息公开条例》第三十六条第（一）项、第（二）项", False),
    "partially_granted": ("《政府信息公开条例》第三十七条", False),
    "withheld.state_secret": ("《政府信息公开条例》第十四条", False),
    "withheld.prohibited_by_law": ("《政府信息公开条例》第十四条", False),
    "withheld.security_stability": ("《政府信息公开条例》第十四条", False),
    "withheld.third_party": ("《政府信息公开条例》第十五条、第三十二条", False),
    "withheld.internal_affairs": ("《政府信息公开条例》第十六条第一款", False),
    "withheld.process_info": ("《政府信息公开条例》第十六条第二款", False),
    "withheld.enforcement_file": ("《政府信息公开条例》第十六条第二款", False),
    "withheld.inquiry_matter": ("《政府信息公开条例》第三十六条第（七）项", False),
    "unavailable.not_held": ("《政府信息公开条例》第三十六条第（四）项、第（五）项", False),
    "unavailable.needs_creation": ("《政府信息公开条例》第三十八条", False),
    "unavailable.unclear_after_correction": ("《政府信息公开条例》第三十条", False),
    "not_processed.petition": ("《政府信息公开条例》第三十九条第一款", False),
    "not_processed.duplicate": ("《政府信息公开条例》第三十六条第（六）项", False),
    "not_processed.publication": ("《政府信息公开条例》第三十九条第二款", False),
    "not_processed.excessive": ("《政府信息公开条例》第三十五条", False),
    "not_processed.confirmation": ("《政府信息公开条例》第三十九条（通行做法）", True),
    "other.no_correction": ("《政府信息公开条例》第三十条", False),
    "other.unpaid_fee": ("《政府信息公开条例》第四十二条，《政府信息公开信息处理费管理办法》", False),
    "other.other": ("申请人撤回申请等其他情形（通行做法）", True),
}

OUTCOMES: dict[str, Outcome] = {row.code: Outcome(row, *_BASES[row.code]) for row in T3_OUTCOME_ROWS}
#: Outcomes a decision may record; the two lapses of （六） are concluded by their own actions.
DECIDABLE: tuple[Outcome, ...] = tuple(
    o for o in OUTCOMES.values() if o.code not in ("other.no_correction", "other.unpaid_fee")
)
WITHDRAWN = OUTCOMES["other.other"]
NO_CORRECTION = OUTCOMES["other.no_correction"]
UNPAID_FEE = OUTCOMES["other.unpaid_fee"]


def outcome(code: str) -> Outcome:
    try:
        return OUTCOMES[code]
    except KeyError:
        raise KeyError(f"not a table 三 outcome row: {code!r}") from None


def label_2019(code: str) -> str:
    """The row an outcome is counted in for a 2019-format year: （六） is a single row there."""
    return T3_ALL_ROWS["other"].label if code.startswith("other.") else OUTCOMES[code].label
