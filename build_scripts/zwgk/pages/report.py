"""栏目完整性检查 (/jcbg/): the audit report — summary, column scores with charts, findings by rule.

The report is for staff: it is built into the staff build only (pages.STAFF_MODULES, zwgk build --staff),
so the pages it names are linked on the public site, by the address portal.yml's domain gives."""

from __future__ import annotations

from ..charts import bar_chart
from ..portal import Portal
from .common import Page, a, block, cn_date, esc, heading, open_data, page_url, rel, table

COLUMN = "栏目完整性检查"
INDEX = "jcbg/index.md"
ROWS_PER_RULE = 200  # the page lists this many findings per rule; the CSV and JSON list them all
CSV_PATH = "jcbg/report.csv"
JSON_PATH = "jcbg/report.json"
UNITS_CSV_PATH = "jcbg/units.csv"  # the platform table (only on a platform with units)
UNITS_JSON_PATH = "jcbg/units.json"
WORST = 3  # findings shown per unit in the platform table
SORT_SCRIPT = "assets/javascripts/zwgk-sort.js"  # sorts the platform table by any column; the page reads without it


def _severity(rule) -> str:
    return f'<span class="zwgk-severity zwgk-severity--{rule.severity}">{esc(rule.severity_label)}</span>'


def _anchor(rule) -> str:
    return "rule-" + rule.id.lower().replace(".", "-")


def public_link(base: str, to: str, text: str) -> str:
    """A page of the public site (source path or site path): a link at base (https://domain/), or without a
    domain its text and address, since the staff build holds no public page to link to."""
    path = page_url(to) if to.endswith(".md") else to
    if base:
        return f'<a href="{esc(base + path)}">{esc(text)}</a>'
    return f"{esc(text)}（/{esc(path)}）"


def _target(f, base: str = "") -> str:
    t = f.target
    if t.page:
        return public_link(base, t.page, t.label)
    return esc(t.label) + ("（未发布）" if t.file and not t.file.endswith("portal.yml") else "")


def summary(report, points) -> str:
    veto = "；".join(f.message for f in report.veto)
    rows = [
        ("检查日期", cn_date(report.as_of)),
        ("网站得分", f"<strong>{report.site_score}</strong> 分（满分 100 分）"),
        (
            "单项否决",
            f'<strong class="zwgk-overdue">是：{esc(veto)}</strong>（网站检查不合格）'
            if veto
            else "否",
        ),
        ("发现问题", f"错误 {report.count('error')} 条，警告 {report.count('warning')} 条"),
    ]
    if report.units:
        vetoed = [row for row in report.units if row.vetoes and not row.is_root]
        rows.append(
            (
                "各单位",
                f'{len(report.units) - 1} 个单位；单项否决 <a href="#units">{len(vetoed)} 个单位</a>'
                + (f"：{esc('、'.join(row.unit.label for row in vetoed))}" if vetoed else ""),
            )
        )
    if report.not_run:
        rows.append(
            (
                "未运行的规则",
                "；".join(f"{esc(rid)}：{esc(why)}" for rid, why in sorted(report.not_run.items())),
            )
        )
    cells = "".join(f'<tr><th scope="row">{esc(k)}</th><td>{v}</td></tr>' for k, v in rows)
    method = (
        f"栏目得分 = 100 − 每条错误 {points['error']} 分 − 每条警告 {points['warning']} 分（最低 0 分），"
        f"空白栏目 0 分。网站得分 = 各栏目得分的平均值 − 全站性问题（单项否决、年报数字、站内链接等）"
        f"每条错误 {points['error']} 分、每条警告 {points['warning']} 分（最低 0 分）。"
        "出现单项否决的，无论得分多少，网站检查不合格。"
    )
    return (
        block(
            f'<div class="zwgk-table-wrap"><table class="zwgk-fields"><caption>总体情况</caption>'
            f"<tbody>{cells}</tbody></table></div>"
        )
        + heading(2, "评分方法", "scoring")
        + block(f"<p>{esc(method)}</p>")
    )


def _chart_id(column) -> str:
    return "chart-" + column.key.replace("/", "-")


