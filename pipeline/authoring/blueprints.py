"""The built-in docxtpl templates, built in code on pipeline.authoring.nd30 (`make templates`)."""

# Each function below lays out one document kind with the tags of its context in
# pipeline.documents.context. The generated .docx files are committed under templates/; a test regenerates
# them and compares bytes, so a template is changed here, never by hand in Word.

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping, Sequence
from copy import deepcopy
from dataclasses import dataclass
from pathlib import Path

from docx.document import Document
from docx.oxml.ns import qn
from docx.shared import Emu, Twips
from docx.table import Table

from pipeline.authoring import nd30
from pipeline.authoring.nd30 import Column, Line, para
from pipeline.documents import template_keys
from pipeline.resources import TEMPLATES_DIR

BODY, HEADING, CENTERED = "ND30Body", "ND30Heading", "ND30Centered"
SUMMARY, NOTE, NOMINEE = "ND30Summary", "ND30SummaryNote", "ND30Nominee"
SIGN_TITLE, SIGN_NOTE, SIGN_NAME = "ND30SignTitle", "ND30SignNote", "ND30SignName"
CENTER_CELL = "ND30TableCenter"
SEAL = ("(Ký, đóng dấu)", SIGN_NOTE)
# Literal text keeps its fixed phrases whole with non-breaking spaces, as rendered values do
# (pipeline.vietnamese.typography): "XÁC NHẬN" never breaks after "XÁC".
NB = "\u00a0"


def keep(header: str) -> str:
    """A short column header on one line: "Năm sinh", never "Năm / sinh"."""
    return header.replace(" ", NB)


def loop(head: str, body: Sequence[Line], style: str = BODY) -> list[Line]:
    """Paragraphs docxtpl repeats: {%p head %}, the body, then the matching end tag."""
    end = "endfor" if head.startswith("for ") else "endif"
    return [(f"{{%p {head} %}}", style), *body, (f"{{%p {end} %}}", style)]


def add(doc: Document, items: Sequence[Line]) -> None:
    """Add top-level paragraphs."""
    for text, style in items:
        para(doc, text, style)


def signer(*head: Line, name: str) -> list[Line]:
    """A signer's column: title lines (and notes), the signature space, then the name."""
    return [*head, *nd30.signature_space(), (name, SIGN_NAME)]


# The signer of a Tờ trình or trích ngang: authority lines from the context ("KT. CHỦ TỊCH"…).
CONTEXT_SIGNER = signer(
    *loop("for line in ky.dong", [("{{ line }}", SIGN_TITLE)], SIGN_TITLE),
    name="{{ ky.ho_ten|giu_lien }}",
)


# -- Tờ trình ------------------------------------------------------------------------------------

TO_TRINH_SUMMARY = (
    "Về việc đề nghị tặng {{ hinh_thuc }} cho {{ de_nghi }} có thành tích xuất sắc "
    "trong phong trào thi đua “{{ phong_trao }}”"
)
TO_TRINH_PROPOSAL = (
    "{{ ten_co_quan }} kính đề nghị {{ kinh_gui }} xem xét, {{ trinh }}tặng {{ hinh_thuc }} "
    "cho {{ de_nghi }} đã có thành tích xuất sắc trong phong trào thi đua “{{ phong_trao }}”, "
    "{{ dot }}, gồm:"
)
LAST_SEMICOLON = "{% if loop.last %}.{% else %};{% endif %}"  # items end in ";", the last in "."


