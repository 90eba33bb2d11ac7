"""Tables 二, 三 and 四 of year Y, counted from the agency's records by aggregation queries.

A request counts once, in the outcome rows of the year of its decision (casework-rules.md §3). Whether a request
was open on 1 January or on 31 December is read from its dates — received before the day and not concluded
before it — never from its current state, so a past year counts the same today as it did then.

Every cell has a drill-down (``cell_records``): the queryset of the records that make it up, built from the
same conditions as the count, so that its length equals the cell.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, QuerySet

from ogi.platform.agencies.models import Agency
from ogi.platform.casework.models import Case
from ogi.platform.catalogue.models import Record, YearFigures, figure_codes
from ogi.platform.litigation.models import Dispute
from ogi.report import FormatVersion
from ogi.report.format import T3_APPLICANT_COLUMNS, T3_OUTCOME_ROWS, TABLE2, t3_rows_for

APPLICANTS = tuple(c.code for c in T3_APPLICANT_COLUMNS)
OUTCOME_CODES = tuple(r.code for r in T3_OUTCOME_ROWS)


def format_for_year(year: int) -> FormatVersion:
    """The national format of a report year: the 2019 trial format for 2019 and 2020, the 2021 format after."""
    return FormatVersion.V2019 if year <= 2020 else FormatVersion.V2021


def _conditions(year: int) -> dict[str, Q]:
    first, last = date(year, 1, 1), date(year, 12, 31)
    return {
        "new_received": Q(received_on__gte=first, received_on__lte=last),
        "carried_over": Q(received_on__lt=first) & (Q(concluded_on__isnull=True) | Q(concluded_on__gte=first)),
        "concluded": Q(concluded_on__gte=first, concluded_on__lte=last),
        "carried_forward": Q(received_on__lte=last) & (Q(concluded_on__isnull=True) | Q(concluded_on__gt=last)),
    }


def _rows_of_cell(row: str) -> tuple[str, ...]:
    """The outcome codes a table 三 row collects: the single （六） row of 2019 takes the three of 2021."""
    if row == "other":
        return tuple(c for c in OUTCOME_CODES if c.startswith("other."))
    if row == "total_handled":
        return OUTCOME_CODES
    return (row,)


def count_table3(agency: Agency, year: int, version: FormatVersion) -> dict[str, list[int]]:
    """Table 三 for ``year``: two grouped queries (by applicant; by outcome and applicant)."""
    cases = Case.objects.filter(agency=agency)
    cond = _conditions(year)
    by_applicant = {
        r["applicant_type"]: r
        for r in cases.values("applicant_type").annotate(
            new_received=Count("pk", filter=cond["new_received"]),
            carried_over=Count("pk", filter=cond["carried_over"]),
            carried_forward=Count("pk", filter=cond["carried_forward"]),
        )
    }
    concluded: dict[tuple[str, str], int] = {
        (r["outcome"], r["applicant_type"]): r["n"]
        for r in cases.filter(cond["concluded"]).values("outcome", "applicant_type").annotate(n=Count("pk"))
    }
    table: dict[str, list[int]] = {}
    for row in t3_rows_for(version):
        if row.code in ("new_received", "carried_over", "carried_forward"):
            values = [by_applicant.get(a, {}).get(row.code, 0) for a in APPLICANTS]
        else:
            codes = _rows_of_cell(row.code)
            values = [sum(concluded.get((code, a), 0) for code in codes) for a in APPLICANTS]
        table[row.code] = [*values, sum(values)]
    return table


def count_table2(agency: Agency, year: int, version: FormatVersion) -> dict[str, int | Decimal]:
    counts = Record.objects.filter(agency=agency).lifecycle_counts(year)
    block1 = TABLE2[version][0].cell_codes()
    table: dict[str, int | Decimal] = {code: counts[code] for code in block1}
    figures = YearFigures.objects.filter(agency=agency, year=year).first()
    if figures is not None:
        table.update(figures.values(version))
    else:
        table.update(dict.fromkeys(figure_codes(version), 0))
    return table


def count_table4(agency: Agency, year: int) -> dict[str, int]:
    return Dispute.objects.filter(agency=agency).table4(year)


@dataclass(frozen=True)
class Tables:
    version: FormatVersion
    table2: dict[str, int | Decimal]
    table3: dict[str, list[int]]
    table4: dict[str, int]


def count_tables(agency: Agency, year: int, version: FormatVersion | None = None) -> Tables:
    version = version or format_for_year(year)
    return Tables(
        version,
        count_table2(agency, year, version),
        count_table3(agency, year, version),
        count_table4(agency, year),
    )


# --------------------------------------------------------------------------- drill-downs


class NoDrillDown(LookupError):
    """A cell with no records behind it in OGI (a figure entered by hand)."""


def cell_records(agency: Agency, year: int, path: str) -> QuerySet:
    """The records that make up the cell at ``path`` (``table3.granted.natural_person``): its drill-down."""
    table, _, rest = path.partition(".")
    if table == "table3":
        row, _, column = rest.rpartition(".")
        cases = Case.objects.filter(agency=agency)
        if column != "total":
            if column not in APPLICANTS:
                raise KeyError(path)
            cases = cases.filter(applicant_type=column)
        cond = _conditions(year)
        if row in ("new_received", "carried_over", "carried_forward"):
            return cases.filter(cond[row])
        codes = _rows_of_cell(row)
        if not set(codes) <= set(OUTCOME_CODES):
            raise KeyError(path)
        return cases.filter(cond["concluded"], outcome__in=codes)
    if table == "table4":
        group, _, column = rest.partition(".")
        return Dispute.objects.filter(agency=agency).cell(year, group, column)
    if table == "table2":
        kind, _, column = rest.partition(".")
        if kind in ("regulations", "normative_documents"):
            return Record.objects.filter(agency=agency).cell(year, rest)
        raise NoDrillDown(path)
    raise KeyError(path)
