"""An office's own templates with mistakes in their tags: `hoso build --templates` says every one
before anything is written, each once, naming the template and where it is, as `hoso lint` does."""

from __future__ import annotations

import copy
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from tests.test_lint_tag_places import edited, tag_lines


def to_trinh(doc: Document) -> None:
    doc.paragraphs[11].runs[0].text = "{{ kem_theo }} (số {{ so.ten }})"
    doc.sections[0].footer.paragraphs[0].add_run("Người ký: {{ ky.chuc_vu }}")


def danh_sach(doc: Document) -> None:
    cell = doc.tables[2].rows[2].cells[1]  # the individuals' “Họ và tên” cell
    cell.paragraphs[0].runs[0].text = "{{ r.ho_tn|giu_lien }}"
    doc.add_paragraph("{% for g in nhom %}{{ g.muc }}{% endfor %}")  # the period's list only


def bao_cao(doc: Document) -> None:
    assert doc.paragraphs[8].text == "- {{ t.nhan }}: {{ t.gia_tri }}."
    for run in doc.paragraphs[8].runs:
        run.text = run.text.replace("t.gia_tri", "t.gia_tr")


def bien_ban(doc: Document) -> None:
    doc.add_paragraph("Ghi chú: {{ dot }")


def test_every_mistake_of_every_template_is_said_once_before_anything_is_written(
    example, run_cli, tmp_path: Path
) -> None:
    mau = tmp_path / "mau"
    for name, edit in (
        ("to-trinh.docx", to_trinh),
        ("danh-sach.docx", danh_sach),
        ("bao-cao-ca-nhan.docx", bao_cao),
        ("bien-ban.docx", bien_ban),
    ):
        edited(mau, name, edit)
    out, book = tmp_path / "o", example()
    build = run_cli("build", "--no-pdf", "-q", "--templates", mau, "-o", out, book)
    assert build.code == 1
    said = [
        f"Mẫu {mau}/bien-ban.docx: lỗi cú pháp ở đoạn",
        f"Mẫu {mau}/bao-cao-ca-nhan.docx: đoạn 9 (“- {{{{ t.nhan }}}}: {{{{ t.gia_tr }}}}.”): "
        "“t.gia_tr”: “t” (mỗi phần tử của “thong_tin”) không có phần “gia_tr” (có phải "
        "“gia_tri”? các phần của nó: nhan, gia_tri; xem danh sách biến: hoso templates).",
        f"Mẫu {mau}/danh-sach.docx: bảng 3, hàng 3, cột 2 (“{{{{ r.ho_tn|giu_lien }}}}”): "
        "“r.ho_tn”: “r” (mỗi phần tử của “phan”) không có phần “ho_tn” (có phải “ho_ten”? các "
        "phần của nó: stt, "
        "ho_ten, gioi_tinh, nam_sinh, chuc_vu_don_vi, ghi_chu; xem danh sách biến: hoso "
        "templates).",
        f"Mẫu {mau}/danh-sach.docx: đoạn 22 (“{{% for g in nhom %}}{{{{ g.muc }}}}{{% endfor…”): "
        "biến “nhom” không có trong văn bản của mẫu này (xem danh sách biến: hoso templates).",
        f"Mẫu {mau}/to-trinh.docx: đoạn 12 (“{{{{ kem_theo }}}} (số {{{{ so.ten }}}})”): "
        "“so.ten”: “so” là một giá trị chữ, không có phần “ten” bên trong: hãy viết {{ so }} "
        "(xem danh sách biến: hoso templates).",
        f"Mẫu {mau}/to-trinh.docx: chân trang, đoạn 1 (“Người ký: {{{{ ky.chuc_vu }}}}”): "
        "“ky.chuc_vu”: “ky” không có phần “chuc_vu” (các phần của nó: dong, ho_ten; xem danh "
        "sách biến: hoso templates).",
    ]
    for line in said:  # one message per mistake, not one per nominee's report
        assert build.out.count(line) == 1, (line, build.out)
    lines = build.out.splitlines()  # under the workbook's line, one a line
    head = lines.index(f"✗ {book}: không tạo được hồ sơ (các ô trong tệp: 0 lỗi, 5 cảnh báo):")
    assert [line.startswith(f"    Mẫu {mau}/") for line in lines[head + 1 : head + 8]] == [
        *[True] * 6,
        False,
    ]
    assert not out.exists()  # nothing written, not even the folder


