"""公众参与 (issue #16): 意见征集, 重大行政决策事项目录, 建议提案办理结果.

The one place for their rules: the state of a consultation as of the build date (即将开始 / 征集中 /
已截止待反馈 / 已反馈 / 反馈逾期), its period and feedback deadline (portal.yml participation), the
deadline for publishing a 建议提案 reply, and the links between consultations, the catalogue of major
decisions and the normative documents they led to (both ways). Pages and the audit only read what this
module computes.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from .dates import add_months, format_cn
from .errors import Problem
from .records import Consultation, DecisionCatalogue, DecisionEntry, ParticipationSettings, Proposal
from .schedule import Scheduled
from .workdays import add_workdays
from .yamlnodes import where

UPCOMING, OPEN, AWAITING, ANSWERED, OVERDUE = "即将开始", "征集中", "已截止待反馈", "已反馈", "反馈逾期"
STATES = (UPCOMING, OPEN, AWAITING, ANSWERED, OVERDUE)


@dataclass(frozen=True)
class ConsultationStatus:
    """A consultation's state on one day: days left while open, and the last day for its feedback."""

    state: str
    due: dt.date  # the last day to publish the feedback
    days_left: int | None = None  # 征集中: days from the build date to the closing day (0: closes today)

    @property
    def label(self) -> str:
        """征集中（还剩 5 天）, 征集中（今天截止）, or the state."""
        if self.state != OPEN:
            return self.state
        return f"{OPEN}（今天截止）" if self.days_left == 0 else f"{OPEN}（还剩 {self.days_left} 天）"


def period_days(c: Consultation) -> int:
    """The days a consultation is open, its first and last day included (1 June to 30 June: 30 days)."""
    return (c.closes - c.opens).days + 1


def feedback_due(c: Consultation, settings: ParticipationSettings) -> dt.date:
    """The last day to publish what came of the comments: feedback_workdays working days after closing when
    set, else feedback_months calendar months after it."""
    if settings.feedback_workdays:
        return add_workdays(c.closes, settings.feedback_workdays)[0]
    return add_months(c.closes, settings.feedback_months)


def feedback_limit(settings: ParticipationSettings) -> str:
    """The feedback time limit in words."""
    if settings.feedback_workdays:
        return f"截止后 {settings.feedback_workdays} 个工作日内"
    return f"截止后 {settings.feedback_months} 个月内"


def status_of(c: Consultation, as_of: dt.date, settings: ParticipationSettings) -> ConsultationStatus:
    """The state as of the date. Feedback dated after the date is not published yet."""
    due = feedback_due(c, settings)
    if as_of < c.opens:
        return ConsultationStatus(UPCOMING, due)
    if as_of <= c.closes:
        return ConsultationStatus(OPEN, due, (c.closes - as_of).days)
    if c.feedback is not None and c.feedback.date <= as_of:
        return ConsultationStatus(ANSWERED, due)
    return ConsultationStatus(OVERDUE if as_of > due else AWAITING, due)


def proposal_due(p: Proposal, settings: ParticipationSettings) -> dt.date:
    """The last day to publish a 建议提案 reply: proposal_workdays working days after the reply's date."""
    return add_workdays(p.replied, settings.proposal_workdays)[0]


def catalogue_title(catalogue: DecisionCatalogue, unit_name: str) -> str:
    return catalogue.title or f"{unit_name}{catalogue.year}年度重大行政决策事项目录"


@dataclass
class Participation:
    """What the portal publishes of public participation as of its date, linked both ways."""

    consultations: dict[str, Consultation] = field(default_factory=dict)
    status: dict[str, ConsultationStatus] = field(default_factory=dict)
    decisions: dict[str, DecisionCatalogue] = field(default_factory=dict)
    proposals: dict[str, Proposal] = field(default_factory=dict)
    consultation_of: dict[str, Consultation] = field(default_factory=dict)  # document id → its consultation
    entries_of: dict[str, list[tuple[DecisionCatalogue, DecisionEntry]]] = field(default_factory=dict)
    held: list = field(default_factory=list)  # not through 三审, withdrawn or not public yet

    def ordered(self) -> list[Consultation]:
        """Open ones first (closing soonest first), then upcoming (opening soonest), then the rest newest first."""
        def key(c):
            state = self.status[c.id].state
            if state == OPEN:
                return (0, c.closes.toordinal(), c.id)
            if state == UPCOMING:
                return (1, c.opens.toordinal(), c.id)
            return (2, -c.closes.toordinal(), c.id)

        return sorted(self.consultations.values(), key=key)

    def withdrawn(self, as_of: dt.date) -> list:
        """Reviewed consultations and proposals withdrawn on or before the date (their pages become notices)."""
        return [r for r in self.held if isinstance(r, (Consultation, Proposal)) and r.review and r.review.complete
                and r.withdrawn and r.withdrawn.date <= as_of]

    def scheduled(self, as_of: dt.date) -> list:
        """定时发布: reviewed records whose 发布日期 is after the date, as schedule.Scheduled for zwgk check."""
        return [Scheduled(r, _release(r)) for r in self.held if r.review and r.review.complete
                and not (getattr(r, "withdrawn", None) and r.withdrawn.date <= as_of) and _release(r) > as_of]

    def open_now(self) -> list[Consultation]:
        return [c for c in self.ordered() if self.status[c.id].state == OPEN]


