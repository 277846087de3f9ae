"""YAML text → typed records, node by node, so every problem carries its file, line and column."""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import re
import types
import typing
from pathlib import PurePosixPath

import yaml

from .importers.units import split_unit_list
from .datecheck import implausible_year
from .dates import DateFormatError, normalise_digits, parse_date
from .docnumber import is_standard, normalise_doc_number
from .errors import Problem
from .records import DeadlineText, DocNumber, InputLimits, Markdown, ProjectFile, SitePath, Units

INVALID = object()

TYPE_NAMES = {str: "文本", int: "整数", float: "数字", dt.date: "日期", list: "列表", dict: "键值表"}

_YAML_MESSAGES = [
    ("found character '\\t' that cannot start any token", "出现了制表符（Tab）", "YAML 只能用空格缩进，请把 Tab 换成两个空格"),
    ("mapping values are not allowed here", "此处不能出现“:”", "冒号后要有空格；值里含冒号时请给整个值加引号"),
    ("could not find expected ':'", "缺少“:”", "每一行应写成“字段: 值”，冒号为半角并后跟空格"),
    ("found unexpected end of stream", "文件意外结束", "检查引号、括号是否成对"),
    ("did not find expected key", "缩进不一致", "同一层的字段要对齐，用空格缩进"),
    ("did not find expected '-' indicator", "列表缩进不一致", "同一列表的各项“- ”要对齐"),
    ("found undefined alias", "引用了未定义的锚点", ""),
    ("expected <block end>, but found", "缩进不一致", "同一层的字段要对齐，用空格缩进"),
    ("while scanning a quoted scalar", "引号没有闭合", "检查引号是否成对"),
    ("found unknown escape character", "双引号内有无法识别的转义符", "改用单引号，或去掉反斜杠"),
    ("block sequence entries are not allowed here", "此处不能开始列表项“- ”", "“- ”要另起一行，并与同一列表的其他项对齐"),
    ("expected ',' or ']'", "方括号 [ ] 中的列表写法有误", "各项用半角逗号分隔；值里含逗号或括号时给该值加引号"),
    ("expected ',' or '}'", "花括号 { } 中的写法有误", "写作 {字段: 值, 字段: 值}，用半角逗号和冒号"),
    ("expected the node content", "此处缺少内容", "检查该行的缩进和上一行是否写完整"),
    ("found character", "出现了不能开始一个值的字符", "值以 @、`、% 等符号开头时，请给整个值加引号"),
    ("expected alphabetic or numeric character", "“&”或“*”后的写法有误", "值以 & 或 * 开头时，请给整个值加引号"),
    ("expected chomping or indentation indicators", "“|”或“>”后的写法有误", "多行正文写作“body: |”，下一行起缩进书写"),
    ("expected a single document in the stream", "一个文件里有多个 YAML 文档（出现了“---”）", "每个记录一个文件；删除多余的“---”"),
    ("found undefined tag handle", "出现了无法识别的“!”标签", "值以 ! 开头时，请给整个值加引号"),
    ("found duplicate anchor", "锚点重复", "记录中不要使用 & 和 *"),
    ("expected a comment or a line break", "此处应换行", "同一行的值后面只能写注释（# 开头）"),
    ("expected ' ', but found", "缺少空格", "“- ”“: ”后要有空格"),
    ("while scanning a simple key", "缺少“:”", "每一行应写成“字段: 值”，冒号为半角并后跟空格"),
    ("found a tab character", "出现了制表符（Tab）", "YAML 只能用空格缩进，请把 Tab 换成两个空格"),
    ("could not find expected", "缺少应有的符号", "检查这一行的冒号、引号和括号是否写全"),
]


