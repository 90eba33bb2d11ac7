from __future__ import annotations

import json

import jsonschema
import pytest

from ogi.report import Cell, FormatVersion, JSONFormatError, Report, dumps, from_dict, json_schema, loads, to_dict
from ogi.report._format import T3_ROWS_2019, T3_ROWS_2021, table2_cell_codes
from ogi.report._json import published_schema

from ..conftest import expected_files, load_expected


def test_row_layouts_have_the_official_row_counts() -> None:
    assert len(T3_ROWS_2021) == 25
    assert len(T3_ROWS_2019) == 23
    assert len(table2_cell_codes(FormatVersion.V2021)) == 10
    assert len(table2_cell_codes(FormatVersion.V2019)) == 22


def test_blank_is_distinct_from_zero() -> None:
    report = Report.zero("2021").with_cell("table3.granted.commercial", Cell())
    assert report.value("table3.granted.commercial") is None
    assert report.value("table3.granted.natural_person") == 0


@pytest.mark.parametrize("expected", expected_files(), ids=lambda p: p.name)
def test_corpus_expected_files_round_trip_through_the_model(expected) -> None:
    data = load_expected(expected)
    report = from_dict(data)
    out = to_dict(report)
    for key in ("table2", "table3", "table4", "format", "agency", "year"):
        assert out[key] == data[key]
    jsonschema.validate(out, json_schema())


def test_published_schema_is_generated_from_the_format() -> None:
    assert published_schema() == json_schema()


def test_dumps_loads_round_trip() -> None:
    report = Report.zero("2019", agency="测试局", year=2020)
    assert loads(dumps(report)) == report


def test_bad_json_names_the_problem() -> None:
    with pytest.raises(JSONFormatError, match=r"table3\.granted"):
        from_dict({"format": "2021", "table3": {"granted": [1, 2]}})
    with pytest.raises(JSONFormatError, match="format"):
        from_dict({"format": "2020"})
    with pytest.raises(JSONFormatError, match="JSON"):
        loads("{")
    assert json.loads(dumps(Report.zero("2021")))["format"] == "2021"


def test_a_missing_file_is_named_in_chinese(tmp_path) -> None:
    from ogi.report import ReadError, read

    with pytest.raises(ReadError, match="文件不存在") as info:
        read(tmp_path / "无此文件.txt")
    assert "无此文件.txt" in str(info.value)