def to_trinh() -> Document:
    """Tờ trình đề nghị khen thưởng (context: pipeline.documents.context.to_trinh)."""
    doc = nd30.new_nd30_document("Tờ trình đề nghị khen thưởng")
    number = "Số: {{ so }}/TTr-{{ ky_hieu }}"
    nd30.header_block(doc, "{{ co_quan_chu_quan }}", "{{ co_quan }}", number, "{{ dia_danh_ngay }}")
    nd30.title_block(doc, "TỜ TRÌNH", [(TO_TRINH_SUMMARY, SUMMARY)])
    para(doc, "Kính gửi: {{ kinh_gui }}", CENTERED)
    add(doc, loop("for line in can_cu", [("{{ line }}", BODY)]))
    para(doc, TO_TRINH_PROPOSAL, BODY)
    add(doc, loop("for m in muc_de_nghi", [("{{ m.so }} {{ m.noi_dung }}" + LAST_SEMICOLON, BODY)]))
    para(doc, "{{ kem_theo }}", "ND30BodyItalic")
    para(doc, "{{ ket_luan }}", BODY)  # kept with the signature (nd30.signature_table)
    recipients = loop("for line in noi_nhan", [("{{ line }}", "ND30NoiNhan")], "ND30NoiNhan")
    left = [("Nơi nhận:", "ND30NoiNhanLabel"), *recipients]
    nd30.signature_table(doc, left, CONTEXT_SIGNER)
    return doc


# -- Danh sách -----------------------------------------------------------------------------------

COLLECTIVES = (
    Column("STT", 15, "{{ r.stt }}", CENTER_CELL),
    Column("Tên tập thể", 115, "{{ r.ten }}"),
    Column(keep("Ghi chú"), 35, "{{ r.ghi_chu }}"),
)
INDIVIDUALS = (
    Column("STT", 11, "{{ r.stt }}", CENTER_CELL),
    Column("Họ và tên", 38, "{{ r.ho_ten|giu_lien }}"),
    Column(keep("Giới tính"), 21, "{{ r.gioi_tinh }}", CENTER_CELL),
    Column(keep("Năm sinh"), 21, "{{ r.nam_sinh }}", CENTER_CELL),
    Column("Chức vụ, đơn vị công tác", 56, "{{ r.chuc_vu_don_vi }}"),
    Column(keep("Ghi chú"), 18, "{{ r.ghi_chu }}"),
)


def danh_sach() -> Document:
    """Danh sách kèm theo Tờ trình (context: pipeline.documents.context.danh_sach); no signature."""
    doc = nd30.new_nd30_document("Danh sách đề nghị khen thưởng")
    nd30.header_block(doc, "{{ co_quan_chu_quan }}", "{{ co_quan }}", None, None)
    summary = "{{ doi_tuong|capitalize }} đề nghị tặng {{ hinh_thuc }}"
    nd30.title_block(doc, "DANH SÁCH", [(summary, SUMMARY), ("{{ kem_theo_to_trinh }}", NOTE)])
    listed_tables(doc, COLLECTIVES, INDIVIDUALS)
    para(doc, "", "Normal")  # Word wants a paragraph after a table that ends the document
    return doc


# LibreOffice's layout time grows with the square of a table's rows: a list of 9,200 people in
# one table took 187 s to convert, the same rows in tables of 500 (header repeated) 12 s, of
# 1,000 17 s, of 2,000 31 s (bench/README.md). Long lists are therefore printed as tables of
# TABLE_ROWS rows one under the other, a hairline apart; the numbering runs on.
TABLE_ROWS = 500


def listed_tables(doc: Document, collectives: Sequence[Column], people: Sequence[Column]) -> None:
    """The collectives' table, then the individuals', each under its heading and only if any."""
    for items, heading, columns in (
        ("tap_the", "muc_tap_the", collectives),
        ("ca_nhan", "muc_ca_nhan", people),
    ):
        para(doc, f"{{%p if {items} %}}", BODY)
        para(doc, f"{{{{ {heading} }}}}", HEADING)
        long_table(doc, columns, items)
        para(doc, "{%p endif %}", BODY)


def long_table(
    doc: Document,
    columns: Sequence[Column],
    items: str,
    small: bool = False,
    group: str | None = None,
) -> Table:
    """A data table of the rows in `items`, as tables of TABLE_ROWS rows a hairline apart; with
    `group`, a row whose key of that name is not empty heads a group (see group_rows), and a
    table starting inside a group repeats its heading (the chia_bang filter). Returns the table."""
    tables = f'chia_bang({TABLE_ROWS}, "{group}")' if group else f"batch({TABLE_ROWS})"
    para(doc, f"{{%p for phan in {items}|{tables} %}}", BODY)
    para(doc, "{%p if not loop.first %}", BODY)
    nd30.hairline(doc)
    para(doc, "{%p endif %}", BODY)
    table = nd30.data_table(doc, columns, "for r in phan", small=small)
    if group is not None:
        group_rows(table, f"r.{group}")
    para(doc, "{%p endfor %}", BODY)
    return table


