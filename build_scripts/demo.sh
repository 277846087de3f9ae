#!/usr/bin/env bash
# 快速开始（一）：搭建环境，生成示例县门户到 site/，并在 http://[::1]:8000/ 预览（同时监听 IPv4）。
# 额外参数按各自接受的选项分给两条命令：
#   --host、--port                 只给 zwgk serve，如 --port 8080
#   --site-dir、--no-search        只给 zwgk build
#   其他（--as-of、--records、--config）  两条命令都给，如 --as-of 2026-11-22
# 路径相对于仓库根目录（setup.sh 先进入该目录）。
# 例：bash build_scripts/demo.sh --as-of 2026-11-22 --port 8080
set -euo pipefail
build_args=() serve_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --host|--port) serve_args+=("$1" "${2:?$1 后面缺少值}"); shift 2 ;;
    --host=*|--port=*) serve_args+=("$1"); shift ;;
    --site-dir) build_args+=("$1" "${2:?$1 后面缺少值}"); shift 2 ;;
    --site-dir=*|--no-search) build_args+=("$1"); shift ;;
    --as-of|--records|--config)
      build_args+=("$1" "${2:?$1 后面缺少值}"); serve_args+=("$1" "$2"); shift 2 ;;
    *) build_args+=("$1"); serve_args+=("$1"); shift ;;
  esac
done
# setup.sh reads its own argument (a pip extra); "" so that it does not see this script's arguments
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh" ""
echo "==> 生成网站（zwgk build）" >&2
.venv/bin/zwgk build "${build_args[@]}"
echo "==> 启动预览（zwgk serve）" >&2
exec .venv/bin/zwgk serve "${serve_args[@]}"
