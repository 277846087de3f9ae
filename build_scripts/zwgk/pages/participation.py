"""公众参与 (#16): 意见征集 (/yjzj/), 重大行政决策事项目录 (/jcml/), 建议提案办理结果 (/jyta/).

Every state and deadline comes from zwgk.consultation (portal.participation); this module only shows them.
A consultation's page tells the whole story on one page: the draft and its 起草说明, how to comment while it
is open, what came of the comments, and the decision document it led to (whose page links back).
"""

from __future__ import annotations

from collections import defaultdict

from ..consultation import ANSWERED, AWAITING, OPEN, OVERDUE, UPCOMING, catalogue_title, feedback_limit, period_days
from ..portal import Portal
from .attachments import attachment_list
from .common import (
    Page,
    a,
    block,
    cn_date,
    doc_path,
    esc,
    feed_path,
    fields_table,
    heading,
    open_data,
    publisher,
    publisher_line,
    safe_html,
    table,
    time_tag,
)

COLUMN = "意见征集"
INDEX = "yjzj/index.md"
CATALOGUE_COLUMN = "重大行政决策事项目录"
CATALOGUE_INDEX = "jcml/index.md"
PROPOSAL_COLUMN = "建议提案办理"
PROPOSAL_INDEX = "jyta/index.md"
STATE_SLUGS = {UPCOMING: "upcoming", OPEN: "open", AWAITING: "awaiting", ANSWERED: "answered", OVERDUE: "overdue"}


def consultation_path(consultation_id: str) -> str:
    return f"yjzj/{consultation_id}.md"


def catalogue_path(catalogue_id: str) -> str:
    return f"jcml/{catalogue_id}.md"


def proposal_path(proposal_id: str) -> str:
    return f"jyta/{proposal_id}.md"


def status_badge(portal: Portal, c) -> str:
    status = portal.participation.status[c.id]
    return f'<span class="zwgk-status zwgk-status--{STATE_SLUGS[status.state]}">{esc(status.label)}</span>'


def consultation_line(portal: Portal, doc, from_path: str) -> str:
    """On a decision document's page: the consultation it came from ('' when none)."""
    c = portal.participation.consultation_of.get(doc.id)
    if c is None:
        return ""
    return block(f'<p class="zwgk-meta zwgk-consultation-link">本文件草案曾公开征求意见：'
                 f"{a(from_path, consultation_path(c.id), c.title)}（{time_tag(c.opens)}至{time_tag(c.closes)}，"
                 "含意见采纳情况）</p>")


def _steps(portal: Portal, c, path: str) -> str:
    """The process from draft to result as an ordered list, each step with its state as of the build date."""
    state = portal.participation.status[c.id].state
    due = portal.participation.status[c.id].due
    doc_id = c.decision if c.decision in portal.documents else None
    feedback = (f"{time_tag(c.feedback.date)}公布" if state == ANSWERED
                else f"应在{feedback_limit(portal.config.participation)}公布，即{time_tag(due)}前")
    steps = [
        ("发布征求意见稿和起草说明", time_tag(c.release), "已完成"),
        ("征求意见", f"{time_tag(c.opens)}至{time_tag(c.closes)}，共 {period_days(c)} 天",
         {UPCOMING: "未开始", OPEN: "进行中"}.get(state, "已完成")),
        ("公布意见采纳情况", feedback,
         {ANSWERED: "已完成", OVERDUE: "逾期未公布", AWAITING: "进行中"}.get(state, "未开始")),
        ("公布决策结果", a(path, doc_path(doc_id), portal.documents[doc_id].title) if doc_id else "尚未公布",
         "已完成" if doc_id else "未开始"),
    ]
    items = "".join(
        f'<li class="zwgk-step zwgk-step--{"done" if mark == "已完成" else "todo"}"><strong>{esc(title)}</strong>'
        f'<span class="zwgk-step__state">（{esc(mark)}）</span><span class="zwgk-step__detail">{detail}</span></li>'
        for title, detail, mark in steps)
    return f'<ol class="zwgk-steps" aria-label="办理流程">{items}</ol>'


