"""Each unit's own 政府信息公开 column, and the platform's directory of units (/dw/).

国办公开办函〔2019〕61号 gives every unit's column four first-level parts: 政府信息公开指南, 政府信息公开制度,
法定主动公开内容 and 政府信息公开年报. A department's, town's or public enterprise's column is generated here
at units.unit_dir(unit) (bm/fgj/, xz/cgz/, qy/gs/) from its unit.yml and its records; the county government's
is the hand-written content/xxgk/ (指南, 制度, 年报), to which this adds what records make: 法定主动公开内容
and the county government's own library. Record pages stay at their platform addresses (one resource
library, 国办函〔2018〕71号); a column lists and links them.
"""

from __future__ import annotations

from ..dates import format_cn
from ..disclosure import BY_ID, CATEGORIES, latest_update, unit_records
from ..portal import Portal
from ..units import KIND_ORDER, ROOT, unit_dir
from .annual import report_rows
from .areas import item_page
from .catalogue import LIBRARY, doc_table
from . import common
from .common import (
    DIRECTORY,
    DISCLOSURE,
    Page,
    a,
    block,
    doc_path,
    esc,
    feed_path,
    fields_table,
    heading,
    interp_path,
    item_path,
    open_data,
    page_chunks,
    pager,
    qa_path,
    rel,
    safe_html,
    table,
    time_tag,
    unit_crumbs,
    unit_page,
)
from . import participation
from .normative import IN_FORCE_FIRST, in_force_documents
from .standards import page_of, unit_catalogues

DIRECTORY_TITLE = "部门和乡镇"
GUIDE, SYSTEM, REPORTS = "zn.md", "zd.md", "ndbg.md"
IN_FORCE = "gfxwj/xxyx/index.md"
# the county government's parts are hand-written pages in content/xxgk/
HAND_WRITTEN = {"index.md": "index.md", GUIDE: "index.md", SYSTEM: "zd.md", REPORTS: "ndbg.md"}
KIND_ANCHORS = {"县政府": "xzf", "部门": "bm", "乡镇": "xz", "街道": "jd", "公共企事业单位": "qy"}
NO_RECORDS = "暂无此类信息。"

# 《中华人民共和国政府信息公开条例》（国务院令第711号）: what a unit that wrote nothing of its own follows.
DEFAULT_APPLY = """\
公民、法人或者其他组织申请获取本单位的政府信息，应当向本单位政府信息公开工作机构提出，采用包括信件、数据电文在内的书面形式；\
采用书面形式确有困难的，可以口头提出，由受理机构代为填写政府信息公开申请（条例第二十九条）。

- **当面申请**：到本单位受理机构填写《政府信息公开申请表》。
- **信函申请**：将申请表寄往本单位办公地址，信封左下角注明“政府信息公开申请”字样。
- **网络申请**：通过本单位电子邮箱或政府信息公开申请平台提交申请。

申请应当包括：申请人的姓名或者名称、身份证明、联系方式；申请公开的政府信息的名称、文号或者便于查询的其他特征性描述；\
申请公开的政府信息的形式要求，包括获取信息的方式、途径。

**答复时限**（条例第三十三条）：能够当场答复的，当场予以答复；不能当场答复的，自收到申请之日起20个工作日内予以答复；\
需要延长答复期限的，经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不超过20个工作日。
"""
DEFAULT_FEES = """\
本单位依申请提供政府信息，不收取费用。申请人申请公开政府信息的数量、频次明显超过合理范围的，\
可以按照国家有关规定收取信息处理费（条例第四十二条）。
"""
REMEDY = """\
公民、法人或者其他组织认为本单位在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关或者政府信息公开工作主管部门\
投诉、举报，也可以依法申请行政复议或者提起行政诉讼（条例第五十一条）。
"""
DEFAULT_SYSTEM = """\
本单位依照《中华人民共和国政府信息公开条例》建立以下政府信息公开工作制度：

1. **主动公开制度。** 属于主动公开范围的政府信息，自该信息形成或者变更之日起20个工作日内及时公开（条例第二十六条），\
在本平台本单位的“法定主动公开内容”中按类别发布。
2. **依申请公开制度。** 申请统一由本单位政府信息公开工作机构登记、办理和答复，按条例规定的时限和方式答复申请人。
3. **保密审查制度。** 坚持“先审查、后公开”和“一事一审”，信息公开前依照法律、法规和国家有关规定进行审查，\
不得公开涉及国家秘密、商业秘密和个人隐私的信息（条例第十七条）。
4. **发布审核制度。** 信息发布前经初审、复审、审发三道审核，未完成审核的不予发布。
5. **监督考核制度。** 政府信息公开工作纳入本单位年度考核，接受政府信息公开工作主管部门的监督检查和社会评议（条例第四十六条、第四十七条）；\
每年1月31日前公布上一年度政府信息公开工作年度报告（条例第四十九条）。
"""


