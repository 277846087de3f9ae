"""What the foot of every page carries, from portal.yml, and the checks on it.

政府网站发展指引（国办发〔2017〕47号）asks each government site to show, at the foot of every page, its
主办单位, 联系方式, 网站标识码, ICP备案号, 公安机关备案号 and the 党政机关网站标识; the 政府网站与政务新媒体
检查指标（国办秘函〔2019〕19号）checks them, and the 我为政府网站找错 entry. site_context() gives the
templates (overrides/partials/zwgk-footer.html) what they show; site_problems() warns for each one left
empty (at portal.yml) and refuses a link that is not http(s), since it goes into every page.
"""

from __future__ import annotations

import re

from .errors import Problem
from .yamlnodes import where

ICP_URL = "https://beian.miit.gov.cn/"  # 工业和信息化部政务服务平台: ICP/IP地址/域名信息备案管理系统
POLICE_URL = "http://www.beian.gov.cn/portal/registerSystemInfo?recordcode={code}"  # 全国互联网安全管理服务平台
BADGE = "assets/images/zwgk-dzjg.svg"  # 党政机关网站标识: a local image, nothing loaded from another host
_HTTP = re.compile(r"^https?://[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?$", re.I)

# (portal.yml field, its label, why an inspector wants it): one warning per field left empty
REQUIRED = (
    ("site_code", "网站标识码", "由政府网站信息报送系统赋予的 10 位代码，加引号，如 \"5117220001\""),
    ("icp", "ICP备案号", "向工业和信息化部备案后取得，如 蜀ICP备00000000号"),
    ("police_record", "公安机关备案号", "向公安机关备案后取得，如 川公网安备51172202000001号"),
    ("conac_url", "党政机关网站标识链接", "机构编制部门核发的开办单位标识核验地址，以 https:// 开头"),
    ("error_report_url", "我为政府网站找错入口", "本网站在政府网站找错平台上的入口网址"),
)


def police_code(record: str) -> str:
    """The digits of a 公安机关备案号 (川公网安备51172202000001号 → 51172202000001): the platform's record code."""
    runs = re.findall(r"\d+", record or "")
    return max(runs, key=len, default="")


def site_context(portal) -> dict:
    """The site's details for the page templates (meta tags and footer)."""
    cfg = portal.config
    code = police_code(cfg.police_record)
    links = [{"name": link.name, "url": link.url} for link in cfg.new_media]
    board = cfg.message_board
    return {
        "name": cfg.name, "domain": cfg.domain, "site_code": cfg.site_code, "agency": cfg.agency,
        "as_of": portal.as_of.isoformat(), "phone": cfg.contact.phone, "email": cfg.contact.email,
        "icp": cfg.icp, "icp_url": ICP_URL,
        "police": cfg.police_record, "police_url": POLICE_URL.format(code=code) if code else "",
        "conac_url": cfg.conac_url, "badge": BADGE,
        "error_url": cfg.error_report_url,
        "message_board": {"name": board.name, "url": board.url} if board else None,
        "new_media": links,
    }


def site_problems(records) -> list[Problem]:
    """Warnings for each footer detail portal.yml leaves empty; errors for links that are not http(s)."""
    cfg = records.portal
    path = f"{records.root.name}/portal.yml"
    found = []

    def at(obj, name, message, hint, severity="警告"):
        line, col = where(obj, name)
        found.append(Problem(path, line, col, message, hint, severity))

    for name, label, how in REQUIRED:
        if not str(getattr(cfg, name) or "").strip():
            at(cfg, name, f"portal.yml 没有填写{label}（{name}），页面底部缺少这一项",
               f"{how}。政府网站发展指引（国办发〔2017〕47号）要求在网站页面底部标明")
    if not cfg.domain.strip():
        at(cfg, "domain", "portal.yml 没有填写网站域名（domain），不生成 sitemap.xml，页面的 Url 元数据也不完整",
           "填写本网站的域名，如 www.example.gov.cn：站点地图只能用完整网址（https://域名/…），没有域名就无法生成")
    if not (cfg.contact.phone or cfg.contact.email):
        at(cfg, "contact", "portal.yml 没有填写联系方式（contact 的 phone 或 email），页面底部缺少联系方式",
           "填写 contact: {phone: …, email: …}。政府网站发展指引（国办发〔2017〕47号）要求在网站页面底部标明")
    if cfg.police_record.strip() and not police_code(cfg.police_record):
        at(cfg, "police_record", f"公安机关备案号“{cfg.police_record}”中没有备案编号（数字）",
           "照备案证书填写，如 川公网安备51172202000001号")
    links = [(cfg, "conac_url", cfg.conac_url), (cfg, "error_report_url", cfg.error_report_url)]
    if cfg.message_board:
        links.append((cfg.message_board, "url", cfg.message_board.url))
    links += [(link, "url", link.url) for link in cfg.new_media]
    for obj, name, url in links:
        if url.strip() and not _HTTP.match(url.strip()):
            at(obj, name, f"网址“{url}”不是以 https:// 或 http:// 开头的网站地址",
               "照浏览器地址栏中的网址填写，如 https://www.example.gov.cn/", "错误")
    return found


__all__ = ["BADGE", "ICP_URL", "POLICE_URL", "police_code", "site_context", "site_problems"]
