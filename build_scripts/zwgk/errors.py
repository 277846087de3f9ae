"""Exceptions raised by the core. Only the CLI and the MkDocs adapter format them."""

from __future__ import annotations

from dataclasses import dataclass


class ZwgkError(Exception):
    """Base class for every error zwgk reports to a person."""


@dataclass(frozen=True)
class Problem:
    """One problem found in the records, located by file, line and column (1-based)."""

    path: str
    line: int
    col: int
    message: str
    hint: str = ""
    severity: str = "错误"

    def format(self) -> str:
        text = f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message}"
        if self.hint:
            text += f"\n    提示: {self.hint}"
        return text


class RecordError(ZwgkError):
    """Raised when the records cannot be loaded or fail validation; carries every problem."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.path, p.line, p.col, p.message))
        super().__init__("\n".join(p.format() for p in self.problems))


class BuildError(ZwgkError):
    """Raised when building the site (MkDocs or Pagefind) fails."""
