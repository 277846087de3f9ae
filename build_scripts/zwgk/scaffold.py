"""`zwgk new <kind>`: a new record from a template written out of records.py.

Each field gets a Chinese comment line (its label and help from the model), required fields
a value or a ``待填写`` placeholder (an error in `zwgk check` until filled in), optional fields a
commented-out line. Dates are the given day; a normative document gets the next free 索引号
serial and the next 文号 of its issuer. The review block is left empty, so nothing is
published before 三审.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import typing
from dataclasses import dataclass
from pathlib import Path

import yaml

from .disclosure import BY_ID as CATEGORIES
from .docnumber import normalise_doc_number
from .errors import ZwgkError
from .load import ID_RE
from .records import RECORD_KINDS, Markdown, is_required, requirement_label
from .schema import KINDS, _class_doc, modeline
from .yamlnodes import PLACEHOLDER, yaml_fields

FOLDERS = {"normative": "normative", "interpretation": "interpretations", "qa": "qa", "item": "items", "tasks": "tasks",
           "unit": "", "annual-report": "ndbg", "catalogue": "catalogues", "consultation": "consultations", "proposal": "proposals",
           "decisions": "decisions"}
ALIASES = {"规范性文件": "normative", "文件": "normative", "解读": "interpretation", "政策解读": "interpretation",
           "问答": "qa", "政策问答": "qa", "重点领域": "item", "信息": "item", "任务分工": "tasks", "任务": "tasks",
           "单位": "unit", "发布单位": "unit", "年报": "annual-report", "年度报告": "annual-report", "标准目录": "catalogue", "意见征集": "consultation", "征求意见": "consultation",
           "建议提案": "proposal", "建议": "proposal", "提案": "proposal", "事项目录": "decisions",
           "重大行政决策事项目录": "decisions"}
_INDEX_RE = re.compile(r"^(?P<prefix>[^/]+)/(?P<year>\d{4})-(?P<serial>\d+)$")
_DOC_RE = re.compile(r"^(?P<code>.+)〔(?P<year>\d{4})〕(?P<n>\d+)号$")
_ID_RE = re.compile(r"^(?P<stem>.+)-(?P<year>\d{4})-(?P<n>\d+)$")


class ScaffoldError(ZwgkError):
    """Raised when a new record cannot be created (unknown kind or column, bad id, file exists)."""


class Raw(str):
    """YAML text put into the template as it is (a nested list, for instance)."""


class Commented(str):
    """YAML text put into the template commented out: an example of an optional field to uncomment when needed."""


@dataclass
class Created:
    """What `zwgk new` wrote."""

    path: Path
    kind: str
    record_id: str
    notes: list[str]


# reading what is there, leniently: a broken file must not stop a new one ------------------


def _read(path: Path) -> dict:
    try:
        data = yaml.load(path.read_text(encoding="utf-8-sig"), Loader=yaml.BaseLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def _records(root: Path, folder: str) -> dict[str, dict]:
    return {p.stem: _read(p) for p in sorted((root / folder).glob("*.y*ml"))} if (root / folder).is_dir() else {}


def _bases(root: Path) -> list[Path]:
    """The records root and every unit's folder: record ids are unique across all of them."""
    units = root / "units"
    return [root] + (sorted(p for p in units.iterdir() if p.is_dir()) if units.is_dir() else [])


def _everywhere(root: Path, folder: str) -> dict[str, dict]:
    """A folder's records in the root and in every unit's folder."""
    return {k: v for base in _bases(root) for k, v in _records(base, folder).items()}


def _owner(root: Path, base: Path) -> dict:
    """Who publishes into base: portal.yml's name and credit code, or the unit's unit.yml."""
    if base == root:
        portal = _portal(root)
        return {"name": _text(portal.get("agency")), "credit_code": _text(portal.get("credit_code"))}
    unit = _read(base / "unit.yml")
    return {"name": _text(unit.get("name")), "credit_code": _text(unit.get("credit_code"))}


def _text(value) -> str:
    return value if isinstance(value, str) else ""


# 索引号 and 文号 -------------------------------------------------------------------------