def yaml_problem(path: str, exc: yaml.YAMLError, text: str = "") -> Problem:
    """Turn a PyYAML error into a located Chinese problem."""
    if isinstance(exc, yaml.reader.ReaderError):  # a character YAML cannot read; named by code point
        line = text.count("\n", 0, exc.position) + 1
        col = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "\0")
        return Problem(path, line, col, f"第 {line} 行第 {col} 列有无法读取的字符 U+{code:04X}",
                       "删除该字符后重新输入这一处；文件应以 UTF-8 编码保存")
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    context = getattr(exc, "context", "") or ""
    for needle, what in (("quoted scalar", "引号"), ("flow sequence", "方括号 [ ]"), ("flow mapping", "花括号 { }")):
        if needle in context and getattr(exc, "context_mark", None):
            mark = exc.context_mark  # where the unclosed bracket opened, not the end of the file
            return Problem(path, mark.line + 1, mark.column + 1, f"YAML 语法错误：{what}没有闭合",
                           f"检查{what}是否成对；值里含逗号或括号时请给整个值加引号")
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    raw = f"{getattr(exc, 'context', '') or ''} {getattr(exc, 'problem', '') or ''}"
    for needle, message, hint in _YAML_MESSAGES:
        if needle in raw:
            return Problem(path, line, col, f"YAML 语法错误：{message}", hint)
    return Problem(path, line, col, "YAML 语法错误：此处无法读取", "检查这一行及上一行的缩进、冒号和引号")


class _Refused(yaml.MarkedYAMLError):
    """Raised while composing when the input is outside what records need (aliases, deep nesting)."""

    def __init__(self, mark, message: str, hint: str):
        super().__init__(problem=message, problem_mark=mark)
        self.message, self.hint = message, hint


ALIASES_REFUSED = ("记录中不能使用 YAML 锚点和别名（& 和 *）", "把被引用的内容直接写出来；值以 & 或 * 开头时，请给整个值加引号")
# libyaml (C) when PyYAML was built with it: about 14 times faster, with the same line and column marks
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_OPEN = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_CLOSE = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


def _too_deep(max_depth: int) -> tuple[str, str]:
    return (f"嵌套超过 {max_depth} 层",
            "记录最多嵌套几层；检查是否误粘贴了大量括号或缩进（上限见 portal.yml limits.max_depth）")


def _compose_bounded(text: str, max_depth: int):
    """The node tree of text, refusing anchors and aliases (a "billion laughs" file) and nesting beyond max_depth.

    The events are read first (libyaml parses, no tree is built and nothing is expanded), so a hostile file
    is refused before it costs anything; then the tree is composed from a text known to be bounded."""
    depth = 0
    for event in yaml.parse(text, Loader=_LOADER):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _Refused(event.start_mark, *ALIASES_REFUSED)
        if isinstance(event, _CLOSE):
            depth -= 1
        elif isinstance(event, (*_OPEN, yaml.ScalarEvent)):
            if depth + 1 > max_depth:  # a node this deep: counted as the nodes of the tree are
                raise _Refused(event.start_mark, *_too_deep(max_depth))
            depth += isinstance(event, _OPEN)
    return yaml.compose(text, Loader=_LOADER)


# Characters a person cannot see: control characters (not tab or line breaks), zero-width and direction marks,
# the byte-order mark inside the text. YAML refuses some of them with an unhelpful message; the rest hide in titles.
_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff"
                        "\ufffe\uffff\ud800-\udfff]")  # the last: what YAML cannot read at all
_INVISIBLE_NAMES = {"\u200b": "零宽空格", "\u200c": "零宽不连字", "\u200d": "零宽连字", "\ufeff": "字节顺序标记（BOM）",
                    "\u2060": "零宽不换行空格", "\u200e": "从左到右标记", "\u200f": "从右到左标记"}


