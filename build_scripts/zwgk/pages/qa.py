"""政策问答库 (/zcwd/): by topic, each answer tied to the documents it rests on."""

from __future__ import annotations

from collections import defaultdict

from ..portal import Portal
from ..records import QaTopic
from .common import Page, a, block, esc, fields_table, safe_html, time_tag
from .normative import doc_path, validity_badge

COLUMN = "政策问答"
INDEX = "zcwd/index.md"
TOPICS = QaTopic.__args__


def qa_path(qa_id: str) -> str:
    return f"zcwd/{qa_id}.md"


def pages(portal: Portal) -> list[Page]:
    by_topic = defaultdict(list)
    for q in sorted(portal.qa.values(), key=lambda q: q.id):
        by_topic[q.topic].append(q)
    body = block(f"<p>围绕群众关注的高频政策咨询事项，共 {len(portal.qa)} 条问答，按主题分类。</p>")
    for topic in TOPICS:
        if by_topic.get(topic):
            body += f"\n## {topic}\n" + block(
                "<ul>" + "".join(f"<li>{a(INDEX, qa_path(q.id), q.question)}</li>" for q in by_topic[topic]) + "</ul>")
    result = [Page(INDEX, "政策问答库", body, column=COLUMN, column_type="政策问答", in_nav=True)]
    for q in portal.qa.values():
        path = qa_path(q.id)
        notice = ""
        stale = [b for b in q.basis if b in portal.documents and not portal.validity[b].state == "现行有效"]
        missing = [b for b in q.basis if b not in portal.documents]
        if stale or missing:
            notice = block('<div class="zwgk-notice" role="note"><p><strong>注意：</strong>本问答所依据的文件'
                           "已不是现行有效状态，答复内容可能已不适用，请以现行政策为准或咨询答复部门。</p></div>")
        basis = "".join(f"<li>{a(path, doc_path(b), portal.documents[b].title)}（{esc(portal.documents[b].doc_number)}，"
                        f"{validity_badge(portal, b, path)}）</li>" for b in q.basis if b in portal.documents)
        pairs = [("主题", esc(q.topic)), ("答复部门", esc(q.department or "—")), ("更新日期", time_tag(q.updated))]
        body = notice + "\n## 答复\n" + block(f'<div class="zwgk-body">{safe_html(q.answer)}</div>')
        body += "\n## 政策依据\n" + block(f"<ul>{basis}</ul>" if basis else "<p>无</p>")
        body += block(fields_table("问答信息", pairs))
        result.append(Page(path, q.question, body, column=COLUMN, column_type="政策问答", published=q.updated,
                           source=q.department, crumbs=[("政策问答库", INDEX)],
                           search={"栏目": COLUMN, "主题分类": q.topic, "年份": str(q.updated.year)}))
    return result
