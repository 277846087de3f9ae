"""Link records into a Portal: cross references both ways, validity as of a date, review filter."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field, replace

from . import derived
from .consultation import Participation, link_participation, participation_problems
from .datecheck import changes_too_early, document_conflicts, interpretation_too_early
from .dates import DateFormatError, format_cn, parse_deadline
from .errors import Problem, RecordError
from .disclosure import BY_ID as CATEGORIES_BY_ID
from .files import references, unreferenced
from .units import all_units, unit_problems
from .load import Records, iter_tasks
from .privacy import check_privacy
from .schedule import split_scheduled
from .siteinfo import site_problems
from .standards import catalogue_problems
from .records import QA, Column, Interpretation, Item, NormativeDocument
from .validity import ValidityStatus, compute_validity
from .versions import TextVersion, text_versions, version_problems
from .yamlnodes import where


@dataclass
class Portal:
    """The cross-referenced site content as of one date. Built by link(); read by pages and audit."""

    records: Records
    as_of: dt.date
    documents: dict[str, NormativeDocument]
    interpretations: dict[str, Interpretation]
    qa: dict[str, QA]
    items: list[Item]
    validity: dict[str, ValidityStatus]
    amended_by: dict[str, list[str]]
    amends: dict[str, list[str]]
    repeals: dict[str, list[str]]
    interpretations_of: dict[str, list[Interpretation]]
    qa_of: dict[str, list[QA]]
    items_of: dict[str, list[Item]]
    unreviewed: list[object] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    files: dict[str, int] = field(default_factory=dict)  # 'files/…' → size: what published records name
    withdrawn: list[object] = field(default_factory=list)  # reviewed records withdrawn: a notice at their address
    units: dict = field(default_factory=dict)  # every publishing unit by id, the county government ('') first
    # 定时发布: reviewed records dated after as_of (schedule.Scheduled, by day), absent from `records` and
    # everything else here; `records` holds the records as of as_of
    scheduled: list = field(default_factory=list)
    # each published document's texts (versions.py): the original, then the consolidated texts whose amending
    # document exists as of as_of; pages pick the one in force
    versions: dict[str, list[TextVersion]] = field(default_factory=dict)
    # 公众参与 (#16): consultations with their state as of as_of, 事项目录, 建议提案, linked to documents
    participation: Participation = field(default_factory=Participation)

    @property
    def config(self):
        return self.records.portal

    def unit_of(self, record):
        """The unit a record was filed under."""
        return self.units[getattr(record, "unit", None) or ""]

    @property
    def columns(self) -> list[Column]:
        return self.records.columns

    @property
    def tasks(self):
        return self.records.tasks

    def documents_newest_first(self) -> list[NormativeDocument]:
        return sorted(self.documents.values(), key=lambda d: (d.published, d.id), reverse=True)

    def standing(self, record) -> int:
        """Where a record goes in a list that mixes documents (validity.STANDING): a document by its validity;
        any other record counts as in force (0)."""
        if isinstance(record, NormativeDocument) and record.id in self.validity:
            return self.validity[record.id].standing
        return 0

    def in_force_first(self, entries, record=lambda e: e) -> list:
        """A list (newest first) with documents in force first, then those not yet in force, then repealed and
        expired ones; the order within each group is kept. record(entry) is the entry's record."""
        return sorted(entries, key=lambda e: self.standing(record(e)))


