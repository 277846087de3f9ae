"""栏目完整性检查 (/jcbg/): the audit report — summary, column scores with charts, findings by rule."""

from __future__ import annotations

from ..charts import bar_chart
from ..portal import Portal
from .common import Page, a, block, cn_date, esc, heading, open_data, table

COLUMN = "栏目完整性检查"
INDEX = "jcbg/index.md"
ROWS_PER_RULE = 200  # the page lists this many findings per rule; the CSV and JSON list them all
CSV_PATH = "jcbg/report.csv"
JSON_PATH = "jcbg/report.json"


def _severity(rule) -> str:
    return f'<span class="zwgk-severity zwgk-severity--{rule.severity}">{esc(rule.severity_label)}</span>'


def _anchor(rule) -> str:
    return "rule-" + rule.id.lower().replace(".", "-")


def _target(f) -> str:
    t = f.target
    if t.page:
        return a(INDEX, t.page, t.label)
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


def column_table(report) -> str:
    rows = []
    for s in report.columns:
        c = s.column
        latest = c.latest(report.as_of)
        recent = sum(n for _, _, n in s.monthly)
        rows.append(
            [
                a(INDEX, c.page, c.title),
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


def findings_sections(report, rules) -> str:
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
        headers = ["序号", "对象", "问题", "记录文件"] + (["修改方法"] if per_row else [])
        rows = [
            [str(n), _target(f), esc(f.message), esc(f.target.location or "—")]
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
    )
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
    from ..audit import RULES
    from ..audit.export import report_for
    from ..audit.score import POINTS

    report = report_for(portal)
    intro = (
        f"<p>本报告按下列规则检查{esc(portal.config.name)}政务公开各栏目的完整性、及时性和规范性，"
        "每条问题注明规则编号、级别、依据和修改方法，由记录自动生成。</p>"
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
    body += heading(2, "各栏目情况", "columns") + column_table(report)
    body += heading(3, "各栏目每月发布条数", "charts") + column_charts(report)
    body += heading(2, "检查规则", "rules") + rules_table(report, RULES)
    body += heading(2, "发现的问题", "findings") + findings_sections(report, RULES)
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