def part_path(unit, name: str) -> str:
    """A part of a unit's column; for the county government its hand-written page where there is one."""
    if unit.id == ROOT and name in HAND_WRITTEN:
        return unit_page(unit, HAND_WRITTEN[name])
    return unit_page(unit, name)


def column_title(unit) -> str:
    return f"{unit.name}政府信息公开"


def _page(unit, name: str, title: str, body: str, crumbs=None, **meta) -> Page:
    """A page of the unit's column with its meta tags; the breadcrumb is the directory and the unit unless
    given."""
    meta.setdefault("column_type", "信息公开")
    meta.setdefault("description", f"{unit.name}{title}")
    return Page(unit_page(unit, name), title, body, column=column_title(unit), source=unit.name,
                crumbs=unit_crumbs(unit) if crumbs is None else crumbs, **meta)


def contact_pairs(unit, from_path: str = "") -> list[tuple[str, str]]:
    """受理机构 and the contact details the unit filled in, as (label, safe HTML)."""
    office = unit.department.strip()
    if office and not office.startswith((unit.name, unit.short_name or unit.name)):
        office = unit.name + office  # a 内设机构 such as 办公室 is the unit's
    pairs = [
        ("受理机构", esc(office or unit.name)),
        ("办公地址", esc(unit.address)),
        ("邮政编码", esc(unit.postcode)),
        ("办公时间", esc(unit.hours)),
        ("咨询电话", f'<a href="tel:{esc(unit.phone)}">{esc(unit.phone)}</a>' if unit.phone else ""),
        ("传真", esc(unit.fax)),
        ("电子邮箱", f'<a href="mailto:{esc(unit.email)}">{esc(unit.email)}</a>' if unit.email else ""),
    ]
    return [(k, v) for k, v in pairs if v]


def empty_note(unit, category_id: str) -> str:
    """What the unit says about a category it has nothing in, or the plain default."""
    notes = {n.category: n.note for n in unit.empty_notes}
    return (f'<div class="zwgk-notice zwgk-notice--empty" role="note"><p>'
            f"{esc(notes.get(category_id) or NO_RECORDS)}</p></div>")


def record_label(portal: Portal, record) -> str:
    """Where a record sits, in words: its key-area column or its category."""
    columns = {c.id: c.title for c in portal.columns}
    return columns.get(record.column) or BY_ID[record.column].title


def unit_entries(portal: Portal, unit_id: str) -> list[tuple]:
    """(date, label, title, page path, summary) of a unit's published records, newest first: its feed."""
    entries = [(d.published, "规范性文件", d.title, doc_path(d.id), f"{d.doc_number}，{d.issuer}")
               for d in portal.documents.values() if (d.unit or "") == unit_id]
    entries += [(i.published, "政策解读", i.title, interp_path(i.id), "")
                for i in portal.interpretations.values() if (i.unit or "") == unit_id]
    entries += [(q.updated, "政策问答", q.question, qa_path(q.id), q.topic)
                for q in portal.qa.values() if (q.unit or "") == unit_id]
    entries += [(i.published, record_label(portal, i), i.title, item_path(i), i.issuer)
                for i in portal.items if (i.unit or "") == unit_id and i.published]
    entries += participation.unit_entries(portal, unit_id)  # 公众参与 (#16)
    return sorted(entries, key=lambda e: (e[0], e[3]), reverse=True)


