"""保密审查 before publishing: personal data in every text field of every record and in the attachments they name.

check_privacy(records) → problems. Each hit is an error located at its field's line (the line inside a Markdown
block), with the masked value only. A record may publish one on purpose with a reasoned waiver
(privacy_waiver: [{value_tail, reason, kind}]); every waiver is listed by the audit (rule R12.1).

Records are walked generically (every str field, at any depth, of every record kind, portal.yml and columns.yml),
so a new field is covered without touching this module. Not scanned: fields the loader fills in, the waivers
themselves, and identifiers that are not free text (文号、索引号、统一社会信用代码、网站标识码、备案号、网址、文件路径、
网站路径).
Contact fields (解读的联系电话, portal.yml 的电话、传真、地址) are meant for publishing an office's contact
details: phone numbers and addresses there are not hits, and their numbers are official wherever they appear.

Attachments' own properties (作者、最后修改者、单位、批注、修订痕迹, PDF 的 Author/Creator/Producer/XMP) are
warnings at the attachment's path, fixed by `zwgk scrub`. A property that is only the name of an office the
records name (发布机构、主办单位 …) is not reported: it says nothing about a person.
"""

from __future__ import annotations

import dataclasses
import functools
from pathlib import Path

from . import pii, scrub
from .derived import per_record
from .encoding import decode
from .errors import Problem
from .records import Attachment, Contact, DocNumber, ProjectFile, SiteContact, SitePath, Unit
from .yamlnodes import where

WAIVER_FIELD = "privacy_waiver"
NOT_TEXT = {"index_number", "credit_code", "site_code", "domain", "email", "postcode", WAIVER_FIELD,
            "icp", "police_record", "conac_url", "error_report_url", "url"}  # 备案号 and web addresses
NOT_TEXT_TYPES = (DocNumber, ProjectFile, SitePath)
CONTACT_FIELDS = {(Contact, "phone"), (SiteContact, "phone"), (SiteContact, "fax"), (SiteContact, "address"),
                  (Unit, "phone"), (Unit, "fax"), (Unit, "address")}
OFFICE_FIELDS = {"name", "agency", "department", "issuer", "lead", "responsible", "guide"}
MIN_TAIL = 4
HINT = ("删除，或只保留部分号码（如 {masked}）；确需公开的（如依法公示），在本记录的 privacy_waiver 中写明"
        " value_tail（末尾几位）和 reason（公开的依据）")
HINT_NO_WAIVER = "删除，或只保留部分号码（如 {masked}）；网站设置和栏目说明中不能写个人信息"


@dataclasses.dataclass
class _Found:
    hit: pii.Hit
    line: int
    col: int
    message: str


def _records(records):
    """(record, waivers allowed) for every record, portal.yml, columns.yml and the units' unit.yml first."""
    yield records.portal, False
    for column in records.columns:
        yield column, False
    for unit in records.units.values():  # a unit's office contacts are published on purpose; anything else is not
        yield unit, False
    for kind in (records.normative, records.interpretations, records.qa):
        for record in kind.values():
            yield record, True
    for item in records.items:
        yield item, True
    for tasklist in records.tasks.values():
        yield tasklist, True
    for record in [*records.annual_reports.values(), *records.catalogues.values()]:  # 年报, 标准目录 (#17)
        yield record, False
    for record in [*records.consultations.values(), *records.proposals.values()]:  # 公众参与 (#16)
        yield record, True
    for record in records.decisions.values():
        yield record, False


@functools.cache
def _text_fields(cls) -> tuple[tuple[str, str], ...]:
    """(name, Chinese label) of the fields of a record class that the scan reads."""
    return tuple((fl.name, fl.metadata.get("label", fl.name)) for fl in dataclasses.fields(cls)
                 if fl.metadata.get("yaml", True) and fl.name not in NOT_TEXT)


def _fields(obj):
    """(owner, field name, Chinese label, text) for every str in obj at any depth, and the Attachments found."""
    for name, label in _text_fields(type(obj)):
        value = getattr(obj, name)
        for v in value if isinstance(value, list) else (value,):
            if isinstance(v, str):
                if not isinstance(v, NOT_TEXT_TYPES):
                    yield obj, name, label, v
            elif isinstance(v, Attachment):
                yield obj, name, label, v
                yield from _fields(v)
            elif dataclasses.is_dataclass(v):
                yield from _fields(v)


