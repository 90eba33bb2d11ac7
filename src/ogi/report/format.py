"""The national report formats as data, for code outside the engine (the platform's forms and outcome codes).

A public view of ``_format``: the one definition of rows, columns, labels and codes that the model, checks,
readers and writers use. Nothing is spelled again outside it.
"""

from ._format import (
    T3_ALL_ROWS,
    T3_COLUMN_CODES,
    T3_COLUMNS,
    T3_GROUPS,
    T3_OTHER_2021,
    T3_OTHER_SINGLE,
    T3_ROWS_2019,
    T3_ROWS_2021,
    T4_COLUMNS,
    T4_GROUPS,
    TABLE2,
    Column,
    FormatVersion,
    Table2Block,
    Table2Row,
    Table3Group,
    Table3Row,
    normalize_label,
    t3_rows_for,
    table2_cell_codes,
    table2_cell_kind,
    table2_labels,
)

#: Table 三 rows that a concluded request can be counted in (the 2021 layout: （六） split in three).
T3_OUTCOME_ROWS: tuple[Table3Row, ...] = tuple(r for r in T3_ROWS_2021 if r.is_outcome)
#: The applicant columns (without 总计).
T3_APPLICANT_COLUMNS: tuple[Column, ...] = tuple(c for c in T3_COLUMNS if c.code != "total")

__all__ = [
    "T3_ALL_ROWS",
    "T3_APPLICANT_COLUMNS",
    "T3_COLUMNS",
    "T3_COLUMN_CODES",
    "T3_GROUPS",
    "T3_OTHER_2021",
    "T3_OTHER_SINGLE",
    "T3_OUTCOME_ROWS",
    "T3_ROWS_2019",
    "T3_ROWS_2021",
    "T4_COLUMNS",
    "T4_GROUPS",
    "TABLE2",
    "Column",
    "FormatVersion",
    "Table2Block",
    "Table2Row",
    "Table3Group",
    "Table3Row",
    "normalize_label",
    "t3_rows_for",
    "table2_cell_codes",
    "table2_cell_kind",
    "table2_labels",
]
