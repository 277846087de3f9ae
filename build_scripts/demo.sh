#!/usr/bin/env bash
# 快速开始（一）：搭建环境，生成示例县门户，并在 http://[::1]:8000/ 预览（同时监听 IPv4）。
# 额外参数传给 zwgk serve，如 --as-of 2026-11-22 或 --port 8080。
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
echo "==> 生成网站到 site/" >&2
.venv/bin/zwgk build "$@"
echo "==> 启动预览" >&2
exec .venv/bin/zwgk serve "$@"