def invisible_characters(text: str, path: str) -> list[Problem]:
    """Each invisible character, named by code point, line and column (the file's leading BOM is fine)."""
    found = []
    for m in _INVISIBLE.finditer(text, 1 if text.startswith("\ufeff") else 0):
        char = m.group()
        line = text.count("\n", 0, m.start()) + 1
        col = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
        name = _INVISIBLE_NAMES.get(char, "控制字符")
        found.append(Problem(path, line, col, f"第 {line} 行第 {col} 列有看不见的字符 U+{ord(char):04X}（{name}）",
                             "多半是从网页、Word 或聊天软件复制带来的：删除该字符后重新输入这一处",
                             "警告" if char in _INVISIBLE_NAMES else "错误"))
        if len(found) >= 20:
            break
    return found


_TAB_INDENT = re.compile(r"^[ ]*\t[ \t]*(?=\S)", re.M)
PLACEHOLDER = "待填写"


def _colon_pattern() -> re.Pattern[str]:
    from . import records

    names = {fl.name for obj in vars(records).values() if dataclasses.is_dataclass(obj)
             for fl in dataclasses.fields(obj)}
    alternatives = "|".join(sorted(names, key=len, reverse=True))
    # a field name at the start of a line followed by a full-width colon, or by ":" with no space
    return re.compile(rf"^([ \t]*(?:-[ \t]+)?)({alternatives})[ \t]*(?:：|:(?=[^ \t\r\n]))[ \t\u3000\xa0]*", re.M)


_COLON = _colon_pattern()


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def compose(text: str, path: str, problems: list[Problem], max_depth: int = 32):
    """YAML text → node tree (None when empty, INVALID on a syntax error, which is reported).

    Two habits are repaired, only when the text does not parse as it is, each with a warning:
    ``title：…`` / ``title:…`` / ``title:　…`` (a field name with a full-width colon, or no
    space or a full-width space after it) and tabs in indentation, when 2, 4 and 8 columns a tab give the same data. Otherwise
    the syntax error stands. Lines are not added or removed, so line numbers hold.
    """
    invisible = invisible_characters(text, path)
    problems += invisible
    if any(p.severity == "错误" for p in invisible):
        return INVALID
    try:
        return _compose_bounded(text, max_depth)
    except _Refused as exc:
        mark = exc.problem_mark
        problems.append(Problem(path, mark.line + 1, mark.column + 1, f"YAML 语法错误：{exc.message}", exc.hint))
        return INVALID
    except yaml.MarkedYAMLError as exc:
        if "maximum nesting depth" not in str(exc):  # libyaml's own limit (1,000) can come first in a flow
            error = exc
        else:
            mark = exc.problem_mark
            message, hint = _too_deep(max_depth)
            problems.append(Problem(path, mark.line + 1, mark.column + 1, f"YAML 语法错误：{message}", hint))
            return INVALID
    except yaml.YAMLError as exc:
        error = exc
    except (RecursionError, MemoryError):
        problems.append(Problem(path, 1, 1, "文件结构过深或过大，无法读取", "检查是否误粘贴了大量括号或重复内容"))
        return INVALID
    colons = [(_line_of(text, m.start()), m.group(2)) for m in _COLON.finditer(text)]
    fixed = _COLON.sub(lambda m: f"{m.group(1)}{m.group(2)}: ", text) if colons else text
    node, tabs = _compose_untabbed(fixed, max_depth)
    if node is not INVALID:
        for line, name in colons:
            problems.append(Problem(path, line, 1, f"字段“{name}”后的冒号写法不对（全角“：”或缺少空格），已按“{name}: ”读取",
                                    "冒号用半角“:”，后面加一个空格", "警告"))
        if tabs:
            problems.append(Problem(path, tabs[0], 1, "用制表符（Tab）缩进，已按空格缩进读取",
                                    "YAML 应只用空格缩进：在编辑器中把 Tab 换成两个空格", "警告"))
        return node
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    if tabs and mark and ("\t" in str(error) or "tab character" in str(error) or mark.line + 1 in tabs):
        line = mark.line + 1 if mark and mark.line + 1 in tabs else tabs[0]
        problems.append(Problem(path, line, 1, "YAML 语法错误：用制表符（Tab）缩进，层次无法确定",
                                "按 2、4、8 个空格理解，结果不同：请把所有 Tab 换成空格，同一层对齐"))
        return INVALID
    problems.append(yaml_problem(path, error, text))
    return INVALID