def test_a_part_looked_for_on_purpose_or_a_method_is_not_a_mistake(
    example, run_cli, tmp_path: Path
) -> None:
    # A template written for both a unit's and the office's Biên bản: r.muc only where it is.
    def guarded(doc: Document) -> None:
        doc.add_paragraph(
            "{% for r in ket_qua %}{% if r.muc is defined %}{{ r.muc }}{% endif %}"
            "{{ r.ten|default('') }}{{ r.muc is defined and r.muc }}{% endfor %}"
        )

    def own_methods(doc: Document) -> None:  # a record's and a text's own methods: no parts
        doc.add_paragraph("{% for k, v in ky.items() %}{{ v }}{% endfor %}{{ so.strip() }}")

    def both_lists(doc: Document) -> None:  # a unit's list and the period's, in one template
        doc.add_paragraph(
            "{% if nhom is defined %}{% for g in nhom %}{{ g }}{% endfor %}{% endif %}"
        )

    path = edited(tmp_path / "mau", "bien-ban.docx", guarded)
    edited(tmp_path / "mau", "to-trinh.docx", own_methods)
    edited(tmp_path / "mau", "danh-sach.docx", both_lists)
    lint = "\n".join(tag_lines(run_cli("lint", path.parent).out))  # not the format's lines
    assert "r.muc" not in lint and "ky.items" not in lint and "nhom" not in lint
    out = tmp_path / "o"
    build = run_cli("build", "--no-pdf", "-q", "--templates", path.parent, "-o", out, example())
    assert build.code == 0, build.out


def test_a_word_file_hoso_would_not_use_is_said_not_silently_replaced(
    example, run_cli, tmp_path: Path
) -> None:
    # Saved as "to-trinh-moi.docx", "Danh-sach.docx" or in Word 97 format: the built-in templates
    # would be used instead, and the office's own wording would never show.
    mau = tmp_path / "mau"
    source = edited(mau, "to-trinh.docx", lambda doc: None)
    source.rename(mau / "to-trinh-moi.docx")
    edited(mau, "danh-sach.docx", lambda doc: None).rename(mau / "Danh-sach.docx")
    edited(mau, "bien-ban.docx", lambda doc: None).rename(mau / "bien-ban.doc")
    (mau / "~$to-trinh.docx").write_bytes(b"")  # Word's own while the template is open: not said
    out = tmp_path / "o"
    build = run_cli("build", "--no-pdf", "-q", "--templates", mau, "-o", out, example())
    assert build.code == 1
    assert (
        f"Mẫu {mau}/to-trinh-moi.docx: “to-trinh-moi.docx” không phải tên một mẫu của hoso, hoso "
        "không dùng tệp này (có phải to-trinh.docx? các tên mẫu: hoso templates). Hãy đổi tên "
        "tệp cho đúng tên mẫu nó thay, hoặc chuyển nó ra khỏi thư mục mẫu." in build.out
    )
    assert "(có phải danh-sach.docx? " in build.out
    assert (
        f"Mẫu {mau}/bien-ban.doc: hoso chỉ đọc tệp .docx; hãy mở tệp này bằng Word và lưu lại "
        "dưới dạng “Word Document (.docx)” với tên bien-ban.docx." in build.out
    )
    assert "~$" not in build.out
    assert not out.exists()  # nothing written, not even the folder
    lint = run_cli("lint", mau).out  # lint says what the build will do
    assert (
        "tên tệp: “to-trinh-moi.docx” không phải tên một mẫu của hoso (có phải to-trinh.docx? "
        "các tên: hoso templates): hoso build dừng khi thư mục mẫu có tệp này" in lint
    )