def _release(record) -> dt.date:
    """The day a consultation, catalogue or reply goes public."""
    return record.release if isinstance(record, Consultation) else record.published


def _public(record, as_of: dt.date, release: dt.date) -> bool:
    review = getattr(record, "review", None)
    withdrawn = getattr(record, "withdrawn", None)  # a 事项目录 has none
    return (review is not None and review.complete and release <= as_of
            and not (withdrawn and withdrawn.date <= as_of))


def link_participation(records, as_of: dt.date, documents: dict) -> Participation:
    """The published consultations, catalogues and proposals as of the date, and their links. A link to a
    document that is not published (documents: the portal's) does not exist yet."""
    settings = records.portal.participation
    result = Participation()
    for c in sorted(records.consultations.values(), key=lambda c: c.id):
        if _public(c, as_of, _release(c)):
            result.consultations[c.id] = c
            result.status[c.id] = status_of(c, as_of, settings)
        else:
            result.held.append(c)
    for kind, published in ((records.decisions, result.decisions), (records.proposals, result.proposals)):
        for record_id, record in sorted(kind.items()):
            if _public(record, as_of, _release(record)):
                published[record_id] = record
            else:
                result.held.append(record)
    for c in result.consultations.values():
        if c.decision and c.decision in documents:
            result.consultation_of.setdefault(c.decision, c)
    entries_of = defaultdict(list)
    for cat in result.decisions.values():
        for entry in cat.entries:
            if entry.consultation in result.consultations:
                entries_of[entry.consultation].append((cat, entry))
            if entry.decision in documents and entry.consultation in result.consultations:
                result.consultation_of.setdefault(entry.decision, result.consultations[entry.consultation])
    result.entries_of = dict(entries_of)
    return result


def participation_problems(records) -> list[Problem]:
    """Located errors and warnings: references to records that do not exist, dates that contradict each other,
    a feedback counting more comments than it received, one decision document claimed by two consultations."""
    found: list[Problem] = []
    docs, consultations = records.normative, records.consultations

    def problem(record, obj, name, message, hint, severity="错误"):
        line, col = where(obj, name)
        found.append(Problem(record.file, line, col, message, hint, severity))

    claimed: dict[str, Consultation] = {}
    for c in sorted(consultations.values(), key=lambda c: c.id):
        if c.closes < c.opens:
            problem(c, c, "closes", f"截止日期{format_cn(c.closes)}早于开始日期{format_cn(c.opens)}",
                    "核对 opens（开始日期）和 closes（截止日期）")
        if c.published and c.published > c.opens:
            problem(c, c, "published", f"发布日期{format_cn(c.published)}晚于开始日期{format_cn(c.opens)}",
                    "征求意见公告应在开始之日或之前发布：核对 published 和 opens", "警告")
        if c.decision:
            if c.decision not in docs:
                problem(c, c, "decision", f"决策文件“{c.decision}”不存在", "填写 normative/ 中的文件标识（文件名）")
            elif c.decision in claimed:
                problem(c, c, "decision", f"决策文件“{c.decision}”已是 {claimed[c.decision].file} 的决策文件",
                        "一份文件只对应一次意见征集：核对 decision", "警告")
            claimed.setdefault(c.decision, c)
        fb = c.feedback
        if fb is not None:
            if fb.date < c.closes:
                problem(c, fb, "date", f"反馈日期{format_cn(fb.date)}早于征求意见截止日期{format_cn(c.closes)}",
                        "意见采纳情况在征集结束后公布：核对 feedback.date 和 closes")
            counted = sum(p.count for p in fb.points)
            if counted > fb.received:
                problem(c, fb, "received", f"意见及采纳情况共 {counted} 条，多于收到的 {fb.received} 条",
                        "核对 received（收到意见条数）和各类意见的 count")
    for cat in sorted(records.decisions.values(), key=lambda d: d.id):
        for entry in cat.entries:
            if entry.consultation and entry.consultation not in consultations:
                problem(cat, entry, "consultation", f"意见征集“{entry.consultation}”不存在",
                        "填写 consultations/ 中的记录标识（文件名）")
            if entry.decision and entry.decision not in docs:
                problem(cat, entry, "decision", f"决策文件“{entry.decision}”不存在", "填写 normative/ 中的文件标识（文件名）")
    for p in sorted(records.proposals.values(), key=lambda p: p.id):
        if p.published < p.replied:
            problem(p, p, "published", f"公开日期{format_cn(p.published)}早于答复日期{format_cn(p.replied)}",
                    "办理复文答复代表委员后才公开：核对 replied 和 published")
    return found


__all__ = ["STATES", "ConsultationStatus", "Participation", "catalogue_title", "feedback_due", "feedback_limit",
           "link_participation", "participation_problems", "period_days", "proposal_due", "status_of"]
