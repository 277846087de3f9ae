"""Small .docx, .xlsx and .pdf files made in the test with the libraries zwgk reads them with."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def make_docx(path: Path, paragraphs: list[str], *, author: str = "", last_modified_by: str = "",
              company: str = "", comment: str = "", inserted: str = "", deleted: str = "") -> Path:
    """A Word file; comment is put on the first paragraph, inserted/deleted text as tracked changes in the last."""
    from docx import Document

    doc = Document()
    doc.core_properties.author = author
    doc.core_properties.last_modified_by = last_modified_by
    body = [doc.add_paragraph(text) for text in paragraphs]
    if comment:
        doc.add_comment(body[0].runs, text=comment, author="王五", initials="WW")
    if inserted or deleted:
        p = body[-1]._p
        for tag, text, text_tag in (("ins", inserted, "t"), ("del", deleted, "delText")):
            if not text:
                continue
            change = etree.SubElement(p, f"{{{W}}}{tag}", {f"{{{W}}}id": str(len(p)), f"{{{W}}}author": "赵六",
                                                           f"{{{W}}}date": "2026-11-01T09:00:00Z"})
            run = etree.SubElement(change, f"{{{W}}}r")
            t = etree.SubElement(run, f"{{{W}}}{text_tag}")
            t.text = text
    if company:
        for part in doc.part.package.iter_parts():
            if part.partname == "/docProps/app.xml":
                root = etree.fromstring(part.blob)
                ns = root.nsmap[None]
                etree.SubElement(root, f"{{{ns}}}Company").text = company
                part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path


def make_xlsx(path: Path, rows: list[list], *, creator: str = "", last_modified_by: str = "", comment: str = "",
              image: bool = False) -> Path:
    from openpyxl import Workbook
    from openpyxl.comments import Comment

    wb = Workbook()
    ws = wb.active
    ws.title = "名单"
    for row in rows:
        ws.append(row)
    wb.properties.creator = creator or None
    wb.properties.lastModifiedBy = last_modified_by or None
    if comment:
        ws["A1"].comment = Comment(comment, "王五")
    if image:
        from openpyxl.chart import BarChart, Reference

        chart = BarChart()
        chart.add_data(Reference(ws, min_col=2, min_row=1, max_row=max(1, len(rows))))
        ws.add_chart(chart, "E2")
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def make_pdf(path: Path, lines: list[str], *, info: dict | None = None, xmp: bool = False) -> Path:
    """A one-page PDF with ASCII lines in Helvetica (pypdf extracts them as they are)."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    font = DictionaryObject({NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
                             NameObject("/BaseFont"): NameObject("/Helvetica")})
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})})
    ops = "".join(f"({line}) Tj 0 -16 Td " for line in lines)
    content = DecodedStreamObject()
    content.set_data(f"BT /F1 12 Tf 72 780 Td {ops}ET".encode("latin-1"))
    page[NameObject("/Contents")] = writer._add_object(content)
    writer.metadata = None
    if info:
        writer.add_metadata(info)
    if xmp:
        stream = DecodedStreamObject()
        stream.set_data(b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
                        b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
                        b'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Zhang San</dc:creator>'
                        b'</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>')
        stream[NameObject("/Type")] = NameObject("/Metadata")
        stream[NameObject("/Subtype")] = NameObject("/XML")
        writer._root_object[NameObject("/Metadata")] = writer._add_object(stream)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as out:
        writer.write(out)
    return path
