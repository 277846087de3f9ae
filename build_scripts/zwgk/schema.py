"""JSON Schema for every record kind, generated from records.py (which stays the single source of truth).

Editors read the schema through a first-line comment in each YAML file,
``# yaml-language-server: $schema=../schemas/normative.schema.json``, and offer completion
and hover help in Chinese. The schema accepts what the loader accepts (dates as staff write
them, one unit or a list, numbers as text), read the way YAML 1.2 editors read YAML.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import types
import typing
from pathlib import Path

from .load import RECORD_FOLDERS
from .records import (
    QA,
    AnnualReport,
    Catalogue,
    ColumnsFile,
    Consultation,
    DecisionCatalogue,
    DeadlineText,
    DocNumber,
    Interpretation,
    Item,
    Markdown,
    NormativeDocument,
    PortalConfig,
    ProjectFile,
    Proposal,
    SitePath,
    RedirectsFile,
    SearchTermsFile,
    TaskList,
    Unit,
    Units,
    is_required,
    requirement_label,
)
from .yamlnodes import yaml_fields

SCHEMA_DIR = "schemas"
DRAFT = "http://json-schema.org/draft-07/schema#"
MODELINE = "# yaml-language-server: $schema="

# kind (the schema's file name) → (record class, where its files live under the records root)
KINDS: dict[str, tuple[type, str]] = {
    "portal": (PortalConfig, "portal.yml"),
    "columns": (ColumnsFile, "columns.yml"),
    "normative": (NormativeDocument, "normative/<标识>.yml"),
    "interpretation": (Interpretation, "interpretations/<标识>.yml"),
    "qa": (QA, "qa/<标识>.yml"),
    "item": (Item, "items/<栏目>/<标识>.yml"),
    "tasks": (TaskList, "tasks/<年度>.yml"),
    "unit": (Unit, "units/<标识>/unit.yml"),
    "annual-report": (AnnualReport, "ndbg/<年度>.yml、units/<单位>/ndbg/<年度>.yml"),
    "catalogue": (Catalogue, "catalogues/<栏目>.yml"),
    "redirects": (RedirectsFile, "redirects.yml"),
    "search_terms": (SearchTermsFile, "search_terms.yml"),
    "consultation": (Consultation, "consultations/<标识>.yml"),  # 公众参与 (#16)
    "decisions": (DecisionCatalogue, "decisions/<标识>.yml"),
    "proposal": (Proposal, "proposals/<标识>.yml"),
}

_FW = "０-９"
_DIGIT = f"[0-9{_FW}]"
_SEP = "(?:年|-|/|\\.|－|／|．)"
_SP = "[ \\t\u3000]*"
_CN = "一二三四五六七八九十"
DATE_PATTERN = (f"^{_SP}(?:{_DIGIT}{{4}}{_SP}{_SEP}{_SP}{_DIGIT}{{1,2}}{_SP}(?:月|-|/|\\.|－|／|．){_SP}"
                f"{_DIGIT}{{1,2}}{_SP}[日号]?"
                f"|[〇○零一二三四五六七八九]{{4}}{_SP}年{_SP}[{_CN}]{{1,3}}{_SP}月{_SP}[{_CN}]{{1,3}}{_SP}[日号]){_SP}$")
TEXT = {"type": ["string", "number", "boolean"]}
STRING_ID = "^[a-z0-9][a-z0-9-]*$"


def _scalar_number(kind: str) -> dict:
    digits = f"[0-9{_FW},]"
    pattern = (f"^{_SP}[+-]?{digits}+{_SP}$" if kind == "integer"
               else f"^{_SP}[+-]?(?:{digits}+(?:[.．]{_DIGIT}*)?|[.．]{_DIGIT}+){_SP}$")
    return {"anyOf": [{"type": kind}, {"type": "string", "pattern": pattern,
                                       "patternErrorMessage": "应为数字" if kind == "number" else "应为整数"}]}


_SIMPLE: dict[object, dict] = {
    int: _scalar_number("integer"),
    float: _scalar_number("number"),
    dt.date: {"type": "string", "pattern": DATE_PATTERN, "patternErrorMessage": "不是日期：写作 2023-03-05，或 2023年3月5日",
              "description": "日期，写作 2023-03-05，也可写 2023年3月5日、2023/3/5、2023.3.5、二〇二三年三月五日"},
    Markdown: {"type": ["string", "number", "boolean", "null"], "description": "Markdown 文本，多行时写作“|”后换行缩进"},
    DeadlineText: {**TEXT, "examples": ["年底前", "12月底前", "2023年6月底前", "8月31日", "持续推进", "长期坚持", "及时公开"]},
    DocNumber: {**TEXT, "examples": ["示府办发〔2023〕12号"]},
    SitePath: {"type": "string", "pattern": "^(?![A-Za-z][A-Za-z0-9+.-]*:)(?!/)(?!(?:.*/)?\\.\\.(?:/|$))",
               "patternErrorMessage": "应为本网站内的相对路径，如 gfxwj/ 或 zdly/snbt/",
               "examples": ["gfxwj/", "zdly/snbt/"]},
    ProjectFile: {"type": "string", "pattern": "^(?![A-Za-z]:)(?![/\\\\])(?!.*://)(?!(?:.*[/\\\\])?\\.\\.(?:[/\\\\]|$))",
                  "patternErrorMessage": "不能指向 tasks_yaml/ 之外：把文件放进 tasks_yaml/files/，写作 files/文件名",
                  "examples": ["files/sfbf-2023-12.pdf"]},
    str: TEXT,
}

_REF_HELP = {"normative": "规范性文件标识（normative/ 下的文件名，不含 .yml）", "column": "栏目标识（columns.yml 中的 id）"}


class _Builder:
    def __init__(self) -> None:
        self.definitions: dict[str, dict] = {}

    def type_schema(self, tp) -> dict:
        origin, args = typing.get_origin(tp), typing.get_args(tp)
        if origin in (typing.Union, types.UnionType):
            inner = self.type_schema(next(a for a in args if a is not type(None)))
            return {"anyOf": [inner, {"type": "null"}]}
        if origin is typing.Literal:
            return {"enum": list(args)}
        if dataclasses.is_dataclass(tp):
            name = tp.__name__
            if name not in self.definitions:
                self.definitions[name] = {}  # reserve: a record may refer to itself
                self.definitions[name] = self.object_schema(tp)
            return {"allOf": [{"$ref": f"#/definitions/{name}"}]}  # draft-07 ignores keywords beside $ref
        if tp is Units:
            return {"anyOf": [TEXT, {"type": "array", "items": TEXT}],
                    "description": "一个单位，或多个单位的列表；一行内可用“、”分隔"}
        if origin is list:
            return {"type": "array", "items": self.type_schema(args[0])}
        if tp in _SIMPLE:
            return dict(_SIMPLE[tp])
        raise TypeError(f"no JSON Schema for {tp!r}")

    def object_schema(self, cls) -> dict:
        hints = typing.get_type_hints(cls)
        properties, required = {}, []
        for fl in yaml_fields(cls):
            properties[fl.name] = self.field_schema(fl, hints[fl.name])
            if is_required(fl):
                required.append(fl.name)
        title, description = _class_doc(cls)
        out = {"type": "object", "title": title, "description": description,
               "properties": properties, "additionalProperties": False}
        if required:
            out["required"] = required
        return out

    def field_schema(self, fl: dataclasses.Field, tp) -> dict:
        meta = fl.metadata
        label, help_text, ref = meta.get("label", fl.name), meta.get("help", ""), meta.get("ref")
        schema = self.type_schema(tp)
        type_note = schema.pop("description", "")
        if ref in _REF_HELP:
            item = {"type": "string", "pattern": STRING_ID,
                    "patternErrorMessage": "标识只用小写字母、数字和连字符，即文件名去掉 .yml"}
            schema = ({"type": "array", "items": item} if typing.get_origin(tp) is list
                      else {"anyOf": [item, {"type": "null"}]} if _optional(tp) else item)
            type_note = _REF_HELP[ref]
        if help_text and help_text in type_note:
            help_text = ""
        description = "；".join(t for t in (help_text, type_note) if t)
        need = requirement_label(fl)
        out = {"title": label, **schema}
        out["description"] = f"{label}（{need}）" + (f"：{description}" if description else "")
        out["markdownDescription"] = (f"**{label}** `{fl.name}`（{need}）"
                                      + (f"\n\n{description}" if description else ""))
        default = _default(fl)
        if default is not None:
            out["default"] = default
        if meta.get("example") is not None:
            out["examples"] = [meta["example"]]
        return out


def _optional(tp) -> bool:
    return typing.get_origin(tp) in (typing.Union, types.UnionType) and type(None) in typing.get_args(tp)


def _default(fl: dataclasses.Field):
    if fl.default_factory is not dataclasses.MISSING:
        value = fl.default_factory()
    elif fl.default is not dataclasses.MISSING:
        value = fl.default
    else:
        return None
    if value in (None, ""):
        return None
    return value if isinstance(value, (str, int, float, list, dict)) else None


def _class_doc(cls) -> tuple[str, str]:
    """(title, description) from the first sentence of a record class's docstring."""
    first = re.split(r"\.(?:\s|$)", (cls.__doc__ or cls.__name__).strip(), maxsplit=1)[0]
    head, colon, tail = first.partition(":")
    if not colon:
        return first, first
    if re.search(r"[./<]", head):  # "normative/<id>.yml: 规范性文件"
        return tail.strip(), tail.strip()
    return head.strip(), tail.strip()  # "三审: 初审、复审、审发"


