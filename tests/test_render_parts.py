"""Every rendered part is parsed before it is written: a template whose tags break a header's XML
ends in an error naming the template and the part, and nothing is written (issue 14, item 1)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from docx import Document

from pipeline.resources import TEMPLATES_DIR


def broken_header_template(folder: Path, condition: str) -> Path:
    """to-trinh.docx with `{% if … %}` opened in a header table's cell and closed after the table."""
    folder.mkdir()
    doc = Document(str(TEMPLATES_DIR / "to-trinh.docx"))
    section = doc.sections[0]
    width = section.page_width - section.left_margin - section.right_margin
    table = section.header.add_table(rows=1, cols=1, width=width)
    table.cell(0, 0).paragraphs[0].add_run(f"{{% if {condition} %}}")
    section.header.add_paragraph("{% endif %}")
    doc.save(str(folder / "to-trinh.docx"))
    return folder


def test_a_header_broken_by_its_tags_is_refused_naming_template_and_part(
    example, run_cli, tmp_path: Path
) -> None:
    templates = broken_header_template(tmp_path / "mau", "not ky_hieu")
    out = tmp_path / "out"
    result = run_cli("build", "--no-pdf", "-q", "--templates", templates, "-o", out, example())
    assert result.code == 1
    assert re.search(
        rf"Mẫu {re.escape(str(templates / 'to-trinh.docx'))}: phần đầu trang "
        r"\(word/header\d\.xml\): thẻ “\{% if not ky_hieu %\}” nằm trong một ô bảng nhưng thẻ "
        r"“\{% endif %\}” của nó nằm trong một đoạn",
        result.out,
    ), result.out
    assert not out.exists()  # nothing written: the folder this first build made is gone again
    assert "Traceback" not in result.out + result.err


@pytest.mark.parametrize("condition", ["ky_hieu", "not co_quan"])
def test_a_block_cutting_through_a_table_is_refused_before_anything_is_written(
    example, run_cli, tmp_path: Path, condition: str
) -> None:
    """Whatever the data: true, it keeps the XML whole but the table's end moves after the
    paragraph; false, the body loses its heading or ends up in one cell (the XML may still
    parse). In the body as in a header."""
    templates = tmp_path / "mau"
    templates.mkdir()
    doc = Document(str(TEMPLATES_DIR / "to-trinh.docx"))
    # The issuing body's line (the lines above are {%p %} tags around the parent body).
    doc.tables[0].cell(0, 0).paragraphs[3].add_run(f"{{% if {condition} %}}")
    doc.paragraphs[2].add_run("{% endif %}")
    doc.save(str(templates / "to-trinh.docx"))
    out = tmp_path / "out"
    result = run_cli("build", "--no-pdf", "-q", "--templates", templates, "-o", out, example())
    assert result.code == 1
    assert (
        f"Mẫu {templates / 'to-trinh.docx'}: phần nội dung (word/document.xml): thẻ “{{% if "
        f"{condition} %}}” nằm trong một ô bảng nhưng thẻ “{{% endif %}}” của nó nằm trong một đoạn"
    ) in result.out, result.out
    assert not out.exists()


def test_an_office_template_that_is_not_a_word_file_is_named_in_vietnamese(
    example, run_cli, tmp_path: Path
) -> None:
    templates = tmp_path / "mau"
    templates.mkdir()
    (templates / "to-trinh.docx").write_bytes(b"PK\x03\x04 a workbook renamed .docx")
    out = tmp_path / "out"
    result = run_cli("build", "--no-pdf", "-q", "--templates", templates, "-o", out, example())
    assert result.code != 0 and "Traceback" not in result.out + result.err
    said = f"Mẫu {templates / 'to-trinh.docx'}: không đọc được tệp Word (tệp hỏng, đặt mật khẩu, "
    assert said + "hoặc không phải .docx)." in result.out + result.err
    assert not out.exists()


