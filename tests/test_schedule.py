"""定时发布: a record dated after the build date is published nowhere (pages, feeds, open data, search, audit),
`zwgk check` lists it with its day, and references to a document not published yet break nothing."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest
from conftest import REPO, zwgk_build
from helpers import REVIEW, records_copy, run_zwgk, write
from zwgk.audit import audit_portal
from zwgk.audit.export import to_json
from zwgk.export import export_files
from zwgk.pages import participation, render_pages
from zwgk.pages.common import doc_path, interp_path, item_path, page_url, qa_path
from zwgk.portal import load_portal
from zwgk.search.bundle import read_pagefind_file

EARLY = dt.date(2025, 6, 30)


PARTICIPATION_PAGES = {"Consultation": participation.consultation_path, "DecisionCatalogue": participation.catalogue_path,
                       "Proposal": participation.proposal_path}


def page_of(record) -> str:
    kind = type(record).__name__
    if kind == "NormativeDocument":
        return doc_path(record.id)
    if kind == "Interpretation":
        return interp_path(record.id)
    if kind == "QA":
        return qa_path(record.id)
    if kind in PARTICIPATION_PAGES:  # 公众参与 (#16)
        return PARTICIPATION_PAGES[kind](record.id)
    return item_path(record)


# References to a document not published yet (the minimal fixture) ---------------------------------


@pytest.fixture
def scheduled_root(tmp_path):
    """c-2024-3 (published 2024-05-06) repeals d-2022-4; e-2026-5 (published 2026-10-10) gets an early and a
    late interpretation and is the basis of a Q&A dated before it."""
    root = records_copy(tmp_path)
    write(root, "interpretations/jd-e-early.yml",
          "of: e-2026-5\ntitle: 《丙办法》提前写好的解读\npublished: 2026-10-08\n" + REVIEW)
    write(root, "interpretations/jd-e-late.yml",
          "of: e-2026-5\ntitle: 《丙办法》负责人解读\npublished: 2026-10-20\n" + REVIEW)
    write(root, "qa/qa-2.yml",
          "question: 丙办法什么时候施行？\nanswer: 2027年1月1日起。\ntopic: 其他\nbasis: [e-2026-5, b-2024-2]\n"
          "updated: 2026-09-01\n" + REVIEW)
    return root


def test_records_dated_later_are_left_out_and_listed(scheduled_root):
    portal = load_portal(scheduled_root, dt.date(2026, 10, 5))
    assert "e-2026-5" not in portal.documents and "e-2026-5" not in portal.records.normative
    assert set(portal.interpretations) == {"jd-a"}
    assert "qa-2" in portal.qa  # its own day has come; its basis has not
    listed = {s.record.id: s for s in portal.scheduled}
    assert set(listed) == {"e-2026-5", "jd-e-early", "jd-e-late"}
    assert listed["jd-e-early"].day == dt.date(2026, 10, 10)  # waits for its document
    assert listed["jd-e-early"].waits_for.id == "e-2026-5"
    assert listed["jd-e-late"].day == dt.date(2026, 10, 20) and listed["jd-e-late"].waits_for is None
    # only the date contradiction any build reports (an interpretation dated before its document)
    assert [w.path for w in portal.warnings if "e-2026-5" in w.path + w.message or "jd-e" in w.path] == [
        "tasks_yaml/interpretations/jd-e-early.yml"]

    pages = {p.path: p for p in render_pages(portal)}
    assert doc_path("e-2026-5") not in pages and interp_path("jd-e-early") not in pages
    qa_page = pages[qa_path("qa-2")].body
    assert "丙办法" not in qa_page.replace("丙办法什么时候施行", "") and "e-2026-5" not in qa_page
    assert "已不是现行有效" not in qa_page  # a basis not published yet is not a stale one
    files = export_files(portal)
    texts = [v.decode("utf-8-sig") if isinstance(v, bytes) else v for v in files.values()]
    assert not [t for t in texts if "e-2026-5" in t or "测府规〔2026〕5号" in t or "jd-e-" in t]
    report = audit_portal(portal)
    assert not any("e-2026-5" in f.target.file or "jd-e" in f.target.file for f in report.findings)

    on_the_day = load_portal(scheduled_root, dt.date(2026, 10, 10))
    assert "e-2026-5" in on_the_day.documents and set(on_the_day.interpretations) == {"jd-a", "jd-e-early"}


def test_a_repeal_by_a_document_not_published_yet_does_not_exist_yet(scheduled_root):
    portal = load_portal(scheduled_root, dt.date(2024, 5, 1))  # c-2024-3 comes on 2024-05-06
    assert "c-2024-3" not in portal.documents
    assert portal.validity["d-2022-4"].state == "现行有效" and portal.repeals == {}
    page = {p.path: p for p in render_pages(portal)}[doc_path("d-2022-4")].body
    assert "废止本文件的文件" not in page and "测府发〔2024〕3号" not in page
    report = audit_portal(portal)
    assert not [f for f in report.findings if f.rule.id.startswith("R4") and "d-2022-4" in f.target.file]
    later = load_portal(scheduled_root, dt.date(2024, 6, 1))
    assert later.validity["d-2022-4"].state == "已废止" and later.validity["d-2022-4"].by == "c-2024-3"


def test_a_withdrawal_counts_from_its_date(tmp_path):
    root = records_copy(tmp_path)
    path = root / "qa/qa-1.yml"
    path.write_text(path.read_text(encoding="utf-8") + "withdrawn: {date: 2026-06-01, reason: 政策调整}\n",
                    encoding="utf-8")
    assert "qa-1" in load_portal(root, dt.date(2026, 5, 31)).qa
    after = load_portal(root, dt.date(2026, 6, 1))
    assert "qa-1" not in after.qa and [r.id for r in after.withdrawn] == ["qa-1"]


def test_check_lists_each_scheduled_record_with_its_day_and_passes(scheduled_root):
    proc = run_zwgk("check", "--records", str(scheduled_root), "--as-of", "2026-10-05", cwd=scheduled_root.parent)
    assert proc.returncode == 0, proc.stderr
    lines = [line for line in proc.stderr.splitlines() if "定时发布" in line and ": 定时发布: " in line]
    assert len(lines) == 3, proc.stderr
    early = next(line for line in lines if "jd-e-early.yml" in line)
    assert early.startswith("tasks_yaml/interpretations/jd-e-early.yml:3:")
    assert "2026年10月10日发布" in early and "测府规〔2026〕5号" in early
    assert "tasks_yaml/normative/e-2026-5.yml:" in proc.stderr and "2026年10月10日" in proc.stderr
    summary = proc.stderr.strip().splitlines()[-1]
    # warnings besides the footer's (portal.yml): the fixture's fake a.docx and jd-e-early dated before its
    # document; none for being scheduled
    assert "定时发布 3 条" in summary
    records = [w for w in re.findall(r"^(\S+?):\d+:\d+: 警告: ", proc.stderr, re.M) if w != "tasks_yaml/portal.yml"]
    assert sorted(records) == ["tasks_yaml/files/a.docx", "tasks_yaml/interpretations/jd-e-early.yml"], proc.stderr


# The demo: written validity holds on any day; built as of an earlier day, later records are nowhere ---------


def test_demo_check_as_of_today_gives_no_validity_warning():
    proc = run_zwgk("check", cwd=REPO)  # no --as-of: today
    assert proc.returncode == 0, proc.stderr
    assert "填写的有效性" not in proc.stderr, proc.stderr


def test_demo_written_validity_holds_on_every_day_it_may_be_built():
    from zwgk.load import load_records
    from zwgk.portal import link

    records = load_records(REPO / "tasks_yaml")
    day, wrong = dt.date(2025, 1, 1), []
    while day <= dt.date(2035, 12, 31):
        wrong += [f"{day}: {w.format()}" for w in link(records, day).warnings if "填写的有效性" in w.message]
        day += dt.timedelta(days=91)
    assert not wrong, "\n".join(wrong[:5])


@pytest.fixture(scope="module")
def early(tmp_path_factory):
    site = zwgk_build(tmp_path_factory.mktemp("early") / "site", "--as-of", EARLY.isoformat())
    return site, load_portal(REPO / "tasks_yaml", EARLY)


def test_demo_built_earlier_has_no_later_record_anywhere(early):
    site, portal = early
    assert len(portal.scheduled) > 50
    kinds = {type(s.record).__name__ for s in portal.scheduled}
    assert kinds == {"NormativeDocument", "Interpretation", "QA", "Item", *PARTICIPATION_PAGES}
    urls = {page_url(page_of(s.record)) for s in portal.scheduled}
    assert not [u for u in urls if (site / u / "index.html").exists()]

    texts = {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8", errors="replace")
             for p in site.rglob("*") if p.suffix in (".html", ".xml", ".csv", ".json", ".txt", ".map")
             and not p.relative_to(site).as_posix().startswith("pagefind/")}
    assert any(name.endswith("atom.xml") for name in texts) and "gfxwj/gfxwj.csv" in texts
    leaks = [(name, u) for name, text in texts.items() for u in urls
             if re.search(r"(?<![\w-])" + re.escape(u.rstrip("/").rsplit("/", 1)[-1]) + r"/", text)]
    assert not leaks, leaks[:5]
    visible_titles = {getattr(r, "title", "") or getattr(r, "question", "") for r in
                      [*portal.documents.values(), *portal.interpretations.values(), *portal.qa.values(),
                       *portal.items]}
    titles = {s.label for s in portal.scheduled} - visible_titles  # a reissued document keeps its name
    shown = [(name, t) for name, text in texts.items() if name.endswith(".html") for t in titles if t in text]
    assert not shown, shown[:5]

    indexed = set()
    for fragment in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        indexed.add(json.loads(read_pagefind_file(fragment))["url"].strip("/"))
    assert indexed and not {u.strip("/") for u in urls} & {re.sub(r"index\.html$", "", u).strip("/")
                                                          for u in indexed}


def test_demo_built_earlier_counts_the_same_in_site_data_and_audit(early):
    site, portal = early
    report = json.loads(to_json(audit_portal(portal, None, REPO / "content")))  # the staff build's report.json
    entries = {c["key"]: c["entries"] for c in report["columns"]}
    assert report["as_of"] == EARLY.isoformat()
    rows = list(csv.DictReader(io.StringIO((site / "gfxwj/gfxwj.csv").read_bytes().decode("utf-8-sig"))))
    data = json.loads((site / "gfxwj/gfxwj.json").read_text(encoding="utf-8"))
    assert entries["gfxwj"] == len(portal.documents) == len(rows) == data["count"]
    assert all(r["发布日期"] <= EARLY.isoformat() for r in rows)
    index = (site / "gfxwj/index.html").read_text(encoding="utf-8")
    assert len(re.findall(r'<tr><td[^>]*>\d+</td><td[^>]*><a href="[^"]+/">', index)) == len(portal.documents)
    assert entries["zcjd"] == len(portal.interpretations) and entries["zcwd"] == len(portal.qa)
    for column in portal.columns:
        assert entries[f"zdly/{column.id}"] == len(portal.items_of.get(column.id, [])), column.id
    home = (site / "index.html").read_text(encoding="utf-8")
    count = re.search(r'规范性文件库</a><span class="zwgk-entry__count">(\d+) 件', home)
    assert count and int(count.group(1)) == len(portal.documents)
    dates = re.findall(r"<(?:published|updated)>(\d{4}-\d\d-\d\d)", (site / "atom.xml").read_text("utf-8"))
    assert dates and max(dates) <= EARLY.isoformat()
