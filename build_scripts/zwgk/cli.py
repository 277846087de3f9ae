"""The zwgk command. The only place (with the MkDocs adapter) that turns errors into messages."""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import signal
import sys
import threading
import time
from pathlib import Path

from .asof import parse_as_of
from .errors import BuildError, RecordError, ZwgkError

EXIT_RECORDS = 2
EXIT_BUILD = 1


class _ZwgkLogFilter(logging.Filter):
    """Show zwgk's own progress (INFO) but only warnings from MkDocs itself."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.name.startswith("mkdocs.plugins.zwgk") or record.levelno >= logging.WARNING


def _setup_logging() -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    handler.addFilter(_ZwgkLogFilter())
    root = logging.getLogger("mkdocs")
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO)
    root.propagate = False


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _named_files(files: list[str], root: Path) -> set[str] | None:
    """Problem paths (records-folder name + path inside it) of the files named on the command line."""
    if not files:
        return None
    root = root.resolve()
    named = set()
    for name in files:
        path = Path(name).resolve()
        if root in path.parents:
            named.add(f"{root.name}/{path.relative_to(root).as_posix()}")
        else:
            say(f"{name}: 不在记录目录 {root.name}/ 中，已跳过")
    return named


def cmd_check(args) -> int:
    from .portal import load_portal

    started = time.perf_counter()
    named = _named_files(args.files, Path(args.records))
    try:
        portal = load_portal(Path(args.records), parse_as_of(args.as_of))
    except RecordError as exc:
        if named is None:
            raise
        return _report_named(exc.problems, named, args.strict)
    for entry in portal.scheduled:  # 定时发布: each record and its day (not a warning)
        if named is None or entry.record.file in named:
            say(entry.format(portal.as_of))
    if named is not None:
        return _report_named(portal.warnings, named, args.strict, started)
    for problem in portal.warnings:
        say(problem.format())
    counts = (f"规范性文件 {len(portal.documents)} 件，解读 {len(portal.interpretations)} 篇，"
              f"问答 {len(portal.qa)} 条，重点领域信息 {len(portal.items)} 条，任务分工 {len(portal.tasks)} 份")
    part = portal.participation  # 公众参与 (#16)
    if part.consultations or part.proposals:
        counts += f"，意见征集 {len(part.consultations)} 次，建议提案办理结果 {len(part.proposals)} 件"
    if portal.records.annual_reports or portal.records.catalogues:  # 年报, 标准目录 (#17): files, any state
        counts += (f"，年度报告 {len(portal.records.annual_reports)} 份，"
                   f"标准目录 {len(portal.records.catalogues)} 份")
    later = f"；定时发布 {len(portal.scheduled)} 条（见上）" if portal.scheduled else ""
    say(f"检查通过（{time.perf_counter() - started:.2f} 秒）：{counts}{later}；警告 {len(portal.warnings)} 条。")
    return EXIT_RECORDS if args.strict and portal.warnings else 0


def _report_named(problems, named: set[str], strict: bool, started: float | None = None) -> int:
    """`zwgk check FILE...` (pre-commit): every record is read for references; only the named files' problems count."""
    mine = [p for p in problems if p.path in named]
    errors = [p for p in mine if p.severity == "错误"]
    elsewhere = sum(1 for p in problems if p.path not in named and p.severity == "错误")
    for problem in mine:
        say(problem.format())
    if elsewhere:
        say(f"另有 {elsewhere} 处错误在其他文件中，修正后才能核对全部引用（运行 zwgk check 查看）。")
    if errors:
        say(f"发现 {len(errors)} 处错误，请修改后重试。")
        return EXIT_RECORDS
    took = f"（{time.perf_counter() - started:.2f} 秒）" if started else ""
    say(f"检查通过{took}：{len(named)} 个文件没有错误；警告 {len(mine)} 条。")
    return EXIT_RECORDS if strict and mine else 0