def unit_data(unit) -> tuple[list, list]:
    """The unit's open data: (all documents, documents in force) as (site path, text, download name)."""
    base = f"{unit_dir(unit)}/gfxwj"
    name = unit.label
    return (
        [(f"{base}/gfxwj.csv", "本单位规范性文件目录（CSV，可用 Excel/WPS 打开）", f"{name}规范性文件目录.csv"),
         (f"{base}/gfxwj.json", "本单位规范性文件目录（JSON）", f"{name}规范性文件目录.json")],
        [(f"{base}/xxyx/xxyx.csv", "本单位现行有效文件目录（CSV，可用 Excel/WPS 打开）",
          f"{name}现行有效规范性文件目录.csv"),
         (f"{base}/xxyx/xxyx.json", "本单位现行有效文件目录（JSON）", f"{name}现行有效规范性文件目录.json")],
    )


def unit_feed(unit) -> str:
    return feed_path(unit_dir(unit))


# --- the four parts ------------------------------------------------------------------------------


def guide_page(portal: Portal, unit) -> Page:
    path = unit_page(unit, GUIDE)
    body = block(
        f"<p>为了更好地提供政府信息公开服务，根据《中华人民共和国政府信息公开条例》，编制本指南。"
        f"需要获取{esc(unit.name)}政府信息的公民、法人或者其他组织，建议阅读本指南。</p>"
    )
    body += heading(2, "一、主动公开")
    body += block(
        f"<p>本单位主动公开的政府信息按条例第二十条分类，见本单位"
        f"{a(path, unit_page(unit, DISCLOSURE), '法定主动公开内容')}；规范性文件见"
        f"{a(path, unit_page(unit, LIBRARY), '本单位规范性文件库')}。"
        "主动公开的政府信息自形成或者变更之日起20个工作日内在本平台公开（条例第二十六条）。</p>"
    )
    body += heading(2, "二、依申请公开")
    body += block(f'<div class="zwgk-body">{safe_html(unit.apply or DEFAULT_APPLY)}</div>')
    body += block(fields_table("受理机构和联系方式", contact_pairs(unit)))
    body += heading(2, "三、收费")
    body += block(f'<div class="zwgk-body">{safe_html(unit.fees or DEFAULT_FEES)}</div>')
    body += heading(2, "四、监督和救济")
    body += block(f'<div class="zwgk-body">{safe_html(REMEDY)}</div>')
    return _page(unit, GUIDE, "政府信息公开指南", body,
                 search={"栏目": "政府信息公开", "发布单位": unit.name})


def system_page(portal: Portal, unit) -> Page:
    body = block(f'<div class="zwgk-body">{safe_html(unit.system or DEFAULT_SYSTEM)}</div>')
    return _page(unit, SYSTEM, "政府信息公开制度", body)


def _functions(portal: Portal, unit, path: str) -> str:
    """机构职能: the unit's functions, its leaders and its contacts."""
    html = ""
    if unit.functions:
        html += f'<div class="zwgk-body">{safe_html(unit.functions)}</div>'
    if unit.leaders:
        html += table(f"{unit.name}领导信息", ["姓名", "职务", "分工"],
                      [[esc(p.name), esc(p.title), esc(p.duties or "—")] for p in unit.leaders])
    contacts = contact_pairs(unit)
    if len(contacts) > 1:  # more than the 受理机构, which is never empty
        html += fields_table("办公地址和联系方式", contacts)
    return html or empty_note(unit, "jgzn")


def _records(portal: Portal, unit, path: str, category, records) -> str:
    """A category's section of the unit's 法定主动公开内容: its newest common.LIST_PAGE_SIZE records, and
    where there are more, a link to the whole list (category_pages; the documents: the unit's library)."""
    if not records:
        return empty_note(unit, category.id)
    shown = records[:common.LIST_PAGE_SIZE]
    if category.id == "gfxwj":
        more = (f'<p class="zwgk-lead">以上是最新的 {len(shown)} 件，共 {len(records)} 件：'
                f'{a(path, unit_page(unit, LIBRARY), "查看全部规范性文件")}</p>' if len(shown) < len(records) else "")
        return (doc_table(portal, path, shown, f"{unit.name}规范性文件（现行有效的在前）", publishers=False) + more
                + f'<p class="zwgk-lead">{a(path, unit_page(unit, IN_FORCE), "本单位现行有效规范性文件目录")}</p>')
    rows = [[a(path, item_path(r), r.title), time_tag(r.published)] for r in shown]
    more = (f'<p class="zwgk-lead">以上是最新的 {len(shown)} 条，共 {len(records)} 条：'
            f'{a(path, category_path(unit, category), f"查看{category.title}全部信息")}</p>'
            if len(shown) < len(records) else "")
    return table(f"{category.title}（按发布日期由新到旧）", ["标题", "发布日期"], rows) + more