def _compose_untabbed(text: str, max_depth: int):
    """(node or INVALID, lines indented with tabs); tabs are expanded only when their width does not matter."""
    tabs = [_line_of(text, m.start()) for m in _TAB_INDENT.finditer(text)]
    if not tabs:
        try:
            return _compose_bounded(text, max_depth), []
        except (yaml.YAMLError, RecursionError):
            return INVALID, []
    readings = []
    for width in (2, 4, 8):
        expanded = _TAB_INDENT.sub(lambda m: m.group(0).expandtabs(width), text)
        try:
            readings.append(_compose_bounded(expanded, max_depth))
        except (yaml.YAMLError, RecursionError):
            return INVALID, tabs
    if _shape(readings[0]) == _shape(readings[1]) == _shape(readings[2]):
        return readings[0], tabs
    return INVALID, tabs


def _shape(node):
    """A node tree without positions, to compare two readings of one text."""
    if isinstance(node, yaml.ScalarNode):
        return node.tag, node.value
    if isinstance(node, yaml.SequenceNode):
        return [_shape(n) for n in node.value]
    if isinstance(node, yaml.MappingNode):
        return [(_shape(k), _shape(v)) for k, v in node.value]
    return None


def _label(field: dataclasses.Field) -> str:
    return field.metadata.get("label", field.name)


def yaml_fields(cls) -> list[dataclasses.Field]:
    """The fields of a record class that YAML may set."""
    return [fl for fl in dataclasses.fields(cls) if fl.metadata.get("yaml", True)]


def where(obj: object, name: str | None = None) -> tuple[int, int]:
    """The (line, col) a loaded object, or one of its fields, came from."""
    marks = getattr(obj, "__marks__", {})
    return marks.get(name, marks.get(None, (1, 1)))


