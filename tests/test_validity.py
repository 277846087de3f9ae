"""Validity as of a date, around every boundary: effective, expiry, amendment, repeal."""

from __future__ import annotations

import datetime as dt

import pytest

from helpers import records_copy, write
from zwgk.portal import load_portal
from zwgk.validity import compute_validity

D = dt.date

# Fixture "minimal": a-2023-1 effective 2023-02-01, expires 2025-01-31, amended by b-2024-2 (effective 2024-04-01);
# d-2022-4 repealed by c-2024-3 (effective 2024-06-01); e-2026-5 effective 2027-01-01.
CASES = [
    ("a-2023-1", D(2023, 1, 31), "尚未生效", D(2023, 1, 10), None),
    ("a-2023-1", D(2023, 2, 1), "现行有效", D(2023, 2, 1), None),
    ("a-2023-1", D(2024, 3, 31), "现行有效", D(2023, 2, 1), None),
    ("a-2023-1", D(2024, 4, 1), "已修改", D(2024, 4, 1), "b-2024-2"),
    ("a-2023-1", D(2025, 1, 31), "已修改", D(2024, 4, 1), "b-2024-2"),
    ("a-2023-1", D(2025, 2, 1), "已失效", D(2025, 2, 1), None),
    ("d-2022-4", D(2024, 5, 31), "现行有效", D(2022, 2, 1), None),
    ("d-2022-4", D(2024, 6, 1), "已废止", D(2024, 6, 1), "c-2024-3"),
    ("e-2026-5", D(2026, 12, 31), "尚未生效", D(2026, 10, 10), None),
    ("e-2026-5", D(2027, 1, 1), "现行有效", D(2027, 1, 1), None),
]


@pytest.mark.parametrize("doc_id,as_of,state,since,by", CASES)
def test_validity_boundaries(tmp_path, doc_id, as_of, state, since, by):
    portal = load_portal(records_copy(tmp_path), as_of)
    status = portal.validity[doc_id]
    assert (status.state, status.since, status.by) == (state, since, by)


def test_repeal_beats_expiry_and_amendment(tmp_path):
    root = records_copy(tmp_path)
    text = (root / "normative/a-2023-1.yml").read_text(encoding="utf-8")
    write(root, "normative/a-2023-1.yml", text.replace("expires: 2025-01-31", "repealed_on: 2024-12-01"))
    portal = load_portal(root, D(2025, 6, 1))
    assert portal.validity["a-2023-1"].state == "已废止"
    assert portal.validity["a-2023-1"].since == D(2024, 12, 1)


def test_repealer_not_yet_effective_does_not_repeal(tmp_path):
    root = records_copy(tmp_path)
    text = (root / "normative/c-2024-3.yml").read_text(encoding="utf-8")
    write(root, "normative/c-2024-3.yml", text.replace("effective: 2024-06-01", "effective: 2027-06-01"))
    portal = load_portal(root, D(2026, 11, 22))
    assert portal.validity["d-2022-4"].state == "现行有效"
    assert portal.validity["c-2024-3"].state == "尚未生效"


def test_explicit_validity_that_disagrees_is_reported_not_replaced(tmp_path):
    root = records_copy(tmp_path)
    text = (root / "normative/d-2022-4.yml").read_text(encoding="utf-8")
    write(root, "normative/d-2022-4.yml", text + "validity: 现行有效\n")
    portal = load_portal(root, D(2026, 11, 22))
    assert portal.documents["d-2022-4"].validity == "现行有效"  # the record keeps what staff wrote
    assert portal.validity["d-2022-4"].state == "已废止"
    warning = next(w for w in portal.warnings if "不一致" in w.message)
    assert (warning.path, warning.line) == ("tasks_yaml/normative/d-2022-4.yml", 11)
    assert "“现行有效”" in warning.message and "“已废止”" in warning.message


def test_explicit_validity_that_agrees_gives_no_warning(tmp_path):
    root = records_copy(tmp_path)
    text = (root / "normative/d-2022-4.yml").read_text(encoding="utf-8")
    write(root, "normative/d-2022-4.yml", text + "validity: 已废止\n")
    portal = load_portal(root, D(2026, 11, 22))
    assert not [w for w in portal.warnings if "不一致" in w.message]


def test_compute_validity_uses_latest_amendment(tmp_path):
    portal = load_portal(records_copy(tmp_path), D(2024, 7, 1))  # c-2024-3 is published on 2024-05-06
    doc = portal.documents["a-2023-1"]
    status = compute_validity(doc, portal.documents, ["b-2024-2", "c-2024-3"], D(2024, 7, 1))
    assert (status.state, status.by) == ("已修改", "c-2024-3")