def next_serial(documents: list[dict], issuer: str, year: int) -> int:
    """The next free 索引号 serial for a year.

    One more than the issuer's last serial that year; for an issuer's first document of the
    year, the first serial of the block the issuer used before (01006 → 01001); otherwise one
    more than the year's last serial. Serials already taken are skipped.
    """
    found = []
    for doc in documents:
        m = _INDEX_RE.match(_text(doc.get("index_number")).strip())
        if m:
            found.append((_text(doc.get("issuer")).strip(), int(m["year"]), int(m["serial"])))
    used = {s for _, y, s in found if y == year}
    mine = [s for i, y, s in found if i == issuer and y == year]
    earlier = [s for i, _, s in found if i == issuer]
    if mine:
        serial = max(mine) + 1
    elif earlier:
        serial = max(earlier) // 1000 * 1000 + 1
    else:
        serial = max(used, default=0) + 1
    while serial in used:
        serial += 1
    return serial


def next_doc_number(documents: dict[str, dict], issuer: str, year: int) -> tuple[str, str | None]:
    """(the issuer's next 文号 this year, the id stem its documents use) — a suggestion to check."""
    codes: list[tuple[int, str, str | None]] = []
    for record_id, doc in documents.items():
        if _text(doc.get("issuer")).strip() != issuer:
            continue
        m = _DOC_RE.match(normalise_doc_number(_text(doc.get("doc_number"))))
        if m:
            idm = _ID_RE.match(record_id)
            codes.append((int(m["year"]), m["code"], idm["stem"] if idm else None))
    if not codes:
        return f"{PLACEHOLDER}〔{year}〕1号", None
    _, code, stem = max(codes)
    taken = [int(m["n"]) for doc in documents.values()
             if (m := _DOC_RE.match(normalise_doc_number(_text(doc.get("doc_number")))))
             and m["code"] == code and int(m["year"]) == year]
    return f"{code}〔{year}〕{max(taken, default=0) + 1}号", stem


# rendering a template from the model ----------------------------------------------------


def _scalar(value) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (int, float)):
        return str(value)
    text = str(value)
    try:
        plain = yaml.load(f"k: {text}", Loader=yaml.SafeLoader) == {"k": text}
    except yaml.YAMLError:
        plain = False
    return text if plain and text.strip() == text and text else json.dumps(text, ensure_ascii=False)


def _comment(fl: dataclasses.Field) -> str:
    label, help_text = fl.metadata.get("label", fl.name), fl.metadata.get("help", "")
    return f"# {label}（{requirement_label(fl)}）" + (f"：{help_text}" if help_text else "")


def render(cls, values: dict, indent: int = 0) -> list[str]:
    """Template lines for a record class: a comment line and a value line per field."""
    pad = " " * indent
    hints = typing.get_type_hints(cls)
    lines: list[str] = []
    for fl in yaml_fields(cls):
        required = is_required(fl)
        lines.append(pad + _comment(fl))
        tp = hints[fl.name]
        if fl.name not in values:
            if required:
                lines.append(f"{pad}{fl.name}: {_scalar(PLACEHOLDER + '：' + fl.metadata.get('label', fl.name))}")
            else:
                lines.append(f"{pad}# {fl.name}:" + (" []" if typing.get_origin(tp) is list else ""))
            continue
        value = values[fl.name]
        if isinstance(value, dict) and dataclasses.is_dataclass(tp):
            lines.append(f"{pad}{fl.name}:")
            lines += render(tp, value, indent + 2)
        elif isinstance(value, Raw):
            lines.append(f"{pad}{fl.name}:")
            lines += [f"{pad}  {ln}" if ln else "" for ln in value.splitlines()]
        elif isinstance(value, Commented):
            lines.append(f"{pad}# {fl.name}:")
            lines += [f"{pad}#   {ln}" for ln in value.splitlines()]
        elif tp is Markdown or isinstance(value, Markdown):
            lines.append(f"{pad}{fl.name}: |")
            lines += [f"{pad}  {ln}" if ln else "" for ln in str(value).splitlines()]
        elif isinstance(value, list):
            lines.append(f"{pad}{fl.name}: [{', '.join(_scalar(v) for v in value)}]")
        else:
            lines.append(f"{pad}{fl.name}: {_scalar(value)}")
    return lines


REVIEW = {"first": "", "second": "", "final": ""}


# the kinds ------------------------------------------------------------------------------