def category_path(unit, category) -> str:
    """The whole list of one category of a unit's 法定主动公开内容 (when its section cannot show it all)."""
    return unit_page(unit, f"{DISCLOSURE.removesuffix('.md')}/{category.id}.md")


def category_pages(portal: Portal, unit, by_category) -> list[Page]:
    """Every record of each category too long for its section of the disclosure page, in pages of
    common.LIST_PAGE_SIZE rows, newest first."""
    result = []
    for category in CATEGORIES:
        records = by_category.get(category.id, [])
        if category.id in ("jgzn", "gfxwj") or len(records) <= common.LIST_PAGE_SIZE:
            continue
        first_path = category_path(unit, category)
        chunks = page_chunks(first_path, records)
        for path, n, first, listed in chunks:
            rows = [[str(first + k), a(path, item_path(r), r.title), time_tag(r.published)]
                    for k, r in enumerate(listed)]
            paging = pager(path, chunks, n, len(records))
            body = (block(f'<p class="zwgk-meta">{esc(category.clause)}：{esc(category.scope)}。</p>')
                    if n == 1 else "") + block(
                paging + table(f"{category.title}（按发布日期由新到旧）", ["序号", "标题", "发布日期"], rows) + paging)
            title = category.title if n == 1 else f"{category.title}（第 {n} 页）"
            crumbs = unit_crumbs(unit) + [("法定主动公开内容", unit_page(unit, DISCLOSURE))] + (
                [(category.title, first_path)] if n > 1 else [])
            result.append(Page(path, title, body, column=column_title(unit), source=unit.name, crumbs=crumbs,
                               column_type="信息公开", description=f"{unit.name}{category.title}"))
    return result


def disclosure_page(portal: Portal, unit, by_category) -> Page:
    path = unit_page(unit, DISCLOSURE)
    body = block(
        f"<p>{esc(unit.name)}依照《中华人民共和国政府信息公开条例》第二十条主动公开的政府信息，分为以下 "
        f"{len(CATEGORIES)} 类；每类信息按发布日期由新到旧排列，规范性文件现行有效的在前。</p>"
    )
    body += block(_category_table(unit, path, by_category))
    for category in CATEGORIES:
        body += heading(2, category.title, category.id)
        body += block(f'<p class="zwgk-meta">{esc(category.clause)}：{esc(category.scope)}。</p>')
        body += block(_functions(portal, unit, path) if category.id == "jgzn"
                      else _records(portal, unit, path, category, by_category.get(category.id, [])))
    return _page(unit, DISCLOSURE, "法定主动公开内容", body)


def _category_table(unit, from_path: str, by_category) -> str:
    """Every category with its count and newest date, linked to its section."""
    here = rel(from_path, unit_page(unit, DISCLOSURE))
    rows = []
    for c in CATEGORIES:
        records = by_category.get(c.id, [])
        link = f'<a href="{esc(here)}#{c.id}">{esc(c.title)}</a>'
        if c.id == "jgzn":
            rows.append([link, "—", "—"])
            continue
        latest = max((r.published for r in records if r.published), default=None)
        rows.append([link, str(len(records)), time_tag(latest) if latest else '<span class="zwgk-empty">暂无信息</span>'])
    return table("法定主动公开内容分类", ["类别", "信息条数", "最近更新"], rows)


def reports_page(portal: Portal, unit) -> Page:
    path = unit_page(unit, REPORTS)
    reports = sorted(unit.annual_reports, key=lambda r: r.year, reverse=True)
    body = block(
        "<p>政府信息公开工作年度报告于每年1月31日前公布，内容包括总体情况、主动公开政府信息情况、"
        "收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况等"
        "（条例第四十九条、第五十条）。</p>"
    )
    made = report_rows(portal, unit, path)  # reports written from ndbg/<year>.yml, page and .docx
    linked = {r.year: _report_link(portal, path, unit, r) for r in reports if r.year not in made}
    if made or linked:
        rows = [[esc(f"{year}年"), cell] for year, cell in sorted({**linked, **made}.items(), reverse=True)]
        body += block(table(f"{unit.name}政府信息公开工作年度报告", ["年度", "年度报告"], rows))
    else:
        body += block('<div class="zwgk-notice zwgk-notice--empty" role="note"><p>'
                      "本单位尚未在本平台发布政府信息公开工作年度报告。</p></div>")
    return _page(unit, REPORTS, "政府信息公开工作年度报告", body)


