"""Rule 7: Q&A answers rest on published documents that are still in force."""

from __future__ import annotations

from ..dates import format_cn
from ..pages.qa import stale_basis
from .inventory import Context, qa_target
from .model import Finding, Rule
from .sources import QA_BASIS

NO_BASIS = Rule(
    "R7.1",
    "问答缺少政策依据",
    "error",
    QA_BASIS,
    "问答没有填写政策依据",
    "在 basis 中填写答复所依据的规范性文件标识",
)
BASIS_UNPUBLISHED = Rule(
    "R7.2",
    "问答依据未发布",
    "error",
    QA_BASIS,
    "政策依据“{basis}”不在文件库中（未完成三审，未发布）",
    "完成依据文件的三审后发布，或改正 basis",
)
BASIS_INVALID = Rule(
    "R7.3",
    "问答依据已失效",
    "error",
    QA_BASIS,
    "政策依据《{title}》（{number}）{state}{detail}，答复可能已不适用",
    "按现行有效的文件修改答复并更新 basis 和 updated；政策已停止执行的，撤下该问答",
)
BASIS_CHANGED = Rule(
    "R7.4",
    "问答依据已修改",
    "warning",
    QA_BASIS,
    "政策依据《{title}》（{number}）{state}{detail}，须核对答复是否仍然适用",
    "对照修改后的条款核对答复，必要时修改答复、补充修改文件为依据，并更新 updated",
)
RULES = (NO_BASIS, BASIS_UNPUBLISHED, BASIS_INVALID, BASIS_CHANGED)


def _detail(status, docs) -> str:
    by = docs.get(status.by) if status.by else None
    return (
        f"（自{format_cn(status.since)}起" + (f"，{by.doc_number or by.title}" if by else "") + "）"
    )


def check(ctx: Context) -> list[Finding]:
    portal, found = ctx.portal, []
    docs = portal.records.normative
    for q in sorted(portal.qa.values(), key=lambda q: q.id):
        if not q.basis:
            found.append(NO_BASIS.finding(qa_target(q), "zcwd"))
        for ref in stale_basis(portal, q):
            if ref not in portal.documents:
                found.append(
                    BASIS_UNPUBLISHED.finding(
                        qa_target(q, "basis"),
                        "zcwd",
                        basis=docs[ref].doc_number if ref in docs else ref,
                    )
                )
                continue
            status, doc = portal.validity[ref], docs[ref]
            if status.state == "尚未生效":
                continue  # a Q&A may explain a policy before it takes effect
            rule = BASIS_INVALID if status.state in ("已废止", "已失效") else BASIS_CHANGED
            found.append(
                rule.finding(
                    qa_target(q, "basis"),
                    "zcwd",
                    title=doc.title,
                    number=doc.doc_number,
                    state=status.state,
                    detail=_detail(status, docs),
                )
            )
    return found
