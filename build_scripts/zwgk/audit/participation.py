"""Rule 14: public participation (#16): consultations open long enough, with their 起草说明, their feedback
published in time, enterprises heard on 涉企 drafts, the 事项目录's consultations held, 建议提案 replies
published in time. Every state and deadline comes from zwgk.consultation."""

from __future__ import annotations

from ..consultation import ANSWERED, OVERDUE, feedback_limit, period_days, proposal_due
from ..dates import format_cn
from ..pages.participation import catalogue_path, consultation_path, proposal_path
from ..yamlnodes import where
from .inventory import Context, doc_label, record_target
from .model import Finding, Rule, Target
from .sources import (
    CONSULTATION_ENTERPRISE,
    CONSULTATION_EXPLANATION,
    CONSULTATION_FEEDBACK,
    CONSULTATION_PERIOD,
    DECISION_CATALOGUE,
    PROPOSAL_DEADLINE,
)

SHORT_PERIOD = Rule(
    "R14.1",
    "征求意见期不足",
    "error",
    CONSULTATION_PERIOD,
    "征求意见期只有 {days} 天（{opens}至{closes}），少于 {minimum} 天",
    "延长截止日期（closes）；确因情况紧急需要缩短的，在起草说明中写明理由",
)
NO_EXPLANATION = Rule(
    "R14.2",
    "意见征集缺少起草说明",
    "error",
    CONSULTATION_EXPLANATION,
    "征求意见稿没有同时公布起草说明或解读",
    "在 explanation 中写明起草背景、主要内容和需要说明的问题，或在 explanation_files 中上传起草说明",
)
FEEDBACK_OVERDUE = Rule(
    "R14.3",
    "意见采纳情况逾期未公布",
    "error",
    CONSULTATION_FEEDBACK,
    "征求意见于{closes}截止，意见采纳情况应于{due}前公布（{limit}），至今未公布",
    "在 feedback 中填写反馈日期、收到意见条数和采纳情况及理由",
)
FEEDBACK_LATE = Rule(
    "R14.4",
    "意见采纳情况公布晚于时限",
    "warning",
    CONSULTATION_FEEDBACK,
    "意见采纳情况于{date}公布，晚于时限{due}（{limit}）",
    "以后的征集在时限内公布采纳情况；反馈日期（feedback.date）有误的，改为实际公布日期",
)
NO_ENTERPRISE_CHANNEL = Rule(
    "R14.5",
    "涉企意见征集未写明企业反馈渠道",
    "error",
    CONSULTATION_ENTERPRISE,
    "涉企意见征集没有写明听取企业和行业协会商会意见的渠道",
    "在 channels.enterprise 中写明：如 通过工商联、行业协会商会定向征求意见，企业座谈会的时间地点",
)
DECISION_UNCONSULTED = Rule(
    "R14.6",
    "事项目录要求征求意见的决策未公开征求意见",
    "error",
    DECISION_CATALOGUE,
    "事项“{entry}”须公开征求意见，决策文件{doc}已公布，却没有对应的意见征集",
    "在事项目录的 consultation 中填写该事项的意见征集标识；确不需要公开征求意见的，把 public_comment 改为 不需要并在 basis 中说明",
)
PROPOSAL_LATE = Rule(
    "R14.7",
    "建议提案办理复文公开晚于时限",
    "warning",
    PROPOSAL_DEADLINE,
    "{kind}{number}于{replied}答复，{published}才公开，晚于时限{due}（答复后 {workdays} 个工作日）",
    "答复代表委员后及时公开办理复文；公开日期（published）有误的，改为实际公开日期",
)
RULES = (SHORT_PERIOD, NO_EXPLANATION, FEEDBACK_OVERDUE, FEEDBACK_LATE, NO_ENTERPRISE_CHANNEL, DECISION_UNCONSULTED,
         PROPOSAL_LATE)


def _inside(record, node, label: str, page: str, field_name: str) -> Target:
    """A target at a field of a nested part (a feedback, a catalogue entry) of a record's file."""
    return Target(label, page, record.file, where(node, field_name)[0], record.unit or "")


def check(ctx: Context) -> list[Finding]:
    portal, found = ctx.portal, []
    part, settings = portal.participation, portal.config.participation
    limit = feedback_limit(settings)
    for c in part.consultations.values():
        page = consultation_path(c.id)
        status = part.status[c.id]
        if period_days(c) < settings.min_days:
            found.append(SHORT_PERIOD.finding(record_target(c, c.title, page, "closes"), "", days=period_days(c),
                                              opens=format_cn(c.opens), closes=format_cn(c.closes),
                                              minimum=settings.min_days))
        if not (c.explanation.strip() or c.explanation_files):
            found.append(NO_EXPLANATION.finding(record_target(c, c.title, page, "explanation")))
        if status.state == OVERDUE:
            found.append(FEEDBACK_OVERDUE.finding(record_target(c, c.title, page, "closes"), "",
                                                  closes=format_cn(c.closes), due=format_cn(status.due), limit=limit))
        elif status.state == ANSWERED and c.feedback.date > status.due:
            found.append(FEEDBACK_LATE.finding(_inside(c, c.feedback, c.title, page, "date"), "",
                                               date=format_cn(c.feedback.date), due=format_cn(status.due), limit=limit))
        if c.kind == "涉企意见征集" and not c.channels.enterprise.strip():
            found.append(NO_ENTERPRISE_CHANNEL.finding(record_target(c, c.title, page, "channels")))
    for cat in part.decisions.values():
        for entry in cat.entries:
            if (entry.public_comment == "需要" and entry.decision in portal.documents
                    and entry.consultation not in part.consultations
                    and entry.decision not in part.consultation_of):
                target = _inside(cat, entry, entry.title, catalogue_path(cat.id), "decision")
                found.append(DECISION_UNCONSULTED.finding(target, "", entry=entry.title,
                                                          doc=doc_label(portal.documents[entry.decision])))
    for p in part.proposals.values():
        due = proposal_due(p, settings)
        if p.published > due:
            found.append(PROPOSAL_LATE.finding(record_target(p, p.title, proposal_path(p.id), "published"), "",
                                               kind=p.kind, number=p.number, replied=format_cn(p.replied),
                                               published=format_cn(p.published), due=format_cn(due),
                                               workdays=settings.proposal_workdays))
    return found
