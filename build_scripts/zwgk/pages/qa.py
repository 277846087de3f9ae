"""政策问答库 (/zcwd/): by topic, each answer tied to the documents it rests on and their validity."""

from __future__ import annotations

from collections import defaultdict

from ..portal import Portal
from ..records import QaTopic
from .common import (
    Page,
    a,
    block,
    doc_path,
    esc,
    feed_path,
    fields_table,
    heading,
    interp_path,
    open_data,
    publisher,
    publisher_line,
    qa_path,
    rel,
    safe_html,
    stable_slugs,
    time_tag,
)
from .normative import validity_badge

COLUMN = "政策问答"
INDEX = "zcwd/index.md"
TOPICS = QaTopic.__args__
TOPIC_ANCHORS = stable_slugs(TOPICS)

__all__ = ["COLUMN", "INDEX", "TOPICS", "qa_path", "pages", "stale_basis", "pending_basis"]


def stale_basis(portal: Portal, q) -> list[str]:
    """Basis documents no longer 现行有效 (已修改, 已废止, 已失效) or not published (a document scheduled for a
    later day, 定时发布, is not there yet: not counted)."""
    return [
        b
        for b in q.basis
        if b in portal.records.normative
        and (b not in portal.documents or portal.validity[b].state not in ("现行有效", "尚未生效"))
    ]


def pending_basis(portal: Portal, q) -> list[str]:
    """Basis documents published but not yet in force (the answer explains a coming policy)."""
    return [b for b in q.basis if b in portal.documents and portal.validity[b].state == "尚未生效"]


def _notice(portal: Portal, q, path: str) -> str:
    docs = portal.records.normative

    def items(ids):
        return "".join(
            f"<li>{a(path, doc_path(b), docs[b].title)}：{validity_badge(portal, b, path)}</li>"
            if b in portal.documents
            else f"<li>{esc(docs[b].title if b in docs else b)}：未公开</li>"
            for b in ids
        )

    html = ""
    if stale := stale_basis(portal, q):
        html += block(
            '<div class="zwgk-notice zwgk-notice--stale" role="note"><p><strong>注意：本问答所依据的文件'
            "已不是现行有效状态</strong>，答复内容可能已不适用，请以现行政策为准，或向答复部门咨询。</p>"
            f"<ul>{items(stale)}</ul></div>"
        )
    if pending := pending_basis(portal, q):
        html += block(
            '<div class="zwgk-notice zwgk-notice--pending" role="note"><p><strong>提示：本问答所依据的文件'
            "尚未施行</strong>，答复所述政策自文件施行之日起适用。</p>"
            f"<ul>{items(pending)}</ul></div>"
        )
    return html


def qa_page(portal: Portal, q) -> Page:
    path = qa_path(q.id)
    body = _notice(portal, q, path)
    body += heading(2, "答复") + block(f'<div class="zwgk-body">{safe_html(q.answer)}</div>')
    basis = "".join(
        f"<li>{a(path, doc_path(b.id), b.title)}（{esc(b.doc_number)}，{validity_badge(portal, b.id, path)}）</li>"
        for b in portal.in_force_first([portal.documents[b] for b in q.basis if b in portal.documents])
    )
    body += heading(2, "政策依据") + block(
        f'<ul class="zwgk-links">{basis}</ul>' if basis else "<p>无</p>"
    )
    interps = [i for b in q.basis for i in portal.interpretations_of.get(b, [])]
    if interps:
        body += heading(2, "相关解读") + block(
            '<ul class="zwgk-links">'
            + "".join(f"<li>{a(path, interp_path(i.id), i.title)}</li>" for i in interps)
            + "</ul>"
        )
    topic = f'<a href="{esc(rel(path, INDEX))}#{TOPIC_ANCHORS[q.topic]}">{esc(q.topic)}</a>'
    pairs = [
        ("主题", topic),
        ("答复部门", esc(q.department or "—")),
        ("更新日期", time_tag(q.updated)),
    ]
    body += block(fields_table("问答信息", pairs)) + block(publisher_line(portal, path, q))
    return Page(
        path,
        q.question,
        body,
        column=COLUMN,
        column_type=COLUMN,
        published=q.updated,
        source=q.department,
        crumbs=[("政策问答库", INDEX)],
        search={"栏目": COLUMN, "主题分类": q.topic, "年份": str(q.updated.year), "发布单位": portal.unit_of(q).name},
    )


def index_page(portal: Portal) -> Page:
    by_topic = defaultdict(list)
    for q in sorted(portal.qa.values(), key=lambda q: (q.updated, q.id), reverse=True):
        by_topic[q.topic].append(q)
    for questions in by_topic.values():  # answers resting on documents in force first
        questions.sort(key=lambda q: 2 if stale_basis(portal, q) else 1 if pending_basis(portal, q) else 0)
    present = [t for t in TOPICS if by_topic.get(t)]
    body = block(
        f"<p>围绕群众关注的高频政策咨询事项，共 {len(portal.qa)} 条问答，按主题分类，"
        "每条问答注明政策依据及其有效性；同一主题中，依据现行有效文件的问答在前，依据文件尚未施行或已变更的在后。</p>"
    )
    if present:
        body += block(
            '<nav class="zwgk-topics" aria-label="问答主题"><ul>'
            + "".join(
                f'<li><a href="#{TOPIC_ANCHORS[t]}">{esc(t)}</a><span class="zwgk-count">（{len(by_topic[t])}条）</span></li>'
                for t in present
            )
            + "</ul></nav>"
        )
    body += block(open_data(INDEX, [(feed_path("zcwd"), "订阅本栏目更新（Atom）", "")]))
    for topic in present:
        items = []
        for q in by_topic[topic]:
            flag = (
                '<span class="zwgk-flag">（依据文件已变更，请注意）</span>'
                if stale_basis(portal, q)
                else '<span class="zwgk-flag zwgk-flag--pending">（依据文件尚未施行）</span>'
                if pending_basis(portal, q)
                else ""
            )
            items.append(
                f"<li>{a(INDEX, qa_path(q.id), q.question)}{flag}"
                f'<span class="zwgk-publisher">（{publisher(portal, INDEX, q)}）</span>'
                f'<span class="zwgk-date">{time_tag(q.updated)}</span></li>'
            )
        body += heading(2, topic, TOPIC_ANCHORS[topic]) + block(
            f'<ul class="zwgk-links">{"".join(items)}</ul>'
        )
    if not present:
        body += block('<p class="zwgk-empty">暂无政策问答。</p>')
    return Page(
        INDEX,
        "政策问答库",
        body,
        column=COLUMN,
        column_type=COLUMN,
        in_nav=True,
        description=f"{portal.config.name}政策问答库",
    )


def pages(portal: Portal) -> list[Page]:
    return [index_page(portal)] + [
        qa_page(portal, q) for q in sorted(portal.qa.values(), key=lambda q: q.id)
    ]