def group_rows(table: Table, group: str) -> None:
    """Let an item of a data table's loop for which `group` ("r.muc") is not empty print as the
    heading of the rows after it: that text in bold, in one cell across the table, kept on the
    page of the row under it. Other items print as the table's row.

    The rows become: header, {%tr for %}, {%tr if group %}, the heading, {%tr else %}, the row,
    {%tr endif %}, {%tr endfor %}.
    """
    loop, row = table.rows[1], table.rows[2]
    for _ in range(3):
        row._tr.addprevious(deepcopy(loop._tr))
    row._tr.addnext(deepcopy(loop._tr))
    rows = table.rows
    for index, tag in ((2, f"{{%tr if {group} %}}"), (4, "{%tr else %}"), (6, "{%tr endif %}")):
        rows[index].cells[0].paragraphs[0].runs[0].text = tag
    cells = rows[3].cells
    heading = cells[0].merge(cells[-1])  # its width: the sum of theirs
    paragraph = heading.paragraphs[0]
    paragraph.runs[0].text = f"{{{{ {group} }}}}"
    paragraph.runs[0].bold = True
    paragraph.paragraph_format.keep_with_next = True  # a heading never ends a page


def span_rows(table: Table, flag: str, first: int, last: int) -> None:
    """Let an item of a data table's loop for which `flag` ("r.tap_the") is true print with its
    cells `first` to `last` as one cell holding the first's text: a collective's name across the
    "Chức vụ, đơn vị" it has none of. Other items print as the table's row.

    The item's row becomes: {%tr if flag %}, the merged row, {%tr else %}, the row, {%tr endif %}.
    """
    rows = [r._tr for r in table.rows]
    marker = rows[1]  # the {%tr for %} row: its tag in the first cell, the others empty
    body = next(r for r in rows if len(r.tc_lst) == len(table.columns) and "{{" in _text(r))
    merged = deepcopy(body)
    cells = merged.tc_lst
    kept = cells[first]
    kept.width = Emu(sum(c.width or 0 for c in cells[first : last + 1]))
    kept.grid_span = last - first + 1
    for cell in cells[first + 1 : last + 1]:
        merged.remove(cell)
    body.addprevious(_marker(marker, f"{{%tr if {flag} %}}"))
    body.addprevious(merged)
    body.addprevious(_marker(marker, "{%tr else %}"))
    body.addnext(_marker(marker, "{%tr endif %}"))


def _text(element) -> str:
    return "".join(t.text or "" for t in element.iter(qn("w:t")))


def _marker(row, tag: str):
    """A copy of a docxtpl tag row holding `tag` instead."""
    copy = deepcopy(row)
    copy.find(f".//{qn('w:t')}").text = tag
    return copy


# -- Biên bản ------------------------------------------------------------------------------------