def _portal(root: Path) -> dict:
    return _read(root / "portal.yml")


def _normative(root: Path, base: Path, day: dt.date, record_id: str | None, issuer: str | None = None, **_):
    owner = _owner(root, base)
    issuer = issuer or owner["name"] or f"{PLACEHOLDER}：发布机构"
    serial = next_serial(list(_records(base, "normative").values()), issuer, day.year)  # the unit's own series
    credit = owner["credit_code"] or f"{PLACEHOLDER}统一社会信用代码"
    doc_number, stem = next_doc_number(_everywhere(root, "normative"), issuer, day.year)
    m = _DOC_RE.match(doc_number)
    record_id = record_id or _free_everywhere(
        root, "normative", f"{stem}-{day.year}-{m['n']}" if stem else f"doc-{day.year}-{serial}")
    values = {
        "title": f"{PLACEHOLDER}：文件标题，如 {issuer}关于印发《……》的通知",
        "doc_number": doc_number,
        "index_number": f"{credit}/{day.year}-{serial:05d}",
        "issuer": issuer,
        "topic": f"{PLACEHOLDER}：主题分类，如 民政、扶贫、救灾",
        "written": day, "published": day, "effective": day,
        "attachments": Raw(f"- {{title: 正式文本（Word版）, path: files/{record_id}.docx}}\n"
                           f"- {{title: 正式文本（PDF版）, path: files/{record_id}.pdf}}"),
        "body": Markdown(f"{PLACEHOLDER}：正文（Markdown）。\n\n第一条 ……"),
        # once another document amends this one: its full text as amended, from that document's 施行日期
        "versions": Commented("- date: 修改文件的施行日期，如 2027-03-01\n  by: 修改文件的标识\n  body: |\n"
                              "    修改后的完整正文（原文按修改文件改好）"),
        "review": REVIEW,
    }
    notes = [f"文号 {doc_number} 是按{issuer}今年的文号推算的，请按实际文号核对" if stem
             else f"{issuer}此前没有文件，文号请按实际填写",
             f"索引号流水号 {serial:05d} 是今年下一个未使用的号",
             f"Word 和 PDF 正式文本放到 {root.name}/files/{record_id}.docx 和 .pdf"]
    return record_id, values, notes


def _unit(root: Path, base: Path, day: dt.date, record_id: str | None, **_):
    values = {"name": f"{PLACEHOLDER}：单位全称，如 示例县发展和改革局", "kind": "部门",
              "credit_code": f"{PLACEHOLDER}：统一社会信用代码", "short_name": f"{PLACEHOLDER}：简称，如 县发改局",
              "department": "办公室", "address": f"{PLACEHOLDER}：办公地址", "hours": "工作日上午 9:00—12:00，下午 14:00—17:30",
              "phone": f"{PLACEHOLDER}：咨询电话",
              "functions": Markdown(f"{PLACEHOLDER}：机构职能（按“三定”方案填写）。")}
    return "unit", values, [f"单位标识 {base.name} 就是网址中的目录名（部门 /bm/{base.name}/，乡镇和街道 /xz/{base.name}/，"
                            f"公共企事业单位 /qy/{base.name}/），用单位名称的拼音首字母",
                            "本单位的记录放在同一目录的 normative/、interpretations/、qa/、items/<栏目>/ 下；"
                            "CODEOWNERS 中给这个目录指定负责人（见使用指南）"]


def _interpretation(root: Path, base: Path, day: dt.date, record_id: str | None, of: str | None = None, **_):
    documents = _everywhere(root, "normative")
    explained = {_text(i.get("of")) for i in _everywhere(root, "interpretations").values()}
    if of is None:
        waiting = sorted((d for d in documents.items() if d[0] not in explained),
                         key=lambda d: (_text(d[1].get("published")), d[0]), reverse=True)
        if not waiting:
            raise ScaffoldError("每份规范性文件都已有解读：用 --of 指定要解读的文件标识")
        of = waiting[0][0]
    elif of not in documents:
        raise ScaffoldError(f"规范性文件“{of}”不存在（{root.name}/normative/{of}.yml）")
    doc = documents[of]
    name = re.search(r"《([^》]+)》", _text(doc.get("title")))
    title = f"《{name.group(1)}》政策解读" if name else f"{_text(doc.get('title')) or of}政策解读"
    record_id = record_id or _free_everywhere(root, "interpretations", f"jd-{of}")
    values = {
        "of": of, "title": title, "published": day, "forms": ["文字解读"],
        "contact": {"department": _text(doc.get("issuer")) or f"{PLACEHOLDER}：咨询部门",
                    "person": f"{PLACEHOLDER}：联系人", "phone": f"{PLACEHOLDER}：联系电话"},
        "body": Markdown("**一、出台背景**\n\n待填写。\n\n**二、主要内容**\n\n待填写。\n\n"
                         "**三、适用对象和办理方式**\n\n待填写。"),
        "review": REVIEW,
    }
    return record_id, values, [f"解读的是 {of}：{_text(doc.get('title'))}",
                               "解读应在文件发布后 3 个工作日内发布，形式不少于 3 种"]