def test_a_filter_hoso_does_not_have_is_said_where_it_is(example, run_cli, tmp_path: Path) -> None:
    def misspelt(doc: Document) -> None:
        doc.add_paragraph("Hình thức: {{ hinh_thuc|giu_lien2 }}")

    path = edited(tmp_path / "mau", "danh-sach.docx", misspelt)
    place = "đoạn 22 (“Hình thức: {{ hinh_thuc|giu_lien2 }}”)"
    said = "bộ lọc “giu_lien2” không có (xem các bộ lọc: hoso templates)"
    assert f"{place}: lỗi cú pháp: {said}" in run_cli("lint", path).out
    build = run_cli(
        "build", "--no-pdf", "-q", "--templates", path.parent, "-o", tmp_path / "o", example()
    )
    assert f"Mẫu {path}: lỗi cú pháp ở {place}: {said}." in build.out


def test_a_loop_over_a_value_that_is_not_a_list_is_said_before_anything_is_made(
    example, run_cli, tmp_path: Path
) -> None:
    def loops(doc: Document) -> None:
        doc.add_paragraph("{% for x in co_vang %}(vắng){% endfor %}")
        doc.add_paragraph("{% for c in dia_danh %}{{ c }}{% endfor %}")

    path = edited(tmp_path / "mau", "bien-ban.docx", loops)
    build = run_cli(
        "build", "--no-pdf", "-q", "--templates", path.parent, "-o", tmp_path / "o", example()
    )
    assert build.code == 1
    assert (
        f"Mẫu {path}: đoạn 25 (“{{% for x in co_vang %}}(vắng){{% endfor %}}”): "
        "{% for … in co_vang %}: “co_vang” là một giá trị đúng/sai, không phải một danh sách, "
        "không lặp qua được; hãy viết {% if co_vang %} … {% endif %}." in build.out
    )
    # A text loops over its letters without an error: a document spelt out letter by letter.
    assert (
        "“dia_danh” là một giá trị chữ, không phải một danh sách: vòng lặp sẽ đi qua từng chữ "
        "cái; hãy viết {{ dia_danh }}." in build.out
    )


def test_many_workbooks_say_a_template_s_mistakes_once(example, run_cli, tmp_path: Path) -> None:
    mau = tmp_path / "mau"
    edited(mau, "to-trinh.docx", to_trinh)
    books = [example(name="don-vi-a.xlsx"), example(name="don-vi-b.xlsx")]
    build = run_cli("build", "--no-pdf", "-q", "--templates", mau, "-o", tmp_path / "o", *books)
    assert build.code == 1
    assert build.out.count("“so” là một giá trị chữ, không có phần “ten”") == 1
    assert build.out.count("“ky” không có phần “chuc_vu”") == 1
    assert (
        f"✗ {books[1]}: Có 2 lỗi của mẫu văn bản đã nêu ở {books[0]} (xem trên): sửa mẫu rồi "
        "chạy lại." in build.out
    )


def test_a_tag_typed_with_a_vietnamese_input_method_on_is_said_so(
    example, run_cli, tmp_path: Path
) -> None:
    # Unikey's Telex turns "text" into "tẽt" as it is typed.
    def telex(doc: Document) -> None:
        assert doc.paragraphs[13].text == "{{ item.text }}"
        doc.paragraphs[13].runs[0].text = "{{ item.tẽt }}"

    path = edited(tmp_path / "mau", "bao-cao-ca-nhan.docx", telex)
    build = run_cli(
        "build", "--no-pdf", "-q", "--templates", path.parent, "-o", tmp_path / "o", example()
    )
    assert (
        f"Mẫu {path}: đoạn 14 (“{{{{ item.tẽt }}}}”): “item.tẽt”: “item” (mỗi phần tử của "
        "“thanh_tich”) không có phần “tẽt” (có phải “text”? Tên trong thẻ không có dấu tiếng "
        "Việt: bộ gõ như Unikey (kiểu Telex) tự thêm dấu khi gõ, hãy tắt bộ gõ khi gõ thẻ; các "
        "phần của nó: text, bullet; xem danh sách biến: hoso templates)." in build.out
    )


