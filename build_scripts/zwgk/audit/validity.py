"""Rule 4: the validity flag agrees with the computed one; amenders and repealers exist and come later."""

from __future__ import annotations

from ..datecheck import changes_too_early
from ..dates import format_cn
from ..yamlnodes import where
from .inventory import Context, doc_target
from .model import Finding, Rule, Target
from .sources import VALIDITY

MISMATCH = Rule(
    "R4.1",
    "有效性标注有误",
    "error",
    VALIDITY,
    "标注的有效性“{marked}”与按 {as_of} 计算的“{computed}”不一致{why}",
    "核对施行日期、有效期至和修改、废止关系；或删除 validity 一行，由系统计算有效性",
)
EXPIRED_VALID = Rule(
    "R4.2",
    "过期文件仍标注现行有效",
    "error",
    VALIDITY,
    "有效期至{expires}，已过期仍标注“现行有效”",
    "改为“已失效”或删除 validity 一行；确需继续执行的，应重新发文或发文延长有效期",
)
CHANGER_MISSING = Rule(
    "R4.3",
    "修改、废止文件未发布",
    "error",
    VALIDITY,
    "{relation}本文件的“{changer}”不在文件库中（未完成三审，未发布）",
    "完成该文件的三审（初审、复审、审发）后发布；引用有误的，改正 amended_by、amends 或 repealed_by",
)
CHANGER_EARLIER = Rule(
    "R4.4",
    "修改、废止文件早于原文件",
    "error",
    VALIDITY,
    "{relation}本文件的“{changer}”发布于{changer_date}，不晚于本文件的发布日期{date}",
    "修改、废止只能由较晚发布的文件作出：核对两份文件的发布日期及 amended_by、amends、repealed_by",
)
RULES = (MISMATCH, EXPIRED_VALID, CHANGER_MISSING, CHANGER_EARLIER)


def _why(status, docs) -> str:
    parts = []
    if status.since and status.state != "尚未生效":
        parts.append(f"自{format_cn(status.since)}起")
    if status.by and status.by in docs:
        parts.append(
            f"被“{docs[status.by].doc_number or status.by}”{'修改' if status.state == '已修改' else '废止'}"
        )
    return f"（{'，'.join(parts)}）" if parts else ""


def changers(doc, portal) -> list[tuple[str, str, Target]]:
    """(relation, changer id, where the link is written) for every amender and repealer of doc."""
    result = []
    for amender in portal.amended_by.get(doc.id, []):
        if amender in doc.amended_by or amender not in portal.records.normative:
            target = doc_target(doc, "amended_by")
        else:
            other = portal.records.normative[amender]
            target = Target(
                doc_target(doc).label,
                doc_target(doc).page,
                other.file,
                where(other, "amends")[0],
                doc.unit or "",
            )
        result.append(("修改", amender, target))
    if doc.repealed_by in portal.records.normative:  # a repealer not published yet (定时发布) is not there yet
        result.append(("废止", doc.repealed_by, doc_target(doc, "repealed_by")))
    return result


def check(ctx: Context) -> list[Finding]:
    portal, found = ctx.portal, []
    docs = portal.records.normative
    for doc in sorted(portal.documents.values(), key=lambda d: d.id):
        status = portal.validity[doc.id]
        if doc.validity == "现行有效" and doc.expires and doc.expires < ctx.as_of:
            found.append(
                EXPIRED_VALID.finding(
                    doc_target(doc, "validity"), "gfxwj", expires=format_cn(doc.expires)
                )
            )
        elif doc.validity and doc.validity != status.state:
            found.append(
                MISMATCH.finding(
                    doc_target(doc, "validity"),
                    "gfxwj",
                    marked=doc.validity,
                    as_of=ctx.as_of.isoformat(),
                    computed=status.state,
                    why=_why(status, docs),
                )
            )
        for relation, changer_id, target in changers(doc, portal):
            changer = docs[changer_id]
            name = changer.doc_number or changer.title
            if changer_id not in portal.documents:
                found.append(
                    CHANGER_MISSING.finding(target, "gfxwj", relation=relation, changer=name)
                )
            elif changes_too_early(changer, doc):
                found.append(
                    CHANGER_EARLIER.finding(
                        target,
                        "gfxwj",
                        relation=relation,
                        changer=name,
                        changer_date=format_cn(changer.published),
                        date=format_cn(doc.published),
                    )
                )
    return found