def _qa(root: Path, base: Path, day: dt.date, record_id: str | None, basis: list[str] | None = None, **_):
    documents = _everywhere(root, "normative")
    for ref in basis or []:
        if ref not in documents:
            raise ScaffoldError(f"规范性文件“{ref}”不存在（{root.name}/normative/{ref}.yml）")
    if record_id is None:
        numbers = [int(m.group(1)) for b in _bases(root) for p in (b / "qa").glob("qa-*.y*ml")
                   if (m := re.match(r"qa-(\d+)$", p.stem))]
        record_id = f"qa-{max(numbers, default=0) + 1:03d}"
    values = {"question": f"{PLACEHOLDER}：问题？", "answer": Markdown(f"{PLACEHOLDER}：答复。"),
              "topic": "其他", "basis": basis or [], "department": f"{PLACEHOLDER}：答复部门",
              "updated": day, "review": REVIEW}
    return record_id, values, ["主题（topic）从 生育、教育、就业、创业、养老、医疗、纳税、社保、住房、救助、农业、其他 中选"]


def _item(root: Path, base: Path, day: dt.date, record_id: str | None, column: str | None = None, **_):
    columns = [_text(c.get("id")) for c in _read(root / "columns.yml").get("columns", []) if isinstance(c, dict)]
    columns += list(CATEGORIES)  # or straight under a 法定主动公开 category (items/xzxk/ …)
    if not column:
        raise ScaffoldError("用 --column 指定重点领域栏目或法定主动公开类别的标识，可选：" + "、".join(columns))
    if column not in columns:
        import difflib

        close = difflib.get_close_matches(column, columns, n=1)
        raise ScaffoldError(f"栏目“{column}”不在 columns.yml 中，也不是法定主动公开类别"
                            + (f"，是不是“{close[0]}”？" if close else ""))
    record_id = record_id or _free_everywhere(root, f"items/{column}", f"{day.year}-{day:%m%d}")
    values = {"title": f"{PLACEHOLDER}：标题", "published": day,
              "issuer": _owner(root, base)["name"] or f"{PLACEHOLDER}：发布机构",
              "body": Markdown(f"{PLACEHOLDER}：正文。"), "review": REVIEW}
    return f"{column}/{record_id}", values, []


def _tasks(root: Path, base: Path, day: dt.date, record_id: str | None, year: int | None = None, **_):
    if base != root:
        raise ScaffoldError("任务分工是全县的，只放在 tasks/ 下，不用 --unit")
    year = year or (int(record_id) if record_id and record_id.isdigit() else day.year)
    name = _text(_portal(root).get("name")).removesuffix("人民政府") or PLACEHOLDER
    values = {
        "year": year, "title": f"{name}{year}年政务公开重点工作任务分工",
        "sections": Raw(
            "# 大标题 → 小标题（可省略）→ 任务；每项任务至少写 requirement（具体要求）\n"
            "- title: 一、待填写：大标题\n"
            "  subsections:\n"
            "    - title: （一）待填写：小标题\n"
            "      tasks:\n"
            "        - no: 1\n"
            "          requirement: 待填写：具体要求。\n"
            "          lead: [待填写：牵头单位]\n"
            "          responsible: [待填写：责任单位]\n"
            "          deadline: 年底前       # 或 12月底前、8月31日、持续推进、长期坚持、及时公开\n"
            "          status: 未开始         # 未开始 推进中 持续推进 需优化完善 已完成"),
    }
    return str(year), values, ["已有分工表（Word、Excel 或文本）时，用 zwgk import-tasks 导入更快"]