def _channels(portal: Portal, c) -> str:
    ch = c.channels
    address = esc(ch.address) + (f"（邮政编码 {esc(ch.postcode)}）" if ch.address and ch.postcode else "")
    rows = [("通信地址", address),
            ("电子邮箱", f'<a href="mailto:{esc(ch.email)}">{esc(ch.email)}</a>' if ch.email else ""),
            ("联系电话", esc(ch.phone)), ("传真", esc(ch.fax)),
            ("在线留言", f'<a href="{esc(ch.online)}">{esc(ch.online)}</a>' if ch.online else ""),
            ("企业反馈渠道", esc(ch.enterprise))]
    rows = [(k, v) for k, v in rows if v]
    if not rows:
        return "<p>未公布反馈渠道。</p>"
    return fields_table("反馈渠道", rows)


def _feedback(portal: Portal, c) -> str:
    status = portal.participation.status[c.id]
    if status.state != ANSWERED:
        if status.state == OVERDUE:
            return (f'<p class="zwgk-notice zwgk-notice--overdue" role="note">意见采纳情况应于{time_tag(status.due)}前'
                    "公布，目前尚未公布。</p>")
        if status.state == AWAITING:
            return f"<p>征求意见已结束，意见采纳情况将于{time_tag(status.due)}前公布。</p>"
        return f"<p>征求意见结束后公布（{esc(feedback_limit(portal.config.participation))}）。</p>"
    fb = c.feedback
    html = f"<p>{time_tag(fb.date)}公布：共收到意见 {fb.received} 条。</p>"
    if fb.summary:
        html += f'<div class="zwgk-body">{safe_html(fb.summary)}</div>'
    if fb.points:
        rows = [[esc(p.opinion), esc(p.result), esc(p.reason or "—"), str(p.count)] for p in fb.points]
        html += table("意见采纳情况", ["意见", "采纳情况", "理由", "条数"], rows)
    return html


def consultation_page(portal: Portal, c) -> Page:
    path = consultation_path(c.id)
    part = portal.participation
    status = part.status[c.id]
    body = block(f'<p class="zwgk-consultation-state">当前状态：{status_badge(portal, c)}'
                 f"　征求意见时间：{time_tag(c.opens)}至{time_tag(c.closes)}</p>")
    body += heading(2, "办理流程") + block(_steps(portal, c, path))
    body += heading(2, "征求意见稿")
    body += block((f'<div class="zwgk-body">{safe_html(c.draft)}</div>' if c.draft else "")
                  + (attachment_list(portal, path, c.draft_files) if c.draft_files else "")
                  or "<p>未公布征求意见稿。</p>")
    body += heading(2, "起草说明")
    body += block((f'<div class="zwgk-body">{safe_html(c.explanation)}</div>' if c.explanation else "")
                  + (attachment_list(portal, path, c.explanation_files) if c.explanation_files else "")
                  or "<p>未公布起草说明。</p>")
    body += heading(2, "如何提出意见")
    if status.state in (OPEN, UPCOMING):
        when = (f"请于{time_tag(c.closes)}前" if status.state == OPEN
                else f"征求意见自{time_tag(c.opens)}开始，请于{time_tag(c.closes)}前")
        body += block(f"<p>{when}通过以下方式提出意见：</p>" + _channels(portal, c))
    else:
        body += block(f"<p>征求意见已于{time_tag(c.closes)}结束。</p>" + _channels(portal, c))
    body += heading(2, "意见采纳情况") + block(_feedback(portal, c))
    doc_id = c.decision if c.decision in portal.documents else None
    body += heading(2, "决策结果") + block(
        f"<p>据此制定的文件：{a(path, doc_path(doc_id), portal.documents[doc_id].title)}"
        f"（{esc(portal.documents[doc_id].doc_number)}）</p>" if doc_id else "<p>尚未公布。</p>")
    entries = part.entries_of.get(c.id, [])
    if entries:
        body += heading(2, "重大行政决策事项目录") + block('<ul class="zwgk-links">' + "".join(
            f"<li>{a(path, catalogue_path(cat.id), catalogue_title(cat, portal.unit_of(cat).name))}："
            f"{esc(entry.title)}（{esc(entry.stage)}）</li>" for cat, entry in entries) + "</ul>")
    pairs = [("标题", esc(c.title)), ("类型", esc(c.kind)), ("发布日期", time_tag(c.release)),
             ("征求意见期", f"{time_tag(c.opens)}至{time_tag(c.closes)}（{period_days(c)} 天）"),
             ("状态", status_badge(portal, c))]
    body += block(fields_table("征集信息", pairs)) + block(publisher_line(portal, path, c))
    return Page(path, c.title, body, column=COLUMN, column_type=COLUMN, published=c.release,
                source=portal.unit_of(c).name, crumbs=[(COLUMN, INDEX)],
                description=f"{c.title}（{status.label}）",
                search={"栏目": COLUMN, "征集状态": status.state, "年份": str(c.opens.year),
                        "发布单位": portal.unit_of(c).name})


