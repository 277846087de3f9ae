"""Texts of an amended document: one page per version at /gfxwj/<id>/bb/<YYYYMMDD>/ (the day it takes effect), a
comparison with the version before at /gfxwj/<id>/bb/<YYYYMMDD>/db/, and the parts of the document page that say
which text it shows.

A version's address is the day it takes effect, so it never changes when a later version is added. The version in
force is the text of the document page itself: its own page is left out of the search, older and pending texts
are searchable and labelled (filter 文本版本, meta version) so that the current text ranks and reads first.
"""

from __future__ import annotations

from ..versions import TextVersion, in_force, pending, state
from .common import Page, a, block, cn_date, doc_path, esc, heading, safe_html, time_tag
from .normative import COLUMN, COLUMN_TYPE, INDEX, doc_ref
from .textdiff import compare

STATE_SLUGS = {"现行文本": "current", "历史文本": "past", "尚未施行": "pending", "废止前的最后文本": "past",
               "失效前的最后文本": "past"}
LAST_TEXT = {"已废止": "废止前的最后文本", "已失效": "失效前的最后文本"}
SEARCH_LABELS = {"历史文本": "历史文本", "尚未施行": "尚未施行的文本"}


def text_state(portal, doc_id: str, version: TextVersion) -> str:
    """versions.state as the document stands: a repealed or expired document's last text is not 现行, and a
    document not in force yet has no text in force."""
    now = state(version, portal.versions[doc_id], portal.as_of)
    validity = portal.validity[doc_id].state
    if now == "现行文本" and validity in LAST_TEXT:
        return LAST_TEXT[validity]
    return "尚未施行" if now == "现行文本" and validity == "尚未生效" else now


def version_path(doc_id: str, version: TextVersion) -> str:
    return f"gfxwj/{doc_id}/bb/{version.slug}.md"


def diff_path(doc_id: str, version: TextVersion) -> str:
    return f"gfxwj/{doc_id}/bb/{version.slug}/db.md"


def cited(portal, from_path: str, doc_id: str) -> str:
    """《title》（文号） of a document, linked when published; a title quoting another keeps its inner marks as 〈〉."""
    doc = portal.records.normative[doc_id]
    title = doc.title.replace("《", "〈").replace("》", "〉")
    return f"《{doc_ref(portal, from_path, doc_id, title)}》（{esc(doc.doc_number)}）"


def origin(portal, from_path: str, version: TextVersion, named: bool = True) -> str:
    """How the version came about: 原文 from its 施行日期, or 根据《…》（文号）修改 from the amending one's."""
    if version.original:
        return f"{'原文，' if named else ''}自{cn_date(version.date)}起施行"
    return f"根据{cited(portal, from_path, version.by)}修改，自{cn_date(version.date)}起施行"


def text_line(portal, doc, path: str) -> str:
    """Above the document page's 正文: which text it is, and any in-force amendment the texts do not yet contain."""
    versions = portal.versions.get(doc.id, [])
    current = in_force(versions, portal.as_of)
    docs = portal.records.normative
    missing = [i for i in portal.amended_by.get(doc.id, []) if i in docs and docs[i].effective <= portal.as_of
               and i not in {v.by for v in versions}]
    if len(versions) < 2 and not missing:
        return ""
    now = text_state(portal, doc.id, current)
    shown = "本页显示的文本尚未施行" if now == "尚未施行" else f"本页显示的是{now}"
    html = (f'<p class="zwgk-version-line"><strong>{shown}：</strong>{origin(portal, path, current)}。'
            + ('<a href="#bb">查看全部文本版本</a>' if len(versions) > 1 else "") + "</p>")
    for i in missing:
        html += (f'<p class="zwgk-version-line zwgk-version-line--missing">注意：{cited(portal, path, i)}'
                 f"自{cn_date(docs[i].effective)}起对本文件作出的修改尚未整理进下列文本，"
                 "请结合该文件阅读。</p>")
    return block(html)


def consolidated(portal, doc) -> bool:
    """Whether the text shown contains every amendment in force (the notice then need not send readers elsewhere)."""
    covered = {v.by for v in portal.versions.get(doc.id, [])}
    docs = portal.records.normative
    return all(i in covered for i in portal.amended_by.get(doc.id, []) if i in docs and docs[i].effective <= portal.as_of)


