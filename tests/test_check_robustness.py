"""Files that cannot be used, odd encodings, formulas, macros, huge sheets: a message, never a traceback."""

from __future__ import annotations

import io
import json
import shutil
import unicodedata
import zipfile
from pathlib import Path

import openpyxl
import pytest
from msoffcrypto.format.ooxml import OOXMLFile

from pipeline.check import check_file, workbook
from pipeline.vietnamese import encode_legacy
from tests.conftest import cell_of, edit


def _unusable(run_cli, path: Path, fragment: str) -> None:
    result = run_cli("check", path)
    assert result.code == 2, result.out
    assert f"✗ {path}: " in result.out
    assert fragment in result.out
    assert "Traceback" not in result.out + result.err


def test_not_an_xlsx(tmp_path: Path, run_cli) -> None:
    path = tmp_path / "ghi-chu.xlsx"
    path.write_text("Danh sách đề nghị khen thưởng", encoding="utf-8")
    _unusable(run_cli, path, "không phải tệp Excel .xlsx")


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"%PDF-1.7\n1 0 obj<<>>endobj\n", "tệp PDF (bản in hay bản quét của hồ sơ?)"),
        (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "ảnh PNG (ảnh chụp màn hình?)"),
        (b"\xff\xd8\xff\xe0\0\x10JFIF", "ảnh JPEG (ảnh chụp bảng tính?)"),
    ],
)
def test_a_pdf_or_a_picture_sent_as_the_workbook_is_said_for_what_it_is(
    tmp_path: Path, run_cli, head: bytes, kind: str
) -> None:
    path = tmp_path / "de-nghi.xlsx"
    path.write_bytes(head + bytes(range(256)))
    _unusable(
        run_cli,
        path,
        f"không phải tệp Excel .xlsx: đây là {kind} dù tên có đuôi “.xlsx”; hoso cần chính tệp "
        "Excel đã điền (tệp do hoso tạo, lưu dạng .xlsx).",
    )


@pytest.mark.parametrize(
    ("text", "encoding"),
    [("a,b,c\n", "utf-8"), ("Họ và tên;Ngày sinh\n", "utf-8-sig"), ("Họ và tên\tNgày\n", "utf-16")],
)
def test_a_csv_saved_under_an_xlsx_name_is_said_to_be_a_csv(
    tmp_path: Path, run_cli, text: str, encoding: str
) -> None:
    path = tmp_path / "csv.xlsx"
    path.write_text(text, encoding=encoding)
    result = run_cli("check", path)
    assert result.code == 2
    assert (
        f"✗ {path}: đây là tệp CSV dù tên có đuôi “.xlsx”; tệp CSV chỉ có chữ, không có các sheet "
        "của hoso; hãy điền vào tệp Excel do hoso tạo (hoso init) và lưu dạng .xlsx."
    ) in result.out


def test_empty_file(tmp_path: Path, run_cli) -> None:
    path = tmp_path / "rong.xlsx"
    path.write_bytes(b"")
    _unusable(run_cli, path, "tệp rỗng")


def test_missing_file(tmp_path: Path, run_cli) -> None:
    _unusable(run_cli, tmp_path / "khong-co.xlsx", "không tìm thấy tệp")


def test_password_protected(example, tmp_path: Path, run_cli) -> None:
    plain = example()
    encrypted = tmp_path / "mat-khau.xlsx"
    out = io.BytesIO()
    with plain.open("rb") as fh:
        OOXMLFile(fh).encrypt("123456", out)
    encrypted.write_bytes(out.getvalue())
    _unusable(run_cli, encrypted, "đặt mật khẩu")


def test_legacy_xls_container(tmp_path: Path, run_cli) -> None:
    path = tmp_path / "cu.xlsx"
    # The OLE2 signature of a legacy .xls (BIFF) file, padded like a real header block.
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    _unusable(run_cli, path, "tệp Excel cũ (.xls)")


def test_zip_bomb_is_refused(tmp_path: Path, run_cli) -> None:
    path = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr("xl/worksheets/sheet1.xml", b"\0" * 30_000_000)
    _unusable(run_cli, path, "nghi là tệp độc hại")


def test_damaged_zip_inside(tmp_path: Path, run_cli) -> None:
    path = tmp_path / "hong.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook")
    _unusable(run_cli, path, "bị hỏng")