def _walk_all(obj):
    yield obj
    for name, _label in _text_fields(type(obj)):
        value = getattr(obj, name)
        for v in value if isinstance(value, list) else (value,):
            if dataclasses.is_dataclass(v) and not isinstance(v, type):
                yield from _walk_all(v)


def published_contacts(records) -> tuple[frozenset[str], frozenset[str]]:
    """(official phone numbers, office names), in one pass over the records.

    Official numbers are those in contact fields; office names (发布机构、主办单位、答复部门、牵头单位 …) are what
    a document property may hold without saying anything about a person."""
    phones: list[str] = []
    names: set[str] = set()
    for record, _ in _records(records):
        own_phones, own_names = per_record(record, "contacts", lambda: _contacts(record))
        phones += own_phones
        names |= own_names
    return frozenset(pii.official_numbers(phones)), frozenset(names)


def _contacts(record) -> tuple[tuple[str, ...], frozenset[str]]:
    phones: list[str] = []
    names: set[str] = set()
    for obj in _walk_all(record):
        cls = type(obj)
        for name in OFFICE_FIELDS:
            value = getattr(obj, name, None)
            for v in value if isinstance(value, list) else (value,):
                if isinstance(v, str) and v.strip():
                    names.add(v.strip())
        phones += [getattr(obj, name) for owner, name in CONTACT_FIELDS if owner is cls]
    return tuple(phones), frozenset(names)


class _Lines:
    """Record files' lines, read once per check, to place a hit on its line inside a multi-line field."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.cache: dict[str, list[str]] = {}

    def of(self, rel: str) -> list[str]:
        if rel not in self.cache:
            path = Path(rel) if Path(rel).is_absolute() else self.root.parent / rel
            try:
                self.cache[rel] = (decode(path.read_bytes()).text or "").splitlines()
            except OSError:
                self.cache[rel] = []
        return self.cache[rel]

    def locate(self, rel: str, owner, name: str, text: str, hit: pii.Hit) -> tuple[int, int]:
        line, col = where(owner, name)
        lines = self.of(rel)
        if not 1 <= line <= len(lines):
            return line, col
        raw = text[hit.start:hit.end]
        start = line
        if lines[line - 1][col - 1:col] == "|":  # literal block: one text line per file line, after the indicator
            start = line + 1 + text.count("\n", 0, hit.start)
        for n in range(start, min(len(lines), start + text.count("\n") + 200) + 1):
            at = lines[n - 1].find(raw)
            if at >= 0:
                return n, at + 1
        return line, col


def _record_hits(record, official, lines: _Lines, attachment_hits) -> list[_Found]:
    found: list[_Found] = []
    for entry in per_record(record, ("hits", official), lambda: _text_hits(record, official, lines)):
        if isinstance(entry, _Found):
            found.append(entry)
            continue
        for hit, where_in in attachment_hits(entry.path):  # the file may change while its record does not
            line, col = where(entry, "path")
            found.append(_Found(hit, line, col, f"附件“{entry.path}”（{where_in}）中有{hit.kind}“{hit.masked}”"))
    return found


def _text_hits(record, official, lines: _Lines) -> tuple:
    """The personal data in a record's own text, in field order, with its Attachments where they stand."""
    found: list = []
    for owner, name, label, value in _fields(record):
        if isinstance(value, Attachment):
            found.append(value)
            continue
        contact = (type(owner), name) in CONTACT_FIELDS
        for hit in pii.find(value, official=official, phones=not contact, addresses=not contact):
            line, col = lines.locate(record.file, owner, name, value, hit)
            found.append(_Found(hit, line, col, f"“{label}”中有{hit.kind}“{hit.masked}”"))
    return tuple(found)