def check_references(records: Records) -> list[Problem]:
    """References to ids that do not exist, duplicate numbers, and amend/repeal cycles."""
    problems: list[Problem] = []
    docs = records.normative
    column_ids = {c.id for c in records.columns}

    def missing(record, name, ref_id, kind_label, known):
        line, col = where(record, name)
        close = _closest(ref_id, known)
        problems.append(Problem(record.file, line, col, f"{kind_label}“{ref_id}”不存在",
                                f"是不是“{close}”？" if close else "检查标识是否与文件名一致"))

    seen_columns: dict[str, Column] = {}
    for column in records.columns:
        if column.id in seen_columns:
            problems.append(Problem(column.file, column.line, 1, f"栏目标识“{column.id}”重复",
                                    f"与第 {seen_columns[column.id].line} 行重复"))
        seen_columns[column.id] = column
    for doc in docs.values():
        for name in ("amends", "amended_by"):
            for ref in getattr(doc, name):
                if ref not in docs:
                    missing(doc, name, ref, "规范性文件", docs)
                elif ref == doc.id:
                    line, col = where(doc, name)
                    problems.append(Problem(doc.file, line, col, "文件不能修改或废止自己", ""))
        if doc.repealed_by:
            if doc.repealed_by not in docs:
                missing(doc, "repealed_by", doc.repealed_by, "规范性文件", docs)
            elif doc.repealed_by == doc.id:
                line, col = where(doc, "repealed_by")
                problems.append(Problem(doc.file, line, col, "文件不能修改或废止自己", ""))
        for ref in doc.columns:
            if ref not in column_ids:
                missing(doc, "columns", ref, "栏目", column_ids)
    for interp in records.interpretations.values():
        if interp.of not in docs:
            missing(interp, "of", interp.of, "被解读的规范性文件", docs)
    for qa in records.qa.values():
        for ref in qa.basis:
            if ref not in docs:
                missing(qa, "basis", ref, "政策依据文件", docs)
    item_folders = column_ids | set(CATEGORIES_BY_ID)  # a key-area column, or a 法定主动公开 category
    for item in records.items:
        if item.column not in item_folders:
            close = _closest(item.column, item_folders)
            problems.append(Problem(item.file, 1, 1, f"栏目“{item.column}”不在 columns.yml 中，也不是法定主动公开内容的类别",
                                    f"是不是“{close}”？" if close else "先在 columns.yml 中添加该栏目"))
    for column in records.columns:
        if column.id in CATEGORIES_BY_ID:
            line, col = where(column, "id")
            problems.append(Problem(column.file, line, col,
                                    f"栏目标识“{column.id}”与法定主动公开内容的类别“{CATEGORIES_BY_ID[column.id].title}”相同",
                                    "两者的信息都放在 items/<标识>/ 下，会分不清：给栏目换一个标识"))
        if column.category and column.category not in CATEGORIES_BY_ID:
            line, col = where(column, "category")
            problems.append(Problem(column.file, line, col, f"法定主动公开类别“{column.category}”不存在",
                                    "可选：" + "、".join(f"{c.id}（{c.title}）" for c in CATEGORIES_BY_ID.values())))
    for tasklist in records.tasks.values():
        for _section, _sub, task in iter_tasks(tasklist):
            problems += _incomplete_task(tasklist, task)
            if not task.deadline:
                continue
            try:
                parse_deadline(task.deadline, tasklist.year)
            except DateFormatError as exc:
                line, col = where(task, "deadline")
                problems.append(Problem(tasklist.file, line, col, str(exc),
                                        "写作日期（2023-06-30），或 年底前、6月底前、8月31日、持续推进、长期坚持、及时公开"))
    problems += unreferenced(records.root, records.files, references(records.all()))
    for record in [*docs.values(), *records.interpretations.values(), *records.items,
                   *records.consultations.values()]:
        for name in ("attachments", "media", "draft_files", "explanation_files"):
            for att in getattr(record, name, []):
                if att.path not in records.files and not (records.root / att.path).is_symlink():
                    line, col = where(att, "path")
                    problems.append(Problem(record.file, line, col, f"附件“{att.path}”不存在",
                                            f"把文件放到 {records.root.name}/{att.path}", "警告"))
    problems += _date_contradictions(records)
    problems += participation_problems(records)
    problems += _redirect_problems(records)
    problems += unit_problems(records)
    problems += catalogue_problems(records)  # 标准目录 (#17): its column and each 事项's
    problems += _duplicates(docs.values(), "doc_number", "文号")
    problems += _duplicates(docs.values(), "index_number", "索引号")
    problems += _cycles(docs)
    problems += version_problems(records)
    return problems


def _date_contradictions(records: Records) -> list[Problem]:
    """Warnings for dates that contradict each other (zwgk.datecheck), at the field that is likely wrong."""
    docs, found = records.normative, []

    def warn(record, field_name, message, hint):
        line, col = where(record, field_name)
        found.append(Problem(record.file, line, col, message, hint, "警告"))

    # (changer, changed, relation, the record and field that state it): each pair once, where it is written
    pairs: dict[tuple[str, str], tuple] = {}
    for doc in docs.values():
        for field_name, message in document_conflicts(doc):
            warn(doc, field_name, message, "核对成文日期、发布日期、施行日期、有效期至和文号，以正式文件为准")
        for other in doc.amended_by:
            pairs.setdefault((other, doc.id), ("修改", doc, "amended_by"))
        for other in doc.amends:
            pairs.setdefault((doc.id, other), ("修改", doc, "amends"))
        if doc.repealed_by:
            pairs.setdefault((doc.repealed_by, doc.id), ("废止", doc, "repealed_by"))
    for (changer_id, changed_id), (relation, record, field_name) in pairs.items():
        changer, changed = docs.get(changer_id), docs.get(changed_id)
        if changer and changed and changes_too_early(changer, changed):
            warn(record, field_name,
                 f"“{changer.doc_number or changer.title}”（发布于{format_cn(changer.published)}）{relation}"
                 f"“{changed.doc_number or changed.title}”（发布于{format_cn(changed.published)}），却不晚于后者发布",
                 "修改、废止只能由较晚发布的文件作出：核对两份文件的发布日期和引用的标识")
    for interp in records.interpretations.values():
        doc = docs.get(interp.of)
        message = doc and interpretation_too_early(interp, doc)
        if message:
            warn(interp, "published", message, "核对解读和文件的发布日期；解读应与文件同步或在其后发布")
    return found