def test_a_tag_left_open_in_an_office_template_is_explained_in_vietnamese(
    example, run_cli, tmp_path: Path
) -> None:
    templates = tmp_path / "mau"
    templates.mkdir()
    doc = Document(str(TEMPLATES_DIR / "to-trinh.docx"))
    doc.add_paragraph("{% if ky_hieu %}Số: {{ ky_hieu }}")  # its {% endif %} forgotten
    doc.save(str(templates / "to-trinh.docx"))
    out = tmp_path / "out"
    result = run_cli("build", "--no-pdf", "-q", "--templates", templates, "-o", out, example())
    assert result.code != 0 and "Traceback" not in result.out + result.err
    said = (
        f"Mẫu {templates / 'to-trinh.docx'}: lỗi cú pháp ở đoạn 15 (“{{% if ky_hieu %}}Số: "
        "{{ ky_hieu }}”): khối {% if %} chưa được đóng: thiếu thẻ {% endif %}."
    )
    assert said in result.out + result.err, result.out + result.err
    assert "Jinja" not in result.out + result.err
    assert not out.exists()


@pytest.mark.parametrize(
    ("tag", "said"),
    [
        (
            "{{ ten_co_quan|so_chu }}",  # hoso's filter says what it needs
            "Không đọc được số “Ủy ban nhân dân huyện Bù Gia Mập” (ví dụ hợp lệ: 12, -3, 85,7, "
            "0.05).",
        ),
        ("{{ ten_co_quan|ngay }}", "cần một ngày, không phải “Ủy ban nhân dân huyện Bù Gia Mập”."),
        (
            "{{ ten_co_quan|length / 0 }}",  # Python's own error: what it means, then its words
            "một bộ lọc hay phép tính trong thẻ {{ … }} không dùng được với giá trị này (chi "
            "tiết kỹ thuật: ZeroDivisionError: division by zero).",
        ),
        # The sandbox: a template reaches its values and filters, never Python's insides (a
        # shell command, here), nor a computation that would hold the machine for minutes.
        (
            "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
            "mẫu dùng “__init__”, một phần bên trong của chương trình mà mẫu không được dùng",
        ),
        (
            "{{ ten_co_quan|attr('__class__') }}",
            "mẫu dùng “__class__”, một phần bên trong của chương trình mà mẫu không được dùng",
        ),
        ("{{ 99999999 ** 99999999 }}", "số mũ 99999999 quá lớn (tối đa 1000)"),
        ("{{ 'a' * 1000000000 }}", "phép nhân tạo ra hơn 1.000.000 phần tử"),
        (
            "{% include 'dau-trang.docx' %}",
            "mẫu văn bản không chèn được tệp khác ({% include %}, {% import %}, {% extends %}): "
            "hãy chép nội dung cần dùng vào chính mẫu.",
        ),
        ("{{ muc_de_nghi[99].so }}", "danh sách không có phần tử [99] (phần tử đầu là [0];"),
    ],
)
def test_a_filter_given_the_wrong_kind_of_value_names_the_template_not_a_traceback(
    example, run_cli, tmp_path: Path, tag: str, said: str
) -> None:
    templates = tmp_path / "mau"
    templates.mkdir()
    doc = Document(str(TEMPLATES_DIR / "to-trinh.docx"))
    doc.add_paragraph(tag)
    doc.save(str(templates / "to-trinh.docx"))
    out = tmp_path / "out"
    result = run_cli("build", "--no-pdf", "-q", "--templates", templates, "-o", out, example())
    assert result.code != 0 and "Traceback" not in result.out + result.err
    quoted = tag if len(tag) <= 40 else tag[:39].rstrip() + "…"  # the paragraph, as lint says
    where = f"Mẫu {templates / 'to-trinh.docx'}: lỗi khi điền “Tờ trình” ở đoạn 15 (“{quoted}”): "
    assert where + said in result.out + result.err, result.out + result.err
    assert not out.exists()


def _two_tables(doc: Document, opening: str, closing: str) -> None:
    """A list typed as two tables: the loop opens in the first and closes in the second."""
    first = doc.add_table(rows=2, cols=2)
    first.cell(0, 0).text, first.cell(0, 1).text = "STT", "Nội dung"
    first.cell(1, 0).text = opening
    doc.add_paragraph("giữa hai bảng")
    second = doc.add_table(rows=2, cols=2)
    second.cell(0, 0).text, second.cell(0, 1).text = "{{ m.so }}", "{{ m.noi_dung }}"
    second.cell(1, 0).text = closing