def cmd_build(args) -> int:
    from . import timings
    from .portal import load_portal
    from .site import build_site, up_to_date

    as_of = parse_as_of(args.as_of)
    started = time.perf_counter()
    _setup_logging()
    site_dir = Path(args.site_dir) if args.site_dir else None
    try:
        key, said = up_to_date(Path(args.config), as_of.isoformat(), site_dir, search=not args.no_search,
                               records=Path(args.records), staff=args.staff)
    except BuildError:
        key, said = None, None  # the records are checked first; building then reports mkdocs.yml's problem
    if said is not None:  # nothing the build reads has changed: it would write the same site again
        say(f"记录、页面、设置和程序自上次生成（截至 {as_of.isoformat()}）以来都没有改动，网站已是最新，不再重新生成。")
        say(f"      规范性文件 {said.get('documents', 0)} 件，警告 {len(said.get('warnings', []))} 条"
            + ("（同上次，见下方）" if said.get("warnings") else ""))
        for line in said.get("warnings", []):
            logging.getLogger("mkdocs.plugins.zwgk").warning(line)
        site = Path(said["site"])
        say(f"完成：{_html_pages(site)} 个页面在 {site}（用时 {time.perf_counter() - started:.1f} 秒）")
        return 0
    say(f"[1/{2 if args.staff else 3}] 检查记录（截至 {as_of.isoformat()}）……")
    with timings.stage("load"):
        portal = load_portal(Path(args.records), as_of)
    say(f"      规范性文件 {len(portal.documents)} 件，警告 {len(portal.warnings)} 条（详见下方）")
    if args.staff:
        say("[2/2] 生成工作人员版（栏目完整性检查报告、使用指南、网站发布指南；不是公开网站）……")
    else:
        say("[2/3] 生成页面（MkDocs）……" + ("，[3/3] 建立中文搜索索引（Pagefind）" if not args.no_search else ""))
    said = {"documents": len(portal.documents), "warnings": [p.format() for p in portal.warnings]}
    site = build_site(Path(args.config), as_of.isoformat(), site_dir, search=not args.no_search,
                      records=Path(args.records), portal=portal, staff=args.staff, said=said, inputs_key=key)
    say(f"完成：{_html_pages(site)} 个页面写入 {site}（用时 {time.perf_counter() - started:.1f} 秒）")
    if args.staff:
        say(f"用浏览器打开 {site / 'index.html'} 即可查看（不需要服务器）；本目录只供工作人员使用，不要发布。")
    return 0


def _html_pages(site: Path) -> int:
    return sum(name.endswith(".html") for _, _, names in os.walk(site) for name in names)


def _docs_dir(config: Path) -> Path | None:
    """docs_dir of mkdocs.yml (hand-written pages), read without MkDocs."""
    import re

    if not config.is_file():
        return None
    m = re.search(r"^docs_dir:\s*['\"]?([^'\"#\n]+?)['\"]?\s*(?:#.*)?$", config.read_text(encoding="utf-8"), re.M)
    return config.parent / (m.group(1) if m else "docs")


def cmd_audit(args) -> int:
    from .audit import audit_portal
    from .audit.export import site_url, write_report
    from .portal import load_portal

    as_of = parse_as_of(args.as_of)
    portal = load_portal(Path(args.records), as_of)
    site = Path(args.site) if args.site else None
    if site and not (site / "index.html").is_file():
        raise ZwgkError(f"{site} 不是已生成的网站（找不到 index.html）；先运行 zwgk build")
    report = audit_portal(portal, site, _docs_dir(Path(args.config)))
    for f in report.findings:
        where = f.target.location or "全站"
        url = site_url(f.target.page)
        print(f"{where}: {f.rule.severity_label} {f.rule.id} {f.rule.title}：{f.message}\n"
              f"    对象：{f.target.label}" + (f"（{url or '首页'}）" if f.target.page else "") + f"\n    修改：{f.hint}")
    for rule_id, why in sorted(report.not_run.items()):
        say(f"未运行 {rule_id}：{why}")
    if args.out:
        for path in write_report(report, Path(args.out)):
            say(f"已写入 {path}")
    veto = "；".join(f.rule.title for f in report.veto) or "无"
    units = [row for row in report.units if not row.is_root]
    vetoed = [row for row in units if row.vetoes]
    unit_line = (f"；{len(units)} 个单位中 {len(vetoed)} 个单项否决" + (
        "（" + "、".join(row.unit.label for row in vetoed) + "）" if vetoed else "")) if units else ""
    say(f"检查完成（截至 {as_of.isoformat()}）：错误 {report.count('error')} 条，警告 {report.count('warning')} 条；"
        f"网站得分 {report.site_score}；单项否决：{veto}{unit_line}。")
    return 1 if args.fail_on and report.fails(args.fail_on) else 0


