"""Finding personal data in text: 身份证号, mobile and landline numbers, bank card numbers, home addresses.

Pure text functions, no records: find(text) → hits with a masked value for messages. Records and attachments
are walked in zwgk.privacy.

What counts, and why (保密审查 before publishing, 《中华人民共和国个人信息保护法》第二十五条;
《中华人民共和国政府信息公开条例》（国务院令第711号）第十五条):

- 身份证号: 18 characters whose birth date is a real date and whose check digit is right (GB 11643—1999,
  ISO 7064 MOD 11-2, X or x); the old 15-digit form only right after 身份证/证件号 (too many other numbers have
  15 digits).
- 手机号码: 1[3-9] and 9 more digits, spaces or dashes between groups allowed, +86 / 0086 prefix allowed.
  Every mobile number counts except the ones published on purpose as contacts (see official below).
- 固定电话: area code (010, 02x, 0[3-9]xx) and a 7–8 digit local number. Offices publish their landlines all
  over a government site (咨询电话, 举报电话 …), so a landline counts only in a private-person context: the
  nearest cue before it in its sentence is a personal one (当事人, 户主, 家庭电话, 住址, 男， …) rather than an
  organisation (…局, …中心, …股, 热线 …). A number listed as an official contact never counts.
- 银行卡号: 13–19 digits (one run, or groups of four split by spaces or dashes) starting 3–6 (UnionPay 62,
  Visa 4, Mastercard 5, JCB/AmEx 3) and passing the Luhn check; not right after 索引号、文号、代码、编号 and the like.
- 家庭住址: …路/街/巷…号 or …小区/花园/苑… then …栋/幢/单元… then …室/户 (a flat), or …村…组/社…号 (a house in
  a village); not when the address names an office building (政府, 中心, 局, 办公 …).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

ID_CARD, MOBILE, LANDLINE, BANK_CARD, ADDRESS = "身份证号", "手机号码", "固定电话", "银行卡号", "家庭住址"
KINDS = (ID_CARD, MOBILE, LANDLINE, BANK_CARD, ADDRESS)
PHONE_KINDS = (MOBILE, LANDLINE)

# one character for one character, so offsets in the normalised text are offsets in the original
_NORMALISE = str.maketrans({**{chr(0xFF10 + i): str(i) for i in range(10)}, "ｘ": "x", "Ｘ": "X", "＋": "+",
                            "－": "-", "—": "-", "–": "-", "‐": "-", "‑": "-", "−": "-", "　": " ", "\xa0": " ",
                            "（": "(", "）": ")"})
_B = r"(?<![0-9A-Za-z])"  # no digit or letter right before
_E = r"(?![0-9A-Za-z])"  # ... or right after
_SEP = r"[ -]?"

_ID18 = re.compile(_B + r"([1-8]\d{5})((?:19|20)\d{2})(\d{2})(\d{2})(\d{3})([0-9Xx])" + _E)
_ID15 = re.compile(_B + r"[1-8]\d{5}(\d{2})(\d{2})(\d{2})\d{3}" + _E)
_MOBILE = re.compile(_B + r"(?:(?:\+|00)86[ -]?)?(1[3-9]\d)" + _SEP + r"(\d{4})" + _SEP + r"(\d{4})" + _E)
_LANDLINE = re.compile(_B + r"(?:\((010|02\d|0[3-9]\d{2})\)[ ]?|(010|02\d|0[3-9]\d{2})[ -]?)([2-8]\d{6,7})" + _E)
_CARD = re.compile(_B + r"[3-6]\d{3}(?:[ -]?\d{4}){2,3}(?:[ -]?\d{1,3})?" + _E)

_NUM = r"[0-9一二三四五六七八九十百零〇两]+"
_HAN = r"[\u4e00-\u9fff]"
_FLAT = rf"(?:{_NUM}(?:栋|幢|号楼|座)(?:{_NUM}单元)?|{_NUM}单元)(?:{_NUM}(?:楼|层))?{_NUM}(?:室|户)"
_ADDRESS = re.compile(
    rf"(?:{_HAN}{{1,6}}(?:路|街|巷|大道|胡同|弄){_NUM}号(?:院)?|{_HAN}{{1,6}}(?:小区|花园|家园|公寓|新村|花苑|苑|大厦))"
    rf"[\u4e00-\u9fff0-9A-Za-z]{{0,10}}?{_FLAT}"
    rf"|{_HAN}{{1,6}}村(?:{_NUM}|{_HAN}{{1,3}}?)(?:组|社|队){_NUM}号"
)
_OFFICE_ADDRESS = re.compile(r"政府|中心|局|委员会|办公|机关|大厅")
_HOME = re.compile(r"家属|宿舍|住宅")
_LEAD = re.compile(r"^(?:家庭住址|住址|地址|家住|现住|居住在|住在|住)[：:]?")

_ID_CUE = re.compile(r"(?:身份证|证件|身份号码)[^。；;\n]{0,12}$")
_NOT_A_CARD = re.compile(
    r"(?:索引号|文号|代码|编号|编码|标识码|登记号|备案号|许可证号|证书号|合同号|订单号|流水号|项目号|批准号|税号|准考证号)"
    r"[^。；;\n]{0,8}$"
)
_PERSONAL = re.compile(  # cues that introduce one person's own details
    r"当事人|户主|(?:申请人|被申请人|举报人|投诉人|联系人|法定代表人|监护人|负责人|姓名)[：:]|"
    r"本人电话|家庭电话|住宅电话|宅电|家中电话|个人电话|私人电话|手机|"
    r"住址|家住|现住|住所|户籍地|身份证|出生|(?:^|[，,、:：\s])[男女][，,、\s]"
)
_ORGANISATION = re.compile(  # cues that the number is an office's
    r"局|办公室|办|委员会|委|中心|股|所|站|院|队|厅|处|科|政府|热线|公司|银行|馆|部|街道|社区|乡|镇|"
    r"妇联|残联|工商联|工会|协会|学会|商会|"
    r"咨询电话|举报电话|监督电话|投诉电话|服务电话|预约电话|办公电话|值班电话"
)
# every kind needs 7 digits (at most one separator between two) or the end of a flat or village address
_WORTH_A_LOOK = re.compile(r"\d(?:[ ()\-\u2010-\u2015\u2212\uff0d\uff08\uff09\u3000]?\d){6}|[室户]|[组社队][0-9一二三四五六七八九十百零〇两]+号")
_SENTENCE_END = re.compile(r"[。；;！!？?\n]")
_CONTEXT = 40


@dataclass(frozen=True)
class Hit:
    """One piece of personal data: its kind, its normalised value (digits, or the address), where in the text."""

    kind: str
    value: str
    start: int
    end: int

    @property
    def masked(self) -> str:
        return mask(self.kind, self.value)


def normalise(text: str) -> str:
    return text.translate(_NORMALISE)


def digits(text: str) -> str:
    """The digits (and a trailing X of an ID number) of a value; +86 / 0086 dropped from a mobile number."""
    found = re.sub(r"[^0-9Xx]", "", normalise(text)).upper()
    return found[2:] if len(found) == 13 and found.startswith("86") else found[4:] if found.startswith("0086") else found


def mask(kind: str, value: str) -> str:
    """The form a message may show: 5101**********1234, 138****5678, 0818-***1201, 6222***********0123."""
    if kind == ADDRESS:
        return re.sub(_NUM, lambda m: "*" * len(m.group(0)), value)
    if kind == MOBILE:
        return value[:3] + "****" + value[-4:]
    if kind == LANDLINE:
        code = _area_code(value)
        return f"{code}-" + "*" * (len(value) - len(code) - 4) + value[-4:]
    return value[:4] + "*" * (len(value) - 8) + value[-4:]


def _area_code(number: str) -> str:
    return number[:3] if number.startswith(("010", "02")) else number[:4]


def local_number(number: str) -> str:
    """A landline without its area code (an official number is known whether or not the code is written)."""
    return number[len(_area_code(number)):] if number.startswith("0") else number


def id_card_valid(number: str) -> bool:
    """GB 11643—1999: a real birth date and the ISO 7064 MOD 11-2 check digit."""
    number = number.upper()
    if not re.fullmatch(r"\d{17}[0-9X]", number) or not _real_date(number[6:10], number[10:12], number[12:14]):
        return False
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    check = "10X98765432"[sum(int(d) * w for d, w in zip(number, weights)) % 11]
    return number[17] == check


def luhn_valid(number: str) -> bool:
    total = 0
    for i, d in enumerate(reversed(number)):
        n = int(d) * (2 if i % 2 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def _real_date(year: str, month: str, day: str) -> bool:
    try:
        dt.date(int(year), int(month), int(day))
    except ValueError:
        return False
    return True


def _before(text: str, start: int) -> str:
    """The text before start in its sentence, at most _CONTEXT characters."""
    window = text[max(0, start - _CONTEXT):start]
    ends = list(_SENTENCE_END.finditer(window))
    return window[ends[-1].end():] if ends else window


def _personal_context(text: str, start: int) -> bool:
    """Whether the nearest cue before a landline speaks of a person rather than an office."""
    window = _before(text, start)
    personal = max((m.end() for m in _PERSONAL.finditer(window)), default=-1)
    office = max((m.end() for m in _ORGANISATION.finditer(window)), default=-1)
    return personal > office


def find(text: str, *, official: frozenset[str] = frozenset(), phones: bool = True,
         addresses: bool = True) -> list[Hit]:
    """Every piece of personal data in text, in order.

    official: numbers (digits; landlines also without area code) published on purpose, never hits.
    phones, addresses: False for fields meant for an office's own contact details.
    """
    if not text or not _WORTH_A_LOOK.search(text):
        return []
    norm = normalise(text)
    hits: list[Hit] = []
    taken: list[tuple[int, int]] = []

    def add(kind: str, value: str, start: int, end: int) -> None:
        if any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        hits.append(Hit(kind, value, start, end))

    for m in _ID18.finditer(norm):
        if id_card_valid(m.group(0)):
            add(ID_CARD, m.group(0).upper(), m.start(), m.end())
    for m in _ID15.finditer(norm):
        if _real_date("19" + m.group(1), m.group(2), m.group(3)) and _ID_CUE.search(norm[:m.start()]):
            add(ID_CARD, m.group(0), m.start(), m.end())
    for m in _CARD.finditer(norm):
        number = re.sub(r"[ -]", "", m.group(0))
        if not 13 <= len(number) <= 19 or not luhn_valid(number):
            continue
        groups = re.split(r"[ -]", m.group(0))
        if len(groups) > 1 and any(len(g) != 4 for g in groups[:-1]):
            continue
        if _NOT_A_CARD.search(_before(norm, m.start())):
            continue
        add(BANK_CARD, number, m.start(), m.end())
    if phones:
        for m in _MOBILE.finditer(norm):
            number = "".join(m.groups())
            if number not in official:
                add(MOBILE, number, m.start(), m.end())
        for m in _LANDLINE.finditer(norm):
            number = (m.group(1) or m.group(2)) + m.group(3)
            if m.group(3) in official or number in official:
                continue
            if _personal_context(norm, m.start()):
                add(LANDLINE, number, m.start(), m.end())
    if addresses:
        for m in _ADDRESS.finditer(norm):
            if not _OFFICE_ADDRESS.search(m.group(0)) or _HOME.search(m.group(0)):
                lead = _LEAD.match(m.group(0))
                start = m.start() + (lead.end() if lead else 0)
                add(ADDRESS, norm[start:m.end()], start, m.end())
    hits.sort(key=lambda h: h.start)
    return hits


def official_numbers(texts) -> set[str]:
    """The phone numbers in contact fields: mobile numbers and landlines (with and without area code)."""
    found: set[str] = set()
    for text in texts:
        norm = normalise(text or "")
        for m in _MOBILE.finditer(norm):
            found.add("".join(m.groups()))
        for m in _LANDLINE.finditer(norm):
            found.update({(m.group(1) or m.group(2)) + m.group(3), m.group(3)})
        for m in re.finditer(_B + r"[2-8]\d{6,7}" + _E, norm):  # a local number written without area code
            found.add(m.group(0))
    return found