def _report_link(portal: Portal, path: str, unit, report) -> str:
    """A link to the report; a file that is not published is named, not linked (no dead link)."""
    text = f"{unit.name}{report.year}年政府信息公开工作年度报告"
    target = report.path.strip().lstrip("/")
    if target.startswith("files/") and target not in portal.files:
        return f'{esc(text)}<span class="zwgk-flag">（文件不存在）</span>'
    href = rel(path, target if "." in target.rsplit("/", 1)[-1] else target.rstrip("/") + "/")
    return f'<a href="{esc(href)}">{esc(text)}</a>'


def index_page(portal: Portal, unit, by_category) -> Page:
    path = unit_page(unit)
    latest = latest_update(portal, unit.id)
    parts = [
        ("政府信息公开指南", GUIDE, "受理机构、联系方式、申请方式、答复时限、收费和救济途径"),
        ("政府信息公开制度", SYSTEM, "主动公开、依申请公开、保密审查、监督考核等工作制度"),
        ("法定主动公开内容", DISCLOSURE, "按条例第二十条分类公开的机构职能、规范性文件和各类信息"),
        ("政府信息公开年报", REPORTS, "历年政府信息公开工作年度报告"),
    ]
    cards = "".join(
        f'<li class="zwgk-entry">{a(path, unit_page(unit, name), title, "zwgk-entry__link")}'
        f'<span class="zwgk-entry__desc">{esc(desc)}</span></li>'
        for title, name, desc in parts
    )
    documents = by_category.get("gfxwj", [])
    body = block(
        f"<p>{esc(unit.name)}在本平台集中公开本单位的政府信息。"
        + (f"最近更新：{time_tag(latest)}。" if latest else "本单位暂未发布信息。")
        + "</p>"
    )
    body += block(f'<nav aria-label="{esc(unit.label)}政府信息公开"><ul class="zwgk-entries">{cards}</ul></nav>')
    body += heading(2, "法定主动公开内容") + block(_category_table(unit, path, by_category))
    body += heading(2, "规范性文件")
    body += block(
        f"<p>本单位发布的规范性文件 {len(documents)} 件："
        f"{a(path, unit_page(unit, LIBRARY), '本单位规范性文件库')}、"
        f"{a(path, unit_page(unit, IN_FORCE), '现行有效规范性文件目录')}。</p>"
    )
    own = unit_catalogues(portal, unit.id)  # 标准目录 (#17)
    if own:
        body += heading(2, "基层政务公开标准目录")
        body += block('<ul class="zwgk-links">' + "".join(
            f"<li>{a(path, page_of(portal, c), c.title)}</li>" for c in own) + "</ul>")
    body += block(open_data(path, [(unit_feed(unit), "订阅本单位信息更新（Atom）", "")]))
    return _page(unit, "index.md", column_title(unit), body, crumbs=unit_crumbs(unit)[:-1],
                 description=f"{unit.name}政府信息公开专栏")