def cmd_serve(args) -> int:
    from .portal import load_portal
    from .site import serve_site

    as_of = parse_as_of(args.as_of)
    load_portal(Path(args.records), as_of)
    say(f"正在生成预览（截至 {as_of.isoformat()}）……")
    _setup_logging()

    def ready(urls: list[str]) -> None:  # only the addresses the server really answers at
        say(f"预览地址：{' 及 '.join(urls)}（修改 YAML 后自动刷新，Ctrl+C 退出）")

    serve_site(
        Path(args.config),
        as_of.isoformat(),
        host=args.host,
        port=args.port,
        records=Path(args.records),
        ready=ready,
        say=say,
    )
    return 0


def cmd_schema(args) -> int:
    from .schema import fix_modelines, modeline_fixes, stale_schemas, write_schemas

    root = Path(args.records)
    if not root.is_dir():
        raise ZwgkError(f"找不到记录目录 {root}（用 --records 指定）")
    if args.check:
        stale, lines = stale_schemas(root), modeline_fixes(root)
        for path in stale:
            say(f"{path}: Schema 与记录模型（records.py）不一致")
        for path, wanted in lines:
            say(f"{path}:1:1: 第一行应为 {wanted}")
        if stale or lines:
            say("运行 zwgk schema 更新。")
            return EXIT_RECORDS
        say("Schema 与记录模型一致，每个记录文件都已引用。")
        return 0
    changed, fixed = write_schemas(root), fix_modelines(root)
    for path in changed:
        say(f"已更新 {path}")
    for path in fixed[:10]:
        say(f"已在 {path} 第一行写入 Schema 引用")
    if len(fixed) > 10:
        say(f"……等 {len(fixed)} 个文件")
    say(f"完成：{len(changed)} 个 Schema 更新，{len(fixed)} 个记录文件加上了引用。")
    return 0


def cmd_new(args) -> int:
    from .dates import DateFormatError, parse_date
    from .scaffold import new_record

    try:
        day = parse_date(args.date) if args.date else dt.date.today()
    except DateFormatError as exc:
        raise ZwgkError(f"--date 的值有误：{exc}") from None
    created = new_record(Path(args.records), args.kind, day, args.id, unit=args.unit, issuer=args.issuer, of=args.of,
                         basis=args.basis, column=args.column, year=args.year)
    say(f"已创建 {created.path}")
    for note in created.notes:
        say(f"  · {note}")
    say("下一步：把“待填写”换成实际内容，填好三审（review），然后运行 zwgk check。")
    return 0


def cmd_import_tasks(args) -> int:
    import os

    from .importers import import_tasks
    from .importers.finish import finish, summary, to_yaml
    from .load import parse_file
    from .records import TaskList
    from .schema import SCHEMA_DIR

    source, root = Path(args.file), Path(args.records)
    result = import_tasks(source, year=args.year, title=args.title)
    if result.tasks["year"] is None:
        raise ZwgkError("未能确定分工表的年度（标题和文件名中都没有）：用 --year 指定，如 --year 2024")
    result = finish(result)
    out = Path(args.output) if args.output else root / "tasks" / f"{result.tasks['year']}.yml"
    if out.exists() and not args.force:
        raise ZwgkError(f"{out} 已存在，未覆盖：用 -o 写到其他文件，或加 --force 覆盖")
    project = root.resolve().parent
    schema = (Path(os.path.relpath(root.resolve() / SCHEMA_DIR / "tasks.schema.json", out.resolve().parent)).as_posix()
              if project in out.resolve().parents else None)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(to_yaml(result.tasks, source=source.name, warnings=result.warnings, schema=schema),
                   encoding="utf-8", newline="\n")
    for warning in result.warnings:
        say(str(warning))
    counts = summary(result.tasks)  # what to hold against the original table first
    from_text = counts["deadline_from_text"]
    say(f"导入结果：{counts['tasks']} 项任务，{counts['sections']} 个部分，{counts['subsections']} 个小节；"
        f"没有牵头或责任单位的任务 {counts['without_units']} 项，没有完成时限的 {counts['without_deadline']} 项"
        + (f"（另有 {from_text} 项的完成时限取自具体要求原文）" if from_text else "")
        + f"，没有序号的 {counts['without_no']} 项。请与原表核对任务数和各部分标题。")
    problems: list = []
    parse_file(out.resolve(), root.resolve(), TaskList, problems)
    for problem in problems:
        say(problem.format())
    if any(p.severity == "错误" for p in problems):
        say(f"{out} 未能通过检查：请把原表和以上信息反馈给维护人员。")
        return EXIT_RECORDS
    say(f"已写入 {out}：{counts['sections']} 个部分，{counts['subsections']} 个小节，{counts['tasks']} 项任务；"
        f"提示 {len(result.warnings)} 条（也写在文件开头的注释中），请逐条核对。")
    return 0