def open_list(portal: Portal, from_path: str, consultations) -> str:
    """Open consultations with their closing day and days left (the column and the home page)."""
    return '<ul class="zwgk-links zwgk-open-consultations">' + "".join(
        f"<li>{a(from_path, consultation_path(c.id), c.title)}"
        f'<span class="zwgk-publisher">（{publisher(portal, from_path, c)}）</span>'
        f'<span class="zwgk-date">截止日期：{time_tag(c.closes)}</span> {status_badge(portal, c)}</li>'
        for c in consultations) + "</ul>"


def index_page(portal: Portal) -> Page:
    part = portal.participation
    ordered = part.ordered()
    groups = defaultdict(list)
    for c in ordered:
        groups[part.status[c.id].state].append(c)
    settings = portal.config.participation
    body = block(f"<p>重大行政决策草案、涉企政策等公开征求意见。征求意见期一般不少于 {settings.min_days} 日；"
                 f"征求意见结束后{feedback_limit(settings).removeprefix('截止后')}公布意见采纳情况及理由。</p>")
    body += block(open_data(INDEX, [(feed_path("yjzj"), "订阅意见征集（Atom）", "")]))
    body += heading(2, "正在征集", "open") + block(
        open_list(portal, INDEX, groups[OPEN]) if groups[OPEN] else '<p class="zwgk-empty">目前没有正在征集意见的事项。</p>')
    if groups[UPCOMING]:
        body += heading(2, "即将开始", "upcoming") + block('<ul class="zwgk-links">' + "".join(
            f"<li>{a(INDEX, consultation_path(c.id), c.title)}"
            f'<span class="zwgk-date">{time_tag(c.opens)}开始，{time_tag(c.closes)}截止</span></li>'
            for c in groups[UPCOMING]) + "</ul>")
    closed = [c for c in ordered if part.status[c.id].state in (AWAITING, ANSWERED, OVERDUE)]
    if closed:
        rows = []
        for c in closed:
            st = part.status[c.id]
            fb = time_tag(c.feedback.date) if st.state == ANSWERED else f"应于{cn_date(st.due)}前"
            doc = (a(INDEX, doc_path(c.decision), portal.documents[c.decision].doc_number or "已公布")
                   if c.decision in portal.documents else "—")
            rows.append([a(INDEX, consultation_path(c.id), c.title), publisher(portal, INDEX, c), time_tag(c.closes),
                         status_badge(portal, c), fb, doc])
        body += heading(2, "已结束的征集", "closed") + block(
            table("已结束的意见征集", ["标题", "发布单位", "截止日期", "状态", "意见采纳情况", "决策文件"], rows))
    return Page(INDEX, COLUMN, body, column=COLUMN, column_type=COLUMN, in_nav=True,
                description=f"{portal.config.name}意见征集")


