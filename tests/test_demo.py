"""build_scripts/demo.sh with the arguments its header documents: `--port` reaches zwgk serve only
(zwgk build does not take it), `--as-of` both, and setup.sh does not take them for a pip extra."""

from __future__ import annotations

from test_ipv6 import get
from test_serve import AS_OF, Serving, announced
from webtools import REPO, free_port


def test_demo_script_takes_port_and_as_of(tmp_path):
    """The documented usage: --as-of goes to build and serve, --port to serve only, --site-dir to
    build only (so the test leaves the repository's site/ alone)."""
    port = free_port()
    site = tmp_path / "site"
    serving = Serving(
        [
            "bash",
            str(REPO / "build_scripts" / "demo.sh"),
            "--port",
            str(port),
            "--as-of",
            AS_OF,
            "--site-dir",
            str(site),
        ],
        tmp_path,
    )
    try:
        assert announced(serving) == [f"http://[::1]:{port}/", f"http://127.0.0.1:{port}/"]
        status, body = get("127.0.0.1", port, "/", timeout=5)
        assert status == 200 and b'lang="zh-CN"' in body
        assert (site / "index.html").is_file()
        assert f"截至 {AS_OF}" in serving.stderr
    finally:
        serving.stop()