def _consultation(root: Path, base: Path, day: dt.date, record_id: str | None, **_):
    """意见征集 (#16): opens today for the configured minimum period (portal.yml participation.min_days)."""
    import datetime

    portal = _portal(root)
    min_days = (portal.get("participation") or {}).get("min_days") if isinstance(
        portal.get("participation"), dict) else None
    days = min_days if isinstance(min_days, int) and min_days > 0 else 30
    record_id = record_id or _free_everywhere(root, "consultations", f"yjzj-{day.year}-{day:%m%d}")
    owner = portal.get("contact") if base == root else _read(base / "unit.yml")
    owner = owner if isinstance(owner, dict) else {}
    values = {
        "title": f"{PLACEHOLDER}：关于公开征求《……（征求意见稿）》意见的公告",
        "kind": "重大行政决策预公开",
        "opens": day, "closes": day + datetime.timedelta(days=days - 1),
        "draft": Markdown(f"{PLACEHOLDER}：征求意见稿全文（Markdown），或删去本项、在 draft_files 中上传 Word 和 PDF。"),
        "explanation": Markdown(f"{PLACEHOLDER}：起草说明：制定的必要性、依据、主要内容和需要说明的问题。"),
        "channels": {"address": _text(owner.get("address")) or f"{PLACEHOLDER}：通信地址",
                     "email": _text(owner.get("email")) or f"{PLACEHOLDER}：电子邮箱",
                     "phone": _text(owner.get("phone")) or f"{PLACEHOLDER}：联系电话"},
        "review": REVIEW,
    }
    return record_id, values, [f"征求意见期 {days} 天（含首尾两天，portal.yml participation.min_days）；"
                               "截止后在 feedback 中公布收到的意见和采纳情况、理由",
                               "涉企意见征集把 kind 改为 涉企意见征集，并在 channels.enterprise 写明企业反馈渠道"]


def _proposal(root: Path, base: Path, day: dt.date, record_id: str | None, **_):
    """建议提案办理结果 (#16)."""
    record_id = record_id or _free_everywhere(root, "proposals", f"jyta-{day.year}-{day:%m%d}")
    values = {"kind": "人大代表建议", "year": day.year, "number": f"{PLACEHOLDER}：编号，如 第12号",
              "title": f"{PLACEHOLDER}：建议或提案的标题", "handler": _owner(root, base)["name"] or f"{PLACEHOLDER}：主办单位",
              "handling": "A类", "replied": day, "published": day,
              "reply": Markdown(f"{PLACEHOLDER}：办理复文全文或摘要（Markdown）。"), "review": REVIEW}
    return record_id, values, ["政协委员提案把 kind 改为 政协委员提案；办理类型（handling）为 A类、B类 或 C类",
                               "办理复文在答复后及时公开（portal.yml participation.proposal_workdays）"]