def version_list(portal, doc, path: str, current_page: TextVersion | None = None) -> str:
    """Every text of the document, oldest first: its state, how it came about, and the comparison link."""
    versions = portal.versions.get(doc.id, [])
    items = []
    for v in versions:
        label = f"{v.label}（{text_state(portal, doc.id, v)}）"
        link = (f'<span aria-current="page">{esc(label)}</span>' if current_page is v
                else a(path, version_path(doc.id, v), label))
        compare_link = "" if v.original else "；" + a(path, diff_path(doc.id, v), f"{v.label}与上一版本对比")
        items.append(f"<li>{link}：{origin(portal, path, v, named=False)}{compare_link}</li>")
    return f'<ol class="zwgk-versions">{"".join(items)}</ol>'


def pending_amendments(portal, doc, path: str) -> str:
    """待生效的修改: amending documents published but not in force yet, each with its day and the text to come."""
    docs, versions = portal.records.normative, portal.versions.get(doc.id, [])
    coming = {v.by: v for v in pending(versions, portal.as_of)}
    ids = sorted((i for i in portal.amended_by.get(doc.id, []) if i in docs and docs[i].effective > portal.as_of),
                 key=lambda i: (docs[i].effective, i))
    if not ids:
        return ""
    items = []
    for i in ids:
        text = (f"；{a(path, version_path(doc.id, coming[i]), '修改后的文本')}、"
                f"{a(path, diff_path(doc.id, coming[i]), '修改前后对比')}" if i in coming else "")
        items.append(f"<li>{cited(portal, path, i)}，"
                     f"{time_tag(docs[i].published)}发布，<strong>自{cn_date(docs[i].effective)}起施行</strong>，"
                     f"届时本文件相应修改{text}</li>")
    return heading(2, "待生效的修改", "dsx") + block(f'<ul class="zwgk-pending">{"".join(items)}</ul>')


def produced_texts(portal, doc, path: str) -> str:
    """On an amending document's page: the consolidated texts of the documents it amended, by 文号 (their titles
    are in the list just above; repeated, they would weigh the amending document in searches for them)."""
    items = [f"<li>{esc(portal.records.normative[target].doc_number)}{esc(v.label)}："
             f"{a(path, version_path(target, v), '修改后的文本')}、{a(path, diff_path(target, v), '修改前后对比')}</li>"
             for target in portal.amends.get(doc.id, []) if target in portal.documents
             for v in portal.versions.get(target, []) if v.by == doc.id]
    return f'<h3>修改后的文本</h3><ul class="zwgk-relations">{"".join(items)}</ul>' if items else ""


def text_of_day(portal, doc_id: str, day, path: str) -> str:
    """Which text of a document applied on a day (an interpretation's date), linked, and whether it still applies;
    '' for a document with only its original."""
    versions = portal.versions.get(doc_id, [])
    if len(versions) < 2:
        return ""
    version = in_force(versions, day)
    now = text_state(portal, doc_id, version)
    later = ("" if now in ("现行文本", *LAST_TEXT.values())
             else f"，文件此后已修改，现行文本见{a(path, doc_path(doc_id), '文件页')}")
    return (f"{a(path, version_path(doc_id, version), version.label)}（{origin(portal, path, version, named=False)}；"
            f"{esc(now)}{later}）")


def versions_section(portal, doc, path: str) -> str:
    """The document page's 文本版本 section (none when the document has only its original)."""
    if len(portal.versions.get(doc.id, [])) < 2:
        return ""
    return heading(2, "文本版本", "bb") + block(
        '<p class="zwgk-meta">原文和每次修改后的完整文本，按施行日期排列；查询过去某日适用的规定，'
        "请选择当日已施行的最后一个版本。</p>" + version_list(portal, doc, path))


