"""The publishing guide's nginx configuration, run for real: Debian's nginx on loopback serving the
built demo site with a self-signed certificate, fetched over [::1] (and 127.0.0.1), and pages
loaded in Chromium through it without a Content-Security-Policy violation. Also checks that the
guide shows the tested files verbatim and that the CI examples build, audit and rsync."""

from __future__ import annotations

import contextlib
import gzip
import http.client
import os
import re
import shutil
import signal
import ssl
import subprocess
import time
import urllib.parse
from pathlib import Path

import pytest
import yaml
from webtools import REPO, chromium, free_port, sample_pages

DEPLOY = REPO / "build_scripts" / "deploy"
NGINX_CONF = DEPLOY / "nginx.conf"
GUIDE = REPO / "content" / "fabu" / "index.md"
CI_EXAMPLES = {"github": DEPLOY / "github-actions.yml", "gitlab": DEPLOY / "gitlab-ci.yml"}

# The production listen lines, and what the test puts in their place on loopback.
LISTEN = {
    "listen 80;": "listen 127.0.0.1:{http};",
    "listen [::]:80;": "listen [::1]:{http};",
    "listen 443 ssl http2;": "listen 127.0.0.1:{https} ssl http2;",
    "listen [::]:443 ssl http2;": "listen [::1]:{https} ssl http2;",
}


def find_nginx() -> str:
    """Debian's nginx, installed with apt-get when missing and allowed; otherwise skip with the reason."""
    found = shutil.which("nginx") or (
        "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
    )
    if found:
        return found
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        pytest.skip("没有 nginx，且无法用 apt-get 安装（需要 root）：apt-get install nginx")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    proc = subprocess.run(
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", "nginx"],
        check=False,
        capture_output=True,
        text=True,
        env=env,
    )
    found = shutil.which("nginx") or (
        "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
    )
    if not found:
        pytest.skip(f"apt-get install nginx 失败：{proc.stderr[-500:]}")
    return found


def self_signed(tmp: Path) -> tuple[Path, Path]:
    crt, key = tmp / "zwgk.crt", tmp / "zwgk.key"
    proc = subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=localhost",
            "-addext",
            "subjectAltName=DNS:localhost,IP:::1,IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(crt),
        ],
        check=False,
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        pytest.skip(f"openssl 无法生成测试证书：{proc.stderr[-300:]}")
    return crt, key


def loopback_config(
    site: Path, tmp: Path, http_port: int, https_port: int, crt: Path, key: Path
) -> str:
    """The production server blocks with only addresses, certificate and root changed."""
    conf = NGINX_CONF.read_text(encoding="utf-8")
    for production, test in LISTEN.items():
        assert conf.count(production) == 1, production
        conf = conf.replace(production, test.format(http=http_port, https=https_port))
    conf = re.sub(r"ssl_certificate\s+\S+;", f"ssl_certificate {crt};", conf)
    conf = re.sub(r"ssl_certificate_key\s+\S+;", f"ssl_certificate_key {key};", conf)
    conf = re.sub(r"\broot\s+\S+;", f"root {site};", conf)
    return conf


