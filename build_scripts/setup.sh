#!/usr/bin/env bash
# 准备运行环境：.venv（Python 3.11）并安装 zwgk。由 demo.sh 和 test.sh 调用。
# Usage: source build_scripts/setup.sh [extra]   (extra = "test" also installs the test tools)
set -euo pipefail
ZWGK_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ZWGK_ROOT"

PY="${PYTHON:-}"
if [ -z "$PY" ]; then
  for candidate in python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
      PY="$candidate"; break
    fi
  done
fi
if [ -z "$PY" ]; then
  echo "错误: 需要 Python 3.11（可用环境变量 PYTHON 指定解释器）" >&2
  exit 1
fi

if [ ! -x .venv/bin/python ]; then
  echo "==> 创建虚拟环境 .venv（$("$PY" --version)）" >&2
  "$PY" -m venv .venv
fi
extra="${1:-}"
spec="."
[ -n "$extra" ] && spec=".[$extra]"
echo "==> 安装 zwgk 及依赖（pip install -e \"$spec\"）" >&2
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e "$spec" 2>&1 | grep -v "^WARNING: Location" >&2 || true
.venv/bin/python -c "import zwgk, mkdocs, material, pagefind" || { echo "错误: 依赖安装失败" >&2; exit 1; }
# zwgk's own modules compiled to bytecode now, as pip does for an installed package: an editable install
# leaves it to the first run, which never comes where PYTHONDONTWRITEBYTECODE is set (every command would
# compile them again, about 0.15 CPU s)
.venv/bin/python -m compileall -q build_scripts/zwgk >/dev/null || true
