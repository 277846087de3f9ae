"""搜索同义词: the equivalent terms the site search also looks for (低保 = 最低生活保障 …).

Staff edit them in ``tasks_yaml/search_terms.yml`` (optional; JSON Schema
``schemas/search_terms.schema.json``)::

    groups:
      - words: [低保, 最低生活保障]
      - words: [公租房, 公共租赁住房]

Without the file the site uses :data:`DEFAULT_GROUPS`, common policy
abbreviations and the formal terms documents use.  The build writes the
groups to :data:`TERMS_URI` (a small JSON list of lists); the search page
reads it and the browser's engine (``zwgk-search.js``) looks for every word of
a group when a query holds one of them.
"""

from __future__ import annotations

import json
from pathlib import Path

from .errors import Problem
from .records import InputLimits, SearchTermsFile
from .yamlnodes import INVALID, where

FILE_NAME = "search_terms.yml"
TERMS_URI = "search/terms.json"  # beside the search page (content/search.md)

# Everyday words and abbreviations → the formal terms of policy documents.  No word holds
# another of its group (a query for the longer one finds the shorter's pages already).
DEFAULT_GROUPS: tuple[tuple[str, ...], ...] = (
    ("低保", "最低生活保障"),
    ("社保", "社会保险"),
    ("医保", "医疗保障", "医疗保险"),
    ("新农合", "新型农村合作医疗"),
    ("失业金", "失业保险金"),
    ("高龄补贴", "高龄津贴"),
    ("耕地补贴", "耕地地力保护补贴"),
    ("创业贷款", "创业担保贷款"),
    ("公租房", "公共租赁住房"),
    ("廉租房", "廉租住房"),
    ("保障房", "保障性住房"),
    ("经适房", "经济适用住房"),
    ("棚改", "棚户区改造"),
    ("残疾证", "残疾人证"),
    ("房产证", "不动产权证书"),
    ("驾照", "驾驶证"),
    ("户口", "户籍"),
    ("个税", "个人所得税"),
    ("双创", "大众创业万众创新"),
    ("特岗教师", "特设岗位教师"),
    ("12345", "政务服务便民热线"),
)

# A word may not hold what separates the phrases of a query (zwgk.search.terms.SEPARATORS).
_BREAKS = set("，、；：。！？,;:!?")


def load_search_terms(root: Path, problems: list[Problem], limits: InputLimits | None = None) -> list[list[str]]:
    """The groups of root/search_terms.yml (problems appended with file and line), or the defaults."""
    from .load import parse_file  # load.py calls this module

    path = Path(root) / FILE_NAME
    if not path.is_file() or path.is_symlink():  # a link is reported with the folder's entries
        return [list(g) for g in DEFAULT_GROUPS]
    parsed = parse_file(path, Path(root), SearchTermsFile, problems, limits)
    if parsed in (None, INVALID):
        return []
    rel = f"{Path(root).name}/{FILE_NAME}"
    groups: list[list[str]] = []
    seen: dict[str, int] = {}
    for group in parsed.groups:
        line, col = where(group, "words")
        words = []
        for word in group.words:
            word = str(word).strip()
            if not word or any(c.isspace() or c in _BREAKS for c in word):
                problems.append(Problem(rel, line, col, f"同义词“{word}”是空的或含有空格、逗号、顿号等标点",
                                        "每个词单独写一项，如 [低保, 最低生活保障]；词中不要有空格和标点"))
                continue
            if word in words:
                continue
            if word in seen:
                problems.append(Problem(rel, line, col, f"“{word}”已在第 {seen[word]} 行的同义词组中",
                                        "一个词只能属于一组：把两组合并为一组"))
                continue
            seen[word] = line
            words.append(word)
        if len(words) < 2:
            problems.append(Problem(rel, line, col, "同义词组至少要有两个不同的词",
                                    "写出意思相同的几种说法，如 [低保, 最低生活保障]；不需要的组整组删除"))
            continue
        groups.append(words)
    return groups


def terms_json(groups: list[list[str]]) -> str:
    """The groups as the search page reads them: a JSON list of lists of words."""
    return json.dumps(groups, ensure_ascii=False, separators=(",", ":"))