def schema_for(kind: str) -> dict:
    """The JSON Schema (draft-07) of one record kind."""
    cls, where = KINDS[kind]
    builder = _Builder()
    top = builder.object_schema(cls)
    top["description"] = f"tasks_yaml/{where}：{top['title']}。由 records.py 生成（zwgk schema），请勿手工修改"
    schema = {"$schema": DRAFT, **top}
    if builder.definitions:
        schema["definitions"] = builder.definitions
    return schema


def schema_text(kind: str) -> str:
    return json.dumps(schema_for(kind), ensure_ascii=False, indent=2) + "\n"


def schema_path(root: Path, kind: str) -> Path:
    return Path(root) / SCHEMA_DIR / f"{kind}.schema.json"


def stale_schemas(root: Path) -> list[Path]:
    """Schema files under root that are missing or differ from the model."""
    out = []
    for kind in KINDS:
        path = schema_path(root, kind)
        if not path.is_file() or path.read_text(encoding="utf-8") != schema_text(kind):
            out.append(path)
    return out


def write_schemas(root: Path) -> list[Path]:
    """(Re)write every schema under root/schemas; returns the files that changed."""
    changed = stale_schemas(root)
    for path in changed:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(schema_text(path.name.removesuffix(".schema.json")), encoding="utf-8", newline="\n")
    return changed