def column_table(report, base: str = "") -> str:
    rows = []
    for s in report.columns:
        c = s.column
        latest = c.latest(report.as_of)
        recent = sum(n for _, _, n in s.monthly)
        rows.append(
            [
                public_link(base, c.page, c.title),
                esc(c.kind),
                str(c.count),
                cn_date(latest) if c.dated else "—",
                str(s.errors),
                str(s.warnings),
                f"<strong>{s.score}</strong>",
                f'<a href="#{_chart_id(c)}">{recent} 条</a>' if c.dated else "不适用",
            ]
        )
    return block(
        table(
            "各栏目得分",
            ["栏目", "类型", "条数", "最近更新", "错误", "警告", "得分", "近12个月"],
            rows,
        )
    )


def column_charts(report) -> str:
    """One collapsible chart per column: entries per month over the last 12 months."""
    parts = []
    for s in report.columns:
        if not s.column.dated:
            continue
        title = f"{s.column.title}：近12个月每月发布条数"
        chart = bar_chart(
            _chart_id(s.column),
            title,
            [(f"{y}年{m}月", n) for y, m, n in s.monthly],
            unit="条",
            classes=["zwgk-chart__bar--month"] * len(s.monthly),
        )
        recent = sum(n for _, _, n in s.monthly)
        parts.append(
            f"<details><summary>{esc(s.column.title)}（近12个月 {recent} 条）</summary>{chart}</details>"
        )
    return block("".join(parts))


def rules_table(report, rules) -> str:
    rows = []
    for r in rules:
        status = report.status(r)
        result = f'<a href="#{_anchor(r)}">{esc(status)}</a>' if report.of_rule(r) else esc(status)
        rows.append([esc(r.id), esc(r.title), _severity(r), esc(r.source.text()), result])
    return block(table("检查规则及结果", ["编号", "规则", "级别", "依据", "结果"], rows))


def findings_sections(report, rules, base: str = "") -> str:
    names = {
        row.unit.id: row.unit.label for row in report.units
    }  # a platform: each finding names its unit
    body = ""
    for r in rules:
        found = report.of_rule(r)
        if not found:
            continue
        body += heading(3, f"{r.id} {r.title}（{r.severity_label}，{len(found)} 项）", _anchor(r))
        hints = {f.hint for f in found}
        notes = f"<p>依据：{esc(r.source.text())}</p>"
        if len(hints) == 1:
            notes += f"<p>修改方法：{esc(found[0].hint)}</p>"
        per_row = len(hints) > 1
        headers = ["序号"] + (["单位"] if names else []) + ["对象", "问题", "记录文件"]
        headers += ["修改方法"] if per_row else []
        rows = [
            [str(n)]
            + ([_unit_link(f.target.unit, names)] if names else [])
            + [_target(f, base), esc(f.message), esc(f.target.location or "—")]
            + ([esc(f.hint)] if per_row else [])
            for n, f in enumerate(found[:ROWS_PER_RULE], 1)
        ]
        if len(found) > ROWS_PER_RULE:
            notes += (
                f"<p>共 {len(found)} 项，下表列出前 {ROWS_PER_RULE} 项；"
                f"全部问题见{a(INDEX, CSV_PATH, '检查结果（CSV）')}。</p>"
            )
        body += block(notes) + block(table(f"{r.id} {r.title}", headers, rows))
    return body or block("<p>未发现问题。</p>")


def _unit_anchor(unit_id: str) -> str:
    return f"unit-{unit_id}" if unit_id else "columns"


def _unit_link(unit_id: str, names: dict[str, str]) -> str:
    return f'<a href="#{_unit_anchor(unit_id)}">{esc(names.get(unit_id, unit_id))}</a>'


def _cell(html: str, sort: object = None) -> str:
    """A table cell; data-sort is what the sorting script compares (numbers as numbers)."""
    key = "" if sort is None else f' data-sort="{esc(str(sort))}"'
    return f"<td{key}>{html}</td>"


