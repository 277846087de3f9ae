"""统一社会信用代码 (GB 32100—2015): 18 characters, the last a check character over the first 17."""

from __future__ import annotations

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # 31 characters: no I, O, S, V, Z
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def check_character(first17: str) -> str:
    """The check character for the first 17 characters (which must all be in CHARSET)."""
    total = sum(CHARSET.index(c) * w for c, w in zip(first17, WEIGHTS, strict=True))
    return CHARSET[(31 - total % 31) % 31]


def credit_code_problem(code: str) -> str | None:
    """What is wrong with a 统一社会信用代码, in Chinese, or None when it is well formed."""
    code = code.strip()
    if len(code) != 18:
        return f"应为 18 位，这里是 {len(code)} 位"
    bad = sorted({c for c in code if c not in CHARSET})
    if bad:
        return "含有不能使用的字符“" + "”“".join(bad) + "”（只用数字和除 I、O、S、V、Z 以外的大写字母）"
    expected = check_character(code[:17])
    if code[17] != expected:
        return f"末位校验码应为 {expected}，这里是 {code[17]}（GB 32100—2015）"
    return None
