"""Rule 3: normative documents carry every element, a GB/T 9704 文号, a well-formed 索引号, Word and PDF texts."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import replace

import yaml

from ..datecheck import document_conflicts
from ..dates import normalise_digits
from ..docnumber import is_standard
from ..records import NormativeDocument
from ..yamlnodes import where
from .inventory import Context, doc_target
from .model import Finding, Rule
from .sources import DOC_NUMBER, ELEMENTS, INDEX_NUMBER, STANDARD_TEXTS

ELEMENTS_MISSING = Rule(
    "R3.1",
    "文件要素缺失",
    "error",
    ELEMENTS,
    "规范性文件缺少要素：{missing}",
    "在文件记录中补全 {fields}",
)
DATES_CONFLICT = Rule(
    "R3.2",
    "文件日期矛盾",
    "warning",
    ELEMENTS,
    "文件日期前后矛盾：{conflict}",
    "核对成文日期、发布日期、施行日期和有效期至",
)
NUMBER_FORMAT = Rule(
    "R3.3",
    "文号不规范",
    "error",
    DOC_NUMBER,
    "文号“{value}”不符合 GB/T 9704：{problem}{shown}",
    "文号写作“发文机关代字〔年份〕序号号”，如 ×府办发〔2023〕12号：年份用六角括号〔〕、写全四位，"
    "序号不加“第”字、不编虚位，以“号”结尾；规章写作 ××县人民政府令第1号",
)
INDEX_FORMAT = Rule(
    "R3.4",
    "索引号不规范",
    "error",
    INDEX_NUMBER,
    "索引号“{value}”不符合“统一社会信用代码/年份-流水号”：{problem}",
    "写作 18 位统一社会信用代码/四位年份-流水号，如 {example}",
)
TEXTS_MISSING = Rule(
    "R3.5",
    "缺少 Word 或 PDF 文本",
    "error",
    STANDARD_TEXTS,
    "缺少{missing}标准电子文本",
    "把正式文本放到 {files}，并在 attachments 中列出 Word（.doc/.docx）和 PDF（.pdf）两个版本",
)
FILE_MISSING = Rule(
    "R3.6",
    "附件文件不存在",
    "error",
    STANDARD_TEXTS,
    "附件“{title}”的文件 {path} 不存在",
    "把文件放到 {records}/{path}，或改正 attachments 中的路径",
)
RULES = (ELEMENTS_MISSING, DATES_CONFLICT, NUMBER_FORMAT, INDEX_FORMAT, TEXTS_MISSING, FILE_MISSING)

ELEMENT_FIELDS = ("title", "doc_number", "index_number", "issuer", "topic", "body")
WORD_SUFFIXES = (".doc", ".docx", ".wps")
_LABELS = {f.name: f.metadata["label"] for f in dataclasses.fields(NormativeDocument)}
_BRACKETS = "〔〕[]【】()（）［］﹝﹞〖〗<>〈〉"
_FULLWIDTH_DIGITS = re.compile("[０-９]")
_CREDIT_CODE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{18}$")


def doc_number_problem(value: str) -> str | None:
    """Why a 文号 breaks GB/T 9704—2012 7.2.4 (None when it is right)."""
    text = value.strip()
    if "令第" in text:
        m = re.match(r"^(.+令)第([1-9]\d*)号$", text)
        return None if m else "规章令号应写作“……令第N号”，令号为半角数字、不编虚位"
    if is_standard(text):
        return None
    problems = []
    if re.search(r"\s", text):
        problems.append("含有空格")
        text = re.sub(r"\s", "", text)
    if _FULLWIDTH_DIGITS.search(text):
        problems.append("数字应为半角阿拉伯数字")
        text = normalise_digits(text)
    m = re.match(
        r"^(?P<org>[^" + re.escape(_BRACKETS) + r"]*)(?P<open>[" + re.escape(_BRACKETS) + r"])"
        r"(?P<year>[^"
        + re.escape(_BRACKETS)
        + r"]*)(?P<close>["
        + re.escape(_BRACKETS)
        + r"])(?P<rest>.*)$",
        text,
    )
    if not m:
        problems.append("缺少用六角括号〔〕括入的年份")
        return "；".join(problems)
    if not m.group("org"):
        problems.append("缺少发文机关代字")
    if m.group("open") != "〔" or m.group("close") != "〕":
        problems.append(f"年份应使用六角括号〔〕，不用“{m.group('open')}{m.group('close')}”")
    if not re.fullmatch(r"\d{4}", m.group("year")):
        problems.append("年份应标全称（四位数字）")
    rest = m.group("rest")
    if rest.startswith("第"):
        problems.append("序号前不加“第”字")
        rest = rest[1:]
    if not rest.endswith("号"):
        problems.append("应以“号”结尾")
    serial = rest.removesuffix("号")
    if not serial.isdigit():
        problems.append("序号应为阿拉伯数字")
    elif serial.startswith("0"):
        problems.append("序号不编虚位（1 不编为 01）")
    return "；".join(problems) or "不符合“发文机关代字〔年份〕序号号”的写法"


def typed_doc_number(ctx: Context, doc) -> str:
    """The 文号 as written in the record: the loader normalises it (with a warning), the audit reports it."""
    line = where(doc, "doc_number")[0]
    if not any(p.path == doc.file and p.line == line for p in ctx.portal.warnings):
        return doc.doc_number
    path = ctx.portal.records.root.parent / doc.file
    try:
        node = yaml.compose(path.read_text(encoding="utf-8-sig"), Loader=yaml.SafeLoader)
        return next(str(v.value) for k, v in node.value if k.value == "doc_number")
    except (OSError, yaml.YAMLError, StopIteration, AttributeError):
        return doc.doc_number


def index_number_problem(value: str) -> str | None:
    """Why a 索引号 is not 统一社会信用代码/年份-流水号 (None when it is right)."""
    text = value.strip()
    if "/" not in text:
        return "缺少分隔统一社会信用代码与年份的“/”"
    code, _, tail = text.partition("/")
    problems = []
    if not _CREDIT_CODE.match(code):
        problems.append(f"“{code}”不是 18 位统一社会信用代码")
    m = re.fullmatch(r"(\d{4})-(\d+)", tail)
    if not m:
        problems.append(f"“{tail}”应为“四位年份-流水号”")
    return "；".join(problems) or None


def index_example(ctx: Context) -> str:
    """An 索引号 in this portal's own form (its credit code from portal.yml) for the hint."""
    code = ctx.portal.config.credit_code.strip() or "统一社会信用代码"
    return f"{code}/{ctx.as_of.year}-00012"