BIEN_BAN_SUMMARY = (
    "Họp Hội đồng Thi đua - Khen thưởng xét đề nghị tặng {{ hinh_thuc }} "
    "trong phong trào thi đua “{{ phong_trao }}”, {{ dot }}"
)
EXAMINED = "{{ xet }}"
BIEN_BAN_AGENDA = (
    "1. Chủ tịch Hội đồng nêu mục đích, yêu cầu, tiêu chuẩn và số lượng khen thưởng theo "
    "{{ ke_hoach }}.",
    f"2. Thường trực Hội đồng báo cáo danh sách và tóm tắt thành tích của {EXAMINED} "
    "được đề nghị xét tặng {{ hinh_thuc }}.",
    "3. Hội đồng thảo luận, {{ bieu_quyet }}"
    "{% if co_vang %}; ý kiến của thành viên vắng mặt được gửi bằng văn bản"
    "{% endif %}. Tập thể, cá nhân được đề nghị khen thưởng phải đạt từ {{ nguong }} số phiếu "
    "đồng ý trở lên trên tổng số thành viên Hội đồng.",
)
BIEN_BAN_CONCLUSION = (
    "Hội đồng thống nhất đề nghị {{ nguoi_quyet_dinh }} tặng {{ hinh_thuc }} cho {{ de_nghi }} "
    "có kết quả “Đạt” nêu trên."  # not those the table shows "Không đạt"
)
BIEN_BAN_CLOSING = (
    "Cuộc họp kết thúc vào {{ ket_thuc }} cùng ngày. Biên bản đã được thông qua trước Hội đồng./."
)
RESULTS = (
    Column("STT", 11, "{{ r.stt }}", CENTER_CELL),
    Column(f"Tên tập thể / {keep('Họ và tên')}", 35, "{{ r.ten }}"),  # never "Họ và / tên"
    Column("Chức vụ, đơn vị", 37, "{{ r.chuc_vu_don_vi }}"),
    Column("Hình thức đề nghị", 30, "{{ r.hinh_thuc }}"),
    Column("Số phiếu đồng ý", 16, "{{ r.so_phieu }}", CENTER_CELL),
    Column("Tỷ lệ", 16, "{{ r.ty_le }}", CENTER_CELL),  # each value has its "%"
    Column(keep("Kết quả"), 20, "{{ r.ket_qua }}", CENTER_CELL),  # "Không đạt" on one line
)


def bien_ban(group: str | None = None) -> Document:
    """Biên bản họp Hội đồng Thi đua - Khen thưởng (context: pipeline.documents.context.bien_ban).

    `group`: the key of the results' rows that heads a group of them (the office council's
    Biên bản, grouped by the unit that proposed each nominee); None for a unit's.
    """
    doc = nd30.new_nd30_document("Biên bản họp Hội đồng Thi đua - Khen thưởng")
    number = "Số: {{ so_bien_ban }}/{{ ky_hieu_bien_ban }}"
    # A fixed break keeps "khen thưởng" together in the 40 % column.
    council = "HỘI ĐỒNG\nTHI ĐUA - KHEN THƯỞNG"
    nd30.header_block(doc, "{{ co_quan }}", council, number, "{{ dia_danh_ngay_hop }}")
    nd30.title_block(doc, "BIÊN BẢN", [(BIEN_BAN_SUMMARY, SUMMARY)])
    member = (
        "{{ m.stt }}. {{ m.ho_ten|giu_lien }}, {{ m.chuc_vu }}, {{ m.vai_tro }} Hội đồng"
        + LAST_SEMICOLON
    )
    add(
        doc,
        [
            ("Thời gian: {{ thoi_gian }}.", BODY),
            ("Địa điểm: {{ dia_diem }}.", BODY),
            ("Chủ trì: {{ chu_tri }}.", BODY),
            ("Thư ký: {{ thu_ky }}.", BODY),
            ("Thành phần: {{ thanh_phan }}, gồm các đồng chí:", BODY),
            *loop("for m in thanh_vien", [(member, BODY)]),
            ("NỘI DUNG", HEADING),
            *[(item, BODY) for item in BIEN_BAN_AGENDA],
            ("KẾT QUẢ", HEADING),
        ],
    )
    # An office's council votes on a whole period: thousands of rows, split as the lists are.
    table = long_table(doc, RESULTS, "ket_qua", small=True, group=group)
    # A collective has no position: its name takes the room of both cells, so a narrow table
    # prints "Phòng Văn hóa và Thông tin thành phố / Buôn Ma Thuột", not a level word alone.
    span_rows(table, "r.tap_the", first=1, last=2)
    conclusion = para(doc, BIEN_BAN_CONCLUSION, BODY)
    conclusion.paragraph_format.space_before = Twips(120)  # air between the table and the text
    para(doc, BIEN_BAN_CLOSING, BODY)
    secretary = signer(("THƯ KÝ", SIGN_TITLE), name="{{ thu_ky_ho_ten|giu_lien }}")
    chair = signer(("CHỦ TỊCH HỘI ĐỒNG", SIGN_TITLE), name="{{ chu_tich|giu_lien }}")
    nd30.signature_table(doc, secretary, chair, split=0.5)
    return doc


