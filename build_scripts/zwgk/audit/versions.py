"""Rule 4 (texts of amended documents): an amendment in force has its consolidated text; no version repeats the one
before it. Both are this portal's own requirements (versions in the record, pages/versions.py)."""

from __future__ import annotations

from dataclasses import replace

from ..dates import format_cn
from ..versions import same_text
from ..yamlnodes import where
from .inventory import Context, doc_target
from .model import Finding, Rule, Source

CONSOLIDATED = Source("本门户的要求：被修改的文件公布修改后的完整文本（versions），供公众查阅现行文本和历史文本；"
                      "可在 portal.yml audit.consolidated_versions 中设为“不检查”")
SAME_TEXT = Source("本门户的要求：每个修订版是修改后的完整文本（versions）")

TEXT_MISSING = Rule(
    "R4.5",
    "被修改的文件缺少修改后的文本",
    "warning",
    CONSOLIDATED,
    "“{amender}”自{day}起修改本文件，文件页仍显示修改前的文本",
    "在本文件的 versions 中加一项：date: {date}、by: {by}、body: 修改后的完整正文",
)
TEXT_UNCHANGED = Rule(
    "R4.6",
    "修订版与上一版本相同",
    "warning",
    SAME_TEXT,
    "{label}（{day}起施行）的正文与上一版本完全相同，看不出“{amender}”改了什么",
    "把修改文件的改动写进该修订版的 body；确实没有改动的，删除这个修订版",
)
RULES = (TEXT_MISSING, TEXT_UNCHANGED)


def check(ctx: Context) -> list[Finding]:
    portal, found = ctx.portal, []
    docs = portal.records.normative
    wanted = portal.config.audit.consolidated_versions == "检查"
    for doc in sorted(portal.documents.values(), key=lambda d: d.id):
        versions = portal.versions.get(doc.id, [])
        covered = {v.by for v in versions}
        if wanted and portal.validity[doc.id].in_force:
            for amender_id in portal.amended_by.get(doc.id, []):
                amender = docs.get(amender_id)
                if amender and amender.effective <= ctx.as_of and amender_id not in covered:
                    found.append(TEXT_MISSING.finding(
                        doc_target(doc, "versions" if doc.versions else None), "gfxwj",
                        amender=amender.doc_number or amender.title, day=format_cn(amender.effective),
                        date=amender.effective.isoformat(), by=amender_id))
        for before, version in zip(versions, versions[1:]):
            if same_text(before.body, version.body):
                record = next(v for v in doc.versions if v.by == version.by)
                amender = docs[version.by]
                target = replace(doc_target(doc), line=where(record, "body")[0])  # the version's own text
                found.append(TEXT_UNCHANGED.finding(
                    target, "gfxwj", label=version.label, day=format_cn(version.date),
                    amender=amender.doc_number or amender.title))
    return found