@pytest.mark.parametrize(
    ("opening", "closing", "places"),
    [
        (
            "{% for m in muc_de_nghi %}",
            "{% endfor %}",
            "một ô bảng nhưng thẻ “{% endfor %}” của nó nằm trong một ô bảng khác",
        ),
        (
            "{%tr for m in muc_de_nghi %}",
            "{%tr endfor %}",
            "một bảng nhưng thẻ “{% endfor %}” của nó nằm trong một bảng khác",
        ),
    ],
)
def test_a_loop_opened_in_one_table_and_closed_in_another_is_refused(
    example, run_cli, tmp_path: Path, opening: str, closing: str, places: str
) -> None:
    """The XML stays whole (the tables' ends repeat with the loop), so Word would open a
    document whose rows hold the wrong cells or whose list is cut into one table per item."""
    templates = tmp_path / "mau"
    templates.mkdir()
    doc = Document(str(TEMPLATES_DIR / "to-trinh.docx"))
    _two_tables(doc, opening, closing)
    doc.save(str(templates / "to-trinh.docx"))
    out = tmp_path / "out"
    result = run_cli("build", "--no-pdf", "-q", "--templates", templates, "-o", out, example())
    assert result.code == 1 and "Traceback" not in result.out + result.err
    said = f"thẻ “{{% for m in muc_de_nghi %}}” nằm trong {places}"
    assert said in result.out, result.out
    # The opening tag typed in the new table, not the template's own {%p for m in … %} above.
    assert f"(thẻ mở ở bảng 3, hàng 2, cột 1 (“{opening}”))" in result.out, result.out
    assert not out.exists()
    lint = run_cli("lint", templates / "to-trinh.docx")
    assert f"    bảng 3, hàng 2, cột 1 (“{opening}”): {said}" in lint.out, lint.out


def test_a_block_opened_in_one_cell_and_closed_in_the_next_is_refused(
    example, run_cli, tmp_path: Path
) -> None:
    """False, the text between would drop the cells' boundary: a row one cell short."""
    templates = tmp_path / "mau"
    templates.mkdir()
    doc = Document(str(TEMPLATES_DIR / "to-trinh.docx"))
    row = doc.tables[1].rows[0]
    row.cells[0].add_paragraph("{% if kem_theo %}")
    row.cells[1].add_paragraph("{% endif %}")
    doc.save(str(templates / "to-trinh.docx"))
    result = run_cli("lint", templates / "to-trinh.docx")
    assert (
        "bảng 2, hàng 1, cột 1 (“{% if kem_theo %}”): thẻ “{% if kem_theo %}” nằm trong một ô "
        "bảng nhưng thẻ “{% endif %}” của nó nằm trong một ô bảng khác"
    ) in result.out, result.out


def test_text_typed_with_a_combining_input_method_reaches_documents_composed(
    example, run_cli, tmp_path: Path
) -> None:
    """Unikey's "Unicode tổ hợp" types “Kính gửi” as letters and separate accents: documents
    get the composed letters every other text of theirs has (searching, sorting, PDF text)."""
    templates = tmp_path / "mau"
    templates.mkdir()
    doc = Document(str(TEMPLATES_DIR / "to-trinh.docx"))
    national = doc.tables[0].cell(0, 1).paragraphs[0].runs[0]
    national.text = unicodedata.normalize("NFD", national.text)
    doc.paragraphs[3].runs[0].text = unicodedata.normalize("NFD", "Kính gửi: {{ kinh_gui }}")
    doc.save(str(templates / "to-trinh.docx"))
    out = tmp_path / "out"
    result = run_cli("build", "--no-pdf", "-q", "--templates", templates, "-o", out, example())
    assert result.code == 0, result.out
    made = Document(str(next(out.glob("*/van-ban/01-to-trinh.docx"))))
    texts = [p.text for p in made.paragraphs] + [
        c.text for t in made.tables for r in t.rows for c in r.cells
    ]
    assert [t for t in texts if not unicodedata.is_normalized("NFC", t)] == []
    spaced = [t.replace("\u00a0", " ") for t in texts]  # names and phrases are kept on one line
    assert any(t.startswith("Kính gửi: Chủ tịch") for t in spaced)
    assert any(t.startswith("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") for t in spaced)
