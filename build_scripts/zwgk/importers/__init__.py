"""Importers: task-breakdown tables from other formats into the ``tasks/<year>.yml`` shape.

Each importer returns an :class:`ImportResult` — the plain dict, ready for YAML, and a
list of :class:`ImportWarning` (line + Chinese message) for whatever it could not place.
They never print; the CLI decides how to show the warnings.
"""

from .table import ImportResult, ImportWarning, TaskImportError
from .text import parse_text, parse_text_file
from .units import Units, split_unit_list, split_units

__all__ = [
    "ImportResult",
    "ImportWarning",
    "TaskImportError",
    "Units",
    "parse_text",
    "parse_text_file",
    "split_unit_list",
    "split_units",
]