def test_a_loop_s_variable_used_outside_its_loop_is_said_where_it_is_outside(
    example, run_cli, tmp_path: Path
) -> None:
    # A cell's tag copied out of the {%tr for r in phan %} row: r is nothing there.
    def outside(doc: Document) -> None:
        doc.add_paragraph("Người đầu tiên: {{ r.ho_ten }}")

    path = edited(tmp_path / "mau", "danh-sach.docx", outside)
    build = run_cli(
        "build", "--no-pdf", "-q", "--templates", path.parent, "-o", tmp_path / "o", example()
    )
    assert (
        f"Mẫu {path}: dùng biến không có ở đoạn 22 (“Người đầu tiên: {{{{ r.ho_ten }}}}”): r "
        in build.out
    )


def test_a_row_tag_outside_any_table_is_said_where_it_is(example, run_cli, tmp_path: Path) -> None:
    # docxtpl would take a row of another table for it, or only say an {% endif %} is extra.
    def outside(doc: Document) -> None:
        last = doc.paragraphs[-1]
        for text in ("{%tr if so %}", "Có số: {{ so }}", "{%tr endif %}"):
            last.insert_paragraph_before(text)

    path = edited(tmp_path / "mau", "to-trinh.docx", outside)
    said = (
        "thẻ {%tr … %} thay cả một dòng của bảng nên chỉ dùng được trong bảng; ngoài bảng hãy "
        "viết “{%p if so %}” (thay cả đoạn)"
    )
    assert f"đoạn 14 (“{{%tr if so %}}”): thẻ “{{%tr if so %}}” nằm ngoài bảng: {said}" in (
        run_cli("lint", path).out
    )
    build = run_cli(
        "build", "--no-pdf", "-q", "--templates", path.parent, "-o", tmp_path / "o", example()
    )
    assert (
        f"Mẫu {path}: thẻ “{{%tr if so %}}” nằm ngoài bảng ở đoạn 14 (“{{%tr if so %}}”): {said}."
        in build.out
    )
    assert "thẻ “{%tr endif %}” nằm ngoài bảng ở đoạn 16" in build.out


def tracked(doc: Document) -> None:
    """Paragraph 12's “{{ kem_theo }}” replaced with Track Changes on, as Word records it."""
    run = doc.paragraphs[11].runs[0]._r
    deleted, inserted = OxmlElement("w:del"), OxmlElement("w:ins")
    for mark, number in ((deleted, "901"), (inserted, "902")):
        mark.set(qn("w:id"), number)
        mark.set(qn("w:author"), "Văn thư")
    run.addprevious(deleted)
    new = copy.deepcopy(run)
    deleted.append(run)
    run.find(qn("w:t")).tag = qn("w:delText")
    new.find(qn("w:t")).text = "Kèm theo: {{ kem_theo_to_trinh }}"
    inserted.append(new)
    deleted.addnext(inserted)