def library_pages(portal: Portal, unit, documents) -> list[Page]:
    """The unit's own 规范性文件库 (newest first) and 现行有效目录, with their open data."""
    every, in_force_data = unit_data(unit)
    in_force = [d for d in in_force_documents(portal) if (d.unit or "") == unit.id]
    as_of = format_cn(portal.as_of)
    path = unit_page(unit, LIBRARY)
    body = block(
        f"<p>{esc(unit.name)}发布的规范性文件共 {len(documents)} 件，截至{as_of}现行有效 {len(in_force)} 件；"
        f"{IN_FORCE_FIRST}。</p>"
    )
    body += block(f'<p class="zwgk-lead">{a(path, unit_page(unit, IN_FORCE), "本单位现行有效规范性文件目录")}</p>')
    body += block(open_data(path, every + [(unit_feed(unit), "订阅本单位信息更新（Atom）", "")]))
    body += block(doc_table(portal, path, documents, f"{unit.name}规范性文件目录（现行有效的在前）",
                            publishers=False))
    catalogue_path = unit_page(unit, IN_FORCE)
    amended = sum(1 for d in in_force if portal.validity[d.id].state == "已修改")
    catalogue = block(
        f"<p>截至{as_of}，{esc(unit.name)}现行有效的规范性文件共 {len(in_force)} 件"
        + (f"，其中 {amended} 件经修改后继续有效，以修改后的规定为准" if amended else "") + "。</p>"
    )
    catalogue += block(open_data(catalogue_path, in_force_data))
    catalogue += block(doc_table(portal, catalogue_path, in_force, f"{unit.name}现行有效规范性文件目录",
                                 publishers=False))
    return [
        _page(unit, LIBRARY, "规范性文件", body, column_type="规范性文件"),
        _page(unit, IN_FORCE, "现行有效规范性文件目录", catalogue, column_type="规范性文件",
              crumbs=unit_crumbs(unit) + [("规范性文件", unit_page(unit, LIBRARY))]),
    ]


# --- the platform ------------------------------------------------------------------------------------


def directory_page(portal: Portal) -> Page:
    """部门和乡镇: every unit by kind, with its latest update and a link to its column."""
    by_kind: dict[str, list] = {}
    for unit in portal.units.values():
        by_kind.setdefault(unit.kind, []).append(unit)
    count = sum(len(u) for u in by_kind.values())
    body = block(
        f"<p>本平台集中发布{esc(portal.config.name)}及其部门、乡镇（街道）和公共企事业单位的政府信息，"
        f"共 {count} 个发布单位。每个单位设政府信息公开指南、政府信息公开制度、法定主动公开内容和"
        "政府信息公开年报。全平台的规范性文件、政策解读、政策问答和重点领域信息也可在各栏目中按发布单位查看，"
        f"或在{a(DIRECTORY, 'search.md', '站内搜索')}中按“发布单位”筛选。</p>"
    )
    kinds = [k for k in KIND_ORDER if by_kind.get(k)]
    if len(kinds) > 1:
        body += block('<nav class="zwgk-topics" aria-label="单位类型"><ul>' + "".join(
            f'<li><a href="#{KIND_ANCHORS[k]}">{esc(k)}</a><span class="zwgk-count">（{len(by_kind[k])}个）</span></li>'
            for k in kinds) + "</ul></nav>")
    for kind in kinds:
        rows = []
        for unit in sorted(by_kind[kind], key=lambda u: u.id):
            latest = latest_update(portal, unit.id)
            rows.append([
                a(DIRECTORY, part_path(unit, "index.md"), unit.name),
                str(len(unit_entries(portal, unit.id))),
                time_tag(latest) if latest else '<span class="zwgk-empty">暂无信息</span>',
            ])
        body += heading(2, kind, KIND_ANCHORS[kind])
        body += block(table(f"{kind}（{len(rows)}个）", ["单位", "公开信息条数", "最近更新"], rows))
    return Page(DIRECTORY, DIRECTORY_TITLE, body, column=DIRECTORY_TITLE, column_type="信息公开", in_nav=True,
                description=f"{portal.config.name}各部门、乡镇（街道）政府信息公开专栏")


def category_item_pages(portal: Portal) -> list[Page]:
    """Pages for items filed straight under a 法定主动公开 category (items/xzxk/…); a key-area entry's page is
    made by the 重点领域 column."""
    columns = {c.id for c in portal.columns}
    return [item_page(portal, i) for i in portal.items if i.column not in columns]


def pages(portal: Portal) -> list[Page]:
    result = [directory_page(portal)]
    for unit in portal.units.values():
        by_category = unit_records(portal, unit.id)
        result.append(disclosure_page(portal, unit, by_category))
        result += category_pages(portal, unit, by_category)
        result += library_pages(portal, unit, by_category["gfxwj"])
        if unit.id != ROOT:  # the county government's 指南, 制度 and 年报 are content/xxgk/
            result += [index_page(portal, unit, by_category), guide_page(portal, unit), system_page(portal, unit),
                       reports_page(portal, unit)]
    return result + category_item_pages(portal)