def platform_table(report) -> str:
    """Every unit's score, vetoes and worst findings, worst first; zwgk-sort.js lets staff sort by any column."""
    heads = ["单位", "类型", "得分", "单项否决", "错误", "警告", "最近更新", "主要问题"]
    rows = []
    for row in report.units:
        unit = row.unit
        name = f'<a href="#{_unit_anchor(unit.id)}">{esc(unit.name)}</a>' + (
            "（本级，按全站栏目评分）" if row.is_root else ""
        )
        veto = (
            f'<strong class="zwgk-overdue">是：{esc("；".join(f.rule.title for f in row.vetoes))}</strong>'
            if row.vetoes
            else "否"
        )
        worst = "".join(
            f"<li>{_severity(f.rule)} {esc(f.rule.id)} {esc(f.message)}</li>"
            for f in row.findings[:WORST]
        )
        more = len(row.findings) - WORST
        problems = (
            (f"<ul>{worst}</ul>" + (f"<p>另有 {more} 项</p>" if more > 0 else ""))
            if worst
            else "未发现问题"
        )
        cells = [
            _cell(name, unit.name),
            _cell(esc(unit.kind), unit.kind),
            _cell(f"<strong>{row.score}</strong>", row.score),
            _cell(veto, len(row.vetoes)),
            _cell(str(row.errors), row.errors),
            _cell(str(row.warnings), row.warnings),
            _cell(cn_date(row.latest), row.latest.isoformat() if row.latest else ""),
            _cell(problems, row.findings[0].rule.id if row.findings else ""),
        ]
        rows.append("<tr>" + "".join(cells) + "</tr>")
    caption = "各单位得分（按问题从重到轻排列：单项否决在前，再按得分由低到高）"
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in heads)
    return block(
        f'<div class="zwgk-table-wrap" role="region" tabindex="0" aria-label="各单位得分">'
        f'<table class="zwgk-table zwgk-sortable"><caption>{esc(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    ) + block(f'<script src="{esc(rel(INDEX, SORT_SCRIPT))}" defer></script>')


def unit_sections(report, base: str = "") -> str:
    """Each unit's columns and findings (the county government's are the site's, above)."""
    body = ""
    for row in sorted(report.units, key=lambda r: r.unit.id):
        if row.is_root:
            continue
        unit = row.unit
        body += heading(4, f"{unit.name}（{row.score} 分）", _unit_anchor(unit.id))
        veto = "；".join(f.message for f in row.vetoes)
        link = public_link(base, row.page, "本单位政府信息公开栏目") + "。" if row.page else ""
        body += block(
            f"<p>{link}类型：{esc(unit.kind)}；得分 <strong>{row.score}</strong> 分；"
            + (f'<strong class="zwgk-overdue">单项否决：{esc(veto)}</strong>；' if veto else "")
            + f"错误 {row.errors} 条，警告 {row.warnings} 条；最近更新：{cn_date(row.latest)}。"
            + f"记录：{esc(unit.file or '')}</p>"
        )
        body += block(
            table(
                f"{unit.label}：法定主动公开内容各类别",
                ["类别", "条数", "最近更新", "无信息说明", "错误", "警告", "得分"],
                [
                    [
                        esc(s.column.title),
                        str(s.column.count)
                        if s.column.dated
                        else ("已填写" if s.column.count else "未填写"),
                        cn_date(s.column.latest(report.as_of)) if s.column.dated else "—",
                        esc(s.column.note) or "—",
                        str(s.errors),
                        str(s.warnings),
                        f"<strong>{s.score}</strong>",
                    ]
                    for s in row.columns
                ],
            )
        )
        if row.findings:
            body += block(
                table(
                    f"{unit.label}：发现的问题",
                    ["规则", "级别", "对象", "问题", "记录文件"],
                    [
                        [
                            f'<a href="#{_anchor(f.rule)}">{esc(f.rule.id)}</a>',
                            _severity(f.rule),
                            _target(f, base),
                            esc(f.message),
                            esc(f.target.location or "—"),
                        ]
                        for f in row.findings[:ROWS_PER_RULE]
                    ],
                )
            )
    return body


def platform_section(report, points, base: str = "") -> str:
    method = (
        "每个单位的栏目为其法定主动公开内容的各类别（国务院令第711号第二十条；部门、乡镇、街道每一类都要有信息或无信息说明，"
        "公共企事业单位只计机构职能和已有信息或说明的类别）。类别得分 = 100 − 每条错误 "
        f"{points['error']} 分 − 每条警告 {points['warning']} 分（最低 0 分），空白类别 0 分；本单位记录的问题计入其所属类别。"
        f"单位得分 = 各类别得分的平均值 − 不属于某一类别的问题（指南、年报、政策解读、单项否决等）每条错误 {points['error']} 分、"
        f"每条警告 {points['warning']} 分（最低 0 分）。县政府本级按上面的全站栏目评分。"
    )
    return (
        block(f"<p>{esc(method)}</p>")
        + block(
            open_data(
                INDEX,
                [
                    (UNITS_JSON_PATH, "各单位得分（JSON）", "各单位得分.json"),
                    (UNITS_CSV_PATH, "各单位得分（CSV，可用 Excel/WPS 打开）", "各单位得分.csv"),
                ],
            )
        )
        + platform_table(report)
        + heading(3, "各单位明细", "units-detail")
        + unit_sections(report, base)
    )


def annual_section(report, declared) -> str:
    rows = []
    for row in report.annual:
        fig = declared.get(row.year)
        if fig is None:
            stated = "—"
        elif row.kind == "规章":
            stated = f"{fig.rules_issued} / {fig.rules_repealed} / {fig.rules_valid}"
        else:
            stated = f"{fig.normative_issued} / {fig.normative_repealed} / {fig.normative_valid}"
        rows.append(
            [
                f"{row.year}年"
                + (
                    ""
                    if row.day.month == 12 and row.day.day == 31
                    else f"（截至{cn_date(row.day)}）"
                ),
                esc(row.kind),
                str(row.issued),
                str(row.repealed),
                str(row.valid),
                stated,
            ]
        )
    note = (
        "按文件库计算：本年制发 = 当年发布的文件；本年废止 = 当年废止或失效的文件；现行有效 = 年末（或检查日期）"
        "处于现行有效或已修改状态的文件。发布令第N号的文件计为规章，其余计为行政规范性文件。"
    ) + ("只计县政府本级的文件，各单位的文件计入各自的年报。" if report.units else "")
    return block(f"<p>{esc(note)}</p>") + block(
        table(
            "政府信息公开工作年度报告 第二十条第（一）项",
            [
                "年度",
                "信息内容",
                "本年制发件数",
                "本年废止件数",
                "现行有效件数",
                "年报填报（制发 / 废止 / 现行有效）",
            ],
            rows,
        )
    )


def pages(portal: Portal) -> list[Page]:
    from ..audit.export import report_for
    from ..audit.score import POINTS
    from ..sitemaps import base_url

    report, base = report_for(portal), base_url(portal)
    intro = (
        f"<p>本报告按下列规则检查{esc(portal.config.name)}政务公开各栏目的完整性、及时性和规范性，"
        "每条问题注明规则编号、级别、依据、记录文件和修改方法，由记录自动生成。本报告只在工作人员版中，"
        "不在公开网站上；问题对象链接到公开网站上的页面。</p>"
    )
    body = block(intro) + block(
        open_data(
            INDEX,
            [
                (JSON_PATH, "检查结果（JSON）", "栏目完整性检查.json"),
                (CSV_PATH, "检查结果（CSV，可用 Excel/WPS 打开）", "栏目完整性检查.csv"),
            ],
        )
    )
    body += summary(report, POINTS)
    body += heading(2, "各栏目情况", "columns") + column_table(report, base)
    body += heading(3, "各栏目每月发布条数", "charts") + column_charts(report)
    if report.units:
        body += heading(2, "各单位情况", "units") + platform_section(report, POINTS, base)
    body += heading(2, "检查规则", "rules") + rules_table(report, report.rules)
    body += heading(2, "发现的问题", "findings") + findings_sections(report, report.rules, base)
    body += heading(2, "年报数字核对", "annual") + annual_section(
        report, {f.year: f for f in portal.config.annual_report}
    )
    return [
        Page(
            INDEX,
            f"{COLUMN}报告",
            body,
            column=COLUMN,
            column_type="检查报告",
            in_nav=True,
            description=f"{portal.config.name}政务公开栏目完整性检查报告（截至{cn_date(report.as_of)}）",
        )
    ]
