"""Dates as staff type them and deadline phrases as task tables write them."""

from __future__ import annotations

import datetime as dt

import pytest

from zwgk.dates import DateFormatError, format_cn, parse_date, parse_deadline

D = dt.date


@pytest.mark.parametrize("text,expected", [
    ("2023-03-05", D(2023, 3, 5)), ("2023/3/5", D(2023, 3, 5)), ("2023.3.5", D(2023, 3, 5)),
    ("2023年3月5日", D(2023, 3, 5)), ("２０２３年３月５日", D(2023, 3, 5)), ("2023 年 3 月 5 日", D(2023, 3, 5)),
    ("２０２３－０３－０５", D(2023, 3, 5)), ("2024-02-29", D(2024, 2, 29)),
])
def test_dates_staff_write(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["2023-02-30", "2023-02-29", "2023年13月1日", "2023-3", "下个月", "3/5/2023"])
def test_impossible_or_unknown_dates_are_rejected(text):
    with pytest.raises(DateFormatError):
        parse_date(text)


@pytest.mark.parametrize("text,expected", [
    ("年底前", D(2023, 12, 31)), ("年底前完成", D(2023, 12, 31)), ("2023年底前", D(2023, 12, 31)),
    ("2024年年底前", D(2024, 12, 31)), ("12月底前", D(2023, 12, 31)), ("12月底前完成", D(2023, 12, 31)),
    ("2023年6月底前", D(2023, 6, 30)), ("6月底前", D(2023, 6, 30)), ("2月底前", D(2023, 2, 28)),
    ("8月31日", D(2023, 8, 31)), ("8月前", D(2023, 7, 31)), ("上半年", D(2023, 6, 30)),
    ("第三季度", D(2023, 9, 30)), ("2023年内", D(2023, 12, 31)), ("2023-06-30", D(2023, 6, 30)),
    ("持续推进", None), ("长期坚持", None), ("及时公开", None), ("适时办理", None),
    # as other counties' tables write them: a bare month, Excel's 2023.12, 年内完成
    ("12月", D(2023, 12, 31)), ("2024年2月", D(2024, 2, 29)), ("2023.9", D(2023, 9, 30)), ("年内完成", D(2023, 12, 31)),
    ("即时", None), ("每半年", None),
])
def test_deadline_phrases(text, expected):
    deadline = parse_deadline(text, 2023)
    assert deadline.date == expected and deadline.standing == (expected is None) and deadline.text == text


@pytest.mark.parametrize("text", ["下辈子", "底前", "13月底前", "2月30日", "13月", "2023.13"])
def test_unknown_deadlines_are_rejected(text):
    with pytest.raises(DateFormatError):
        parse_deadline(text, 2023)


def test_format_cn():
    assert format_cn(D(2023, 3, 5)) == "2023年3月5日" and format_cn(None) == ""
