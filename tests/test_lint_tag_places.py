"""A template edited in Word with a mistake in its tags: `hoso lint` and `hoso build` say where it
is (the paragraph's number and first words, or the table cell), and both find a tag reaching into
a value that has no such part ({{ so.ten }}) before anything is made."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from docx import Document

from pipeline.resources import TEMPLATES_DIR
from tests.doctext import normalized_text

Edit = Callable[[Document], None]


def edited(folder: Path, name: str, edit: Edit) -> Path:
    """A copy of a built-in template, edited with python-docx as a user edits it in Word."""
    folder.mkdir(exist_ok=True)
    doc = Document(str(TEMPLATES_DIR / name))
    edit(doc)
    path = folder / name
    doc.save(str(path))
    return path


def tag_lines(said: str) -> list[str]:
    """The lines of a lint report about tags (not the format checks' lines)."""
    return [line.strip() for line in said.splitlines() if "(“" in line and "Nội dung:" not in line]


def can_cu(doc: Document) -> None:
    """The Căn cứ loop's line with a brace lost: “{{ line }” (paragraph 6 of the Tờ trình)."""
    paragraph = doc.paragraphs[5]
    assert paragraph.text == "{{ line }}"
    paragraph.runs[0].text = "Căn cứ {{ line }"


def test_a_broken_tag_is_said_with_its_paragraph_in_lint_and_build(
    example, run_cli, tmp_path: Path
) -> None:
    path = edited(tmp_path / "mau", "to-trinh.docx", can_cu)
    lint = run_cli("lint", path)
    assert tag_lines(lint.out) == [
        "đoạn 6 (“Căn cứ {{ line }”): lỗi cú pháp: ký tự “}” không đúng chỗ trong một thẻ"
    ]
    build = run_cli(
        "build", "--no-pdf", "-q", "--templates", path.parent, "-o", tmp_path / "o", example()
    )
    assert (
        f"Mẫu {path}: lỗi cú pháp ở đoạn 6 (“Căn cứ {{{{ line }}”): ký tự “}}” không đúng chỗ "
        "trong một thẻ." in build.out
    )


def test_a_block_left_open_is_said_where_it_opens(run_cli, tmp_path: Path) -> None:
    def forgotten_endfor(doc: Document) -> None:
        assert doc.paragraphs[8].text == "{%p for m in muc_de_nghi %}"
        doc.paragraphs[10].runs[0].text = "Các mục trên."  # was its {%p endfor %}

    path = edited(tmp_path / "mau", "to-trinh.docx", forgotten_endfor)
    assert tag_lines(run_cli("lint", path).out) == [
        "đoạn 9 (“{%p for m in muc_de_nghi %}”): lỗi cú pháp: khối {% for %} chưa được đóng: "
        "thiếu thẻ {% endfor %}"
    ]


def test_a_mistake_in_a_table_cell_or_the_footer_names_the_cell_or_the_footer(
    run_cli, tmp_path: Path
) -> None:
    def in_cell(doc: Document) -> None:
        cell = doc.tables[2].rows[2].cells[1]  # the Danh sách's individuals: “Họ và tên” cell
        assert cell.text == "{{ r.ho_ten|giu_lien }}"
        cell.paragraphs[0].runs[0].text = "{{ r.ho_ten|giu_lien }"

    lint = run_cli("lint", edited(tmp_path / "bang", "danh-sach.docx", in_cell)).out
    assert tag_lines(lint) == [
        "bảng 3, hàng 3, cột 2 (“{{ r.ho_ten|giu_lien }”): lỗi cú pháp: ký tự “}” không đúng "
        "chỗ trong một thẻ"
    ]

    def in_footer(doc: Document) -> None:
        doc.sections[0].footer.paragraphs[0].add_run("Trang {% if so %}")

    lint = run_cli("lint", edited(tmp_path / "chan", "to-trinh.docx", in_footer)).out
    assert tag_lines(lint) == [
        "chân trang, đoạn 1 (“Trang {% if so %}”): lỗi cú pháp: khối {% if %} chưa được đóng: "
        "thiếu thẻ {% endif %}"
    ]


def test_an_unknown_variable_is_said_where_it_is_used(example, run_cli, tmp_path: Path) -> None:
    def misspelt(doc: Document) -> None:
        assert doc.paragraphs[11].text == "{{ kem_theo }}"
        doc.paragraphs[11].runs[0].text = "{{ kem_theo_ds }}"

    path = edited(tmp_path / "mau", "to-trinh.docx", misspelt)
    assert tag_lines(run_cli("lint", path).out) == [
        "đoạn 12 (“{{ kem_theo_ds }}”): dùng biến không có: kem_theo_ds (có phải kem_theo? xem "
        "danh sách biến: hoso templates)"
    ]
    build = run_cli(
        "build", "--no-pdf", "-q", "--templates", path.parent, "-o", tmp_path / "o", example()
    )
    assert (
        f"Mẫu {path}: dùng biến không có ở đoạn 12 (“{{{{ kem_theo_ds }}}}”): kem_theo_ds"
        in build.out
    )


def test_a_part_of_a_text_value_is_said_where_it_is_by_lint_and_build(
    example, run_cli, tmp_path: Path
) -> None:
    def number_field(doc: Document) -> None:
        doc.paragraphs[11].runs[0].text = "{{ kem_theo }} (số {{ so.ten }})"

    path = edited(tmp_path / "mau", "to-trinh.docx", number_field)
    assert tag_lines(run_cli("lint", path).out) == [
        "đoạn 12 (“{{ kem_theo }} (số {{ so.ten }})”): “so.ten”: “so” là một giá trị chữ, "
        "không có phần “ten” bên trong: hãy viết {{ so }} (xem danh sách biến: hoso templates)"
    ]
    # The build's pre-flight says it as lint does, where it is, before anything is made.
    build = run_cli(
        "build", "--no-pdf", "-q", "--templates", path.parent, "-o", tmp_path / "o", example()
    )
    assert build.code == 1
    assert (
        f"Mẫu {path}: đoạn 12 (“{{{{ kem_theo }}}} (số {{{{ so.ten }}}})”): “so.ten”: “so” là "
        "một giá trị chữ, không có phần “ten” bên trong" in build.out
    )


def test_parts_records_and_lists_do_not_have_are_each_said(run_cli, tmp_path: Path) -> None:
    def mistakes(doc: Document) -> None:
        doc.add_paragraph("{{ ky.chuc_vu }}")
        doc.add_paragraph("{{ noi_nhan.ten }}{{ ten_co_quan.upper() }}")
        doc.add_paragraph("{% for line in ky.dong %}{{ line.ten }}{% endfor %}")

    said = tag_lines(run_cli("lint", edited(tmp_path / "a", "to-trinh.docx", mistakes)).out)
    assert said == [
        "đoạn 15 (“{{ ky.chuc_vu }}”): “ky.chuc_vu”: “ky” không có phần “chuc_vu” (các phần của "
        "nó: dong, ho_ten; xem danh sách biến: hoso templates)",
        "đoạn 16 (“{{ noi_nhan.ten }}{{ ten_co_quan.upper(…”): “noi_nhan.ten”: “noi_nhan” là "
        "một danh sách, không có phần “ten”",
        "đoạn 17 (“{% for line in ky.dong %}{{ line.ten }}…”): “line.ten”: “line” (mỗi phần "
        "tử của “ky.dong”) là một giá trị chữ, không có phần “ten” bên trong: hãy viết "
        "{{ line }} (xem danh sách biến: hoso templates)",
    ]

    def list_rows(doc: Document) -> None:
        doc.add_paragraph("{{ ca_nhan.ho_ten }}")
        doc.add_paragraph("{% for g in nhom %}{{ g.muc }}{% endfor %}")

    said = tag_lines(run_cli("lint", edited(tmp_path / "b", "danh-sach.docx", list_rows)).out)
    assert said == [
        "đoạn 22 (“{{ ca_nhan.ho_ten }}”): “ca_nhan.ho_ten”: “ca_nhan” là một danh sách, không "
        "có phần “ho_ten”; mỗi phần tử của nó có: lặp qua danh sách, ví dụ "
        "{% for r in ca_nhan %}{{ r.ho_ten }}{% endfor %}",
        "đoạn 23 (“{% for g in nhom %}{{ g.muc }}{% endfor…”): biến “nhom” không có trong văn "
        "bản của mẫu này, chỉ có trong văn bản của mẫu danh-sach-tong-hop.docx (xem danh sách "
        "biến: hoso templates)",
    ]


def test_a_unit_s_minutes_have_no_unit_heading_rows(run_cli, tmp_path: Path) -> None:
    """r.muc heads the office council's groups; a unit's Biên bản rows have no such part."""

    def heading(doc: Document) -> None:
        doc.add_paragraph("{% for r in ket_qua %}{% if r.muc %}{{ r.muc }}{% endif %}{% endfor %}")

    said = tag_lines(run_cli("lint", edited(tmp_path, "bien-ban.docx", heading)).out)
    assert (
        len(said) == 1 and "“r.muc”: “r” (mỗi phần tử của “ket_qua”) không có phần “muc”" in said[0]
    )
    tong_hop = edited(tmp_path / "th", "bien-ban-tong-hop.docx", heading)
    assert tag_lines(run_cli("lint", tong_hop).out) == []


def test_a_block_opened_in_a_cell_and_closed_outside_names_the_cell(
    example, run_cli, tmp_path: Path
) -> None:
    def across(doc: Document) -> None:
        # Its issuing body's line (the lines above are {%p %} tags around the parent body).
        doc.tables[0].rows[0].cells[0].paragraphs[3].add_run("{% if ky_hieu %}")
        doc.add_paragraph("{% endif %}")

    path = edited(tmp_path / "mau", "to-trinh.docx", across)
    said = tag_lines(run_cli("lint", path).out)
    assert len(said) == 1
    assert said[0].startswith(
        "bảng 1, hàng 1, cột 1 (“{{ co_quan }}{% if ky_hieu %}”): thẻ “{% if ky_hieu %}” "
        "nằm trong một ô bảng nhưng thẻ “{% endif %}” của nó nằm trong một đoạn"
    )
    build = run_cli(
        "build", "--no-pdf", "-q", "--templates", path.parent, "-o", tmp_path / "o", example()
    )
    assert "(thẻ mở ở bảng 1, hàng 1, cột 1 (“{{ co_quan }}{% if ky_hieu %}”))" in build.out


def test_text_typed_beside_a_paragraph_tag_is_said_lost_and_really_is(
    example, run_cli, tmp_path: Path
) -> None:
    # In Word a {%p if %} line looks like a line of its own: text typed there never prints.
    def beside(doc: Document) -> None:
        cell = doc.tables[0].rows[0].cells[0]
        assert cell.paragraphs[0].text == "{%p if co_quan_chu_quan %}"
        cell.paragraphs[0].add_run(" ĐẢNG ỦY XÃ")

    path = edited(tmp_path / "mau", "to-trinh.docx", beside)
    lint = run_cli("lint", path)
    assert lint.code == 1
    assert (
        "bảng 1, hàng 1, cột 1 (“{%p if co_quan_chu_quan %} ĐẢNG ỦY XÃ”): chữ “ĐẢNG ỦY XÃ” nằm "
        "cùng đoạn với thẻ “{%p if co_quan_chu_quan %}”: khi tạo văn bản, cả đoạn được thay bằng "
        "thẻ đó nên chữ này bị mất. Hãy để thẻ {%p … %} một mình một đoạn, chữ sang đoạn khác"
    ) in lint.out
    # What lint says is what happens: the built Tờ trình has no such words.
    out = tmp_path / "o"
    built = run_cli("build", "--no-pdf", "-q", "--templates", path.parent, "-o", out, example())
    assert built.code == 0, built.out
    assert "ĐẢNG ỦY XÃ" not in normalized_text(out / "hoso" / "van-ban" / "01-to-trinh.docx")
    assert run_cli("lint", TEMPLATES_DIR / "to-trinh.docx").code == 0  # the shipped one: clean
