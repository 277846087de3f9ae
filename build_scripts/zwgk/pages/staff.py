"""工作人员版 (`zwgk build --staff`, site-staff/): the home page of the pages meant for staff only.

The audit report (pages/report.py), the editors' guide (content/bzzn/) and the publishing guide
(content/fabu/) tell how the site is run: file paths, findings, server settings. They are built into a
folder of their own, never into the public site/, and that folder holds nothing else: no record page, no
search index, so it takes seconds. The staff build uses file names (jcbg/index.html), so it opens from a
local folder without a server; links to public pages go to the public site (portal.yml domain).
"""

from __future__ import annotations

from ..portal import Portal
from . import report
from .common import Page, block, cn_date, esc

PATH = "index.md"
TITLE = "工作人员版"
# (title, page, what it is for): what the staff build holds besides this page
STAFF_PAGES = (
    (report.COLUMN + "报告", report.INDEX, "各栏目得分、单项否决、每条问题的规则、依据、记录文件和修改方法；JSON、CSV 供下载"),
    ("使用指南（编辑人员）", "bzzn/index.md", "新增、废止文件，新增解读，预览，看懂错误信息，保密审查，全部字段和命令"),
    ("网站发布指南", "fabu/index.md", "nginx 配置（IPv4/IPv6、HTTPS、安全响应头）和持续集成自动发布"),
)


def file_link(path: str) -> str:
    """A source path as the staff build's file name (index.md → index.html): it opens from a local folder."""
    return path[:-3] + ".html" if path.endswith(".md") else path


def summary(portal: Portal) -> str:
    """The report's outcome in one line (the build has already run the audit: audit.export.report_for)."""
    from ..audit.export import report_for

    report = report_for(portal)
    veto = "；".join(f.rule.title for f in report.veto)
    return (f"截至{cn_date(report.as_of)}：网站得分 <strong>{report.site_score}</strong> 分，"
            f"错误 {report.count('error')} 条，警告 {report.count('warning')} 条；单项否决："
            + (f'<strong class="zwgk-overdue">{esc(veto)}</strong>（网站检查不合格）' if veto else "无") + "。")


def pages(portal: Portal) -> list[Page]:
    from ..sitemaps import base_url

    public = base_url(portal)
    items = "".join(f'<li><a href="{esc(file_link(path))}">{esc(title)}</a>：{esc(what)}</li>'
                    for title, path, what in STAFF_PAGES)
    site = (f'<a href="{esc(public)}">{esc(public)}</a>' if public else "（portal.yml 未填写 domain）")
    body = block(
        f"<p>本目录是{esc(portal.config.name)}的工作人员版，只供编辑、审核和运维人员使用，"
        f"<strong>不要发布到公开网站</strong>。公开网站：{site}。</p>"
        f'<ul class="zwgk-sitemap">{items}</ul><p>{summary(portal)}</p>'
        "<p>本目录由 <code>zwgk build --staff</code> 生成（默认写到 <code>site-staff/</code>），"
        "不需要网络，也不需要服务器：直接用浏览器打开其中的 index.html 即可。</p>"
    )
    return [Page(PATH, TITLE, body, column=TITLE, column_type="其他", in_nav=True,
                 description=f"{portal.config.name}工作人员版：栏目完整性检查报告、使用指南、网站发布指南")]