def _annual_report(root: Path, base: Path, day: dt.date, record_id: str | None, year: int | None = None, **_):
    """政府信息公开工作年度报告 (#17): last year's by default; 上年结转 from last year's 结转下年度 when that file
    exists; every row of tables 三 and 四 written out with its heading."""
    import dataclasses as dc

    from .annualreport import APPLICANT_FIELDS
    from .records import ApplicationTable, ReviewTable

    year = year or (int(record_id) if record_id and record_id.isdigit() else day.year - 1)
    before = _read(base / "ndbg" / f"{year - 1}.yml").get("applications")
    before = before.get("carried_forward") if isinstance(before, dict) else None
    lines = [("# 每行按申请人分列：natural 自然人；法人或其他组织 business 商业企业、research 科研机构、"
              "charity 社会公益组织、legal 法律服务机构、other 其他；total 总计可不填（按各列相加）")]
    for fl in dc.fields(ApplicationTable):
        counts = {k: 0 for k in APPLICANT_FIELDS}
        if fl.name == "carried_over" and isinstance(before, dict):
            counts.update({k: before.get(k, 0) for k in APPLICANT_FIELDS})
        lines.append(f"# {fl.metadata['label']}" + ("（不填则按办理结果各行相加）" if fl.name == "total" else ""))
        lines.append(f"{'# ' if fl.name == 'total' else ''}{fl.name}: {{{', '.join(f'{k}: {v}' for k, v in counts.items())}}}")
    reviews = [f"# {fl.metadata['label']}：upheld 结果维持、corrected 结果纠正、other 其他结果、pending 尚未审结\n"
               f"{fl.name}: {{upheld: 0, corrected: 0, other: 0, pending: 0}}" for fl in dc.fields(ReviewTable)]
    owner = _owner(root, base)["name"] or PLACEHOLDER
    values = {
        "year": year, "published": day,
        "overview": Markdown(f"{PLACEHOLDER}：{year}年{owner}政府信息公开工作的总体情况（主动公开、依申请公开、"
                             "政府信息管理、平台建设、监督保障）。"),
        "permits": 0, "penalties": 0, "coercion": 0, "fees": 0,
        "applications": Raw("\n".join(lines)), "reviews": Raw("\n".join(reviews)),
        "problems": Markdown(f"{PLACEHOLDER}：存在的主要问题及改进情况。"),
        "processing_fees": 0, "fee_notices": 0, "review": REVIEW,
    }
    notes = ["规章、行政规范性文件的件数（第二十条第（一）项）不用填写，按文件库截至12月31日计算",
             "部门、乡镇、街道于次年1月31日前公布，县政府于次年3月31日前公布（条例第四十九、五十条）"]
    if isinstance(before, dict):
        notes.append(f"上年结转已按{year - 1}年年报的结转下年度继续办理填好")
    return str(year), values, notes


def _decisions(root: Path, base: Path, day: dt.date, record_id: str | None, year: int | None = None, **_):
    """重大行政决策事项目录 (#16): one a year for the county government or a unit (ids are platform-wide)."""
    year = year or day.year
    record_id = record_id or f"{base.name if base != root else 'xzf'}-{year}"  # xzf: the county government
    values = {"year": year, "published": day, "entries": Raw(
        "# 每项：title（决策事项）、sponsor（承办单位）、planned（计划完成时间）、public_comment（需要/不需要公开征求意见）、\n"
        "# stage（征求意见/审议/公布）、consultation（意见征集标识）、decision（公布的规范性文件标识）\n"
        f"- title: {PLACEHOLDER}：决策事项\n"
        f"  sponsor: {PLACEHOLDER}：承办单位\n"
        f"  planned: {year}年12月底前\n"
        "  stage: 征求意见"), "review": REVIEW}
    return record_id, values, ["公开征求意见后，在 consultation 中填写意见征集的标识；决策公布后在 decision 中填写文件标识"]


def _catalogue(root: Path, base: Path, day: dt.date, record_id: str | None, column: str | None = None, **_):
    """基层政务公开标准目录 (#17) of one key area: catalogues/<column>.yml (a unit's: units/<id>/catalogues/), one 事项
    to copy."""
    columns = {_text(c.get("id")): _text(c.get("title")) for c in _read(root / "columns.yml").get("columns", [])
               if isinstance(c, dict)}
    column = column or record_id
    if column not in columns:
        raise ScaffoldError("用 --column 指定重点领域栏目标识，可选：" + "、".join(columns))
    owner = _text(_portal(root).get("name")) if base == root else _owner(root, base)["name"]
    name = owner.removesuffix("人民政府") or PLACEHOLDER
    values = {
        "title": f"{name}{columns[column]}领域基层政务公开标准目录",
        "source": f"{columns[column]}领域基层政务公开标准指引",
        "entries": Raw(
            "# 每个公开事项一项，按国家该领域基层政务公开标准指引的目录逐行填写\n"
            f"- first: {PLACEHOLDER}：一级事项\n"
            f"  second: {PLACEHOLDER}：二级事项\n"
            f"  content: {PLACEHOLDER}：公开内容（要素）\n"
            f"  basis: {PLACEHOLDER}：公开依据\n"
            "  deadline: 信息形成或者变更之日起20个工作日内   # 或 每月、每季度、每半年、每年（按此检查逾期）\n"
            f"  subject: {PLACEHOLDER}：公开主体\n"
            "  channels: [政府网站]\n"
            "  audience: 全社会      # 或 特定群体\n"
            "  mode: 主动            # 或 依申请\n"
            "  levels: [县级]        # 县级、乡级\n"
            "  keywords: []          # 栏目中标题含这些词的信息算作本事项的信息；不填则栏目中的全部信息都算\n"
            "  records: []           # 落实本事项的信息标识（文件名，不含 .yml），不论在哪个栏目，如 [sfbf-2026-1]"),
    }
    page = f"/zdly/{column}/bzml/" if base == root else f"本单位政府信息公开栏目的 bzml/{column}/（只用本单位的信息核对）"
    return column, values, [f"目录对应重点领域栏目“{columns[column]}”（/zdly/{column}/），页面在 {page}",
                            "主动公开的事项在栏目中没有对应信息时，栏目完整性检查列为“两张皮”（R15.1）"]


