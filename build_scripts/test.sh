#!/usr/bin/env bash
# 快速开始（二）：搭建环境（含 Debian 的 chromium、nginx 和 axe-core），运行全部测试。
# 额外参数传给 pytest，如 -k load -x。
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh" test

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
command -v npm >/dev/null 2>&1 || need+=(npm)
# Chinese glyphs for screenshots and layout checks (the site itself loads no web font)
[ -d /usr/share/fonts/opentype/noto ] || need+=(fonts-noto-cjk)
if [ ${#need[@]} -gt 0 ]; then
  echo "==> 安装 Debian 软件包：${need[*]}" >&2
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
fi

if [ ! -f tests/.node/node_modules/axe-core/axe.min.js ]; then
  echo "==> 安装 axe-core（npm）到 tests/.node" >&2
  npm install --silent --no-audit --no-fund --prefix tests/.node axe-core@4 >&2
fi

echo "==> 运行测试" >&2
exec .venv/bin/python -m pytest "$@"