def _waiver_problems(record) -> tuple[list, list[Problem]]:
    """(usable waivers, problems with the waivers themselves)."""
    usable, problems = [], []
    for waiver in getattr(record, WAIVER_FIELD, None) or []:
        line, col = where(waiver, "value_tail")
        tail = _tail(waiver)
        if len(tail) < MIN_TAIL:
            problems.append(Problem(record.file, line, col, f"豁免的 value_tail“{waiver.value_tail}”太短",
                                    f"至少写末尾 {MIN_TAIL} 位（字），只豁免确需公开的那一项"))
        elif not waiver.reason.strip():
            line, col = where(waiver)
            problems.append(Problem(record.file, line, col, "豁免没有写理由（reason）",
                                    "写明公开的法律依据或本人同意情况，如 依据……规定公示中标人联系电话"))
        else:
            usable.append(waiver)
    return usable, problems


def _tail(waiver) -> str:
    text = pii.normalise(waiver.value_tail).replace(" ", "")
    return text if waiver.kind == pii.ADDRESS or not any(c.isdigit() for c in text) else pii.digits(text)


def waived(waiver, hit: pii.Hit) -> bool:
    """Whether a waiver covers a hit: same kind (when given) and the value ends with value_tail."""
    if waiver.kind and waiver.kind != hit.kind:
        return False
    return hit.value.upper().endswith(_tail(waiver).upper())


def waivers(records):
    """(record, waiver) for every waiver in the records, for the audit."""
    for record, allowed in _records(records):
        if allowed:
            for waiver in getattr(record, WAIVER_FIELD, None) or []:
                yield record, waiver


def check_privacy(records) -> list[Problem]:
    """Errors for personal data in records and their attachments; warnings for what attachments carry."""
    official, offices = published_contacts(records)
    lines = _Lines(records.root)
    problems: list[Problem] = []
    unreadable: dict[str, str] = {}

    def attachment_hits(rel: str):
        path = Path(records.root) / rel
        if path.suffix.lower() not in scrub.SUFFIXES or not path.is_file() or path.is_symlink():
            return []
        try:
            blocks = scrub.inspect(path).blocks
        except scrub.UnreadableAttachment as exc:
            unreadable[rel] = str(exc)
            return []
        return [(hit, where_in) for where_in, text in blocks for hit in pii.find(text, official=official)]

    attached: set[str] = set()
    for record, allowed in _records(records):
        found = _record_hits(record, official, lines, attachment_hits)
        attached.update(per_record(record, "attachments", lambda: frozenset(
            att.path for _o, _n, _l, att in _fields(record) if isinstance(att, Attachment))))
        usable, waiver_problems = _waiver_problems(record) if allowed else ([], [])
        problems += waiver_problems
        used = set()
        for f in found:
            match = next((w for w in usable if waived(w, f.hit)), None)
            if match is not None:
                used.add(id(match))
                continue
            hint = HINT if allowed else HINT_NO_WAIVER
            problems.append(Problem(record.file, f.line, f.col, f.message + "，属于个人信息，不得公开",
                                    hint.format(masked=f.hit.masked)))
        for waiver in usable:
            if id(waiver) not in used:
                line, col = where(waiver, "value_tail")
                problems.append(Problem(record.file, line, col,
                                        f"豁免（末尾“{waiver.value_tail}”）没有对应任何个人信息",
                                        f"内容已删除或已改为部分隐藏的，删除 {WAIVER_FIELD} 中的这一项", "警告"))
    problems += _attachment_warnings(records, sorted(attached), unreadable, offices)
    return problems


def _attachment_warnings(records, attached: list[str], unreadable: dict[str, str],
                         offices: frozenset[str]) -> list[Problem]:
    root = Path(records.root)
    problems = []
    for rel in attached:
        path = root / rel
        shown = f"{root.name}/{rel}"
        if path.suffix.lower() not in scrub.SUFFIXES or not path.is_file() or path.is_symlink():
            continue
        if rel in unreadable:
            problems.append(Problem(shown, 1, 1, f"无法读取附件内容（{unreadable[rel]}），未能做保密审查",
                                    "确认文件能用 Word、Excel 或 PDF 阅读器打开，且没有加密；另存一份后替换", "警告"))
            continue
        try:
            found = scrub.inspect(path).extras.describe(offices)
        except scrub.UnreadableAttachment:
            continue
        if found:
            problems.append(Problem(shown, 1, 1, "附件带有正文以外的信息：" + "、".join(found),
                                    f"运行 zwgk scrub {shown} 清除（原文件先备份到 .zwgk-backup/）", "警告"))
    return problems