# -- Báo cáo thành tích (Mẫu số 07) ----------------------------------------------------------------

CRITERIA = (
    Column("STT", 11, "{{ c.stt }}", CENTER_CELL),
    Column(keep("Chỉ tiêu"), 62, "{{ c.ten }}"),
    Column("Yêu cầu của kế hoạch", 24, "{{ c.yeu_cau }}", CENTER_CELL),
    Column(keep("Đăng ký"), 22, "{{ c.dang_ky }}", CENTER_CELL),
    Column(keep("Đạt được"), 24, "{{ c.dat_duoc }}", CENTER_CELL),
    Column(keep("Đánh giá"), 22, "{{ c.danh_gia }}", CENTER_CELL),
)
CONFIRM_ABOVE = [(f"XÁC{NB}NHẬN CỦA CẤP TRÌNH KHEN{NB}THƯỞNG", SIGN_TITLE), SEAL]


def _report(title: str, collective: bool) -> Document:
    """The parts of Mẫu số 07 shared by collectives and individuals, up to section II."""
    doc = nd30.new_nd30_document(title)
    nd30.header_block(doc, "{{ don_vi_cap_tren }}", "{{ don_vi }}", None, "{{ dia_danh_ngay }}")
    nominee = [("{{ ten }}" if collective else "{{ ten|giu_lien }}", NOMINEE)]
    if not collective:
        nominee.append(("{{ chuc_vu_don_vi }}", NOMINEE))
    nd30.title_block(
        doc,
        "BÁO CÁO THÀNH TÍCH",
        [
            ("ĐỀ NGHỊ TẶNG {{ hinh_thuc_in_hoa }}", SUMMARY),
            ("(Thành tích trong phong trào thi đua “{{ phong_trao }}”, {{ dot }})", NOTE),
            *nominee,
        ],
    )
    part_one = "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH" if collective else "I. SƠ LƯỢC LÝ LỊCH"
    add(
        doc,
        [
            (part_one, HEADING),
            *loop("for t in thong_tin", [("- {{ t.nhan }}: {{ t.gia_tri }}.", BODY)]),
        ],
    )
    if collective:
        add(doc, loop("if chuc_nang", [("- Chức năng, nhiệm vụ: {{ chuc_nang }}", BODY)]))
    add(
        doc,
        [
            ("II. THÀNH TÍCH ĐẠT ĐƯỢC", HEADING),
            # Bullets keep the dash the clerk typed; all paragraphs share the body's first-line indent.
            *loop("for item in thanh_tich", [("{{ item.text }}", BODY)]),
            ("{%p if chi_tieu %}", BODY),
            ("Kết quả thực hiện các chỉ tiêu thi đua", HEADING),
        ],
    )
    nd30.data_table(doc, CRITERIA, "for c in chi_tieu")
    para(doc, "{%p endif %}", BODY)
    return doc


def bao_cao_tap_the() -> Document:
    """Báo cáo thành tích of a collective (context: pipeline.documents.context.bao_cao)."""
    doc = _report("Báo cáo thành tích của tập thể", collective=True)
    head = signer(("{{ chuc_vu_thu_truong }}", SIGN_TITLE), SEAL, name="{{ thu_truong|giu_lien }}")
    nd30.signature_table(doc, CONFIRM_ABOVE, head, split=0.5)
    return doc


def bao_cao_ca_nhan() -> Document:
    """Báo cáo thành tích of an individual (context: pipeline.documents.context.bao_cao)."""
    doc = _report("Báo cáo thành tích của cá nhân", collective=False)
    unit = [(f"THỦ{NB}TRƯỞNG ĐƠN{NB}VỊ XÁC{NB}NHẬN", SIGN_TITLE), SEAL]
    author = signer(
        ("NGƯỜI BÁO CÁO THÀNH TÍCH", SIGN_TITLE),
        ("(Ký, ghi rõ họ và tên)", SIGN_NOTE),
        name="{{ ten|giu_lien }}",
    )
    nd30.signature_table(doc, unit, author, split=0.5, below=[("", SIGN_TITLE), *CONFIRM_ABOVE])
    return doc


