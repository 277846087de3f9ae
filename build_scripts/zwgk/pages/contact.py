"""The agency's contact details from portal.yml, for hand-written pages (政府信息公开指南).

A hand-written page writes ``<!-- zwgk:contact -->`` where the list belongs; the adapter replaces it with
:func:`contact_list`, so the 指南, the footer and portal.yml can never give different addresses or phones.
"""

from __future__ import annotations

from ..portal import Portal
from .common import esc, md_text


def contact_list(portal: Portal) -> str:
    """受理机构, 办公地址, 办公时间, 电话, 传真, 电子邮箱 and 邮政编码 as a Markdown list (filled-in fields only)."""
    cfg = portal.config
    contact = cfg.contact
    rows = [
        ("受理机构", contact.department or cfg.agency),
        ("办公地址", contact.address),
        ("邮政编码", contact.postcode),
        ("办公时间", contact.hours),
        ("咨询电话", contact.phone),
        ("传真", contact.fax),
    ]
    lines = [f"- {label}：{md_text(value)}" for label, value in rows if value]
    if contact.email:
        lines.append(f'- 电子邮箱：<a href="mailto:{esc(contact.email)}">{esc(contact.email)}</a>')
    return "\n".join(lines)


def annual_list(portal: Portal) -> str:
    """The county government's annual reports made from ndbg/<year>.yml (pages.annual)."""
    from .annual import county_list

    return county_list(portal)


MARKERS = {"<!-- zwgk:contact -->": contact_list, "<!-- zwgk:ndbg -->": annual_list}


def fill_markers(markdown: str, portal: Portal) -> str:
    """A hand-written page with every zwgk marker replaced by its portal.yml content."""
    for marker, fill in MARKERS.items():
        if marker in markdown:
            markdown = markdown.replace(marker, fill(portal))
    return markdown
