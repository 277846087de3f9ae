"""The platform's publishers: the county government (portal.yml) and the units under units/<id>/.

One place for what a unit is: the root unit made from portal.yml, the checks every unit gets (credit code,
duplicates, 索引号 prefix of its documents), the address prefix of its own 政府信息公开 column, and matching a
unit named in a task list to its record.
"""

from __future__ import annotations

from .creditcode import credit_code_problem
from .disclosure import BY_ID as CATEGORIES
from .errors import Problem
from .records import Markdown, PortalConfig, Unit
from .yamlnodes import where

ROOT = ""  # the county government's unit id: its records keep today's layout and addresses
# the gov-site habit: a prefix by kind in front of the unit's own column (bm/fgj/, xz/cgz/, qy/gs/)
PREFIXES = {"部门": "bm", "乡镇": "xz", "街道": "xz", "公共企事业单位": "qy", "县政府": "bm"}
KIND_ORDER = ("县政府", "部门", "乡镇", "街道", "公共企事业单位")


def root_unit(config: PortalConfig) -> Unit:
    """The county government as a unit, from portal.yml (name, credit code, contact)."""
    c = config.contact
    unit = Unit(name=config.name, kind="县政府", credit_code=config.credit_code, short_name=config.name,
                department=c.department or config.agency, address=c.address, postcode=c.postcode, hours=c.hours,
                phone=c.phone, fax=c.fax, email=c.email, functions=Markdown(""))
    unit.id, unit.file = ROOT, config.file
    return unit


def all_units(records) -> dict[str, Unit]:
    """Every unit by id, the county government first (id '')."""
    return {ROOT: root_unit(records.portal), **records.units}


def unit_dir(unit: Unit) -> str:
    """The folder of a unit's own 政府信息公开 column in the site ('bm/fgj'); the county government's is 'xxgk'."""
    return "xxgk" if unit.id == ROOT else f"{PREFIXES[unit.kind]}/{unit.id}"


def unit_problems(records) -> list[Problem]:
    """Credit codes that fail GB 32100, two units with one name or code, documents whose 索引号 prefix is not
    their unit's credit code."""
    found: list[Problem] = []
    portal = records.portal
    units = all_units(records)
    if portal.credit_code.strip():
        wrong = credit_code_problem(portal.credit_code)
        if wrong:
            line, col = where(portal, "credit_code")
            found.append(Problem(portal.file, line, col, f"统一社会信用代码“{portal.credit_code}”{wrong}",
                                 "照营业执照或事业单位法人证书上的代码填写"))
    names: dict[str, Unit] = {}
    codes: dict[str, Unit] = {}
    for unit in records.units.values():
        wrong = credit_code_problem(unit.credit_code)
        if wrong:
            line, col = where(unit, "credit_code")
            found.append(Problem(unit.file, line, col, f"统一社会信用代码“{unit.credit_code}”{wrong}",
                                 "照本单位的统一社会信用代码证书填写"))
    for unit in units.values():  # the county government's name and code are taken too
        for name, seen, label in (("name", names, "名称"), ("short_name", names, "名称"),
                                  ("credit_code", codes, "统一社会信用代码")):
            value = getattr(unit, name).strip()
            other = seen.get(value)
            if value and other is not None and other is not unit:
                line, col = where(unit, name)
                found.append(Problem(unit.file, line, col, f"{label}“{value}”与 {other.file} 重复",
                                     "每个单位只登记一次：删除重复的单位目录，或改正名称、代码"))
            elif value:
                seen[value] = unit
    for unit in records.units.values():
        for note in unit.empty_notes:
            if note.category not in CATEGORIES:
                line, col = where(note, "category")
                found.append(Problem(unit.file, line, col, f"法定主动公开内容没有“{note.category}”这一类",
                                     "可选：" + "、".join(f"{c.id}（{c.title}）" for c in CATEGORIES.values())))
    for doc in records.normative.values():
        unit = units.get(doc.unit or ROOT)
        prefix = doc.index_number.split("/", 1)[0].strip()
        if unit and unit.credit_code and prefix and prefix != unit.credit_code.strip():
            line, col = where(doc, "index_number")
            found.append(Problem(doc.file, line, col,
                                 f"索引号前缀“{prefix}”不是发布单位{unit.label}的统一社会信用代码 {unit.credit_code}",
                                 "索引号写作 本单位统一社会信用代码/年份-流水号；联合发文由牵头单位发布", "警告"))
    return found


def find_unit(name: str, units: dict[str, Unit]) -> Unit | None:
    """The unit a task list names (全称 or 简称, as written), or None."""
    name = name.strip()
    for unit in units.values():
        if name and name in (unit.name, unit.short_name):
            return unit
    return None