def kind_of(root: Path, path: Path) -> str | None:
    """The record kind of a YAML file under root, from where it lives."""
    rel = Path(path).resolve().relative_to(Path(root).resolve()).parts
    if len(rel) >= 3 and rel[0] == "units":  # units/<unit>/unit.yml, units/<unit>/<the same folders as the root>
        if rel[2:] == ("unit.yml",):
            return "unit"
        rel = rel[2:]
    if rel in (("portal.yml",), ("columns.yml",), ("redirects.yml",), ("search_terms.yml",)):
        return rel[0].removesuffix(".yml")
    if len(rel) == 2 and rel[0] in RECORD_FOLDERS:
        return next(k for k, (cls, _) in KINDS.items() if cls is RECORD_FOLDERS[rel[0]])
    if len(rel) == 3 and rel[0] == "items":
        return "item"
    if len(rel) == 2 and rel[0] == "ndbg":  # ndbg/<year>.yml (load.ANNUAL_FOLDER)
        return "annual-report"
    if len(rel) == 2 and rel[0] == "catalogues":  # catalogues/<column>.yml (load.CATALOGUE_FOLDER)
        return "catalogue"
    return None


def modeline(root: Path, path: Path) -> str | None:
    """The yaml-language-server comment that points a record file at its schema (a path relative to it)."""
    kind = kind_of(root, path)
    if kind is None:
        return None
    depth = len(Path(path).resolve().relative_to(Path(root).resolve()).parts) - 1
    return f"{MODELINE}{'../' * depth}{SCHEMA_DIR}/{kind}.schema.json"


def record_yaml_files(root: Path) -> list[Path]:
    """Every record YAML file under root, in a stable order."""
    root = Path(root)
    return sorted(p for p in root.rglob("*.y*ml")
                  if p.suffix in (".yml", ".yaml") and SCHEMA_DIR not in p.relative_to(root).parts[:1]
                  and kind_of(root, p) is not None)


def modeline_fixes(root: Path) -> list[tuple[Path, str]]:
    """(file, wanted first line) for record files whose schema comment is missing or wrong."""
    out = []
    for path in record_yaml_files(root):
        wanted = modeline(root, path)
        with path.open("rb") as fh:
            first = fh.readline().decode("utf-8", "replace").lstrip("\ufeff").rstrip("\r\n")
        if first != wanted:
            out.append((path, wanted))
    return out


def fix_modelines(root: Path) -> list[Path]:
    """Put the schema comment on the first line of every record file; returns the files changed."""
    changed = []
    for path, wanted in modeline_fixes(root):
        data = path.read_bytes()
        try:
            text = data.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
        except UnicodeDecodeError:
            continue  # zwgk check explains the encoding; zwgk fix-encoding converts it
        newline = "\r\n" if "\r\n" in text else "\n"
        first, sep, rest = text.partition("\n")
        if re.match(r"^#\s*yaml-language-server:", first):
            text = rest
        path.write_bytes((wanted + newline + text).encode("utf-8"))
        changed.append(path)
    return changed