def catalogue_page(portal: Portal, cat) -> Page:
    path = catalogue_path(cat.id)
    part = portal.participation
    unit = portal.unit_of(cat)
    rows = []
    for n, entry in enumerate(cat.entries, 1):
        c = part.consultations.get(entry.consultation) if entry.consultation else None
        consult = (f"{a(path, consultation_path(c.id), '意见征集')} {status_badge(portal, c)}" if c
                   else ("不公开征求意见" if entry.public_comment == "不需要" else "—"))
        result = (a(path, doc_path(entry.decision), portal.documents[entry.decision].title)
                  if entry.decision in portal.documents else "—")
        rows.append([str(n), esc(entry.title), esc(entry.sponsor or unit.name), esc(entry.planned or "—"),
                     esc(entry.stage), consult, result])
    body = block(table(catalogue_title(cat, unit.name),
                       ["序号", "决策事项", "承办单位", "计划完成时间", "进展", "公开征求意见", "决策结果"], rows)
                 if rows else '<p class="zwgk-empty">本年度目录中没有事项。</p>')
    body += block(fields_table("目录信息", [("年度", str(cat.year)), ("发布日期", time_tag(cat.published))]))
    body += block(publisher_line(portal, path, cat))
    title = catalogue_title(cat, unit.name)
    return Page(path, title, body, column=CATALOGUE_COLUMN, column_type=CATALOGUE_COLUMN, published=cat.published,
                source=unit.name, crumbs=[(CATALOGUE_COLUMN, CATALOGUE_INDEX)],
                search={"栏目": CATALOGUE_COLUMN, "年份": str(cat.year), "发布单位": unit.name})


def catalogue_index(portal: Portal) -> Page:
    by_year = defaultdict(list)
    for cat in portal.participation.decisions.values():
        by_year[cat.year].append(cat)
    body = block("<p>各年度重大行政决策事项目录，按年度和单位列出，每个事项链接到其意见征集和决策结果。</p>")
    for year in sorted(by_year, reverse=True):
        cats = sorted(by_year[year], key=lambda c: (c.unit or "", c.id))
        body += heading(2, f"{year}年", f"y{year}") + block('<ul class="zwgk-links">' + "".join(
            f"<li>{a(CATALOGUE_INDEX, catalogue_path(c.id), catalogue_title(c, portal.unit_of(c).name))}"
            f'<span class="zwgk-count">（{len(c.entries)} 项）</span></li>' for c in cats) + "</ul>")
    if not by_year:
        body += block('<p class="zwgk-empty">暂无重大行政决策事项目录。</p>')
    return Page(CATALOGUE_INDEX, CATALOGUE_COLUMN, body, column=CATALOGUE_COLUMN, column_type=CATALOGUE_COLUMN,
                in_nav=True, description=f"{portal.config.name}重大行政决策事项目录")


def proposal_page(portal: Portal, p) -> Page:
    path = proposal_path(p.id)
    unit = portal.unit_of(p)
    pairs = [("类别", esc(p.kind)), ("编号", esc(p.number)), ("年度", str(p.year)),
             ("提出人", esc(p.proposer or "—")), ("主办单位", esc(p.handler or unit.name)),
             ("办理类型", esc(p.handling)), ("答复日期", time_tag(p.replied)), ("公开日期", time_tag(p.published)),
             ("公开方式", esc(p.summary_only))]
    body = block(fields_table("建议提案信息", pairs))
    body += heading(2, "答复全文" if p.summary_only == "全文" else "答复摘要")
    body += block(f'<div class="zwgk-body">{safe_html(p.reply)}</div>') + block(publisher_line(portal, path, p))
    title = f"对{p.year}年{p.kind}{p.number}《{p.title}》的答复"
    return Page(path, title, body, column=PROPOSAL_COLUMN, column_type=PROPOSAL_COLUMN, published=p.published,
                source=unit.name, crumbs=[(PROPOSAL_COLUMN, PROPOSAL_INDEX)],
                search={"栏目": PROPOSAL_COLUMN, "年份": str(p.year), "发布单位": unit.name, "主题分类": p.kind})


