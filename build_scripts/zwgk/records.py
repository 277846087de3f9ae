"""One typed model per record kind. The single source of truth for validation and JSON Schema.

Field metadata: ``label`` (Chinese name shown in errors and pages), ``help`` (description),
``ref`` (the record kind an id must exist in). A field without a default is required.
Fields with ``yaml=False`` are filled by the loader, never read from YAML.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

VALIDITY_STATES = ("现行有效", "尚未生效", "已修改", "已废止", "已失效")
Validity = Literal["现行有效", "尚未生效", "已修改", "已废止", "已失效"]
ColumnKind = Literal["动态", "要闻", "政策文件", "通知公告", "其他"]
InterpretationForm = Literal[
    "文字解读", "图解", "简明问答", "视频", "动漫", "专家解读", "媒体专访", "在线访谈", "负责人解读", "场景演示"
]
QaTopic = Literal["生育", "教育", "就业", "创业", "养老", "医疗", "纳税", "社保", "住房", "救助", "农业", "其他"]
TaskStatus = Literal["未开始", "推进中", "持续推进", "需优化完善", "已完成"]
UnitKind = Literal["县政府", "部门", "乡镇", "街道", "公共企事业单位"]


class Markdown(str):
    """Markdown text from YAML; sanitised when rendered."""


class Units(list):
    """A list of unit names; YAML may give one string, split on 、，, and ；."""


class DeadlineText(str):
    """A date or a deadline phrase (年底前, 持续推进 ...), normalised by zwgk.dates.parse_deadline."""


class DocNumber(str):
    """A 文号 such as 示府办发〔2023〕12号; full-width digits and other brackets are normalised with a warning."""


class SitePath(str):
    """A path inside the built site, relative to its root (gfxwj/, zdly/snbt/)."""


class ProjectFile(str):
    """A file path relative to tasks_yaml/, which must not leave it."""


def f(label: str, help: str = "", *, default=dataclasses.MISSING, ref: str | None = None,
      yaml: bool = True, example: object = None, to_publish: bool = False):
    """A record field with its Chinese label and documentation.

    to_publish: the record loads without it, but is not published until it is filled in (三审)."""
    meta = {"label": label, "help": help, "ref": ref, "yaml": yaml, "example": example, "to_publish": to_publish}
    if isinstance(default, (list, dict)):
        return field(default_factory=lambda: type(default)(default), metadata=meta)
    return field(default=default, metadata=meta)


def is_required(fl: dataclasses.Field) -> bool:
    """Whether a record cannot load without the field."""
    return fl.default is dataclasses.MISSING and fl.default_factory is dataclasses.MISSING


def requirement_label(fl: dataclasses.Field) -> str:
    """How templates and editor schemas label a field: 必填, 发布前必填 or 选填."""
    if is_required(fl):
        return "必填"
    return "发布前必填" if fl.metadata.get("to_publish") else "选填"


def loader_field(label: str):
    """A field the loader fills in (id, source file, line)."""
    return f(label, yaml=False, default=None)


@dataclass(kw_only=True)
class Review:
    """三审: 初审、复审、审发. A record not through all three is left out of the build."""

    first: str = f("初审", "初审人", default="")
    second: str = f("复审", "复审人", default="")
    final: str = f("审发", "审发（终审）人", default="")

    @property
    def complete(self) -> bool:
        return bool(self.first and self.second and self.final)


@dataclass(kw_only=True)
class Contact:
    """政策咨询联系方式."""

    department: str = f("咨询部门", "负责解答咨询的部门")
    person: str = f("联系人", "联系人姓名", default="")
    phone: str = f("联系电话", "咨询电话", default="")


@dataclass(kw_only=True)
class Attachment:
    """附件 (Word、PDF 等)."""

    path: ProjectFile = f("文件路径", "相对于 tasks_yaml/ 的路径，如 files/sfbf-2023-12.pdf")
    title: str = f("附件名称", "链接上显示的名称", default="")


PrivacyKind = Literal["身份证号", "手机号码", "固定电话", "银行卡号", "家庭住址"]


@dataclass(kw_only=True)
class Withdrawal:
    """撤回或撤销: 记录不再发布，原网址改为说明页（何时、为何撤下），不会变成“页面不存在”."""

    date: dt.date = f("日期", "撤回或撤销的日期")
    reason: str = f("原因", "向公众说明的理由，如 内容有误，已更正后重新发布")
    kind: Literal["撤回", "撤销"] = f("方式", "撤回（发布有误等）或撤销（决定被撤销）", default="撤回")
    replaced_by: SitePath = f("替代页面", "更正后重新发布的页面，如 gfxwj/sfbf-2024-3/", default="")


@dataclass(kw_only=True)
class Change:
    """更新说明: 记录发布后的一次修改，显示在页面上并写入订阅."""

    date: dt.date = f("日期")
    note: str = f("更新内容", "改了什么，如 更正附件2中的补贴标准")


@dataclass(kw_only=True)
class Redirect:
    """一条网址跳转: 改名或删除的记录，旧网址跳到新页面."""

    old: SitePath = f("旧网址", "网站内原来的页面路径，如 gfxwj/sfbf-2023-1/")
    new: SitePath = f("新网址", "跳转到的页面路径，如 gfxwj/sfbf-2023-12/，或栏目首页 gfxwj/")
    date: dt.date | None = f("日期", "改名或删除的日期", default=None)


@dataclass(kw_only=True)
class RedirectsFile:
    """redirects.yml: 网址跳转."""

    redirects: list[Redirect] = f("跳转", "改名或删除的记录的旧网址及跳转目标", default=[])


@dataclass(kw_only=True)
class SearchTermGroup:
    """一组同义词: 搜索其中任何一个词，也找出含有其他词的信息."""

    words: list[str] = f("词语", "意思相同的几种说法：群众常说的简称和文件里的正式说法，至少两个，如 [低保, 最低生活保障]",
                         example=["低保", "最低生活保障"])


@dataclass(kw_only=True)
class SearchTermsFile:
    """search_terms.yml: 搜索同义词."""

    groups: list[SearchTermGroup] = f("同义词组", "每组是意思相同的词；没有此文件时使用内置的常用政策简称", default=[])


@dataclass(kw_only=True)
class PrivacyWaiver:
    """保密审查豁免: 确需公开的一项个人信息及公开的理由，栏目完整性检查逐条列出."""

    value_tail: str = f("号码或地址末尾", "被豁免内容的最后几位，至少 4 位（字），如手机号码后四位 5678、地址末尾 501室")
    reason: str = f("豁免理由", "公开的依据，如 依据……规定公示，或已取得本人书面同意")
    kind: PrivacyKind | None = f("类型", "身份证号、手机号码、固定电话、银行卡号、家庭住址；不填则任一类型", default=None)


@dataclass(kw_only=True)
class SiteContact:
    """网站联系方式."""

    address: str = f("地址", default="")
    phone: str = f("电话", default="")
    fax: str = f("传真", default="")
    email: str = f("电子邮箱", default="")
    postcode: str = f("邮政编码", default="")
    department: str = f("受理机构", "政府信息公开工作机构", default="")
    hours: str = f("办公时间", default="")


@dataclass(kw_only=True)
class SiteLink:
    """页脚中指向其他网站的一个链接（留言平台、政务新媒体账号）."""

    name: str = f("名称", "链接上显示的文字，如 示例县人民政府微信公众号")
    url: str = f("网址", "以 https:// 或 http:// 开头")


@dataclass(kw_only=True)
class AnnualFigures:
    """政府信息公开工作年度报告 第二十条(一) 所填数字."""

    year: int = f("年度")
    normative_valid: int = f("行政规范性文件现行有效件数")
    normative_issued: int = f("行政规范性文件本年制发件数", default=0)
    normative_repealed: int = f("行政规范性文件本年废止件数", default=0)
    rules_valid: int = f("规章现行有效件数", default=0)
    rules_issued: int = f("规章本年制发件数", default=0)
    rules_repealed: int = f("规章本年废止件数", default=0)


@dataclass(kw_only=True)
class InputLimits:
    """读取记录文件的上限：超过即报错，防止误粘贴或恶意文件拖垮检查和生成."""

    max_file_kb: int = f("单个记录文件大小上限（KB）", "附件不受此限", default=2048)
    max_depth: int = f("嵌套层数上限", default=32)
    max_text_chars: int = f("单行字段字数上限", "标题、文号、单位等（正文以外的文字字段）", default=2000)
    max_markdown_chars: int = f("正文字段字数上限", "正文、答复等 Markdown 字段", default=300000)


@dataclass(kw_only=True)
class AuditThresholds:
    """检查规则的阈值."""

    interpretation_min_forms: int = f("解读形式最少种数", default=3)
    interpretation_workdays: int = f("解读发布时限（工作日）", default=3)
    stale_days_dynamic: int = f("动态类栏目更新时限（天）", default=14)
    stale_months_policy: int = f("政策文件、通知公告类栏目更新时限（月）", default=6)
    stale_months_other: int = f("其他栏目更新时限（月）", default=12)
    similarity_max: float = f("解读与原文相似度上限", "0–1，超过即视为照抄原文", default=0.6)
    interpretation_min_chars: int = f("解读正文最少字数", "不含小标题；少于此数视为罗列小标题的形式化解读",
                                      default=100)
    veto_empty_columns: int = f("空白栏目单项否决数", default=5)
    veto_stale_columns: int = f("不更新栏目单项否决数", default=5)
    annual_due_organ: str = f("部门、乡镇、街道年报公布期限", "次年的 月-日；条例第四十九条为 1月31日", default="01-31")
    annual_due_government: str = f("县政府年报公布期限", "次年的 月-日；条例第五十条为 3月31日", default="03-31")
    annual_similarity_max: float = f("年报文字相似度上限", "0–1；与上年或其他单位年报的文字相似度超过即视为照搬", default=0.8)
    consolidated_versions: Literal["检查", "不检查"] = f(
        "修订版检查", "检查：被修改的文件缺少修改后的完整文本（versions）时给出警告；不检查：不给出", default="检查")


@dataclass(kw_only=True)
class Leader:
    """单位领导."""

    name: str = f("姓名")
    title: str = f("职务", "如 局长、党组书记")
    duties: str = f("分工", "负责的工作", default="")


@dataclass(kw_only=True)
class AnnualReportLink:
    """一年的政府信息公开工作年度报告."""

    year: int = f("年度")
    path: SitePath = f("年报页面或文件", "网站内路径，如 files/fgj-ndbg-2024.pdf 或 xxgk/ndbg/")


@dataclass(kw_only=True)
class CategoryNote:
    """法定主动公开内容中确无信息的类别及说明."""

    category: str = f("类别", "法定主动公开内容的类别标识，如 xzxk（行政许可）")
    note: str = f("说明", "向公众说明为什么没有这类信息，如 本单位不承担行政许可职能")


@dataclass(kw_only=True)
class Unit:
    """units/<标识>/unit.yml: 发布单位（县政府部门、乡镇、街道、公共企事业单位）."""

    name: str = f("全称", "如 示例县发展和改革局")
    kind: UnitKind = f("类型", "部门、乡镇、街道、公共企事业单位（县政府本身的信息在 portal.yml 中）")
    credit_code: str = f("统一社会信用代码", "18 位，末位为校验码；本单位索引号的前缀")
    short_name: str = f("简称", "如 县发改局；任务分工中按全称或简称认出本单位", default="")
    department: str = f("受理机构", "负责政府信息公开的内设机构，如 办公室", default="")
    address: str = f("办公地址", default="")
    postcode: str = f("邮政编码", default="")
    hours: str = f("办公时间", default="")
    phone: str = f("咨询电话", default="")
    fax: str = f("传真", default="")
    email: str = f("电子邮箱", default="")
    functions: Markdown = f("机构职能", "Markdown；显示在本单位的法定主动公开内容中", default="")
    leaders: list[Leader] = f("领导信息", "按惯例公开领导姓名、职务和分工时填写", default=[])
    system: Markdown = f("政府信息公开制度", "Markdown；不填时显示条例规定的通用制度说明", default="")
    apply: Markdown = f("依申请公开办法", "Markdown；不填时按条例写明申请方式和答复时限", default="")
    fees: Markdown = f("收费说明", "Markdown；不填时按条例第四十二条说明不收费", default="")
    annual_reports: list[AnnualReportLink] = f("年报", "各年度政府信息公开工作年度报告", default=[])
    empty_notes: list[CategoryNote] = f("无信息说明", "法定主动公开内容中确无信息的类别及说明", default=[])
    id: str = loader_field("标识")
    file: str = loader_field("文件")

    @property
    def label(self) -> str:
        return self.short_name or self.name


@dataclass(kw_only=True)
class PortalConfig:
    """portal.yml: 网站基本信息."""

    name: str = f("网站名称", example="示例县人民政府")
    agency: str = f("主办单位", example="示例县人民政府办公室")
    region: str = f("行政区划", default="")
    site_code: str = f("网站标识码", "SiteIDCode，如 5117220001", default="")
    domain: str = f("网站域名", "SiteDomain", default="")
    credit_code: str = f("统一社会信用代码", "索引号前缀", default="")
    contact: SiteContact = f("联系方式", default=None)
    # 页脚 (政府网站发展指引 国办发〔2017〕47号): what an inspector looks for at the foot of every page
    icp: str = f("ICP备案号", "如 蜀ICP备00000000号；页脚链接到工业和信息化部政务服务平台（ICP/IP地址/域名信息备案管理系统）",
                 default="")
    police_record: str = f("公安机关备案号", "如 川公网安备51172202000001号；页脚链接到全国互联网安全管理服务平台上本网站的备案信息",
                           default="")
    conac_url: str = f("党政机关网站标识链接", "机构编制部门为本网站核发的开办单位标识核验地址；页脚的党政机关网站标识链接到这里",
                       default="")
    error_report_url: str = f("我为政府网站找错", "“我为政府网站找错”入口网址；默认为全国政府网站找错平台，应改为本网站自己的入口",
                              default="https://zfwzzc.www.gov.cn/")
    message_board: SiteLink | None = f("留言平台", "12345 政务服务便民热线网上平台或留言、信箱：名称和网址", default=None)
    new_media: list[SiteLink] = f("政务新媒体", "本单位的政务微博、微信公众号、客户端等：每项名称和网址", default=[])
    annual_report: list[AnnualFigures] = f("年报数字", "政府信息公开年报中填报的数字", default=[])
    audit: AuditThresholds = f("检查阈值", default=None)
    limits: InputLimits = f("读取上限", "记录文件大小、嵌套层数和字段字数的上限", default=None)
    participation: ParticipationSettings = f("公众参与", "意见征集最少天数、反馈时限和建议提案公开时限", default=None)
    file: str = loader_field("文件")

    def __post_init__(self):
        self.participation = self.participation or ParticipationSettings()
        self.contact = self.contact or SiteContact()
        self.audit = self.audit or AuditThresholds()
        self.limits = self.limits or InputLimits()


@dataclass(kw_only=True)
class Column:
    """columns.yml 中的一个重点领域栏目."""

    id: str = f("栏目标识", "网址中使用的拼音首字母，如 czyjs")
    title: str = f("栏目名称", example="财政预决算")
    kind: ColumnKind = f("栏目类型", "决定更新时限：动态/要闻 14 天，政策文件/通知公告 6 个月，其他 12 个月", default="其他")
    interval_days: int | None = f("更新时限（天）", "覆盖按栏目类型确定的时限", default=None)
    empty_note: str = f("无内容说明", "栏目确无内容时向公众显示的说明", default="")
    description: str = f("栏目说明", default="")
    category: str = f("法定主动公开类别", "各单位法定主动公开内容中本栏目信息所属类别的标识，如 czzj；不填按标准领域默认归类",
                      default="")
    file: str = loader_field("文件")
    line: int = loader_field("行")


@dataclass(kw_only=True)
class ColumnsFile:
    """columns.yml: 重点领域栏目."""

    columns: list[Column] = f("栏目", "重点领域栏目列表")


@dataclass(kw_only=True)
class Version:
    """修订版: 文件经修改后的完整文本（修改文件施行之日起适用）；原文（body）是第一个版本."""

    date: dt.date = f("施行日期", "本版本开始适用的日期，即修改文件的施行日期")
    by: str = f("修改文件", "作出这次修改的规范性文件标识", ref="normative")
    body: Markdown = f("正文", "修改后的完整正文（Markdown），不是修改决定本身")


@dataclass(kw_only=True)
class NormativeDocument:
    """normative/<id>.yml: 规范性文件."""

    title: str = f("名称", "文件标题")
    doc_number: DocNumber = f("文号", "如 示府办发〔2023〕12号：年份用六角括号〔〕，序号不编虚位，以“号”结尾")
    index_number: str = f("索引号", "统一社会信用代码/年份-五位流水号，如 11511722MB00000003/2023-00012")
    issuer: str = f("发布机构")
    topic: str = f("主题分类", "如 民政、扶贫、救灾")
    written: dt.date = f("成文日期")
    published: dt.date = f("发布日期")
    effective: dt.date = f("施行日期")
    expires: dt.date | None = f("有效期至", "不填表示长期有效", default=None)
    validity: Validity | None = f("有效性", "可不填，由日期和修改、废止关系计算；填写时须与计算结果一致", default=None)
    amends: list[str] = f("修改的文件", "本文件修改的文件标识", default=[], ref="normative")
    amended_by: list[str] = f("被修改", "修改本文件的文件标识", default=[], ref="normative")
    repealed_by: str | None = f("被废止", "废止本文件的文件标识", default=None, ref="normative")
    repealed_on: dt.date | None = f("废止日期", "经清理宣布废止、库中无废止文件时填写", default=None)
    keywords: list[str] = f("关键词", default=[])
    columns: list[str] = f("所属重点领域", "重点领域栏目标识", default=[], ref="column")
    attachments: list[Attachment] = f("附件", "Word 和 PDF 标准电子文本", default=[])
    body: Markdown = f("正文", "Markdown", default="")
    versions: list[Version] = f("修订版", "被修改后的完整文本（修订版），按施行日期先后排列，每个写明施行日期、修改文件和"
                                "修改后的全文；body 是原文", default=[])
    review: Review = f("三审", "初审、复审、审发人姓名；三审不全的记录不发布", default=None, to_publish=True)
    privacy_waiver: list[PrivacyWaiver] = f("保密审查豁免", "确需公开的个人信息，逐项写明末尾几位和理由", default=[])
    changes: list[Change] = f("更新说明", "发布后的每次修改：日期和改了什么", default=[])
    withdrawn: Withdrawal | None = f("撤回", "撤回或撤销时填写；页面保留原网址，改为说明", default=None)
    id: str = loader_field("标识")
    unit: str = loader_field("发布单位")  # units/<id>/; "" for the county government (portal.yml)
    file: str = loader_field("文件")


@dataclass(kw_only=True)
class Interpretation:
    """interpretations/<id>.yml: 政策解读."""

    of: str = f("解读的文件", "规范性文件标识", ref="normative")
    title: str = f("标题")
    published: dt.date = f("发布日期")
    forms: list[InterpretationForm] = f("解读形式", default=["文字解读"])
    contact: Contact = f("咨询联系方式", default=None)
    body: Markdown = f("正文", "Markdown", default="")
    media: list[Attachment] = f("图解、视频等", default=[])
    review: Review = f("三审", "初审、复审、审发人姓名；三审不全的记录不发布", default=None, to_publish=True)
    privacy_waiver: list[PrivacyWaiver] = f("保密审查豁免", "确需公开的个人信息，逐项写明末尾几位和理由", default=[])
    changes: list[Change] = f("更新说明", "发布后的每次修改：日期和改了什么", default=[])
    withdrawn: Withdrawal | None = f("撤回", "撤回或撤销时填写；页面保留原网址，改为说明", default=None)
    id: str = loader_field("标识")
    unit: str = loader_field("发布单位")  # units/<id>/; "" for the county government (portal.yml)
    file: str = loader_field("文件")


@dataclass(kw_only=True)
class QA:
    """qa/<id>.yml: 政策问答."""

    question: str = f("问题")
    answer: Markdown = f("答复", "Markdown")
    topic: QaTopic = f("主题", "生育、教育、就业、创业、养老、医疗、纳税 等")
    basis: list[str] = f("政策依据", "规范性文件标识", default=[], ref="normative")
    department: str = f("答复部门", default="")
    updated: dt.date = f("更新日期")
    review: Review = f("三审", "初审、复审、审发人姓名；三审不全的记录不发布", default=None, to_publish=True)
    privacy_waiver: list[PrivacyWaiver] = f("保密审查豁免", "确需公开的个人信息，逐项写明末尾几位和理由", default=[])
    changes: list[Change] = f("更新说明", "发布后的每次修改：日期和改了什么", default=[])
    withdrawn: Withdrawal | None = f("撤回", "撤回或撤销时填写；页面保留原网址，改为说明", default=None)
    id: str = loader_field("标识")
    unit: str = loader_field("发布单位")  # units/<id>/; "" for the county government (portal.yml)
    file: str = loader_field("文件")


@dataclass(kw_only=True)
class Item:
    """items/<column>/<id>.yml: 重点领域信息."""

    title: str = f("标题")
    published: dt.date | None = f("发布日期", "不填视为未更新", default=None)
    formed: dt.date | None = f("形成日期", "信息形成或者变更的日期；标准目录的公开时限（如 20个工作日内）从这一天算起",
                               default=None)
    issuer: str = f("发布机构", default="")
    body: Markdown = f("正文", "Markdown", default="")
    attachments: list[Attachment] = f("附件", default=[])
    review: Review = f("三审", "初审、复审、审发人姓名；三审不全的记录不发布", default=None, to_publish=True)
    privacy_waiver: list[PrivacyWaiver] = f("保密审查豁免", "确需公开的个人信息，逐项写明末尾几位和理由", default=[])
    changes: list[Change] = f("更新说明", "发布后的每次修改：日期和改了什么", default=[])
    withdrawn: Withdrawal | None = f("撤回", "撤回或撤销时填写；页面保留原网址，改为说明", default=None)
    id: str = loader_field("标识")
    unit: str = loader_field("发布单位")  # units/<id>/; "" for the county government (portal.yml)
    column: str = loader_field("栏目")
    file: str = loader_field("文件")


@dataclass(kw_only=True)
class Task:
    """一项重点工作任务."""

    requirement: str = f("具体要求")
    no: str = f("序号", default="")
    title: str = f("工作任务", "简短名称", default="")
    lead: Units = f("牵头单位", default=[])
    responsible: Units = f("责任单位", default=[])
    guide: Units = f("指导单位", default=[])
    deadline: DeadlineText = f("完成时限", "日期，或 年底前、12月底前、持续推进、长期坚持 等", default="")
    status: TaskStatus | None = f("完成情况", default=None)
    remarks: str = f("备注", default="")
    evidence: list[SitePath] = f("佐证链接", "网站内页面路径，如 gfxwj/", default=[])
    line: int = loader_field("行")

    def units(self) -> list[str]:
        """Every unit named for the task, whatever its role (牵头, 责任, 指导)."""
        return [u for u in [*self.lead, *self.responsible, *self.guide] if u.strip()]


@dataclass(kw_only=True)
class Subsection:
    """任务分工表中的小标题，如 （一）加强经济发展政策的信息公开."""

    title: str = f("标题")
    tasks: list[Task] = f("任务", default=[])


@dataclass(kw_only=True)
class Section:
    """任务分工表中的大标题，如 一、加强经济领域信息公开."""

    title: str = f("标题")
    tasks: list[Task] = f("任务", default=[])
    subsections: list[Subsection] = f("小节", default=[])


@dataclass(kw_only=True)
class TaskList:
    """tasks/<year>.yml: 年度政务公开重点工作任务分工."""

    year: int = f("年度")
    title: str = f("标题")
    sections: list[Section] = f("部分")
    source: DocNumber = f("来源文件", "印发任务分工的文件文号", default="")
    privacy_waiver: list[PrivacyWaiver] = f("保密审查豁免", "确需公开的个人信息，逐项写明末尾几位和理由", default=[])
    id: str = loader_field("标识")
    file: str = loader_field("文件")


# 公众参与 (issue #16): 意见征集, 重大行政决策事项目录, 建议提案办理结果 ------------------------------------

ConsultationKind = Literal["重大行政决策预公开", "涉企意见征集", "其他征求意见"]
Adoption = Literal["采纳", "部分采纳", "未采纳"]
DecisionStage = Literal["征求意见", "审议", "公布"]
ProposalKind = Literal["人大代表建议", "政协委员提案"]
HandlingType = Literal["A类", "B类", "C类"]


@dataclass(kw_only=True)
class ParticipationSettings:
    """意见征集和建议提案的时限（portal.yml participation）."""

    min_days: int = f("征求意见最少天数", "含开始和截止当天；《重大行政决策程序暂行条例》（国务院令第713号）第十五条：一般不少于30日",
                      default=30)
    feedback_months: int = f("反馈时限（月）", "征集截止后多少个月内公布意见采纳情况；填了 feedback_workdays 时不用", default=1)
    feedback_workdays: int | None = f("反馈时限（工作日）", "征集截止后多少个工作日内公布采纳情况；填写时代替 feedback_months",
                                      default=None)
    proposal_workdays: int = f("建议提案公开时限（工作日）", "答复日期后多少个工作日内公开办理复文（本门户的要求）", default=20)


@dataclass(kw_only=True)
class ConsultationChannels:
    """意见征集的反馈渠道."""

    address: str = f("通信地址", "信函寄送地址（注明“征求意见”字样）", default="")
    postcode: str = f("邮政编码", default="")
    email: str = f("电子邮箱", default="")
    phone: str = f("联系电话", default="")
    fax: str = f("传真", default="")
    online: str = f("在线留言", "本县网上征集系统或留言平台的网址，以 https:// 或 http:// 开头", default="")
    enterprise: str = f("企业反馈渠道", "涉企意见征集须写明：如 通过县工商联、行业协会商会向企业定向征求意见，企业座谈会的时间地点",
                        default="")


@dataclass(kw_only=True)
class FeedbackPoint:
    """一类意见及其采纳情况."""

    opinion: str = f("意见", "意见的主要内容（归纳，不写提出人的个人信息）")
    result: Adoption = f("采纳情况", "采纳、部分采纳、未采纳")
    reason: str = f("理由", "部分采纳、未采纳的须说明理由", default="")
    count: int = f("条数", "同类意见的条数", default=1)


@dataclass(kw_only=True)
class ConsultationFeedback:
    """意见征集结果的反馈: 收到多少意见、采纳情况及理由."""

    date: dt.date = f("反馈日期", "公布意见采纳情况的日期")
    received: int = f("收到意见条数", "没有收到意见的写 0")
    summary: Markdown = f("采纳情况说明", "Markdown；总体采纳情况", default="")
    points: list[FeedbackPoint] = f("意见及采纳情况", "逐类列出意见、采纳情况和理由", default=[])


@dataclass(kw_only=True)
class Consultation:
    """consultations/<id>.yml: 意见征集（草案公开征求意见）."""

    title: str = f("标题", "如 关于公开征求《示例县……办法（征求意见稿）》意见的公告")
    kind: ConsultationKind = f("类型", "重大行政决策预公开、涉企意见征集、其他征求意见", default="其他征求意见")
    opens: dt.date = f("开始日期", "征求意见开始（发布）日期")
    closes: dt.date = f("截止日期", "征求意见截止日期（当天仍可提出意见）")
    published: dt.date | None = f("发布日期", "不填为开始日期；早于开始日期时，网站预告“即将开始”", default=None)
    draft: Markdown = f("草案", "征求意见稿全文，Markdown；也可作为附件上传", default="")
    draft_files: list[Attachment] = f("草案附件", "征求意见稿的 Word、PDF", default=[])
    explanation: Markdown = f("起草说明", "起草说明或解读，Markdown：为什么制定、主要内容、重点问题", default="")
    explanation_files: list[Attachment] = f("起草说明附件", default=[])
    channels: ConsultationChannels = f("反馈渠道", "通信地址、电子邮箱、电话、传真、在线留言，涉企的写明企业反馈渠道",
                                       default=None)
    feedback: ConsultationFeedback | None = f("意见反馈", "征集结束后填写：反馈日期、收到意见条数、采纳情况", default=None)
    decision: str | None = f("决策文件", "据此制定并已发布的规范性文件标识", default=None, ref="normative")
    review: Review = f("三审", "初审、复审、审发人姓名；三审不全的记录不发布", default=None, to_publish=True)
    privacy_waiver: list[PrivacyWaiver] = f("保密审查豁免", "确需公开的个人信息，逐项写明末尾几位和理由", default=[])
    changes: list[Change] = f("更新说明", "发布后的每次修改：日期和改了什么", default=[])
    withdrawn: Withdrawal | None = f("撤回", "撤回或撤销时填写；页面保留原网址，改为说明", default=None)
    id: str = loader_field("标识")
    unit: str = loader_field("发布单位")  # units/<id>/; "" for the county government (portal.yml)
    file: str = loader_field("文件")

    def __post_init__(self):
        self.channels = self.channels or ConsultationChannels()

    @property
    def release(self) -> dt.date:
        """The day the consultation goes public: its 发布日期, else its opening day."""
        return self.published or self.opens


@dataclass(kw_only=True)
class DecisionEntry:
    """重大行政决策事项目录中的一项."""

    title: str = f("决策事项", "如 示例县城区停车收费管理办法")
    sponsor: str = f("承办单位", default="")
    basis: str = f("决策依据或理由", default="")
    planned: str = f("计划完成时间", "如 2025年6月底前", default="")
    public_comment: Literal["需要", "不需要"] = f("公开征求意见", "需要、不需要（依法不公开等）", default="需要")
    stage: DecisionStage = f("进展", "征求意见、审议、公布", default="征求意见")
    consultation: str | None = f("意见征集", "公开征求意见的记录标识（consultations/<标识>.yml）", default=None,
                                 ref="consultation")
    decision: str | None = f("决策文件", "公布的规范性文件标识", default=None, ref="normative")


@dataclass(kw_only=True)
class DecisionCatalogue:
    """decisions/<id>.yml: 年度重大行政决策事项目录."""

    year: int = f("年度")
    published: dt.date = f("发布日期")
    title: str = f("标题", "不填时为“<单位><年度>年度重大行政决策事项目录”", default="")
    entries: list[DecisionEntry] = f("事项", "目录中的决策事项", default=[])
    review: Review = f("三审", "初审、复审、审发人姓名；三审不全的记录不发布", default=None, to_publish=True)
    id: str = loader_field("标识")
    unit: str = loader_field("发布单位")
    file: str = loader_field("文件")


@dataclass(kw_only=True)
class Proposal:
    """proposals/<id>.yml: 人大代表建议、政协委员提案办理结果."""

    kind: ProposalKind = f("类别", "人大代表建议、政协委员提案")
    year: int = f("年度", "建议、提案提出的年度")
    number: str = f("编号", "如 第12号、第0035号")
    title: str = f("标题", "建议或提案的标题")
    proposer: str = f("提出人", "代表或委员姓名，或“×××等3名代表”", default="")
    handler: str = f("主办单位", "不填时为发布单位", default="")
    handling: HandlingType = f("办理类型", "A类（所提问题已经解决或基本解决）、B类（正在解决或列入计划逐步解决）、"
                               "C类（因条件限制或其他原因需今后研究解决）")
    replied: dt.date = f("答复日期", "办理复文的日期")
    published: dt.date = f("公开日期")
    summary_only: Literal["全文", "摘要"] = f("公开方式", "公开复文全文或摘要", default="全文")
    reply: Markdown = f("答复内容", "办理复文全文或摘要，Markdown")
    review: Review = f("三审", "初审、复审、审发人姓名；三审不全的记录不发布", default=None, to_publish=True)
    privacy_waiver: list[PrivacyWaiver] = f("保密审查豁免", "确需公开的个人信息，逐项写明末尾几位和理由", default=[])
    changes: list[Change] = f("更新说明", "发布后的每次修改：日期和改了什么", default=[])
    withdrawn: Withdrawal | None = f("撤回", "撤回或撤销时填写；页面保留原网址，改为说明", default=None)
    id: str = loader_field("标识")
    unit: str = loader_field("发布单位")
    file: str = loader_field("文件")


# 政府信息公开工作年度报告 (国办公开办函〔2021〕30号) ------------------------------------------------------------
@dataclass(kw_only=True)
class ApplicantCounts:
    """年报表三的一行：按申请人分列的件数（自然人、法人或其他组织五类、总计）."""

    natural: int = f("自然人", default=0)
    business: int = f("商业企业", "法人或其他组织：商业企业", default=0)
    research: int = f("科研机构", "法人或其他组织：科研机构", default=0)
    charity: int = f("社会公益组织", "法人或其他组织：社会公益组织", default=0)
    legal: int = f("法律服务机构", "法人或其他组织：法律服务机构", default=0)
    other: int = f("其他", "法人或其他组织：其他", default=0)
    total: int | None = f("总计", "不填则按各列相加；填写时须等于各列之和", default=None)


@dataclass(kw_only=True)
class ApplicationTable:
    """年报表三：收到和处理政府信息公开申请情况（每行按申请人分列）."""

    new: ApplicantCounts = f("一、本年新收政府信息公开申请数量", default=None)
    carried_over: ApplicantCounts = f("二、上年结转政府信息公开申请数量", "应等于上年年报的“结转下年度继续办理”",
                                      default=None)
    granted: ApplicantCounts = f("（一）予以公开", default=None)
    partial: ApplicantCounts = f("（二）部分公开", "区分处理的，只计这一情形，不计其他情形", default=None)
    secret: ApplicantCounts = f("不予公开：1.属于国家秘密", default=None)
    forbidden: ApplicantCounts = f("不予公开：2.其他法律行政法规禁止公开", default=None)
    security: ApplicantCounts = f("不予公开：3.危及“三安全一稳定”", default=None)
    third_party: ApplicantCounts = f("不予公开：4.保护第三方合法权益", default=None)
    internal: ApplicantCounts = f("不予公开：5.属于三类内部事务信息", default=None)
    process: ApplicantCounts = f("不予公开：6.属于四类过程性信息", default=None)
    enforcement: ApplicantCounts = f("不予公开：7.属于行政执法案卷", default=None)
    inquiry: ApplicantCounts = f("不予公开：8.属于行政查询事项", default=None)
    not_held: ApplicantCounts = f("无法提供：1.本机关不掌握相关政府信息", default=None)
    to_make: ApplicantCounts = f("无法提供：2.没有现成信息需要另行制作", default=None)
    unclear: ApplicantCounts = f("无法提供：3.补正后申请内容仍不明确", default=None)
    petition: ApplicantCounts = f("不予处理：1.信访举报投诉类申请", default=None)
    repeated: ApplicantCounts = f("不予处理：2.重复申请", default=None)
    publication: ApplicantCounts = f("不予处理：3.要求提供公开出版物", default=None)
    excessive: ApplicantCounts = f("不予处理：4.无正当理由大量反复申请", default=None)
    confirmation: ApplicantCounts = f("不予处理：5.要求行政机关确认或重新出具已获取信息", default=None)
    no_correction: ApplicantCounts = f("其他处理：1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                                       default=None)
    no_fee: ApplicantCounts = f("其他处理：2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
                                default=None)
    other: ApplicantCounts = f("其他处理：3.其他", default=None)
    total: ApplicantCounts | None = f("（七）总计", "不填则按办理结果各行相加；填写时须等于各行之和", default=None)
    carried_forward: ApplicantCounts = f("四、结转下年度继续办理", default=None)

    def __post_init__(self):
        for fl in dataclasses.fields(self):
            if fl.name != "total" and getattr(self, fl.name) is None:
                setattr(self, fl.name, ApplicantCounts())


@dataclass(kw_only=True)
class ReviewCounts:
    """年报表四的一组：结果维持、结果纠正、其他结果、尚未审结、总计."""

    upheld: int = f("结果维持", default=0)
    corrected: int = f("结果纠正", default=0)
    other: int = f("其他结果", default=0)
    pending: int = f("尚未审结", default=0)
    total: int | None = f("总计", "不填则按各项相加；填写时须等于各项之和", default=None)


@dataclass(kw_only=True)
class ReviewTable:
    """年报表四：政府信息公开行政复议、行政诉讼情况."""

    reconsideration: ReviewCounts = f("行政复议", default=None)
    litigation_direct: ReviewCounts = f("行政诉讼：未经复议直接起诉", default=None)
    litigation_after: ReviewCounts = f("行政诉讼：复议后起诉", default=None)

    def __post_init__(self):
        for fl in dataclasses.fields(self):
            if getattr(self, fl.name) is None:
                setattr(self, fl.name, ReviewCounts())


@dataclass(kw_only=True)
class DocumentCounts:
    """年报表二 第二十条第（一）项的一行（规章或行政规范性文件），按年报实际填报的数字."""

    issued: int = f("本年制发件数", default=0)
    repealed: int = f("本年废止件数", default=0)
    valid: int = f("现行有效件数", default=0)


@dataclass(kw_only=True)
class AnnualReport:
    """ndbg/<年度>.yml（县政府）或 units/<单位>/ndbg/<年度>.yml: 政府信息公开工作年度报告（国办公开办函〔2021〕30号格式）."""

    year: int = f("年度", "报告的是哪一年，与文件名一致")
    published: dt.date = f("发布日期", "公布年报的日期：部门、乡镇、街道次年1月31日前，县政府次年3月31日前")
    overview: Markdown = f("一、总体情况", "Markdown：主动公开、依申请公开、政府信息管理、平台建设、监督保障等")
    permits: int = f("行政许可本年处理决定数量", "表二 第二十条第（五）项", default=0)
    penalties: int = f("行政处罚本年处理决定数量", "表二 第二十条第（六）项", default=0)
    coercion: int = f("行政强制本年处理决定数量", "表二 第二十条第（六）项", default=0)
    fees: float = f("行政事业性收费本年收费金额（万元）", "表二 第二十条第（八）项", default=0)
    rules: DocumentCounts | None = f("规章（年报填报数）", "表二 第二十条第（一）项；不填则按文件库截至12月31日计算，"
                                     "填写时须与文件库一致", default=None)
    normative: DocumentCounts | None = f("行政规范性文件（年报填报数）", "表二 第二十条第（一）项；不填则按文件库截至12月31日"
                                         "计算，填写时须与文件库一致", default=None)
    applications: ApplicationTable = f("三、收到和处理政府信息公开申请情况", "每行按自然人、法人或其他组织五类分列",
                                       default=None)
    reviews: ReviewTable = f("四、政府信息公开行政复议、行政诉讼情况", default=None)
    problems: Markdown = f("五、存在的主要问题及改进情况", "Markdown")
    processing_fees: float = f("信息处理费（元）", "本年收取的信息处理费金额，在“六、其他需要报告的事项”中报告"
                               "（《政府信息公开信息处理费管理办法》国办函〔2020〕109号）", default=0)
    fee_notices: int = f("收费通知件数", "本年发出的信息处理费收费通知件数", default=0)
    other: Markdown = f("六、其他需要报告的事项", "Markdown：落实年度政务公开工作要点、人大代表建议和政协提案办理结果公开等",
                        default="")
    review: Review = f("三审", "初审、复审、审发人姓名；三审不全的年报不发布", default=None, to_publish=True)
    id: str = loader_field("标识")
    unit: str = loader_field("发布单位")  # units/<id>/; "" for the county government (portal.yml)
    file: str = loader_field("文件")

    def __post_init__(self):
        self.applications = self.applications or ApplicationTable()
        self.reviews = self.reviews or ReviewTable()


# 基层政务公开标准目录 (the national guidelines of the 26 areas) ----------------------------------------------------
@dataclass(kw_only=True)
class CatalogueEntry:
    """标准目录中的一个公开事项：国家各领域基层政务公开标准指引中目录的一行."""

    first: str = f("一级事项", "如 预决算公开")
    second: str = f("二级事项", "如 部门预算", default="")
    content: str = f("公开内容（要素）")
    basis: str = f("公开依据", "法律法规和文件名称、条款")
    deadline: str = f("公开时限", "如 信息形成或者变更之日起20个工作日内、每季度、每年；写“每月”“每季度”“每半年”“每年”"
                      "的，按它检查是否逾期未更新")
    subject: str = f("公开主体", "如 县财政局、各乡镇人民政府")
    channels: list[str] = f("公开渠道和载体", default=["政府网站"])
    audience: Literal["全社会", "特定群体"] = f("公开对象", default="全社会")
    mode: Literal["主动", "依申请"] = f("公开方式", default="主动")
    levels: list[Literal["县级", "乡级"]] = f("公开层级", default=["县级"])
    column: str = f("栏目", "发布这一事项的重点领域栏目或法定主动公开类别标识；不填为本目录的栏目", default="")
    keywords: list[str] = f("关键词", "栏目中标题含任一关键词的信息算作这一事项已公开的信息；不填则栏目中的全部信息都算"
                            "（填了 records 时只算 records）", default=[])
    records: list[str] = f("对应信息", "落实这一事项的信息标识（重点领域信息或规范性文件的文件名），不论在哪个栏目；"
                           "与关键词找到的信息合起来算", default=[])


@dataclass(kw_only=True)
class Catalogue:
    """catalogues/<栏目>.yml: 一个重点领域的基层政务公开标准目录，每个事项对应发布它的栏目和信息."""

    title: str = f("目录名称", "如 示例县财政预决算领域基层政务公开标准目录")
    source: str = f("依据", "该领域基层政务公开标准指引的名称", default="")
    entries: list[CatalogueEntry] = f("公开事项")
    id: str = loader_field("标识")
    unit: str = loader_field("发布单位")  # units/<id>/catalogues/; "" for the county government's
    file: str = loader_field("文件")

RECORD_KINDS = {
    "normative": NormativeDocument,
    "interpretation": Interpretation,
    "qa": QA,
    "item": Item,
    "tasks": TaskList,
    "unit": Unit,
    "annual-report": AnnualReport,
    "catalogue": Catalogue,
    "consultation": Consultation,
    "decisions": DecisionCatalogue,
    "proposal": Proposal,
}