def missing_attachments(ctx: Context, record) -> list:
    """Attachments (and media) of a record whose file is not in files/ (a link does not count)."""
    present = ctx.portal.records.files
    return [
        att
        for name in ("attachments", "media")
        for att in getattr(record, name, [])
        if att.path not in present
    ]


def check(ctx: Context) -> list[Finding]:
    found = []
    for doc in sorted(ctx.portal.documents.values(), key=lambda d: d.id):
        missing = [f for f in ELEMENT_FIELDS if not str(getattr(doc, f) or "").strip()]
        if missing:
            found.append(
                ELEMENTS_MISSING.finding(
                    doc_target(doc, missing[0]),
                    "gfxwj",
                    missing="、".join(_LABELS[f] for f in missing),
                    fields="、".join(f"{f}（{_LABELS[f]}）" for f in missing),
                )
            )
        conflicts = [message for _field, message in document_conflicts(doc)]
        if conflicts:
            found.append(
                DATES_CONFLICT.finding(
                    doc_target(doc, "published"), "gfxwj", conflict="；".join(conflicts)
                )
            )
        typed = typed_doc_number(ctx, doc)
        if typed.strip():
            problem = doc_number_problem(typed)
            if problem:
                shown = (
                    f"（网站上已按规范显示为“{doc.doc_number}”）" if doc.doc_number != typed else ""
                )
                found.append(
                    NUMBER_FORMAT.finding(
                        doc_target(doc, "doc_number"),
                        "gfxwj",
                        value=typed,
                        problem=problem,
                        shown=shown,
                    )
                )
        if doc.index_number.strip():
            problem = index_number_problem(doc.index_number)
            if problem:
                found.append(
                    INDEX_FORMAT.finding(
                        doc_target(doc, "index_number"),
                        "gfxwj",
                        value=doc.index_number,
                        problem=problem,
                        example=index_example(ctx),
                    )
                )
        suffixes = [att.path.lower() for att in doc.attachments]
        lacking = [
            name
            for name, ends in (("Word版", WORD_SUFFIXES), ("PDF版", (".pdf",)))
            if not any(s.endswith(ends) for s in suffixes)
        ]
        if lacking:
            found.append(
                TEXTS_MISSING.finding(
                    doc_target(doc, "attachments"),
                    "gfxwj",
                    missing="和".join(lacking),
                    files=f"{ctx.records_name}/files/",
                )
            )
        for att in missing_attachments(ctx, doc):
            found.append(
                FILE_MISSING.finding(
                    replace(doc_target(doc), line=where(att, "path")[0]),
                    "gfxwj",
                    title=att.title or att.path,
                    path=att.path,
                    records=ctx.records_name,
                )
            )
    return found