def _redirect_problems(records: Records) -> list[Problem]:
    """A redirect to itself, or two from the same address."""
    found, seen = [], {}
    for r in records.redirects:
        line, col = where(r, "old")
        old, new = r.old.strip("/"), r.new.strip("/")
        if old == new:
            found.append(Problem("redirects.yml", line, col, f"旧网址和新网址相同：{r.old}", "删除这一条"))
        elif old in seen:
            found.append(Problem("redirects.yml", line, col, f"旧网址“{r.old}”重复（第 {seen[old]} 行已有）",
                                 "每个旧网址只能跳到一个地方：删除其中一条"))
        seen.setdefault(old, line)
    return [replace(p, path=f"{records.root.name}/redirects.yml") for p in found]


def _incomplete_task(tasklist, task) -> list[Problem]:
    """Warnings for what the task table left open: no unit at all, no 序号, no deadline."""
    line, col = where(task)
    missing = [
        (not task.units(), "任务没有落实单位（牵头、责任、指导单位都没有填写）",
         "在 lead（牵头单位）或 responsible（责任单位）中填写"),
        (not str(task.no).strip(), "任务没有序号", "在 no 中填写原表的序号"),
        (not task.deadline.strip(), "任务没有完成时限",
         "在 deadline 中填写日期或 年底前、6月底前、持续推进 等；原表确无时限的写 持续推进"),
    ]
    return [Problem(tasklist.file, line, col, message, hint, "警告") for lacking, message, hint in missing if lacking]


def _closest(value: str, known) -> str | None:
    import difflib

    close = difflib.get_close_matches(value, list(known), n=1, cutoff=0.5)
    return close[0] if close else None


def _duplicates(docs, attr: str, label: str) -> list[Problem]:
    first: dict[str, NormativeDocument] = {}
    problems = []
    for doc in sorted(docs, key=lambda d: d.file):
        value = getattr(doc, attr).replace(" ", "")
        if value in first:
            line, col = where(doc, attr)
            problems.append(Problem(doc.file, line, col, f"{label}“{getattr(doc, attr)}”与 {first[value].file} 重复",
                                    f"每份文件的{label}必须唯一"))
        else:
            first[value] = doc
    return problems


def _cycles(docs: dict[str, NormativeDocument]) -> list[Problem]:
    """A document may not (transitively) amend or repeal itself."""
    edges: dict[str, set[str]] = defaultdict(set)  # changed → changer
    for doc in docs.values():
        for a in doc.amended_by:
            edges[doc.id].add(a)
        if doc.repealed_by:
            edges[doc.id].add(doc.repealed_by)
        for target in doc.amends:
            edges[target].add(doc.id)
    problems, reported = [], set()
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]):
        state[node] = 1
        for nxt in sorted(edges.get(node, ())):
            if nxt not in docs:
                continue
            if state.get(nxt) == 1:
                cycle = trail[trail.index(nxt):] + [nxt]
                key = frozenset(cycle)
                if key not in reported:
                    reported.add(key)
                    first = docs[cycle[0]]
                    line, col = where(first, "repealed_by" if first.repealed_by else "amended_by")
                    problems.append(Problem(first.file, line, col,
                                            "修改、废止关系形成循环：" + " → ".join(cycle),
                                            "修改或废止只能由较晚的文件指向较早的文件"))
            elif nxt not in state:
                visit(nxt, trail + [nxt])
        state[node] = 2

    for doc_id in sorted(docs):
        if doc_id not in state:
            visit(doc_id, [doc_id])
    return problems


def _unreviewed(record) -> Problem:
    """The warning for a record held back until its 三审 is complete."""
    line, col = where(record, "review")
    return Problem(record.file, line, col, "未完成三审（初审、复审、审发），不予发布",
                   "补全 review: {first: …, second: …, final: …}", "警告")


def _reviewed(record) -> bool:
    return record.review is not None and record.review.complete


def link(records: Records, as_of: dt.date) -> Portal:
    """Cross-reference records as of a date. Raises RecordError on broken references."""
    with derived.for_one_link():
        return _link(records, as_of)