TEXT_SUFFIXES = (".yml", ".yaml", ".md", ".txt")


def cmd_fix_encoding(args) -> int:
    from .encoding import NAMES, convert_to_utf8
    from .safewrite import backup_folder

    files: list[Path] = []
    for target in [Path(p) for p in (args.paths or [args.records])]:
        if target.is_dir():
            files += sorted(p for p in target.rglob("*") if p.suffix in TEXT_SUFFIXES and p.is_file())
        elif target.is_file():
            files.append(target)
        else:
            say(f"{target}: 找不到，已跳过")
    converted = unknown = 0
    base = Path.cwd()
    backups = backup_folder(base, "fix-encoding")
    for path in files:
        found = convert_to_utf8(path, backups, base)
        if found.encoding == "binary":
            unknown += 1
            say(f"{path}: 不是文本文件（Word、PDF、图片等），未修改；fix-encoding 只转换 .yml、.md、.txt 文本")
        elif found.text is None:
            unknown += 1
            say(f"{path}:{found.bad_line}:1: 无法确定编码，未修改（请用编辑器打开，确认内容无误后另存为 UTF-8）")
        elif found.encoding != "utf-8":
            converted += 1
            first = next((ln.strip() for ln in found.text.splitlines() if ln.strip() and not ln.startswith("#")), "")
            say(f"已转换 {path}（{NAMES[found.encoding]} → UTF-8），首行：{first[:40]}")
    if converted:
        say(f"原文件已备份到 {backups.relative_to(base) if backups.is_relative_to(base) else backups}/")
    say(f"完成：{converted} 个文件转为 UTF-8，{len(files) - converted - unknown} 个本来就是 UTF-8"
        + (f"，{unknown} 个未修改（见上）" if unknown else "") + "。")
    return EXIT_RECORDS if unknown else 0