def test_a_template_with_changes_tracked_in_word_is_refused_with_what_to_do(
    example, run_cli, tmp_path: Path
) -> None:
    # Its documents would print the deleted words struck through, with Word's change bars.
    path = edited(tmp_path / "mau", "to-trinh.docx", tracked)
    said = (
        "còn 1 đoạn có sửa đổi được theo dõi (Track Changes) chưa chấp nhận: văn bản tạo ra sẽ "
        "in cả chữ đã xóa (gạch ngang) lẫn vạch đánh dấu sửa đổi. Trong Word chọn Xem lại › "
        "Chấp nhận › Chấp nhận tất cả thay đổi (Review › Accept › Accept All Changes), tắt Theo "
        "dõi thay đổi rồi lưu mẫu"
    )
    place = "đoạn 12 (“Kèm theo: {{ kem_theo_to_trinh }}”)"
    assert f"{place}: {said}" in run_cli("lint", path).out
    out = tmp_path / "o"
    build = run_cli("build", "--no-pdf", "-q", "--templates", path.parent, "-o", out, example())
    assert build.code == 1
    assert f"Mẫu {path}: {said} (chỗ đầu tiên: {place})." in build.out
    assert not out.exists()  # nothing written, not even the folder


def test_a_template_with_word_comments_is_refused_with_what_to_do(
    example, run_cli, tmp_path: Path
) -> None:
    # A colleague's note in the margin: it would reach every document's .docx, and LibreOffice
    # failed to export such a document ("Binary URP bridge disposed").
    def note(doc: Document) -> None:
        doc.add_comment(doc.paragraphs[11].runs, text="Chị Lan xem lại câu này", author="VT")

    path = edited(tmp_path / "mau", "to-trinh.docx", note)
    said = (
        "còn 1 đoạn có ghi chú (Comment) của Word: ghi chú sẽ đi vào tệp Word của mọi văn bản "
        "tạo ra, và LibreOffice không chuyển được văn bản có ghi chú sang PDF. Trong Word chọn "
        "Xem lại › Xóa › Xóa tất cả ghi chú trong tài liệu (Review › Delete › Delete All "
        "Comments) rồi lưu mẫu"
    )
    assert f"đoạn 12 (“{{{{ kem_theo }}}}”): {said}" in run_cli("lint", path).out
    out = tmp_path / "o"
    build = run_cli("build", "-q", "--templates", path.parent, "-o", out, example())
    assert build.code == 1
    assert f"Mẫu {path}: {said} (chỗ đầu tiên: đoạn 12 (“{{{{ kem_theo }}}}”))." in build.out
    assert not out.exists()  # nothing written, not even the folder


def test_a_variable_s_name_in_quotes_is_refused_not_printed_as_its_name(
    example, run_cli, tmp_path: Path
) -> None:
    """Word's AutoCorrect curls the quotes typed around a name; docxtpl straightens them, and
    Jinja then prints the text “kem_theo” in every Tờ trình. A quoted text meant as text (a
    comparison, a default) is left alone."""

    def quoted(doc: Document) -> None:
        assert doc.paragraphs[11].text == "{{ kem_theo }}"
        doc.paragraphs[11].runs[0].text = "{{ “kem_theo” }}"
        doc.add_paragraph("{% for line in ‘can_cu’ %}{{ line }}{% endfor %}")
        doc.add_paragraph("{% if co_quan != “kem_theo” %}{{ so|default(“”) }}{% endif %}")

    path = edited(tmp_path / "mau", "to-trinh.docx", quoted)
    said = tag_lines(run_cli("lint", path).out)
    assert said == [
        "đoạn 12 (“{{ “kem_theo” }}”): tên biến “kem_theo” nằm trong dấu nháy (Word tự đổi dấu "
        "nháy khi gõ) nên mọi văn bản in đúng chữ “kem_theo” thay cho giá trị của biến: hãy xóa "
        "hai dấu nháy, viết {{ kem_theo }}",
        "đoạn 15 (“{% for line in ‘can_cu’ %}{{ line }}{%…”): tên biến “can_cu” nằm "
        "trong dấu nháy (Word tự đổi dấu nháy khi gõ) nên mọi văn bản in đúng chữ “can_cu” thay "
        "cho giá trị của biến: hãy xóa hai dấu nháy, viết {{ can_cu }}",
    ]
    out = tmp_path / "o"
    build = run_cli("build", "--no-pdf", "-q", "--templates", path.parent, "-o", out, example())
    assert build.code == 1 and "Traceback" not in build.out + build.err
    assert f"Mẫu {path}: đoạn 12 (“{{{{ “kem_theo” }}}}”): tên biến “kem_theo”" in build.out
    assert not out.exists() or not [p for p in out.iterdir() if not p.name.startswith(".")]