def _link(records: Records, as_of: dt.date) -> Portal:
    found = check_references(records) + check_privacy(records)  # 保密审查: personal data, attachments' metadata
    found += site_problems(records)  # the footer's 备案号, 标识 and links (国办发〔2017〕47号)
    if any(p.severity == "错误" for p in found):
        raise RecordError(found + records.warnings)
    unreviewed = [r for kind in (records.normative, records.interpretations, records.qa)
                  for r in kind.values() if not _reviewed(r)]
    unreviewed += [i for i in records.items if not _reviewed(i)]
    # 定时发布: records dated after as_of do not exist yet for anyone reading the portal (pages, audit)
    records, scheduled = split_scheduled(records, as_of, {id(r) for r in unreviewed})
    withdrawn = [r for kind in (records.normative, records.interpretations, records.qa) for r in kind.values()
                 if _reviewed(r) and r.withdrawn and r.withdrawn.date <= as_of]
    withdrawn += [i for i in records.items if _reviewed(i) and i.withdrawn and i.withdrawn.date <= as_of]
    excluded = {id(r) for r in unreviewed + withdrawn}
    all_docs = records.normative
    documents = {k: v for k, v in all_docs.items() if id(v) not in excluded}
    interps = {k: v for k, v in records.interpretations.items() if id(v) not in excluded and v.of in documents}
    qas = {k: v for k, v in records.qa.items() if id(v) not in excluded}
    items = [i for i in records.items if id(i) not in excluded]

    amended_by: dict[str, list[str]] = defaultdict(list)
    amends: dict[str, list[str]] = defaultdict(list)
    repeals: dict[str, list[str]] = defaultdict(list)
    for doc in all_docs.values():  # a link to a document not published yet (定时发布) does not exist yet
        for a in doc.amended_by:
            if a in all_docs:
                _add(amended_by[doc.id], a)
                _add(amends[a], doc.id)
        for t in doc.amends:
            if t in all_docs:
                _add(amends[doc.id], t)
                _add(amended_by[t], doc.id)
        if doc.repealed_by in all_docs:
            _add(repeals[doc.repealed_by], doc.id)

    validity = {d.id: compute_validity(d, all_docs, amended_by[d.id], as_of) for d in documents.values()}
    warnings = list(records.warnings) + found
    for doc in documents.values():
        if doc.validity and doc.validity != validity[doc.id].state:
            line, col = where(doc, "validity")
            warnings.append(Problem(doc.file, line, col,
                                    f"填写的有效性“{doc.validity}”与按 {as_of.isoformat()} 计算的“{validity[doc.id].state}”不一致",
                                    "核对施行日期、有效期和修改、废止关系，或删除 validity 一行由系统计算", "警告"))
    warnings += [_unreviewed(r) for r in unreviewed]

    interpretations_of: dict[str, list[Interpretation]] = defaultdict(list)
    for interp in sorted(interps.values(), key=lambda i: (i.published, i.id)):
        interpretations_of[interp.of].append(interp)
    qa_of: dict[str, list[QA]] = defaultdict(list)
    for qa in sorted(qas.values(), key=lambda q: q.id):
        for ref in qa.basis:
            qa_of[ref].append(qa)
    items_of: dict[str, list[Item]] = {c.id: [] for c in records.columns}
    for item in sorted(items, key=lambda i: (i.published or dt.date.min, i.id), reverse=True):
        items_of.setdefault(item.column, []).append(item)  # a 法定主动公开 category has no key-area column

    published = [*documents.values(), *interps.values(), *qas.values(), *items, *records.tasks.values(),
                 *records.units.values()]  # a unit's annual reports may be files/…
    participation = link_participation(records, as_of, documents)
    # consultations, 事项目录 and replies wait for 三审 like every record
    warnings += [_unreviewed(r) for r in participation.held
                 if not (getattr(r, "review", None) and r.review.complete)]
    published += [*participation.consultations.values(), *participation.proposals.values()]
    withdrawn += participation.withdrawn(as_of)  # a notice at their address, like every record's
    scheduled = sorted(scheduled + participation.scheduled(as_of), key=lambda s: (s.day, s.record.file))
    files = {path: records.files[path] for path in sorted(references(published)) if path in records.files}
    return Portal(records, as_of, documents, interps, qas, items, validity, dict(amended_by), dict(amends),
                  dict(repeals), dict(interpretations_of), dict(qa_of), items_of, unreviewed, warnings, files,
                  withdrawn, all_units(records), scheduled, participation=participation,
                  versions={d.id: text_versions(d, all_docs) for d in documents.values()})


def _add(lst: list[str], value: str) -> None:
    if value not in lst:
        lst.append(value)


def load_portal(root, as_of: dt.date) -> Portal:
    """Load and link in one step."""
    from .load import load_records

    return link(load_records(root), as_of)


__all__ = ["Portal", "link", "load_portal", "check_references", "iter_tasks"]
