"""The 404 page, in Chromium through the publishing guide's nginx configuration: at the root (the
demo site) and under a sub-path (the guide's site_url and `location ^~ /zwgk/` block, added to the
production server), each asked for at a deep missing address. It must be in Chinese, styled (the
theme's header colour), with the site's footer, a working link home and search box, no
Content-Security-Policy violation and no axe violation."""

from __future__ import annotations

import re
import textwrap
import urllib.parse
from pathlib import Path

import pytest
import yaml
from conftest import zwgk_build
from test_nginx import CSP_WATCH, GUIDE, loopback_config, request, running_nginx, self_signed
from webtools import (
    AXE_TAGS,
    REPO,
    axe_source,
    format_violations,
    free_port,
    guard_hosts,
    origin,
    run_axe,
    serve_axe,
)

THEME_RED = "rgb(163, 21, 21)"  # Material's red primary: the header when the stylesheets loaded
MISSING = "a/b/c"  # a missing address three folders deep


def guide_block(language: str, needle: str) -> str:
    """The publishing guide's fenced block of that language containing needle."""
    text = GUIDE.read_text(encoding="utf-8")
    blocks = re.findall(rf"^```{language}\n(.*?)^```", text, re.DOTALL | re.MULTILINE)
    found = [b for b in blocks if needle in b]
    assert found, f"no ```{language} block with {needle!r} in {GUIDE.name}"
    return found[0]


@pytest.fixture(scope="module")
def sub_site(tmp_path_factory) -> tuple[str, Path]:
    """The demo records built with the guide's site_url, as the guide says for a sub-path."""
    site_url = re.search(
        r"^site_url:\s*(\S+)", guide_block("yaml", "site_url:"), re.MULTILINE
    ).group(1)
    tmp = tmp_path_factory.mktemp("subpath")
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(REPO / "content")
    config["theme"]["custom_dir"] = str(REPO / "overrides")
    config["site_url"] = site_url
    (tmp / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    site = zwgk_build(
        tmp / "site", "--config", str(tmp / "mkdocs.yml"), "--records", str(REPO / "tasks_yaml")
    )
    return urllib.parse.urlsplit(site_url).path, site


@pytest.fixture(scope="module")
def nginx(built_site, sub_site, tmp_path_factory):
    """The production server for the demo site, with the guide's sub-path block for the other build."""
    prefix, site = sub_site
    tmp = tmp_path_factory.mktemp("nginx404")
    crt, key = self_signed(tmp)
    http_port, https_port = free_port(), free_port()
    conf = loopback_config(built_site, tmp, http_port, https_port, crt, key)
    block = guide_block("nginx", f"location ^~ {prefix}")
    block = re.sub(r"\balias\s+\S+;", f"alias {site}/;", block)
    anchor = "    error_page 404 /404.html;\n"
    assert conf.count(anchor) == 1
    conf = conf.replace(anchor, anchor + "\n" + textwrap.indent(block, "    "))
    with running_nginx(tmp, conf, https_port):
        yield {"https": https_port}


def test_sub_path_block_serves_open_data_and_hides_dot_files(nginx, sub_site):
    """The nested rules in the guide's block: without ^~ the server's `\\.csv$` would take the CSV."""
    prefix, site = sub_site
    status, headers, body = request("::1", nginx["https"], f"{prefix}gfxwj/gfxwj.csv")
    assert status == 200 and headers["content-type"].startswith("text/csv")
    assert body == (site / "gfxwj" / "gfxwj.csv").read_bytes()
    status, headers, body = request("::1", nginx["https"], f"{prefix}.git/config")
    assert status == 404 and body == (site / "404.html").read_bytes()
    assert "content-security-policy" in headers


@pytest.mark.browser
@pytest.mark.parametrize("where", ["root", "sub-path"])
def test_404_page_is_styled_chinese_and_leads_home_and_to_search(nginx, sub_site, browser, where):
    prefix = "/" if where == "root" else sub_site[0]
    base = f"https://[::1]:{nginx['https']}{prefix}"
    context = browser.new_context(ignore_https_errors=True)
    context.add_init_script(CSP_WATCH)
    blocked = guard_hosts(context, origin(base))
    serve_axe(context, base, axe_source())
    page = context.new_page()
    failed, errors = [], []
    page.on("response", lambda r: r.status >= 400 and failed.append(f"{r.status} {r.url}"))
    page.on("pageerror", lambda e: errors.append(str(e)))

    response = page.goto(base + MISSING, wait_until="load")
    assert response.status == 404
    assert failed == [f"404 {base}{MISSING}"]  # every stylesheet, script and icon loaded
    state = page.evaluate("""() => ({
        header: getComputedStyle(document.querySelector('.md-header')).backgroundColor,
        button: getComputedStyle(document.querySelector('.zwgk-sp__submit')).backgroundColor,
        h1: document.querySelector('h1').textContent,
        title: document.title,
        footer: document.querySelector('footer').textContent,
        lang: document.documentElement.lang,
        scripted: document.documentElement.classList.contains('zwgk-js'),
        csp: window.__cspViolations})""")
    assert state["header"] == THEME_RED and state["button"] == THEME_RED, state
    assert "找不到您要访问的页面" in state["h1"] and state["title"].startswith("找不到页面")
    assert "主办单位：" in state["footer"] and state["lang"] == "zh-CN"
    assert state["scripted"] and state["csp"] == [], state
    violations = run_axe(page, base, {"runOnly": {"type": "tag", "values": AXE_TAGS}})
    assert violations == [], format_violations({f"{prefix}{MISSING}": violations})

    page.get_by_role("link", name="返回首页").click()
    page.wait_for_load_state("load")
    assert page.url == base
    assert page.evaluate("document.title") != state["title"]

    page.goto(base + MISSING, wait_until="load")
    page.get_by_label("关键词").fill("规范性文件")
    page.get_by_role("search", name="查找信息").get_by_role("button", name="搜索").click()
    page.wait_for_url(base + "search/?q=*")
    page.wait_for_selector("#zwgk-sp-list li", timeout=15000)
    assert page.locator("#zwgk-sp-list li").count() > 0
    assert errors == [] and blocked == []
    context.close()