@pytest.mark.parametrize("part", ["xl/workbook.xml", "xl/worksheets/sheet2.xml", "xl/styles.xml"])
def test_a_part_cut_short_is_said_in_vietnamese_with_what_to_do(
    example, tmp_path: Path, run_cli, part: str
) -> None:
    path = tmp_path / "hong.xlsx"
    with zipfile.ZipFile(example()) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(item, data[: len(data) // 2] if item.filename == part else data)
    result = run_cli("check", path)
    assert result.code == 2 and result.out.splitlines()[0] == (
        f"✗ {path}: tệp Excel bị hỏng, không đọc được. Hãy mở tệp bằng Excel hoặc LibreOffice Calc "
        "và lưu thành tệp .xlsx mới (Excel tự sửa được nhiều chỗ hỏng), hoặc dùng bản sao trước đó."
    )  # not the XML parser's English ("no element found: line 1, column …")


def _ods(path: Path) -> Path:
    """An OpenDocument spreadsheet package: its "mimetype" first and stored, as the format says."""
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", "<office:document-content/>", zipfile.ZIP_DEFLATED)
    return path


def test_spreadsheets_a_unit_sends_instead_are_named_with_how_to_save_them(
    example, tmp_path: Path, run_cli
) -> None:
    folder = tmp_path / "don-vi"
    folder.mkdir()
    shutil.copy(example(), folder / "a.xlsx")
    _ods(folder / "b.ods")
    (folder / "c.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    (folder / "d.csv").write_text("Họ và tên,Ngày sinh\n", encoding="utf-8")
    shutil.copy(example(), folder / "e.xls")  # an xlsx under another name
    with zipfile.ZipFile(folder / "f.xlsx", "w") as zf:  # a Word document renamed
        zf.writestr("word/document.xml", "<w:document/>")
    (folder / "ghi-chu.docx").write_bytes(b"not a spreadsheet: not looked at")
    result = run_cli("check", folder)
    assert result.code == 2 and "Traceback" not in result.out + result.err
    said = [line for line in result.out.splitlines() if line.startswith("✗")]
    assert said == [
        f"✗ {folder / 'b.ods'}: đây là tệp LibreOffice Calc (.ods); hãy mở bằng LibreOffice Calc, "
        "chọn Tệp › Lưu thành…, kiểu tệp “Excel 2007-365 (.xlsx)”.",
        f"✗ {folder / 'c.xls'}: đây là tệp Excel cũ (.xls); hãy mở bằng Excel và lưu thành .xlsx.",
        f"✗ {folder / 'd.csv'}: tệp CSV chỉ có chữ, không có các sheet của hoso; hãy điền vào tệp "
        "Excel do hoso tạo (hoso init) và lưu dạng .xlsx.",
        f"✗ {folder / 'e.xls'}: là tệp Excel nhưng tên tệp có đuôi “.xls”; hãy đổi tên thành "
        "“e.xlsx”.",
        f"✗ {folder / 'f.xlsx'}: đây là tệp Word (.docx), không phải tệp Excel .xlsx.",
    ]
    assert result.out.rstrip().endswith("Tổng cộng: 6 tệp, 5 tệp có lỗi; 5 lỗi, 5 cảnh báo.")


def test_xlsm_values_read_macros_never_run(example, tmp_path: Path, run_cli) -> None:
    source = example()
    target = tmp_path / "co-macro.xlsm"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        for item in zin.infolist():
            zout.writestr(item, zin.read(item.filename))
        # A VBA project that would be dangerous if anything executed it; hoso must only read values.
        zout.writestr("xl/vbaProject.bin", b'Attribute VB_Name = "Auto_Open"\nShell "rm -rf /"')
    result = run_cli("check", target)
    assert result.code == 0, result.out


def test_missing_sheet(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        del wb["Cá nhân"]
    result = run_cli("check", path)
    assert result.code == 1
    assert f"{path} › Cá nhân: thiếu sheet “Cá nhân”." in result.out


def test_missing_council_sheet_when_plan_needs_minutes(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        del wb["Hội đồng"]
    result = run_cli("check", path)
    assert result.code == 1
    assert f"{path} › Hội đồng: thiếu sheet “Hội đồng” (kế hoạch yêu cầu Biên bản" in result.out


def test_plan_without_council_needs_no_council_sheets(example) -> None:
    result = check_file(example("muong-khuong-cds-2022-2025"))
    assert result.exit_code == 0, [str(f) for f in result.findings]
    assert result.batch is not None and result.batch.council is None
    assert all(n.votes is None and n.passed for n in result.batch.nominees)


def test_tcvn3_text_is_detected_converted_and_reported(example) -> None:
    path = example()
    legacy = encode_legacy("Nguyễn Văn Đức", "TCVN3")
    with edit(path) as wb:
        ws = wb["Cá nhân"]
        ws[cell_of(ws, "Họ và tên", 3)] = legacy
    result = check_file(path)
    assert result.exit_code == 0
    warning = next(f for f in result.warnings if f.code == "legacy-encoding")
    assert warning.source.cell == cell_of(openpyxl.load_workbook(path)["Cá nhân"], "Họ và tên", 3)
    assert "TCVN3" in warning.message and "Nguyễn Văn Đức" in warning.message
    assert result.batch.individuals[1].name == "Nguyễn Văn Đức"


def test_vni_text_is_detected(example) -> None:
    path = example()
    with edit(path) as wb:
        ws = wb["Cá nhân"]
        ws[cell_of(ws, "Quê quán", 2)] = encode_legacy("Xã Phú Nghĩa, huyện Bù Gia Mập", "VNI")
    result = check_file(path)
    warning = next(f for f in result.warnings if f.code == "legacy-encoding")
    assert "VNI" in warning.message
    assert result.batch.individuals[0].hometown == "Xã Phú Nghĩa, huyện Bù Gia Mập"


def test_decomposed_unicode_is_normalised_and_matches_across_sheets(example) -> None:
    path = example()
    with edit(path) as wb:
        ws = wb["Tập thể"]
        name = ws[cell_of(ws, "Tên tập thể", 2)].value
        ws[cell_of(ws, "Tên tập thể", 2)] = unicodedata.normalize("NFD", name)
    result = check_file(path)
    assert result.exit_code == 0, [str(f) for f in result.errors]
    first = result.batch.collectives[0]
    assert unicodedata.is_normalized("NFC", first.name) and first.name == name
    assert first.criteria, "the Chỉ tiêu rows typed in NFC still find the NFD-typed collective"


@pytest.mark.parametrize("text", ["{{ 7*7 }}", "{% if true %}x{% endif %}", "Hội & Đoàn <b>", "{#"])
def test_template_like_and_xml_characters_are_kept_literally(example, text: str) -> None:
    path = example()
    with edit(path) as wb:
        ws = wb["Cá nhân"]
        ws[cell_of(ws, "Ghi chú", 2)] = text
    result = check_file(path)
    assert result.exit_code == 0
    assert result.batch.individuals[0].note == text
    if "{" in text:
        assert any(f.code == "template-like" for f in result.warnings)


def test_ten_thousand_rows(example, run_cli) -> None:
    """A sheet pasted with 10,000 individuals: read and judged (quota) in seconds, no crash."""
    path = example()
    wb = openpyxl.load_workbook(path)
    ws = wb["Cá nhân"]
    template = [c.value for c in ws[2]]
    name_col = openpyxl.utils.column_index_from_string(cell_of(ws, "Họ và tên", 1)[0]) - 1
    for i in range(10_000):
        row = list(template)
        row[name_col] = f"Cán Bộ Số {i:05d}"
        ws.append(row)
    wb.save(path)
    result = run_cli("check", path)  # how fast: bench/bench_check.py
    assert result.code == 1
    assert "vượt số lượng" in result.out


def test_json_output(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        ws = wb["Cá nhân"]
        ws[cell_of(ws, "Giới tính", 3)] = "M"
    result = run_cli("check", "--json", path)
    assert result.code == 1
    data = json.loads(result.out)
    assert data["errors"] == 1
    finding = next(f for f in data["files"][0]["findings"] if f["severity"] == "error")
    assert (finding["sheet"], finding["cell"], finding["code"]) == ("Cá nhân", "C3", "choice")
    assert finding["text"].startswith(f"{path} › Cá nhân!C3: ")


def test_several_files_exit_with_the_worst(example, tmp_path: Path, run_cli) -> None:
    good = example(name="tot.xlsx")
    bad = tmp_path / "hong.xlsx"
    bad.write_text("x")
    result = run_cli("check", good, bad)
    assert result.code == 2
    assert f"✓ {good}" in result.out and f"✗ {bad}" in result.out


def test_folder_of_workbooks(example, tmp_path: Path, run_cli) -> None:
    example(name="a.xlsx")
    example("muong-khuong-cds-2022-2025", name="b.xlsx")
    (tmp_path / "~$a.xlsx").write_text("excel lock file")
    result = run_cli("check", tmp_path)
    assert result.code == 0, result.out
    assert "Tổng cộng: 2 tệp" in result.out


def test_near_identical_achievements_are_flagged(example) -> None:
    path = example()
    with edit(path) as wb:
        ws = wb["Cá nhân"]
        copied = ws[cell_of(ws, "Thành tích", 2)].value
        ws[cell_of(ws, "Thành tích", 4)] = copied.replace("đồng chí", "đồng chí ấy", 1)
    result = check_file(path)
    assert result.exit_code == 0
    similar = [f for f in result.warnings if f.code == "similar-text"]
    assert [f.source.cell for f in similar] == [
        cell_of(openpyxl.load_workbook(path)["Cá nhân"], "Thành tích", 4)
    ]
    first = result.batch.individuals[0].name
    assert f"gần giống hệt của {first}" in similar[0].message


def test_distinct_achievements_are_not_flagged(example) -> None:
    result = check_file(example())
    assert not [f for f in result.warnings if f.code == "similar-text"]


def test_a_report_far_longer_than_the_form_is_flagged(example) -> None:
    path = example()
    paragraph = (
        "Chủ động tham mưu, triển khai nhiều giải pháp chuyển đổi số, được lãnh đạo ghi nhận. "
    )
    with edit(path) as wb:
        ws = wb["Tập thể"]
        ws[cell_of(ws, "Thành tích", 3)] = "\n".join(f"{i}. {paragraph * 4}" for i in range(1, 90))
    result = check_file(path)
    long = [f for f in result.warnings if f.code == "long-text"]
    assert len(long) == 1 and long[0].source.cell == cell_of(
        openpyxl.load_workbook(path)["Tập thể"], "Thành tích", 3
    )
    assert "vượt nhiều so với mẫu" in long[0].message and "28.000" in long[0].message


def test_a_date_typed_without_separators_in_a_date_cell_is_said_as_a_number(
    example, run_cli, recwarn
) -> None:
    path = example()
    with edit(path) as wb:
        ws = wb["Cá nhân"]
        cell = cell_of(ws, "Ngày sinh", 2)
        assert ws[cell].number_format == "DD/MM/YYYY"
        ws[cell] = 19850305  # the cell keeps its date format
    result = run_cli("check", path)
    assert result.code == 1
    assert (
        f"{path} › Cá nhân!{cell}: “Ngày sinh”: số 19850305 không ứng với ngày nào trong khoảng "
        "1900–2100; hãy ghi ngày/tháng/năm đủ bốn chữ số năm, ví dụ 05/10/2023."
    ) in result.out
    assert "#VALUE!" not in result.out
    # openpyxl's English warning would reach the clerk's terminal; pytest records it instead.
    assert result.err == "" and [str(w.message) for w in recwarn] == []


def test_a_stray_value_far_below_is_said_at_its_cell_and_a_space_is_nothing(
    example, run_cli
) -> None:
    path = example()
    with edit(path) as wb:
        wb["Cá nhân"]["A60000"] = "x"
        wb["Cá nhân"]["C60001"] = " "
        wb["Tập thể"]["B70000"] = "\u00a0 "
    result = run_cli("check", path)
    assert result.code == 0, result.out
    assert (
        f"{path} › Cá nhân!A60000: ô này ở dòng 60000, cách dữ liệu phía trên (dòng 9) 59990 "
        "dòng trống nên dễ bị bỏ sót khi xem lại; nếu gõ nhầm, hãy xóa ô này, nếu là dữ liệu "
        "thật, hãy chuyển lên ngay dưới bảng."
    ) in result.out
    assert "C60001" not in result.out and "Tập thể!B70000" not in result.out


def test_more_filled_rows_than_the_bound_is_refused(example, run_cli, monkeypatch) -> None:
    monkeypatch.setattr(workbook, "MAX_ROWS", 20)
    path = example()
    with edit(path) as wb:
        for row in range(10, 40, 2):  # fifteen more rows with a value, none far from the others
            wb["Cá nhân"][f"O{row}"] = "ghi chú"
    _unusable(
        run_cli,
        path,
        "sheet “Cá nhân” có hơn 20 dòng có dữ liệu, quá nhiều cho một tệp đề nghị khen thưởng; "
        "hãy chia thành nhiều tệp.",
    )