# -- Trích ngang ---------------------------------------------------------------------------------

SUMMARIES = (
    Column("STT", 11, "{{ r.stt }}", CENTER_CELL),
    Column(f"Tên tập thể / {keep('Họ và tên')}", 30, "{{ r.ten }}"),
    Column("Chức vụ, đơn vị", 34, "{{ r.chuc_vu_don_vi }}"),
    # docxtpl wants each {%p %} tag alone in its paragraph: three paragraphs in the cell.
    Column(
        "Tóm tắt thành tích", 60, ("{%p for line in r.tom_tat %}", "{{ line }}", "{%p endfor %}")
    ),
    Column("Hình thức đề nghị", 30, "{{ r.hinh_thuc }}"),
)


def trich_ngang() -> Document:
    """Trích ngang thành tích, one row per nominee (context: pipeline.documents.context.trich_ngang)."""
    doc = nd30.new_nd30_document("Trích ngang thành tích")
    nd30.header_block(doc, "{{ co_quan_chu_quan }}", "{{ co_quan }}", None, None)
    nd30.title_block(
        doc,
        "TRÍCH NGANG THÀNH TÍCH",
        [
            ("của {{ doi_tuong }} đề nghị tặng {{ hinh_thuc }}", SUMMARY),
            ("{{ kem_theo_to_trinh }}", NOTE),
        ],
    )
    nd30.data_table(doc, SUMMARIES, "for r in dong", small=True)
    nd30.signature_table(doc, [("", SIGN_TITLE)], CONTEXT_SIGNER)
    return doc


# -- registry and command ------------------------------------------------------------------------


@dataclass(frozen=True)
class Blueprint:
    """A built-in template: its file name, the function building it, the keys it may use."""

    file: str
    build: Callable[[], Document]

    @property
    def keys(self) -> Mapping[str, str]:
        """The context keys of the documents this template renders (from their kind)."""
        return template_keys()[self.file]


# One builder for every template a document kind lists (a test keeps the two in step).
BLUEPRINTS: tuple[Blueprint, ...] = (
    Blueprint("to-trinh.docx", to_trinh),
    Blueprint("danh-sach.docx", danh_sach),
    Blueprint("bien-ban.docx", bien_ban),
    Blueprint("bao-cao-tap-the.docx", bao_cao_tap_the),
    Blueprint("bao-cao-ca-nhan.docx", bao_cao_ca_nhan),
    Blueprint("trich-ngang.docx", trich_ngang),
)


def all_blueprints() -> tuple[Blueprint, ...]:
    """Every blueprint: a unit's documents, then the review period's own."""
    from pipeline.authoring import period_blueprints as period

    return (
        *BLUEPRINTS,
        Blueprint("danh-sach-tong-hop.docx", period.danh_sach_tong_hop),
        Blueprint("bien-ban-tong-hop.docx", period.bien_ban_tong_hop),
        Blueprint("quyet-dinh.docx", period.quyet_dinh),
        Blueprint("danh-sach-quyet-dinh.docx", period.danh_sach_quyet_dinh),
    )


def write_all(directory: Path = TEMPLATES_DIR) -> list[Path]:
    """(Re)write every built-in template into directory, byte for byte the same each time."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for blueprint in all_blueprints():
        path = directory / blueprint.file
        path.write_bytes(nd30.to_bytes(blueprint.build()))
        written.append(path)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m pipeline.authoring.blueprints [DIR]`: write the templates into DIR (default templates/)."""
    args = sys.argv[1:] if argv is None else list(argv)
    directory = Path(args[0]) if args else TEMPLATES_DIR
    for path in write_all(directory):
        print(f"Đã ghi {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