def cmd_scrub(args) -> int:
    from .scrub import scrub_command

    return scrub_command(args.files, Path(args.records), args.dry_run, say)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="zwgk", description="政务公开门户静态站点生成器")
    sub = parser.add_subparsers(dest="command", metavar="命令")

    def common(p, records=True, as_of=True):
        if records:
            p.add_argument("--records", default="tasks_yaml", help="记录目录（默认 tasks_yaml）")
        if as_of:
            p.add_argument("--as-of", default="", help="以哪一天为准计算有效性、逾期等（默认今天），如 2026-11-22")

    p = sub.add_parser("check", help="只检查记录，不生成网站")
    common(p)
    p.add_argument("--strict", action="store_true", help="有警告也以状态 2 退出")
    p.add_argument("files", nargs="*", metavar="文件",
                   help="只报告这些文件中的问题（pre-commit 传入改动的文件）；仍读取全部记录以核对引用")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("build", help="生成网站并建立搜索索引")
    common(p)
    p.add_argument("--config", default="mkdocs.yml", help="MkDocs 配置文件（默认 mkdocs.yml）")
    p.add_argument("--site-dir", default="", help="输出目录（默认按 mkdocs.yml，通常为 site）")
    p.add_argument("--no-search", action="store_true", help="不建立搜索索引（更快，用于调试）")
    p.add_argument("--staff", action="store_true",
                   help="生成工作人员版（栏目完整性检查报告、使用指南、网站发布指南）到 site-staff/，不发布到公开网站；"
                   "可直接用浏览器打开其中的 index.html")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("audit", help="栏目完整性检查：按规则列出问题，给出得分（工作人员版 jcbg/ 页面的命令行版）")
    common(p)
    p.add_argument("--config", default="mkdocs.yml", help="MkDocs 配置文件，用于找到手写页面（默认 mkdocs.yml）")
    p.add_argument("--site", default="", help="已生成的网站目录：同时检查站内链接和附件（如 site/）")
    p.add_argument("--out", default="", help="把报告写成 report.json 和 report.csv 放到此目录")
    p.add_argument("--fail-on", choices=["error", "warning"], default=None,
                   help="有该级别（或更严重）的问题时以状态 1 退出，供持续集成使用")
    p.set_defaults(func=cmd_audit)

    p = sub.add_parser("serve", help="本地预览，修改记录后自动重新生成")
    common(p)
    p.add_argument("--config", default="mkdocs.yml", help="MkDocs 配置文件（默认 mkdocs.yml）")
    p.add_argument("--host", default="::", help="监听地址（默认 ::，同时支持 IPv6 和 IPv4）")
    p.add_argument("--port", type=int, default=8000, help="端口（默认 8000）")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("schema", help="按记录模型重新生成 JSON Schema（编辑器补全、悬停提示），并在记录文件第一行引用它")
    common(p, as_of=False)
    p.add_argument("--check", action="store_true", help="只检查是否最新，不修改文件；不是最新时以状态 2 退出")
    p.set_defaults(func=cmd_schema)

    p = sub.add_parser("new", help="按模板新建一条记录（带中文注释、今天的日期、下一个索引号）")
    p.add_argument("kind", metavar="类型",
                   help="normative（规范性文件）、interpretation（解读）、qa（问答）、item（重点领域信息）、tasks（任务分工）、"
                   "unit（发布单位，与 --unit 一起用）、annual-report（政府信息公开工作年度报告）、catalogue（标准目录，与 --column 一起用）、consultation（意见征集）、proposal（建议提案办理结果）")
    p.add_argument("id", nargs="?", default=None, metavar="标识",
                   help="文件名（不含 .yml），只用小写字母、数字和连字符；不填则自动取名")
    common(p, as_of=False)
    p.add_argument("--date", default="", help="成文、发布等日期（默认今天），如 2026-11-22")
    p.add_argument("--unit", default=None, help="发布单位标识（units/<标识>/）：记录放进该单位的目录，索引号按该单位编号；"
                   "new unit 时为新单位的标识")
    p.add_argument("--issuer", default=None, help="normative：发布机构（默认 portal.yml 中的主办单位）；决定文号和索引号")
    p.add_argument("--of", default=None, help="interpretation：解读的规范性文件标识（默认最新一份还没有解读的文件）")
    p.add_argument("--basis", nargs="*", default=None, help="qa：政策依据文件标识")
    p.add_argument("--column", default=None, help="item、catalogue：重点领域栏目标识，如 czyjs")
    p.add_argument("--year", type=int, default=None, help="tasks：年度（默认今年）；annual-report：报告的年度（默认上一年）")
    p.set_defaults(func=cmd_new)

    p = sub.add_parser("import-tasks", help="把已有的重点工作任务分工表（.docx、.xlsx、.csv、文本）导入为 tasks/<年度>.yml")
    p.add_argument("file", metavar="文件", help="分工表文件：Word（.docx）、Excel（.xlsx）、CSV 或 Word 另存的文本（.txt）")
    p.add_argument("-o", "--output", default="", help="输出文件（默认 记录目录/tasks/<年度>.yml）")
    common(p, as_of=False)
    p.add_argument("--year", type=int, default=None, help="年度（默认取标题或文件名中的年份）")
    p.add_argument("--title", default=None, help="标题（默认取表格前的标题行）")
    p.add_argument("--force", action="store_true", help="输出文件已存在时覆盖")
    p.set_defaults(func=cmd_import_tasks)

    p = sub.add_parser("fix-encoding", help="把 GBK/GB18030、UTF-16 或带 BOM 的文本文件转为 UTF-8（换行符不变）")
    common(p, as_of=False)
    p.add_argument("paths", nargs="*", metavar="路径", help="文件或目录（默认为记录目录）；只处理 .yml .yaml .md .txt")
    p.set_defaults(func=cmd_fix_encoding)

    p = sub.add_parser("scrub", help="清除附件（.docx、.xlsx、.pdf）中的作者、单位、批注、修订痕迹和 PDF 元数据，原文件先备份")
    common(p, as_of=False)
    p.add_argument("files", nargs="*", metavar="文件", help="要清除的附件（默认为记录目录 files/ 下的全部附件）")
    p.add_argument("--dry-run", action="store_true", help="只列出每个文件带有的信息，不修改")
    p.set_defaults(func=cmd_scrub)
    return parser


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _interrupt)  # `kill`, a CI timeout: cleaned up like Ctrl+C
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return EXIT_RECORDS
    try:
        return args.func(args)
    except RecordError as exc:
        errors = [p for p in exc.problems if p.severity == "错误"]
        for problem in exc.problems:
            say(problem.format())
        say(f"发现 {len(errors)} 处错误，请修改后重试。")
        return EXIT_RECORDS
    except BuildError as exc:
        say(str(exc))
        return EXIT_BUILD
    except ZwgkError as exc:
        say(f"错误: {exc}")
        return EXIT_RECORDS
    except KeyboardInterrupt:
        say("已中断。")
        return 130


if __name__ == "__main__":
    sys.exit(main())
