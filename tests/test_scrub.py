"""`zwgk scrub`: author, company, comments, tracked changes and PDF metadata removed with the libraries that own each
format; the original kept in .zwgk-backup/ beside the records folder; the text left as it was (insertions kept,
deletions gone); nothing written into files/ but the cleaned file."""

from __future__ import annotations

import datetime as dt
import zipfile

import pytest
from helpers import records_copy, write
from officefiles import make_docx, make_pdf, make_xlsx
from zwgk import scrub
from zwgk.cli import main
from zwgk.portal import load_portal

AS_OF = dt.date(2026, 11, 22)


def texts(path) -> list[str]:
    return [text for _where, text in scrub.inspect(path).blocks]


def backups(tmp_path) -> list:
    return sorted(p for p in (tmp_path / ".zwgk-backup").rglob("*") if p.is_file())


def run(capsys, *args) -> tuple[int, str]:
    capsys.readouterr()
    code = main(list(args))
    return code, capsys.readouterr().err


@pytest.fixture
def root(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return records_copy(tmp_path)


def test_docx_loses_properties_comments_and_tracked_changes_and_keeps_its_text(root, tmp_path, capsys):
    path = make_docx(root / "files" / "a.docx", ["第一条 为规范……", "第二条 本办法自公布之日起施行", "第三条 "],
                     author="张三", last_modified_by="李四", company="某某软件公司", comment="内部意见：先不公开",
                     inserted="由县民政局负责解释。", deleted="（征求意见稿）")
    original = path.read_bytes()
    code, err = run(capsys, "scrub", str(path))
    assert code == 0
    assert "已清除" in err and "作者“张三”" in err and "批注 1 条" in err and "修订痕迹 2 处" in err
    assert scrub.inspect(path).extras.describe() == []
    assert texts(path) == ["第一条 为规范……", "第二条 本办法自公布之日起施行", "第三条 由县民政局负责解释。"]
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
        document = zf.read("word/document.xml").decode()
        app = zf.read("docProps/app.xml").decode()
        core = zf.read("docProps/core.xml").decode()
    assert "word/comments.xml" not in names and "commentReference" not in document and "w:ins" not in document
    assert "某某软件公司" not in app and "张三" not in core and "李四" not in core and "赵六" not in document
    (backup,) = backups(tmp_path)
    assert backup.read_bytes() == original and backup.relative_to(tmp_path / ".zwgk-backup").parts[1:] == (
        "tasks_yaml", "files", "a.docx")
    assert sorted(p.name for p in (root / "files").iterdir()) == ["a.docx"]  # no temporary file left behind


def test_docx_core_properties_are_empty_after_scrub(root):
    path = make_docx(root / "files" / "b.docx", ["正文"], author="张三", last_modified_by="李四")
    scrub.scrub_file(path, root.parent / ".zwgk-backup" / "t", root.parent)
    with zipfile.ZipFile(path) as zf:
        core = zf.read("docProps/core.xml").decode()
    assert "张三" not in core and "李四" not in core


def test_a_deleted_table_row_goes_and_an_inserted_paragraph_mark_stays(root):
    from docx import Document
    from lxml import etree

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    doc = Document()
    table = doc.add_table(rows=2, cols=1)
    table.rows[0].cells[0].text = "保留的行"
    table.rows[1].cells[0].text = "删除的行"
    tr_pr = etree.SubElement(table.rows[1]._tr, f"{{{w}}}trPr")
    table.rows[1]._tr.insert(0, tr_pr)
    etree.SubElement(tr_pr, f"{{{w}}}del", {f"{{{w}}}id": "1", f"{{{w}}}author": "赵六"})
    p = doc.add_paragraph("新增的段落")
    r_pr = etree.SubElement(p._p.get_or_add_pPr(), f"{{{w}}}rPr")
    etree.SubElement(r_pr, f"{{{w}}}ins", {f"{{{w}}}id": "2", f"{{{w}}}author": "赵六"})
    path = root / "files" / "t.docx"
    doc.save(str(path))
    assert scrub.inspect(path).extras.deletions == 1
    scrub.scrub_file(path, root.parent / ".zwgk-backup" / "t", root.parent)
    assert texts(path) == ["保留的行", "新增的段落"]


def test_xlsx_loses_properties_and_comments_and_keeps_its_cells(root, tmp_path, capsys):
    path = make_xlsx(root / "files" / "a.xlsx", [["乡镇", "户数"], ["城关镇", 120]], creator="张三",
                     last_modified_by="李四", comment="内部核对用")
    before = texts(path)
    code, err = run(capsys, "scrub", str(path))
    assert code == 0 and "批注 1 条" in err
    assert scrub.inspect(path).extras.describe() == [] and texts(path) == before
    with zipfile.ZipFile(path) as zf:
        assert "张三" not in zf.read("docProps/core.xml").decode()
    assert len(backups(tmp_path)) == 1


def test_xlsx_that_openpyxl_would_damage_is_left_alone_with_a_reason(root, tmp_path, capsys):
    path = make_xlsx(root / "files" / "a.xlsx", [["乡镇", "户数"], ["城关镇", 120]], creator="张三", image=True)
    original = path.read_bytes()
    code, err = run(capsys, "scrub", str(path))
    assert code == 2 and "未修改" in err and "检查文档" in err
    assert path.read_bytes() == original and backups(tmp_path) == []


def test_pdf_loses_author_creator_producer_and_xmp_and_keeps_title_and_text(root, tmp_path, capsys):
    from pypdf import PdfReader

    path = make_pdf(root / "files" / "a.pdf", ["Subsidy list", "Town A 120"], xmp=True,
                    info={"/Title": "Subsidy", "/Author": "Zhang San", "/Creator": "Word", "/Producer": "Acrobat"})
    before = texts(path)
    code, err = run(capsys, "scrub", str(path))
    assert code == 0 and "作者“Zhang San”" in err and "XMP 元数据" in err
    reader = PdfReader(path)
    assert dict(reader.metadata) == {"/Title": "Subsidy"} and "/Metadata" not in reader.trailer["/Root"]
    assert texts(path) == before and b"Zhang San" not in path.read_bytes()
    assert len(backups(tmp_path)) == 1


def test_scrub_without_files_cleans_every_attachment_and_check_stops_warning(root, tmp_path, capsys):
    make_docx(root / "files" / "a.docx", ["正文"], author="张三")
    make_pdf(root / "files" / "sub" / "b.pdf", ["Text"], info={"/Author": "Zhang San"})
    make_pdf(root / "files" / "c.pdf", ["Text"])  # nothing to remove
    write(root, "items/czyjs/ys-2024.yml", (root / "items/czyjs/ys-2024.yml").read_text(encoding="utf-8")
          + "attachments:\n  - {path: files/sub/b.pdf}\n  - {path: files/c.pdf}\n")
    assert {w.path for w in load_portal(root, AS_OF).warnings if "正文以外" in w.message} == {
        "tasks_yaml/files/a.docx", "tasks_yaml/files/sub/b.pdf"}

    code, err = run(capsys, "scrub", "--dry-run")
    assert code == 0 and "2 个带有正文以外的信息" in err and backups(tmp_path) == []

    code, err = run(capsys, "scrub")
    assert code == 0 and "完成：2 个文件已清除，1 个无需清除" in err and ".zwgk-backup/scrub-" in err
    assert [p.relative_to(tmp_path / ".zwgk-backup").parts[1:] for p in backups(tmp_path)] == [
        ("tasks_yaml", "files", "a.docx"), ("tasks_yaml", "files", "sub", "b.pdf")]
    assert not [w for w in load_portal(root, AS_OF).warnings if "正文以外" in w.message]


def test_files_that_are_not_office_files_are_skipped(root, capsys):
    write(root, "files/notes.txt", "备忘")
    code, err = run(capsys, "scrub", str(root / "files" / "notes.txt"), str(root / "files" / "a.docx"))
    assert code == 2 and "notes.txt: 不是 .docx、.xlsx 或 .pdf 文件，已跳过" in err and "a.docx: 无法读取" in err
