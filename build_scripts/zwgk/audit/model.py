"""What a rule and a finding are. Every text in the report comes from these fields."""

from __future__ import annotations

from dataclasses import dataclass

SEVERITY_LABELS = {"error": "错误", "warning": "警告"}
SEVERITY_ORDER = ("error", "warning")


@dataclass(frozen=True)
class Source:
    """Where a rule comes from: a national rule (by its exact document number) or this portal's own setting."""

    title: str

    def text(self) -> str:
        return self.title


@dataclass(frozen=True)
class Rule:
    """One check: message and hint are str.format templates filled by each finding."""

    id: str
    title: str
    severity: str
    source: Source
    message: str
    hint: str
    needs_site: bool = False  # runs only on a built site (zwgk audit --site)

    def __post_init__(self):
        assert self.severity in SEVERITY_LABELS, self.severity

    @property
    def family(self) -> int:
        return int(self.id[1:].split(".")[0])

    @property
    def severity_label(self) -> str:
        return SEVERITY_LABELS[self.severity]

    def finding(self, target: Target, column: str = "", /, **params) -> Finding:
        """A finding of this rule about target, counted against column ('' = the site as a whole)."""
        return Finding(
            self, target, column, self.message.format(**params), self.hint.format(**params)
        )


@dataclass(frozen=True)
class Target:
    """What a finding is about: a label, its page in the site (source path) if any, its record file and line,
    and the publishing unit it belongs to (units/<id>/; '' = the county government, or the platform as a whole)."""

    label: str
    page: str = ""
    file: str = ""
    line: int = 0
    unit: str = ""

    @property
    def location(self) -> str:
        return f"{self.file}:{self.line}" if self.file and self.line else self.file


@dataclass(frozen=True)
class Finding:
    """One problem found by one rule."""

    rule: Rule
    target: Target
    column: str
    message: str
    hint: str

    @property
    def severity(self) -> str:
        return self.rule.severity

    def sort_key(self, rule_order: dict[str, int]):
        t = self.target
        return (
            rule_order.get(self.rule.id, 999),
            t.unit,
            self.column,
            t.page,
            t.file,
            t.line,
            t.label,
            self.message,
        )