class NodeReader:
    """Converts composed YAML nodes into record instances, collecting problems."""

    def __init__(self, path: str, problems: list[Problem], limits: InputLimits | None = None):
        self.path = path
        self.problems = problems
        self.limits = limits or InputLimits()

    def problem(self, node, message: str, hint: str = "", severity: str = "错误") -> None:
        mark = node.start_mark
        self.problems.append(Problem(self.path, mark.line + 1, mark.column + 1, message, hint, severity))

    def read(self, node, tp, what: str):
        origin = typing.get_origin(tp)
        args = typing.get_args(tp)
        if origin in (typing.Union, types.UnionType):
            rest = [a for a in args if a is not type(None)]
            if self.is_null(node):
                return None
            return self.read(node, rest[0], what)
        if self.is_null(node):
            if tp is Markdown:
                return Markdown("")
            self.problem(node, f"“{what}”不能为空")
            return INVALID
        if origin is typing.Literal:
            return self.read_choice(node, args, what)
        if dataclasses.is_dataclass(tp):
            return self.read_record(node, tp, what)
        if tp is Units:
            return self.read_units(node, what)
        if origin is list:
            return self.read_list(node, args[0], what)
        if tp is dt.date:
            return self.read_date(node, what)
        if tp in (int, float):
            return self.read_number(node, tp, what)
        if isinstance(tp, type) and issubclass(tp, str):
            return self.read_text(node, tp, what)
        raise TypeError(f"unsupported field type {tp!r}")

    @staticmethod
    def is_null(node) -> bool:
        return isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null"

    def expect(self, node, kind, what: str, want: str) -> bool:
        if isinstance(node, kind):
            return True
        got = {yaml.MappingNode: "键值表", yaml.SequenceNode: "列表"}.get(type(node), "单个值")
        self.problem(node, f"“{what}”应为{want}，这里是{got}", _SHAPE_HINTS.get(want, ""))
        return False

    def read_record(self, node, cls, what: str):
        if not self.expect(node, yaml.MappingNode, what, "键值表"):
            return INVALID
        fields = {fl.name: fl for fl in yaml_fields(cls)}
        values: dict[str, object] = {}
        marks: dict[str | None, tuple[int, int]] = {None: (node.start_mark.line + 1, node.start_mark.column + 1)}
        ok = True
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem(key_node, "字段名应为文字，这里是" + ("列表" if isinstance(key_node, yaml.SequenceNode)
                                                           else "键值表"), "每一行写成“字段: 值”")
                ok = False
                continue
            key = key_node.value
            if key in values or key in marks:
                self.problem(key_node, f"字段“{key}”重复出现", "删除其中一个")
                ok = False
                continue
            field = fields.get(key)
            if field is None:
                self.unknown_key(key_node, key, fields, cls)
                ok = False
                continue
            marks[key] = (value_node.start_mark.line + 1, value_node.start_mark.column + 1)
            value = self.read(value_node, _field_type(cls, field.name), _label(field))
            if value is INVALID:
                ok = False
            else:
                values[key] = value
        for name, field in fields.items():
            required = field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING
            if required and name not in values and name not in marks:
                self.problem(node, f"缺少必填字段“{name}”（{_label(field)}）",
                             f"添加一行 {name}: …" + (f"，如 {field.metadata['example']}" if field.metadata.get("example") else ""))
                ok = False
        if not ok:
            return INVALID
        obj = cls(**values)
        object.__setattr__(obj, "__marks__", marks)
        return obj

    def unknown_key(self, key_node, key: str, fields: dict, cls) -> None:
        known = list(fields)
        labels = {_label(fl): name for name, fl in fields.items()}
        close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
        if key != key.strip("\u3000\xa0"):
            hint = "字段名前后有全角空格或从网页、Word 复制来的不换行空格：缩进只能用半角空格，下一层比上一层多两个"
        elif key in labels:
            hint = f"字段名用英文：“{key}”应写作“{labels[key]}”"
        elif close:
            hint = f"是不是“{close[0]}”（{_label(fields[close[0]])}）？"
        else:
            hint = "可用字段：" + "、".join(known)
        self.problem(key_node, f"未知字段“{key}”", hint)

    def read_list(self, node, item_tp, what: str):
        if not self.expect(node, yaml.SequenceNode, what, "列表"):
            return INVALID
        items = [self.read(child, item_tp, what) for child in node.value]
        return INVALID if any(i is INVALID for i in items) else items

    def read_units(self, node, what: str):
        if isinstance(node, yaml.ScalarNode):
            self.refuse_placeholder(node, node.value, what)
            return Units(split_unit_list(node.value))
        items = self.read_list(node, str, what)
        return INVALID if items is INVALID else Units(items)

    def read_scalar(self, node, what: str, want: str):
        if not self.expect(node, yaml.ScalarNode, what, want):
            return INVALID
        return node.value

    def read_choice(self, node, choices, what: str):
        text = self.read_scalar(node, what, "单个值")
        if text is INVALID:
            return INVALID
        text = text.strip()
        if text not in choices:
            close = difflib.get_close_matches(text, choices, n=1, cutoff=0.3)
            hint = (f"是不是“{close[0]}”？" if close else "") + "可选值：" + "、".join(choices)
            self.problem(node, f"“{what}”的值“{text}”无效", hint)
            return INVALID
        return text

    def read_date(self, node, what: str):
        text = self.read_scalar(node, what, "日期")
        if text is INVALID:
            return INVALID
        try:
            day = parse_date(text)
        except DateFormatError as exc:
            self.problem(node, f"“{what}”{exc}", "日期写作 2023-03-05，或 2023年3月5日")
            return INVALID
        wrong = implausible_year(day.year)
        if wrong:
            self.problem(node, f"“{what}”{wrong}", "检查年份是否少打或多打了数字，如 0023 应为 2023")
            return INVALID
        return day

    def read_number(self, node, tp, what: str):
        text = self.read_scalar(node, what, "数字")
        if text is INVALID:
            return INVALID
        try:
            return tp(normalise_digits(text).replace(",", ""))
        except ValueError:
            self.problem(node, f"“{what}”应为{TYPE_NAMES[tp]}，这里是“{text}”")
            return INVALID

    def refuse_placeholder(self, node, text: str, what: str) -> None:
        """A value still holding the `zwgk new` template's placeholder must never be published."""
        if PLACEHOLDER in text:
            self.problem(node, f"“{what}”还是模板中的“{PLACEHOLDER}”内容", "按实际情况填写；填好之前整个网站不会生成")

    def read_text(self, node, tp, what: str):
        if isinstance(node, yaml.ScalarNode) and tp is DeadlineText:
            self.refuse_placeholder(node, node.value, what)
            return DeadlineText(node.value.strip())
        text = self.read_scalar(node, what, "文本")
        if text is INVALID:
            return INVALID
        limit, key = ((self.limits.max_markdown_chars, "max_markdown_chars") if tp is Markdown
                      else (self.limits.max_text_chars, "max_text_chars"))
        if len(text) > limit:
            self.problem(node, f"“{what}”有 {len(text)} 字，超过上限 {limit} 字",
                         f"检查是否误粘贴了重复内容；确需更长的，在 portal.yml 的 limits.{key} 中调高")
            return INVALID
        self.refuse_placeholder(node, text, what)
        if tp is DocNumber:
            return self.read_doc_number(node, text, what)
        if tp is ProjectFile:
            return self.read_project_file(node, text, what)
        if tp is SitePath:
            if re.match(r"^[a-z][a-z0-9+.-]*:|^/|(^|/)\.\.(/|$)", text, re.I):
                self.problem(node, f"“{what}”应为本网站内的相对路径，这里是“{text}”", "写作 gfxwj/ 或 zdly/snbt/ 这样的路径")
                return INVALID
            return SitePath(text.strip())
        return tp(text) if tp is not str else text

    def read_doc_number(self, node, text: str, what: str):
        fixed = normalise_doc_number(text)
        if fixed and not is_standard(fixed):
            self.problem(node, f"“{what}”“{text}”不符合“机关代字〔年份〕序号号”的写法",
                         "如 示府办发〔2023〕12号：年份用六角括号〔〕，序号不编虚位，以“号”结尾", "警告")
        elif fixed != text:
            self.problem(node, f"“{what}”写作“{text}”，已按规范读作“{fixed}”",
                         f"请改为 {fixed}（年份用六角括号〔〕，数字用半角，序号不编虚位、不加“第”）", "警告")
        return DocNumber(fixed)

    def read_project_file(self, node, text: str, what: str):
        pure = PurePosixPath(text.replace("\\", "/"))
        if pure.is_absolute() or re.match(r"^[a-zA-Z]:", text) or ".." in pure.parts or "://" in text:
            self.problem(node, f"“{what}”不能指向 tasks_yaml/ 之外：“{text}”",
                         "把文件放进 tasks_yaml/files/，写作 files/文件名")
            return INVALID
        return ProjectFile(str(pure))


_SHAPE_HINTS = {
    "列表": "列表写作多行“- 值”，或 [值1, 值2]",
    "键值表": "键值表写作多行“字段: 值”，并比上一级多缩进两个空格",
    "文本": "只写一个值；含“: ”或“#”的值请加引号",
}


_HINTS_CACHE: dict[type, dict[str, object]] = {}


def _field_type(cls, name: str):
    if cls not in _HINTS_CACHE:
        _HINTS_CACHE[cls] = typing.get_type_hints(cls)
    return _HINTS_CACHE[cls][name]