@contextlib.contextmanager
def running_nginx(tmp: Path, server_conf: str, https_port: int):
    """nginx in the foreground with server_conf, one process as the current user; yields its error log."""
    binary = find_nginx()
    (tmp / "zwgk.conf").write_text(server_conf, encoding="utf-8")
    mime = Path("/etc/nginx/mime.types")
    temp = "\n".join(
        f"  {name}_temp_path {tmp / name};"
        for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    (tmp / "nginx.conf").write_text(
        f"""
daemon off;
master_process off;
pid {tmp / "nginx.pid"};
error_log {tmp / "error.log"} warn;
events {{ worker_connections 64; }}
http {{
  include {mime};
  default_type application/octet-stream;
  access_log {tmp / "access.log"};
{temp}
  include {tmp / "zwgk.conf"};
}}
""",
        encoding="utf-8",
    )
    check = subprocess.run(
        [binary, "-t", "-p", str(tmp), "-c", str(tmp / "nginx.conf")],
        check=False,
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stderr
    proc = subprocess.Popen(
        [binary, "-p", str(tmp), "-c", str(tmp / "nginx.conf")],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            request("::1", https_port, "/")
            break
        except OSError:
            if proc.poll() is not None:
                pytest.fail(
                    f"nginx exited: {proc.stdout.read()!r} {(tmp / 'error.log').read_text()}"
                )
            time.sleep(0.2)
    try:
        yield tmp / "error.log"
    finally:
        proc.send_signal(signal.SIGQUIT)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="module")
def nginx(built_site, tmp_path_factory):
    """The production configuration on free loopback ports, serving the demo site."""
    find_nginx()
    tmp = tmp_path_factory.mktemp("nginx")
    crt, key = self_signed(tmp)
    http_port, https_port = free_port(), free_port()
    conf = loopback_config(built_site, tmp, http_port, https_port, crt, key)
    with running_nginx(tmp, conf, https_port) as log:
        yield {"http": http_port, "https": https_port, "site": built_site, "log": log}


def request(host: str, port: int, path: str, tls: bool = True, headers: dict | None = None):
    """One GET; returns (status, headers as a lower-cased dict, raw body)."""
    if tls:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        conn = http.client.HTTPSConnection(host, port, timeout=10, context=context)
    else:
        conn = http.client.HTTPConnection(host, port, timeout=10)
    try:
        conn.request("GET", urllib.parse.quote(path, safe="/%"), headers=headers or {})
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


# --- the configuration as written --------------------------------------------------------------


def test_config_listens_on_ipv6_and_ipv4_for_http_and_https():
    conf = NGINX_CONF.read_text(encoding="utf-8")
    listens = re.findall(r"^\s*listen\s+([^;]+);", conf, re.MULTILINE)
    assert sorted(listens) == sorted(["80", "[::]:80", "443 ssl http2", "[::]:443 ssl http2"])


def test_guide_shows_the_tested_files_verbatim():
    guide = GUIDE.read_text(encoding="utf-8")
    blocks = [
        b.strip("\n") for b in re.findall(r"^```[a-z]*\n(.*?)^```", guide, re.DOTALL | re.MULTILINE)
    ]
    for path in [NGINX_CONF, *CI_EXAMPLES.values()]:
        assert path.read_text(encoding="utf-8").strip("\n") in blocks, (
            f"{path.name} differs from the guide"
        )


@pytest.mark.parametrize("name", list(CI_EXAMPLES))
def test_ci_example_builds_audits_and_deploys_by_rsync(name):
    text = CI_EXAMPLES[name].read_text(encoding="utf-8")
    config = yaml.safe_load(text)
    assert isinstance(config, dict)
    staff = re.findall(r"^\s*(?:- |run: )?zwgk build --staff\b", text, re.MULTILINE)
    assert len(staff) == 1 and "site-staff/" in text  # the staff build: kept with the audit report
    public = re.sub(r"zwgk build --staff\b", "", text)
    commands = re.findall(r"^\s*(?:- |run: )?(zwgk [a-z-]+|rsync)\b", public, re.MULTILINE)
    order = [c.split()[-1] if c.startswith("zwgk") else c for c in commands]
    assert [c for c in order if c in {"check", "build", "audit", "rsync"}] == [
        "check",
        "build",
        "audit",
        "rsync",
    ]
    assert "--fail-on error" in text and "--delete" in text
    synced = re.search(r"rsync [^\n]*(?:\\?\n[^\n]*)*?\s(\S+/) \"\$DEPLOY_USER", text)
    assert synced and synced.group(1) == "site/"  # only the public site is published
    if name == "github":
        assert {"on", "jobs"} <= set(config) or {True, "jobs"} <= set(
            config
        )  # YAML 1.1 reads `on` as True
    else:
        assert {"build", "deploy"} <= set(config.get("stages", []))


# --- nginx running ------------------------------------------------------------------------------


@pytest.mark.parametrize("host", ["::1", "127.0.0.1"])
def test_https_serves_the_site_with_security_headers(nginx, host):
    status, headers, body = request(host, nginx["https"], "/")
    assert status == 200 and b'lang="zh-CN"' in body
    csp = headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"
    assert "nginx/" not in headers.get("server", "")


@pytest.mark.parametrize("host", ["::1", "127.0.0.1"])
def test_http_redirects_to_https(nginx, host):
    status, headers, _ = request(host, nginx["http"], "/gfxwj/", tls=False)
    assert (
        status == 301
        and headers["location"].startswith("https://")
        and headers["location"].endswith("/gfxwj/")
    )


def test_missing_page_gets_the_404_page_with_headers(nginx):
    status, headers, body = request("::1", nginx["https"], "/no/such/page/")
    assert status == 404
    assert body == (nginx["site"] / "404.html").read_bytes()
    assert "content-security-policy" in headers and headers["x-content-type-options"] == "nosniff"


def test_text_is_gzip_compressed(nginx):
    site = nginx["site"]
    samples = [
        "/",
        "/gfxwj/",
        *(
            ("/" + p.relative_to(site).as_posix())
            for p in [
                next(site.glob("assets/stylesheets/main.*.css")),
                next(site.glob("assets/javascripts/bundle.*.js")),
                site / "assets/stylesheets/zwgk-a11y.css",
            ]
        ),
    ]
    samples += ["/" + p.relative_to(site).as_posix() for p in sorted(site.rglob("*.json"))[:1]]
    for path in samples:
        status, headers, body = request(
            "::1", nginx["https"], path, headers={"Accept-Encoding": "gzip"}
        )
        assert status == 200, path
        assert headers.get("content-encoding") == "gzip", path
        assert "accept-encoding" in headers.get("vary", "").lower(), path
        target = site / path.lstrip("/")
        target = target / "index.html" if target.is_dir() else target
        assert gzip.decompress(body) == target.read_bytes(), path


def test_types_and_no_hidden_files(nginx):
    _, headers, _ = request("::1", nginx["https"], "/assets/stylesheets/zwgk-a11y.css")
    assert headers["content-type"].startswith("text/css") and "expires" in headers
    for path in ["/.git/config", "/.htaccess"]:
        assert request("::1", nginx["https"], path)[0] == 404


CSP_WATCH = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation',
    e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
"""


@pytest.mark.browser
def test_pages_load_through_nginx_without_csp_violation(nginx):
    base = f"https://[::1]:{nginx['https']}/"
    problems, loaded = [], 0
    with chromium() as browser:
        context = browser.new_context(ignore_https_errors=True)
        context.add_init_script(CSP_WATCH)
        page = context.new_page()
        page.on(
            "console",
            lambda m: m.type in ("error", "warning") and problems.append(f"{page.url}: {m.text}"),
        )
        page.on("pageerror", lambda e: problems.append(f"{page.url}: {e}"))
        for rel in sample_pages(nginx["site"]):
            page.goto(base + rel, wait_until="load")
            loaded += 1
            state = page.evaluate("""() => ({
                violations: window.__cspViolations,
                styled: getComputedStyle(document.querySelector('.md-header')).backgroundColor,
                scripted: document.documentElement.classList.contains('zwgk-js')
                    && !!document.querySelector('.zwgk-menu-button[aria-controls]')})""")
            problems += [f"{rel}: CSP {v}" for v in state["violations"]]
            if state["styled"] != "rgb(163, 21, 21)" or not state["scripted"]:
                problems.append(f"{rel}: styles or scripts did not run: {state}")
        # the search engine (zwgk-search.js in a worker, reading the index) under the same policy
        site = nginx["site"]
        page.goto(base, wait_until="load")
        if (
            not page.evaluate("!!window.zwgkSearch")
            and (site / "assets/javascripts/zwgk-search.js").exists()
        ):
            page.add_script_tag(url=base + "assets/javascripts/zwgk-search.js")
        if page.evaluate("!!window.zwgkSearch"):
            found = page.evaluate("zwgkSearch.search('规范性文件').then(r => r.total)")
        else:
            found = None  # built without search
        assert found is None or found > 0
        problems += [f"search: CSP {v}" for v in page.evaluate("window.__cspViolations")]
        context.close()
    assert loaded > 10
    assert problems == []