def test_a_formatting_change_tracked_in_word_is_said_as_formatting(
    example, run_cli, tmp_path: Path
) -> None:
    """Made bold with Track Changes on: no text would print struck through, but every document
    would carry the change's marks; the message says which it is."""

    def bolded(doc: Document) -> None:
        rpr = doc.paragraphs[3].runs[0]._r.get_or_add_rPr()
        rpr.append(OxmlElement("w:b"))
        change = OxmlElement("w:rPrChange")
        change.set(qn("w:id"), "903")
        change.set(qn("w:author"), "Văn thư")
        change.append(OxmlElement("w:rPr"))
        rpr.append(change)

    path = edited(tmp_path / "mau", "to-trinh.docx", bolded)
    said = (
        "đoạn 4 (“Kính gửi: {{ kinh_gui }}”): còn 1 đoạn có sửa đổi được theo dõi (Track "
        "Changes) chưa chấp nhận: đó là thay đổi định dạng, mọi văn bản tạo ra sẽ mang theo dấu "
        "sửa đổi chưa chấp nhận. Trong Word chọn Xem lại › Chấp nhận"
    )
    assert said in run_cli("lint", path).out


def test_a_mail_merge_field_is_refused_where_it_is(example, run_cli, tmp_path: Path) -> None:
    """Insert › Quick Parts › Field › MergeField, as offices fill letters: hoso never fills it,
    and every document would print «kem_theo» as Word last showed it."""

    def merge_field(doc: Document) -> None:
        paragraph = doc.paragraphs[11]
        paragraph.runs[0].text = ""
        for kind, text in (("begin", ""), ("", " MERGEFIELD kem_theo "), ("separate", "")):
            run = paragraph.add_run()._r
            if kind:
                char = OxmlElement("w:fldChar")
                char.set(qn("w:fldCharType"), kind)
                run.append(char)
            else:
                code = OxmlElement("w:instrText")
                code.text = text
                run.append(code)
        paragraph.add_run("«kem_theo»")
        end = OxmlElement("w:fldChar")
        end.set(qn("w:fldCharType"), "end")
        paragraph.add_run()._r.append(end)

    path = edited(tmp_path / "mau", "to-trinh.docx", merge_field)
    said = (
        "đoạn 12 (“«kem_theo»”): trường trộn thư (Mail Merge) «kem_theo»: hoso không điền trường "
        "trộn thư nên mọi văn bản in nguyên «kem_theo». Hãy xóa trường đó rồi gõ {{ kem_theo }} "
        "(danh sách biến: hoso templates)"
    )
    assert tag_lines(run_cli("lint", path).out) == [said]
    out = tmp_path / "o"
    build = run_cli("build", "--no-pdf", "-q", "--templates", path.parent, "-o", out, example())
    assert build.code == 1 and f"Mẫu {path}: {said}." in build.out, build.out
    assert not out.exists()  # nothing written, not even the folder


