"""Report JSON is enforced against the shipped schema: every bad document is one Chinese line naming the
file and the key, never English exception text, never a silent pass."""

from __future__ import annotations

import json
import re

import pytest

from ogi.report import ReadError, read_bytes

from ..conftest import SEED_EXPECTED
from ..fuzz.harness import message_problem


def seed() -> dict:
    return json.loads(SEED_EXPECTED.read_text(encoding="utf-8"))


def refusal(data: bytes, name: str = "报告.json") -> str:
    with pytest.raises(ReadError) as info:
        read_bytes(data, name)
    message = str(info.value)
    assert message.startswith(f"{name}：") and "\n" not in message
    assert message_problem(message, name) is None, message
    return message


def with_value(key: str, value: object) -> bytes:
    data = seed()
    data[key] = value
    return json.dumps(data, ensure_ascii=False).encode()


def raw_year(literal: str) -> bytes:
    return re.sub(rb'"year": \d+', b'"year": ' + literal.encode(), json.dumps(seed()).encode(), count=1)


def test_the_seed_json_reads() -> None:
    assert read_bytes(json.dumps(seed(), ensure_ascii=False).encode(), "报告.json").year == seed()["year"]


@pytest.mark.parametrize(
    ("data", "key", "words"),
    [
        (with_value("published", "2024-02-30"), "published", "不是有效的日期"),
        (raw_year("1e999"), "year", "超出范围"),
        (raw_year("1" + "0" * 5000), "year", "位数过多"),
        (raw_year(str(10**30)), "year", "位数过多"),
        (with_value("year", 10**15), "year", "数值过大"),
        (raw_year("NaN"), "year", "不是有效的 JSON 数字"),
        (with_value("agency", 123), "agency", "应为字符串"),
        (with_value("format", "2020"), "format", "不是允许的值"),
        (with_value("table4", {**seed()["table4"], "unknown_code": 1}), "table4", "未知的代码"),
        (with_value("table3", {**seed()["table3"], "granted": [1, 2, -3, 4, 5, 6, 7]}), "table3.granted[2]", "过小"),
        (with_value("table3", {**seed()["table3"], "granted": [1, 2]}), "table3.granted", "个数不够"),
        (with_value("table2", "全部"), "table2", "应为对象"),
    ],
)
def test_a_bad_value_names_its_key(data: bytes, key: str, words: str) -> None:
    message = refusal(data)
    assert f"{key}：" in message and words in message


@pytest.mark.parametrize("table", ["table2", "table3", "table4"])
def test_a_missing_table_is_named(table: str) -> None:
    data = seed()
    del data[table]
    message = refusal(json.dumps(data).encode())
    assert "缺少必需的键" in message and table in message


@pytest.mark.parametrize("depth", [40, 5000])
def test_deep_nesting_is_refused(depth: int) -> None:
    text = json.dumps(seed())[:-1] + ', "notes": ' + "[" * depth + "]" * depth + "}"
    assert "嵌套过深" in refusal(text.encode())


def test_utf16_json_reads_and_gbk_json_is_named() -> None:
    text = json.dumps(seed(), ensure_ascii=False)
    assert read_bytes(text.encode("utf-16"), "报告.json").agency == seed()["agency"]
    assert "UTF-8" in refusal(text.encode("gbk"))


def test_a_long_unknown_code_is_quoted_whole_and_shortened() -> None:
    code = "litigation_after_" + "review" * 20
    message = refusal(with_value("table4", {**seed()["table4"], code: 1}))
    assert '未知的代码 "litigation_after_' in message and message.endswith('…"')