_MAKERS = {"normative": _normative, "interpretation": _interpretation, "qa": _qa, "item": _item, "tasks": _tasks,
           "unit": _unit, "annual-report": _annual_report, "catalogue": _catalogue, "consultation": _consultation, "proposal": _proposal,
           "decisions": _decisions}


def _free_everywhere(root: Path, folder: str, stem: str) -> str:
    """stem, or stem-2, stem-3 … whichever no file has yet, in the root or any unit's folder."""
    folders = [base / folder for base in _bases(root)]
    candidate, n = stem, 1
    while any((f / f"{candidate}.yml").exists() or (f / f"{candidate}.yaml").exists() for f in folders):
        n += 1
        candidate = f"{stem}-{n}"
    return candidate


def kind_name(kind: str) -> str:
    """normative, interpretation, qa, item or tasks, from an English or Chinese name."""
    kind = ALIASES.get(kind, kind)
    if kind not in _MAKERS:
        raise ScaffoldError(f"不认识的记录类型“{kind}”，可选：{'、'.join(_MAKERS)}（或 规范性文件、解读、问答、重点领域、任务分工）")
    return kind


def new_record(root: Path, kind: str, day: dt.date, record_id: str | None = None, unit: str | None = None,
               **options) -> Created:
    """Write a new record file from its template; never overwrites."""
    root = Path(root)
    kind = kind_name(kind)
    if not root.is_dir():
        raise ScaffoldError(f"找不到记录目录 {root}（用 --records 指定）")
    if record_id is not None and not ID_RE.match(record_id):
        raise ScaffoldError(f"标识“{record_id}”不能用作文件名和网址：只用小写字母、数字和连字符，如 sfbf-2026-16")
    base = root
    if unit:
        base = root / "units" / unit
        if kind != "unit" and not (base / "unit.yml").is_file():
            raise ScaffoldError(f"单位“{unit}”不存在（{root.name}/units/{unit}/unit.yml）：先运行 zwgk new unit --unit {unit}")
        if kind == "unit" and (base / "unit.yml").exists():
            raise ScaffoldError(f"{base / 'unit.yml'} 已存在，未覆盖：直接编辑该文件")
        if not ID_RE.match(unit):
            raise ScaffoldError(f"单位标识“{unit}”不能用作网址：用单位名称的拼音首字母小写，如 fgj")
    elif kind == "unit":
        raise ScaffoldError("用 --unit 指定新单位的标识（单位名称的拼音首字母，如 fgj）")
    rel_id, values, notes = _MAKERS[kind](root, base, day, record_id, **options)
    path = base / FOLDERS[kind] / f"{rel_id}.yml"
    if path.exists():
        raise ScaffoldError(f"{path} 已存在，未覆盖：换一个标识，或直接编辑该文件")
    cls = RECORD_KINDS[kind]
    title = _class_doc(KINDS[kind][0])[0]
    header = [
        modeline(root, path),
        f"# {title}：由 zwgk new {kind} 于 {day.isoformat()} 生成。",
        f"# 把“{PLACEHOLDER}”全部换成实际内容（留有“{PLACEHOLDER}”时网站不会生成）；三审（review）填全后才会发布。"
        "改完运行 zwgk check。",
        "",
    ]
    text = "\n".join(header + render(cls, values)) + "\n"
    yaml.compose(text, Loader=yaml.SafeLoader)  # a template that does not parse is a bug here, not the user's
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")
    return Created(path, kind, rel_id.split("/")[-1], notes)
