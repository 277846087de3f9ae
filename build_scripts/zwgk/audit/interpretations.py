"""Rule 6: every normative document has a timely, multi-form, substantive interpretation with a contact."""

from __future__ import annotations

import re

from ..dates import format_cn
from ..workdays import add_workdays, workdays_between
from .inventory import Context, doc_target, interp_target
from .model import Finding, Rule
from .sources import CONTACT, FORMS, NO_COPY, NO_HEADINGS, ONE_TO_ONE, THREE_WORKDAYS

MISSING = Rule(
    "R6.1",
    "文件无解读",
    "error",
    ONE_TO_ONE,
    "规范性文件没有政策解读（发布后 {limit} 个工作日的时限{deadline}已过）",
    "在 interpretations/ 下新建解读记录，of 填写该文件标识，文件与解读一一关联",
)
LATE = Rule(
    "R6.2",
    "解读发布超时",
    "warning",
    THREE_WORKDAYS,
    "解读发布于{published}，为文件发布（{doc_published}）后第 {days} 个工作日，超过 {limit} 个工作日的时限"
    "（{basis}）",
    "解读材料应与文件同步审签、同步发布，最迟在文件公开后 {limit} 个工作日内发布",
)
FEW_FORMS = Rule(
    "R6.3",
    "解读形式不足",
    "warning",
    FORMS,
    "“{doc}”的解读只用了 {count} 种形式（{forms}），少于 {minimum} 种",
    "增加简明问答、图解、视频、专家解读、媒体专访、在线访谈、负责人解读等形式，写入 forms",
)
NO_CONTACT = Rule(
    "R6.4",
    "解读未注明咨询方式",
    "warning",
    CONTACT,
    "解读未注明{missing}",
    "填写 contact: {{department: 咨询部门, person: 联系人, phone: 联系电话}}",
)
COPY = Rule(
    "R6.5",
    "解读照搬原文",
    "warning",
    NO_COPY,
    "解读正文有 {ratio} 的内容与原文件相同（上限 {maximum}）",
    "围绕出台背景、目的意义、主要内容、创新举措和理解难点归纳组织文字，不要摘抄文件原文",
)
HEADINGS_ONLY = Rule(
    "R6.6",
    "解读仅罗列小标题",
    "warning",
    NO_HEADINGS,
    "解读正文除小标题外只有 {chars} 字（至少 {minimum} 字），属于罗列小标题的形式化解读",
    "在每个小标题下写出实质内容：为什么出台、主要措施是什么、对群众和企业有什么影响",
)
RULES = (MISSING, LATE, FEW_FORMS, NO_CONTACT, COPY, HEADINGS_ONLY)

_WORD = re.compile(r"\w")
_HEADING = re.compile(
    r"^\s*(?:#{1,6}\s*|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、]|"
    r"第[一二三四五六七八九十百]+[章节条部分]|\*\*)"
)
HEADING_MAX_CHARS = (
    30  # a numbered line longer than this (or with a full stop) is text, not a heading
)


def _words(text: str) -> str:
    return "".join(_WORD.findall(text or "")).lower()


def containment(part: str, whole: str, n: int = 5) -> float:
    """Share of part's character n-grams (letters, digits, Han only) that also occur in whole."""
    a, b = _words(part), _words(whole)
    grams = {a[i : i + n] for i in range(len(a) - n + 1)}
    if not grams:
        return 0.0
    other = {b[i : i + n] for i in range(len(b) - n + 1)}
    return len(grams & other) / len(grams)


def substance(body: str) -> int:
    """Characters of text outside headings (a heading: a short numbered, bold or # line without a full stop)."""
    total = 0
    for line in (body or "").splitlines():
        words = _words(line)
        heading = _HEADING.match(line) and len(words) <= HEADING_MAX_CHARS and "。" not in line
        if not heading:
            total += len(words)
    return total


def _contact_missing(contact) -> list[str]:
    if contact is None:
        return ["咨询部门", "联系人", "联系电话"]
    return [
        label
        for label, value in (
            ("咨询部门", contact.department),
            ("联系人", contact.person),
            ("联系电话", contact.phone),
        )
        if not (value or "").strip()
    ]


def check(ctx: Context) -> list[Finding]:
    portal, limits, found = ctx.portal, ctx.limits, []
    n = limits.interpretation_workdays
    for doc in sorted(portal.documents.values(), key=lambda d: d.id):
        interps = portal.interpretations_of.get(doc.id, [])
        deadline, counted = add_workdays(doc.published, n)
        if not interps:
            if deadline < ctx.as_of:
                words = f"（{format_cn(deadline)}）" + (
                    "" if counted.official else f"，{counted.basis()}"
                )
                found.append(MISSING.finding(doc_target(doc), "zcjd", limit=n, deadline=words))
            continue
        first = interps[0]
        span = workdays_between(doc.published, first.published)
        if span.days > n:
            found.append(
                LATE.finding(
                    interp_target(first, "published"),
                    "zcjd",
                    published=format_cn(first.published),
                    doc_published=format_cn(doc.published),
                    days=span.days,
                    limit=n,
                    basis=span.basis(),
                )
            )
        forms = list(dict.fromkeys(f for i in interps for f in i.forms))
        if len(forms) < limits.interpretation_min_forms:
            found.append(
                FEW_FORMS.finding(
                    interp_target(first, "forms"),
                    "zcjd",
                    doc=doc.doc_number or doc.title,
                    count=len(forms),
                    forms="、".join(forms) or "无",
                    minimum=limits.interpretation_min_forms,
                )
            )
    for interp in sorted(portal.interpretations.values(), key=lambda i: i.id):
        missing = _contact_missing(interp.contact)
        if missing:
            found.append(
                NO_CONTACT.finding(
                    interp_target(interp, "contact"), "zcjd", missing="、".join(missing)
                )
            )
        ratio = containment(interp.body, portal.documents[interp.of].body)
        if ratio > limits.similarity_max:
            found.append(
                COPY.finding(
                    interp_target(interp, "body"),
                    "zcjd",
                    ratio=f"{ratio:.0%}",
                    maximum=f"{limits.similarity_max:.0%}",
                )
            )
        chars = substance(interp.body)
        pictures_only = not (interp.body or "").strip() and interp.media
        if chars < limits.interpretation_min_chars and not pictures_only:
            found.append(
                HEADINGS_ONLY.finding(
                    interp_target(interp, "body"),
                    "zcjd",
                    chars=chars,
                    minimum=limits.interpretation_min_chars,
                )
            )
    return found
