"""ogi.report — the report engine: format definition, model, checks, readers and writers.

A plain Python package that knows nothing of the web. Import from here, not from the private modules.
"""

from ._batch import FileCheck, check_file, check_files, check_stream, file_check_to_dict, finding_to_dict, iter_checks
from ._checks import Finding, Severity, check, check_series
from ._checks._prose import statutory_deadline
from ._errors import InputTooLarge, JSONFormatError, ReadError, ReportError, UnresolvedCells, UnsupportedInput
from ._evaluate import Evaluation, FileEvaluation, WrongCell, compare, evaluate_dir, evaluate_file
from ._files import evaluation_pairs, list_reports, report_files
from ._format import CellKind, FormatVersion
from ._json import dumps, from_dict, loads, to_dict
from ._lines import Line
from ._model import Cell, MissingPart, Number, Report, Source
from ._readers import read, read_bytes, read_stream
from ._readers._text import parse_text
from ._schema import json_schema
from ._writers import write

__all__ = [
    "Cell",
    "CellKind",
    "Evaluation",
    "FileCheck",
    "FileEvaluation",
    "Finding",
    "FormatVersion",
    "InputTooLarge",
    "JSONFormatError",
    "Line",
    "MissingPart",
    "Number",
    "ReadError",
    "Report",
    "ReportError",
    "Severity",
    "Source",
    "UnresolvedCells",
    "UnsupportedInput",
    "WrongCell",
    "check",
    "check_file",
    "check_files",
    "check_series",
    "check_stream",
    "compare",
    "dumps",
    "evaluate_dir",
    "evaluate_file",
    "evaluation_pairs",
    "file_check_to_dict",
    "finding_to_dict",
    "from_dict",
    "iter_checks",
    "json_schema",
    "list_reports",
    "loads",
    "parse_text",
    "read",
    "read_bytes",
    "read_stream",
    "report_files",
    "statutory_deadline",
    "to_dict",
    "write",
]