def proposal_index(portal: Portal) -> Page:
    by_year: dict[int, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for p in portal.participation.proposals.values():
        by_year[p.year][p.unit or ""].append(p)
    body = block("<p>人大代表建议和政协委员提案的办理复文，按年度和主办单位列出（国办发〔2014〕46号）。</p>")
    for year in sorted(by_year, reverse=True):
        body += heading(2, f"{year}年", f"y{year}")
        units = by_year[year]
        for unit_id in sorted(units, key=lambda u: (u != "", u)):
            unit = portal.units[unit_id]
            rows = [[esc(p.kind), esc(p.number), a(PROPOSAL_INDEX, proposal_path(p.id), p.title), esc(p.handling),
                     time_tag(p.replied), time_tag(p.published)]
                    for p in sorted(units[unit_id], key=lambda p: (p.kind, p.number, p.id))]
            body += heading(3, unit.name, f"y{year}-{unit_id or 'xzf'}") + block(
                table(f"{year}年{unit.name}建议提案办理结果", ["类别", "编号", "标题", "办理类型", "答复日期", "公开日期"], rows))
    if not by_year:
        body += block('<p class="zwgk-empty">暂无建议提案办理结果。</p>')
    return Page(PROPOSAL_INDEX, PROPOSAL_COLUMN, body, column=PROPOSAL_COLUMN, column_type=PROPOSAL_COLUMN,
                in_nav=True, description=f"{portal.config.name}人大代表建议和政协委员提案办理结果")


def pages(portal: Portal) -> list[Page]:
    part = portal.participation
    return ([index_page(portal)] + [consultation_page(portal, c) for c in part.consultations.values()]
            + [catalogue_index(portal)] + [catalogue_page(portal, cat) for cat in part.decisions.values()]
            + [proposal_index(portal)] + [proposal_page(portal, p) for p in part.proposals.values()])


def home_block(portal: Portal, from_path: str) -> str:
    """The home page's 正在征集意见 section: every open consultation with its closing day ('' when none)."""
    open_now = portal.participation.open_now()
    if not open_now:
        return ""
    return ("\n## 正在征集意见\n" + block(open_list(portal, from_path, open_now))
            + block(f'<p class="zwgk-more">{a(from_path, INDEX, "全部意见征集")}</p>'))


def feed_entries(portal: Portal) -> list[tuple]:
    """The 意见征集 feed (yjzj/atom.xml): (date, category, title, page, summary), newest first; the summary
    says the state as of the build date, the closing day and, once published, the feedback's day."""
    part = portal.participation
    entries = []
    for c in part.consultations.values():
        status = part.status[c.id]
        summary = f"{status.label}；征求意见 {c.opens.isoformat()} 至 {c.closes.isoformat()}"
        if status.state == ANSWERED:
            summary += f"；{c.feedback.date.isoformat()} 公布意见采纳情况"
        entries.append((c.release, c.kind, c.title, consultation_path(c.id), summary))
    return sorted(entries, key=lambda e: (e[0], e[3]), reverse=True)


def unit_entries(portal: Portal, unit_id: str) -> list[tuple]:
    """A unit's consultations, 事项目录 and 建议提案 replies for its feed and count: (date, label, title, page,
    summary)."""
    part = portal.participation
    entries = [(c.release, COLUMN, c.title, consultation_path(c.id), part.status[c.id].label)
               for c in part.consultations.values() if (c.unit or "") == unit_id]
    entries += [(cat.published, CATALOGUE_COLUMN, catalogue_title(cat, portal.unit_of(cat).name),
                 catalogue_path(cat.id), "") for cat in part.decisions.values() if (cat.unit or "") == unit_id]
    entries += [(p.published, PROPOSAL_COLUMN, p.title, proposal_path(p.id), f"{p.kind}{p.number}")
                for p in part.proposals.values() if (p.unit or "") == unit_id]
    return entries