def _with_footnote(path: Path, text: str) -> None:
    """A footnote on the Kính gửi line, as Word's References › Insert Footnote writes it."""
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    notes = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {w}>'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
        '</w:footnote><w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r>'
        f'<w:t xml:space="preserve"> {text}</w:t></w:r></w:p></w:footnote></w:footnotes>'
    )
    edits = {
        "[Content_Types].xml": (
            "</Types>",
            '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats'
            '-officedocument.wordprocessingml.footnotes+xml"/></Types>',
        ),
        "word/_rels/document.xml.rels": (
            "</Relationships>",
            '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/footnotes" Target="footnotes.xml"/></Relationships>',
        ),
        "word/document.xml": (
            "<w:t>Kính gửi: {{ kinh_gui }}</w:t></w:r>",
            '<w:t>Kính gửi: {{ kinh_gui }}</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r>',
        ),
    }
    with zipfile.ZipFile(path) as zf:
        members = [(i.filename, zf.read(i).decode()) for i in zf.infolist()]
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members:
            old, new = edits.get(name, ("", ""))
            zf.writestr(name, data.replace(old, new) if old else data)
        zf.writestr("word/footnotes.xml", notes)


def test_a_footnote_s_tags_are_checked_like_the_body_s(example, run_cli, tmp_path: Path) -> None:
    """docxtpl fills footnotes too; a mistake in one is said where it is, before anything."""
    path = edited(tmp_path / "mau", "to-trinh.docx", lambda doc: None)
    _with_footnote(path, "Theo Kế hoạch {{ so_kh }} và {{ “kem_theo” }}")
    place = "chú thích cuối trang, đoạn 1 (“Theo Kế hoạch {{ so_kh }} và {{ “kem_th…”)"
    said = tag_lines(run_cli("lint", path).out)
    assert said[0] == f"{place}: dùng biến không có: so_kh (xem danh sách biến: hoso templates)"
    assert said[1].startswith(f"{place}: tên biến “kem_theo” nằm trong dấu nháy")
    out = tmp_path / "o"
    build = run_cli("build", "--no-pdf", "-q", "--templates", path.parent, "-o", out, example())
    assert build.code == 1
    assert f"Mẫu {path}: dùng biến không có ở {place}: so_kh" in build.out, build.out
    assert not out.exists()  # nothing written, not even the folder


@pytest.mark.parametrize(
    ("name", "said", "built"),
    [
        # {{ thanh_tich }} copied from a Báo cáo into the Tờ trình: not a typo to guess at, a
        # variable of other templates.
        pytest.param(
            "thanh_tich",
            "dùng biến không có: thanh_tich (biến của mẫu bao-cao-ca-nhan.docx, "
            "bao-cao-tap-the.docx, không có ở mẫu này; xem danh sách biến: hoso templates)",
            "ở đoạn 12 (“{{ thanh_tich }}”): thanh_tich (biến của mẫu bao-cao-ca-nhan.docx",
            id="another-kind-of-template",
        ),
        # {{ ho_ten }} in the Tờ trình means the signer's name, {{ ky.ho_ten }}: said instead of
        # a guess at a near spelling ("dot_ten").
        pytest.param(
            "ho_ten",
            "dùng biến không có: ho_ten (là một phần của giá trị khác: {{ ky.ho_ten }}; xem danh "
            "sách biến: hoso templates)",
            "(“{{ ho_ten }}”): ho_ten (là một phần của giá trị khác: {{ ky.ho_ten }}; xem",
            id="a-part-of-a-value",
        ),
    ],
)
def test_a_variable_the_template_does_not_have_says_where_it_belongs(
    example, run_cli, tmp_path: Path, name: str, said: str, built: str
) -> None:
    """A variable typed in the Tờ trình that is no variable of it, but is one elsewhere: lint
    and build say where it belongs."""

    def typed(doc: Document) -> None:
        doc.paragraphs[11].runs[0].text = f"{{{{ {name} }}}}"

    path = edited(tmp_path / "mau", "to-trinh.docx", typed)
    assert tag_lines(run_cli("lint", path).out) == [f"đoạn 12 (“{{{{ {name} }}}}”): {said}"]
    build = run_cli(
        "build", "--no-pdf", "-q", "--templates", path.parent, "-o", tmp_path / "o", example()
    )
    assert build.code == 1
    assert built in build.out, build.out