def _status_note(portal, doc, version: TextVersion, versions: list[TextVersion], path: str) -> str:
    now = text_state(portal, doc.id, version)
    following = versions[version.number + 1] if version.number + 1 < len(versions) else None
    if now == "现行文本":
        what = "这是本文件的现行文本，与文件页所示正文相同。"
    elif now in LAST_TEXT.values():
        what = f"本文件{portal.validity[doc.id].state}，这是它的{now}，与文件页所示正文相同，仅供查阅，不作为现行依据。"
    elif now == "尚未施行":
        what = f"这是尚未施行的文本，自{cn_date(version.date)}起适用；在此之前请以现行文本为准。"
    else:
        until = f"，适用至{cn_date(following.date)}前" if following else ""
        what = f"这是历史文本{until}，已被后来的版本取代，仅供查阅，不作为现行依据。"
    return (f'<div class="zwgk-notice zwgk-notice--version-{STATE_SLUGS[now]}" role="note"><p>'
            f'<strong data-pagefind-meta="version">{esc(version.label)}（{esc(now)}）</strong>：{esc(what)}'
            f'{a(path, doc_path(doc.id), "返回文件页（现行文本、附件、解读）")}</p></div>')


def _search(portal, doc, now: str) -> dict:
    if now not in SEARCH_LABELS:
        return {}  # the document page carries the same text: one search result for it, not two
    return {"栏目": COLUMN, "文本版本": SEARCH_LABELS[now], "发布机构": doc.issuer,
            "发布单位": portal.unit_of(doc).name}


def version_page(portal, doc, version: TextVersion) -> Page:
    versions = portal.versions[doc.id]
    path = version_path(doc.id, version)
    now = text_state(portal, doc.id, version)
    body = block(_status_note(portal, doc, version, versions, path))
    body += block(f'<p class="zwgk-version-line">{esc(doc.doc_number)}　{origin(portal, path, version)}。</p>')
    if not version.original:
        body += block(f'<p>{a(path, diff_path(doc.id, version), "查看与上一版本的对比")}</p>')
    body += heading(2, "正文") + block(f'<div class="zwgk-body">{safe_html(version.body)}</div>')
    body += heading(2, "全部文本版本") + block(version_list(portal, doc, path, version))
    return Page(
        path,
        f"{doc.title}（{version.label}）",
        body,
        column=COLUMN,
        column_type=COLUMN_TYPE,
        published=doc.published,
        keywords=doc.keywords,
        source=doc.issuer,
        description=f"{doc.doc_number} {doc.title} {version.label}，{'' if version.original else '修订后'}"
                    f"自{cn_date(version.date)}起施行",
        crumbs=[(COLUMN, INDEX), (doc.title, doc_path(doc.id))],
        search=_search(portal, doc, now),
    )


def diff_page(portal, doc, version: TextVersion) -> Page:
    versions = portal.versions[doc.id]
    before = versions[version.number - 1]
    path = diff_path(doc.id, version)
    html, stats = compare(before.body, version.body)
    intro = (f'<p class="zwgk-version-line">{esc(version.label)}：{origin(portal, path, version)}。'
             f"与{esc(before.label)}（{cn_date(before.date)}起施行）相比：{esc(stats.summary())}。</p>"
             '<p class="zwgk-diff-legend">只列出有变化的段落。'
             '<ins>下划线文字</ins>为新增，<del>删除线文字</del>为删除；读屏软件读作“新增”“删除”。</p>'
             f"<p>完整文本：{a(path, version_path(doc.id, before), before.label)}、"
             f"{a(path, version_path(doc.id, version), version.label)}。</p>")
    return Page(
        path,
        f"{doc.title}：{version.label}与上一版本对比",
        block(intro) + heading(2, "修改内容") + block(html),
        column=COLUMN,
        column_type=COLUMN_TYPE,
        published=doc.published,
        source=doc.issuer,
        description=f"{doc.doc_number} {version.label}与{before.label}的对比",
        crumbs=[(COLUMN, INDEX), (doc.title, doc_path(doc.id)), (version.label, version_path(doc.id, version))],
    )


def pages(portal) -> list[Page]:
    found = []
    for doc in portal.documents_newest_first():
        versions = portal.versions.get(doc.id, [])
        if len(versions) < 2:
            continue
        found += [version_page(portal, doc, v) for v in versions]
        found += [diff_page(portal, doc, v) for v in versions[1:]]
    return found
