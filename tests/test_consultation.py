"""公众参与 (#16): a consultation's state at each date boundary, its period and feedback deadline, loading
(here and under a unit), located errors, and the links between consultations, the 事项目录 and documents."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers import REVIEW, records_copy, write

from zwgk.consultation import feedback_due, period_days, proposal_due, status_of
from zwgk.errors import RecordError
from zwgk.load import load_records
from zwgk.portal import link
from zwgk.records import Consultation, ConsultationFeedback, ParticipationSettings, Proposal

D = dt.date
SETTINGS = ParticipationSettings()


def consultation(opens=D(2025, 6, 1), closes=D(2025, 6, 30), feedback=None) -> Consultation:
    c = Consultation(title="征求意见", opens=opens, closes=closes, feedback=feedback)
    c.id = "c"
    return c


@pytest.mark.parametrize("as_of, label", [
    (D(2025, 5, 31), "即将开始"),
    (D(2025, 6, 1), "征集中（还剩 29 天）"),
    (D(2025, 6, 29), "征集中（还剩 1 天）"),
    (D(2025, 6, 30), "征集中（今天截止）"),
    (D(2025, 7, 1), "已截止待反馈"),
    (D(2025, 7, 30), "已截止待反馈"),  # the due day itself: one month after 30 June
    (D(2025, 7, 31), "反馈逾期"),
])
def test_status_at_each_boundary_without_feedback(as_of, label):
    assert status_of(consultation(), as_of, SETTINGS).label == label


def test_feedback_counts_from_its_own_date():
    c = consultation(feedback=ConsultationFeedback(date=D(2025, 8, 5), received=3))
    assert status_of(c, D(2025, 8, 4), SETTINGS).state == "反馈逾期"  # not published yet on that day
    assert status_of(c, D(2025, 8, 5), SETTINGS).state == "已反馈"
    on_time = consultation(feedback=ConsultationFeedback(date=D(2025, 7, 10), received=0))
    assert status_of(on_time, D(2025, 7, 9), SETTINGS).state == "已截止待反馈"
    assert status_of(on_time, D(2025, 7, 10), SETTINGS).state == "已反馈"


def test_period_and_feedback_deadline():
    assert period_days(consultation()) == 30  # 1 to 30 June, both days counted
    assert period_days(consultation(closes=D(2025, 6, 29))) == 29
    assert feedback_due(consultation(closes=D(2025, 1, 31)), SETTINGS) == D(2025, 2, 28)
    assert feedback_due(consultation(), ParticipationSettings(feedback_months=2)) == D(2025, 8, 30)
    # 15 working days after Tue 30 Sep 2025: the National Day holiday runs to 8 October
    due = feedback_due(consultation(closes=D(2025, 9, 30)), ParticipationSettings(feedback_workdays=15))
    assert due == D(2025, 10, 28)
    p = Proposal(kind="人大代表建议", year=2025, number="第1号", title="t", handling="A类", replied=D(2025, 6, 30),
                 published=D(2025, 7, 1), reply="r")
    assert proposal_due(p, ParticipationSettings(proposal_workdays=5)) == D(2025, 7, 7)


CONSULTATION = (
    "title: 关于公开征求《测试县停车管理办法（征求意见稿）》意见的公告\nkind: 重大行政决策预公开\n"
    "opens: 2025-06-01\ncloses: 2025-06-30\ndraft: 草案全文。\nexplanation: 起草说明。\n"
    "channels: {email: yj@test.gov.cn}\n"
)


def _records(tmp_path, files: dict[str, str]):
    root = records_copy(tmp_path)
    for rel, text in files.items():
        write(root, rel, text)
    return root


def test_loaded_here_and_under_a_unit_and_linked_both_ways(tmp_path):
    root = _records(tmp_path, {
        "normative/tc-2025-9.yml": "title: 测试县停车管理办法\ndoc_number: 测府发〔2025〕19号\n"
        "index_number: 11510000MB0000000N/2025-00019\nissuer: 测试县人民政府\ntopic: 综合政务\n"
        "written: 2025-08-01\npublished: 2025-08-05\neffective: 2025-09-01\n" + REVIEW,
        "consultations/yj-tc.yml": CONSULTATION + "decision: tc-2025-9\n"
        "feedback: {date: 2025-07-20, received: 5, points: [{opinion: 延长免费时段, result: 部分采纳, reason: 兼顾周转, count: 3}]}\n"
        + REVIEW,
        "units/jtj/unit.yml": "name: 测试县交通运输局\nkind: 部门\ncredit_code: 11510000MB0000001R\n",
        "units/jtj/consultations/yj-jtj.yml": CONSULTATION.replace("停车", "公交") + REVIEW,
        "units/jtj/decisions/jtj-2025.yml": "year: 2025\npublished: 2025-02-01\n"
        "entries: [{title: 公交线网优化, consultation: yj-jtj, stage: 征求意见}]\n" + REVIEW,
        "units/jtj/proposals/jy-2025-1.yml": "kind: 人大代表建议\nyear: 2025\nnumber: 第1号\ntitle: 关于增开公交的建议\n"
        "handling: B类\nreplied: 2025-06-30\npublished: 2025-07-05\nreply: 已列入计划。\n" + REVIEW,
    })
    records = load_records(root)
    assert records.consultations["yj-jtj"].unit == "jtj"
    assert records.proposals["jy-2025-1"].unit == "jtj"
    portal = link(records, D(2025, 8, 10))
    part = portal.participation
    assert part.status["yj-tc"].state == "已反馈"
    assert part.consultation_of["tc-2025-9"].id == "yj-tc"
    assert [cat.id for cat, _entry in part.entries_of["yj-jtj"]] == ["jtj-2025"]
    # before the document is published, the consultation's link to it does not exist yet
    assert "tc-2025-9" not in link(load_records(root), D(2025, 8, 1)).participation.consultation_of
    assert list(link(load_records(root), D(2025, 5, 20)).participation.consultations) == []  # not announced yet


def test_problems_located_in_file_and_line(tmp_path):
    root = _records(tmp_path, {
        "consultations/yj-bad.yml": CONSULTATION.replace("closes: 2025-06-30", "closes: 2025-05-30")
        + "decision: no-such-doc\nkind2: x\n",
    })
    with pytest.raises(RecordError) as info:
        link(load_records(root), D(2025, 8, 1))
    raise_problems = info.value.problems
    assert any(p.path.endswith("yj-bad.yml") and p.line == 9 and "未知字段“kind2”" in p.message
               for p in raise_problems), [p.format() for p in raise_problems]
    root = _records(tmp_path / "2", {
        "consultations/yj-bad.yml": CONSULTATION.replace("closes: 2025-06-30", "closes: 2025-05-30")
        + "decision: no-such-doc\nfeedback: {date: 2025-05-01, received: 1, points: [{opinion: a, result: 采纳, count: 2}]}\n",
    })
    with pytest.raises(RecordError) as info:
        link(load_records(root), D(2025, 8, 1))
    found = {(p.line, p.message) for p in info.value.problems if p.path.endswith("yj-bad.yml")}
    assert (4, "截止日期2025年5月30日早于开始日期2025年6月1日") in found
    assert (8, "决策文件“no-such-doc”不存在") in found
    assert (9, "反馈日期2025年5月1日早于征求意见截止日期2025年5月30日") in found
    assert (9, "意见及采纳情况共 2 条，多于收到的 1 条") in found


def test_zwgk_new_consultation_and_proposal_load_once_filled(tmp_path):
    from zwgk.scaffold import new_record

    root = records_copy(tmp_path)
    made = new_record(root, "意见征集", D(2025, 3, 2))
    text = made.path.read_text(encoding="utf-8")
    assert made.path == root / "consultations/yjzj-2025-0302.yml"
    assert "opens: 2025-03-02" in text and "closes: 2025-03-31" in text  # 30 days, both ends counted
    assert text.startswith("# yaml-language-server: $schema=../schemas/consultation.schema.json")
    with pytest.raises(RecordError) as info:  # the placeholders must be filled in first
        load_records(root)
    assert any("待填写" in p.message and p.path.endswith("yjzj-2025-0302.yml") for p in info.value.problems)
    made.path.write_text(text.replace("待填写：", ""), encoding="utf-8")
    write(root, "units/jtj/unit.yml", "name: 测试县交通运输局\nkind: 部门\ncredit_code: 11510000MB0000001R\n")
    proposal = new_record(root, "proposal", D(2025, 3, 2), unit="jtj")
    proposal.path.write_text(proposal.path.read_text(encoding="utf-8").replace("待填写：", ""), encoding="utf-8")
    records = load_records(root)
    assert records.consultations["yjzj-2025-0302"].closes == D(2025, 3, 31)
    assert records.proposals["jyta-2025-0302"].handler == "测试县交通运输局"


def test_withdrawn_consultation_leaves_a_notice_and_changes_show_on_its_page(tmp_path):
    from zwgk.pages import render_pages

    root = _records(tmp_path, {
        "consultations/yj-a.yml": CONSULTATION + "changes: [{date: 2025-06-05, note: 补充起草说明}]\n" + REVIEW,
        "consultations/yj-b.yml": CONSULTATION.replace("停车", "公交")
        + "withdrawn: {date: 2025-06-10, reason: 草案有误，修改后重新征求意见}\n" + REVIEW,
    })
    pages = {p.path: p for p in render_pages(link(load_records(root), D(2025, 6, 20)))}
    assert "更新说明" in pages["yjzj/yj-a.md"].body and "补充起草说明" in pages["yjzj/yj-a.md"].body
    notice = pages["yjzj/yj-b.md"]
    assert notice.title.startswith("【已撤回】") and "草案有误" in notice.body
    before = {p.path: p for p in render_pages(link(load_records(root), D(2025, 6, 9)))}
    assert not before["yjzj/yj-b.md"].title.startswith("【已撤回】")  # withdrawn from the 10th


def test_not_public_yet_is_listed_as_scheduled_not_published(tmp_path):
    root = _records(tmp_path, {
        "consultations/yj-a.yml": CONSULTATION + "published: 2025-05-25\n" + REVIEW,
        "consultations/yj-b.yml": CONSULTATION.replace("停车", "公交") + "review: {first: 甲某}\n",  # not reviewed
    })
    portal = link(load_records(root), D(2025, 5, 20))
    assert not portal.participation.consultations
    (entry,) = [s for s in portal.scheduled if s.record.id.startswith("yj-")]
    assert entry.day == D(2025, 5, 25)
    assert "定时发布: 意见征集“关于公开征求《测试县停车管理办法（征求意见稿）》意见的公告”于2025年5月25日发布" in entry.format(
        D(2025, 5, 20))
    upcoming = link(load_records(root), D(2025, 5, 25)).participation
    assert upcoming.status["yj-a"].state == "即将开始"  # announced before it opens


def test_a_consultation_or_reply_without_its_three_reviews_is_held_with_a_located_warning(tmp_path):
    root = _records(tmp_path, {
        "consultations/yj-a.yml": CONSULTATION + REVIEW,
        "consultations/yj-b.yml": CONSULTATION.replace("停车", "公交") + "review: {first: 甲某}\n",
        "consultations/yj-c.yml": CONSULTATION.replace("停车", "道路"),  # no review at all
    })
    portal = link(load_records(root), D(2025, 6, 9))
    assert list(portal.participation.consultations) == ["yj-a"]
    held = {(p.path, p.line) for p in portal.warnings if "未完成三审" in p.message}
    lines = CONSULTATION.count("\n")
    assert ("tasks_yaml/consultations/yj-b.yml", lines + 1) in held
    assert any(path == "tasks_yaml/consultations/yj-c.yml" for path, _line in held)
    assert not any(path.endswith("yj-a.yml") for path, _line in held)


def test_personal_data_in_a_reply_or_a_feedback_is_caught_by_the_privacy_check(tmp_path):
    root = _records(tmp_path, {
        "proposals/jy-1.yml": "kind: 人大代表建议\nyear: 2025\nnumber: 第1号\ntitle: 关于增开公交的建议\n"
        "handling: B类\nreplied: 2025-06-30\npublished: 2025-07-05\nreply: 请联系张某，手机 13812345678。\n" + REVIEW,
        "consultations/yj-a.yml": CONSULTATION + "feedback: {date: 2025-07-10, received: 1, points: "
        "[{opinion: 住在幸福路18号3单元501室的居民建议延长免费时段, result: 未采纳}]}\n" + REVIEW,
    })
    with pytest.raises(RecordError) as info:
        link(load_records(root), D(2025, 8, 1))
    found = {(p.path.rsplit("/", 1)[-1], p.line) for p in info.value.problems if p.severity == "错误"}
    assert ("jy-1.yml", 8) in found and ("yj-a.yml", 8) in found, [p.format() for p in info.value.problems]
