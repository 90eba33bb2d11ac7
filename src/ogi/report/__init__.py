"""ogi.report — the report engine: format definition, model, checks, readers and writers.

A plain Python package that knows nothing of the web. Import from here, not from the private modules.
"""

from ._checks import Finding, Severity, check, check_series
from ._errors import InputTooLarge, JSONFormatError, ReadError, ReportError, UnsupportedInput
from ._format import CellKind, FormatVersion
from ._json import dumps, from_dict, loads, to_dict
from ._lines import Line
from ._model import Cell, Number, Report, Source
from ._schema import json_schema

__all__ = [
    "Cell",
    "CellKind",
    "Finding",
    "FormatVersion",
    "InputTooLarge",
    "JSONFormatError",
    "Line",
    "Number",
    "ReadError",
    "Report",
    "ReportError",
    "Severity",
    "Source",
    "UnsupportedInput",
    "check",
    "check_series",
    "dumps",
    "from_dict",
    "json_schema",
    "loads",
    "to_dict",
]
