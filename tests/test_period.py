"""The review period through the real `hoso period` commands: init, then check as a whole."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import zipfile
from pathlib import Path

import pytest

from tests.conftest import cell_of, council_votes, decide_here, edit, label_row

BGM = "bu-gia-map-cds-2022-2025"
IND, COLL = "Cá nhân", "Tập thể"


def units(folder: Path) -> list[Path]:
    """The units' workbooks, in file order."""
    return sorted((folder / "don-vi").glob("*.xlsx"))


def fix_broken_unit(folder: Path) -> None:
    """Give the example's broken unit a real birth date, so that every unit counts."""
    with edit(units(folder)[2]) as wb:
        ws = wb[IND]
        ws[cell_of(ws, "Ngày sinh", 3)] = "28/02/1985"
    council_votes(folder)  # the office's council votes on the unit's nominees too


def add_people(path: Path, count: int, prefix: str) -> None:
    """Append individuals copied from row 2 (passing), each with its own name and birth date."""
    with edit(path) as wb:
        ws = wb[IND]
        for i in range(count):
            row = ws.max_row + 1
            for col in range(1, ws.max_column + 1):
                ws.cell(row, col).value = ws.cell(2, col).value
            ws[cell_of(ws, "Họ và tên", row)] = f"{prefix} Văn {'ABCDEFGHIK'[i]}ạnh"
            ws[cell_of(ws, "Ngày sinh", row)] = f"{i + 1:02d}/03/1988"
            ws[cell_of(ws, "Lãnh đạo quản lý", row)] = "Không"
            ws[cell_of(ws, "Chức vụ", row)] = "Chuyên viên"
            ws[cell_of(ws, "Thành tích", row)] = f"Đồng chí {prefix} hoàn thành nhiệm vụ {i}."
    council_votes(path.parent.parent)


def test_init_writes_the_config_and_the_units(run_cli, tmp_path: Path) -> None:
    folder = tmp_path / "dot-xet"
    result = run_cli("period", "init", folder, "--plan", BGM, "--example")
    assert result.code == 0, result.out + result.err
    assert f"Đã tạo đợt xét trong {folder}: kế hoạch {BGM}, đợt “Sơ kết năm 2023”." in result.out
    config = (folder / "dot-xet.toml").read_text(encoding="utf-8")
    assert f'plan = "{BGM}"' in config and "deadline = 2023-11-25" in config
    assert config.count("[[units]]") == 5
    assert len(units(folder)) == 4  # one expected unit has sent nothing
    again = run_cli("period", "init", folder, "--plan", BGM)
    assert again.code != 0 and again.err.strip() == (
        f"Lỗi: {folder}/dot-xet.toml đã có: thư mục này đã là một đợt xét. Xem đợt đó bằng "
        f"“hoso period check {folder}”, hoặc chọn thư mục khác cho đợt mới."
    )


@pytest.mark.parametrize(
    "plan_id",
    [
        "bac-kan-cds-2022-2025",
        BGM,
        "buon-ma-thuot-cds-2023-2025",
        "muong-khuong-cds-2022-2025",
        "so-vhttdl-binh-phuoc-cds-2022-2025",
        "vi-du-xa-bu-gia-map-2026",
    ],
)
def test_example_period_of_every_plan_shows_each_status(plan_id: str, period, run_cli) -> None:
    folder = period(plan_id)
    result = run_cli("period", "check", folder)
    assert result.code == 1  # the broken unit
    assert "Số đơn vị: chưa nộp 1, có lỗi 1, hợp lệ 2, trễ hạn 1" in result.out
    broken = units(folder)[2]
    assert f"{broken} › Cá nhân!D3: “Ngày sinh”: ngày “31/02/1985” không tồn tại" in result.out
    late = units(folder)[1]
    assert f"{late}: nộp ngày" in result.out and "trễ 3 ngày so với hạn" in result.out
    assert f"{folder / 'dot-xet.toml'}: " in result.out and "chưa nộp hồ sơ." in result.out
    assert "Traceback" not in result.out + result.err


def test_period_quota_is_counted_across_units(period, run_cli) -> None:
    folder = period()
    fix_broken_unit(folder)
    for i, path in enumerate(units(folder)):
        add_people(path, 2, ["Lò", "Sầm", "Vi", "Nông"][i])
    result = run_cli("period", "check", folder)
    assert result.code == 1
    (line,) = [ln for ln in result.out.splitlines() if "vượt số lượng của cả đợt" in ln]
    assert line.strip().startswith(f"{folder / 'dot-xet.toml'}: vượt số lượng của cả đợt:")
    assert "tối đa 15 (mười lăm) cá nhân “Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh" in line
    assert "các đơn vị đề nghị 20 cá nhân" in line
    assert "Phòng Văn hóa và Thông tin huyện Bù Gia Mập: 5" in line
    assert "Ủy ban nhân dân xã Phú Nghĩa: 5" in line
    assert "cần bớt 5 cá nhân" in line


def test_per_unit_counts_under_the_quota_pass(period, run_cli) -> None:
    folder = period()
    fix_broken_unit(folder)
    result = run_cli("period", "check", folder)
    assert result.code == 0, result.out
    assert "vượt số lượng" not in result.out
    assert "Số đơn vị: chưa nộp 1, có lỗi 0, hợp lệ 3, trễ hạn 1" in result.out


def test_a_person_proposed_by_two_units_is_named_at_both_cells(period, run_cli) -> None:
    folder = period()
    first, second = units(folder)[0], units(folder)[3]
    with edit(first) as wb:
        ws = wb[IND]
        name, birth = ws[cell_of(ws, "Họ và tên", 2)].value, ws[cell_of(ws, "Ngày sinh", 2)].value
    with edit(second) as wb:
        ws = wb[IND]
        ws[cell_of(ws, "Họ và tên", 3)] = name.upper()  # typed differently by the other clerk
        ws[cell_of(ws, "Ngày sinh", 3)] = birth
    result = run_cli("period", "check", folder)
    assert result.code == 1
    here = [ln.strip() for ln in result.out.splitlines() if "cũng được" in ln]
    assert len(here) == 2, result.out
    assert any(ln.startswith(f"{first} › Cá nhân!B2: cá nhân “{name}”") for ln in here)
    assert any(ln.startswith(f"{second} › Cá nhân!B3: cá nhân") for ln in here)
    assert any(f"({second} › Cá nhân!B3)" in ln for ln in here)
    assert any(f"({first} › Cá nhân!B2)" in ln for ln in here)
    assert all(ln.endswith("mỗi cá nhân chỉ được một đơn vị đề nghị trong một đợt.") for ln in here)
    # The office's list (the web's period page) has the clash once, naming both cells.
    from pipeline.period.check import check_period
    from pipeline.period.config import load_period

    clashes = [str(c) for c in check_period(load_period(folder)).clashes]
    assert len(clashes) == 1, clashes
    assert f"({first} › Cá nhân!B2) và " in clashes[0], clashes
    assert clashes[0].endswith(
        f"({second} › Cá nhân!B3); mỗi cá nhân chỉ được một đơn vị đề nghị trong một đợt."
    )


def test_a_collective_proposed_twice_is_an_error(period, run_cli) -> None:
    folder = period()
    with edit(units(folder)[0]) as wb:
        name = wb[COLL]["B2"].value
    with edit(units(folder)[3]) as wb:
        wb[COLL]["B2"] = name
        ws = wb["Chỉ tiêu"]
        for row in range(2, ws.max_row + 1):
            ws.cell(row, 1).value = name
    result = run_cli("period", "check", folder)
    twice = next(ln for ln in result.out.splitlines() if f"tập thể “{name}” cũng được" in ln)
    assert twice.strip().startswith(f"{units(folder)[3]} › Tập thể!B2: ")
    assert twice.endswith("mỗi tập thể chỉ được một đơn vị đề nghị trong một đợt.")


def test_a_workbook_of_another_plan_is_named_at_its_cell(period, example, run_cli) -> None:
    folder = period()
    shutil.copy(example("muong-khuong-cds-2022-2025"), folder / "don-vi" / "nham.xlsx")
    result = run_cli("period", "check", folder)
    assert result.code == 1
    stray = folder / "don-vi" / "nham.xlsx"
    assert (
        f"{stray} › Thông tin chung!B2: tệp thuộc kế hoạch muong-khuong-cds-2022-2025, "
        f"không phải kế hoạch của đợt xét ({BGM}) nên chưa được tính vào đợt. Hãy đề nghị đơn "
        "vị lập lại tệp Excel theo kế hoạch và đợt xét này (chép dữ liệu sang), hoặc chuyển tệp "
        "ra khỏi thư mục don-vi/ nếu không phải hồ sơ của đợt." in result.out
    )
    assert "không có trong danh sách đơn vị của đợt xét" in result.out


def test_an_expected_unit_under_a_mistyped_name_is_suggested(period, run_cli) -> None:
    folder = period()
    sent = units(folder)[3]  # Ủy ban nhân dân xã Đức Hạnh, in the file the office named
    renamed = sent.with_name("xa-duc-hanh.xlsx")
    sent.rename(renamed)
    with edit(renamed) as wb:
        ws = wb["Thông tin chung"]
        ws.cell(label_row(ws, "Cơ quan trình khen"), 2).value = "UBND xã Đức Hạng"
    result = run_cli("period", "check", folder)
    assert (
        # Named as the documents print it: "UBND" is written out (and said) at the same cell.
        f"{renamed} › Thông tin chung!B6: Ủy ban nhân dân xã Đức Hạng không có trong danh sách đơn "
        f"vị của đợt xét ({folder / 'dot-xet.toml'}); có phải là “Ủy ban nhân dân xã Đức Hạnh” (chưa "
        'nộp)? Nếu đúng, hãy ghi file = "xa-duc-hanh.xlsx" cho đơn vị đó trong [[units]], hoặc '
        "sửa ô Cơ quan trình khen cho đúng tên."
    ) in result.out
    # Under its abbreviated name ("UBND" for "Ủy ban nhân dân"), it is the unit itself.
    with edit(renamed) as wb:
        ws = wb["Thông tin chung"]
        ws.cell(label_row(ws, "Cơ quan trình khen"), 2).value = "UBND  xã đức hạnh"
    result = run_cli("period", "check", folder)
    assert "không có trong danh sách" not in result.out
    assert "Ủy ban nhân dân xã Đức Hạnh: chưa nộp" not in result.out
    # A unit like none of those still missing: only the way to add it.
    with edit(renamed) as wb:
        ws = wb["Thông tin chung"]
        ws.cell(label_row(ws, "Cơ quan trình khen"), 2).value = "Trường Tiểu học Đa Kia"
    result = run_cli("period", "check", folder)
    assert (
        "Trường Tiểu học Đa Kia không có trong danh sách đơn vị của đợt xét "
        f"({folder / 'dot-xet.toml'}); hãy thêm vào [[units]] nếu đơn vị này được nộp."
    ) in result.out


def test_a_unit_that_sent_a_calc_file_is_told_to_save_it_as_xlsx(period, run_cli) -> None:
    from pipeline.period.config import load_period

    folder = period()
    missing = load_period(folder).config.units[-1]  # the unit that has sent nothing
    sent = folder / "don-vi" / Path(missing.file).with_suffix(".ods").name
    with zipfile.ZipFile(sent, "w") as zf:  # an OpenDocument spreadsheet, as LibreOffice saves it
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", "<office:document-content/>")
    result = run_cli("period", "check", folder)
    assert result.code == 1 and "Traceback" not in result.out + result.err
    said = f"✗ {sent}: đây là tệp LibreOffice Calc (.ods); hãy mở bằng LibreOffice Calc"
    assert said in result.out
    # The file the office named, saved in another format: the unit has sent, with an error.
    rows = json.loads(run_cli("period", "check", "--json", folder).out)["units"]
    row = next(r for r in rows if r["name"] == missing.name)
    assert (row["status_label"], row["file"]) == ("có lỗi", str(sent))
    assert not any(r["name"] == sent.stem for r in rows)  # not also a unit of its own


def test_a_units_workbook_left_in_an_archive_is_named_not_passed_over(period, run_cli) -> None:
    folder = period()
    archive = folder / "don-vi" / "tep-gui-kem.zip"
    with zipfile.ZipFile(archive, "w") as zf:  # an e-mail's attachment, saved as it came
        zf.write(units(folder)[0], "xa.xlsx")
    result = run_cli("period", "check", folder)
    assert (
        f"{archive}: tệp nén: hoso không mở tệp nén nên chưa kiểm tra tệp bên trong; hãy giải nén "
        "và đặt tệp .xlsx của đơn vị vào thư mục don-vi/."
    ) in result.out


def test_json_gives_each_unit_its_status(period, run_cli) -> None:
    folder = period()
    result = run_cli("period", "check", "--json", folder)
    data = json.loads(result.out)
    assert [u["status"] for u in data["units"]] == [
        "hop-le",
        "tre-han",
        "co-loi",
        "hop-le",
        "chua-nop",
    ]
    assert data["status_counts"] == {
        "chua-nop": 1,
        "co-loi": 1,
        "chua-ky": 0,
        "hop-le": 2,
        "tre-han": 1,
    }
    broken = data["units"][2]
    errors = [f for f in broken["findings"] if f["severity"] == "error"]
    assert broken["errors"] == 1 and errors[0]["cell"] == "D3"
    assert data["units"][0]["collectives"] == 1 and data["units"][0]["individuals"] == 3


def test_a_broken_config_names_file_and_key(period, run_cli) -> None:
    folder = period()
    config = folder / "dot-xet.toml"
    text = config.read_text(encoding="utf-8").replace("decides = []", 'decides = ["bang-khen-x"]')
    config.write_text(text.replace("deadline =", "han_nop = 1\ndeadline ="), encoding="utf-8")
    result = run_cli("period", "check", folder)
    assert result.code != 0
    assert f"Tệp cấu hình đợt xét {config} không hợp lệ" in result.err
    assert "dot-xet.toml › han_nop: khóa không được hỗ trợ (gõ nhầm?)" in result.err
    config.write_text(text, encoding="utf-8")  # valid keys, an award the plan does not have
    result = run_cli("period", "check", folder)
    assert "dot-xet.toml › decides, mục thứ 1: không có hình thức “bang-khen-x”" in result.err
    assert "Traceback" not in result.err


def test_a_unit_listed_twice_or_without_a_name_is_named_at_its_key(period, run_cli) -> None:
    from pipeline.period.config import load_period

    folder = period()
    config = folder / "dot-xet.toml"
    units = load_period(folder).config.units
    text = config.read_text(encoding="utf-8")
    text += f'\n[[units]]\nname = "{units[1].name.upper()}"\n'
    text += f'\n[[units]]\nname = "Trường Mầm non"\nfile = "{units[0].file}"\n'
    text += '\n[[units]]\nname = ""\n'
    config.write_text(text, encoding="utf-8")
    result = run_cli("period", "check", folder)
    n = len(units)
    assert result.code != 0
    # Each entry as a person counts them in the file, by its name when it has one.
    upper = units[1].name.upper()
    assert (
        f"dot-xet.toml › đơn vị thứ {n + 1} trong [[units]] (“{upper}”), khóa name: “{upper}” "
        f"đã có ở đơn vị thứ 2 trong [[units]] (“{units[1].name}”); mỗi đơn vị ghi một lần"
    ) in result.err
    assert (
        f"dot-xet.toml › đơn vị thứ {n + 2} trong [[units]] (“Trường Mầm non”), khóa file: "
        f"“{units[0].file}” đã là tệp của đơn vị thứ 1 trong [[units]] (“{units[0].name}”); mỗi "
        "đơn vị nộp một tệp riêng: hãy sửa file của đơn vị ghi nhầm"
    ) in result.err
    assert (
        f"dot-xet.toml › đơn vị thứ {n + 3} trong [[units]], khóa name: chưa ghi tên đơn vị"
    ) in result.err
    assert "units[" not in result.err


def test_a_wrong_value_in_a_list_is_counted_from_one(period, run_cli) -> None:
    """A value of the wrong type in a unit's entry, and an unknown award in decides: each said as
    a person counts the file's entries, never as units[0] or decides[0]."""
    from pipeline.period.config import load_period

    folder = period()
    config = folder / "dot-xet.toml"
    first = load_period(folder).config.units[0]
    text = config.read_text(encoding="utf-8")
    text = text.replace(f"received = {first.received}", 'received = "hôm qua"', 1)
    config.write_text(text, encoding="utf-8")
    result = run_cli("period", "check", folder)
    assert f"dot-xet.toml › đơn vị thứ 1 trong [[units]] (“{first.name}”), khóa received: " in (
        result.err
    ), result.err
    config.write_text(text.replace("decides = []", 'decides = ["khong-co"]'), encoding="utf-8")
    config.write_text(
        config.read_text(encoding="utf-8").replace('received = "hôm qua"', "received = 2023-11-22"),
        encoding="utf-8",
    )
    result = run_cli("period", "check", folder)
    assert "dot-xet.toml › decides, mục thứ 1: không có hình thức “khong-co”" in result.err
    assert "units[" not in result.err and "decides[" not in result.err, result.err


def test_a_config_that_is_not_toml_names_the_line(period, run_cli) -> None:
    folder = period()
    config = folder / "dot-xet.toml"
    config.write_text("plan = bu-gia-map\n", encoding="utf-8")
    result = run_cli("period", "check", folder)
    assert result.code != 0
    assert f"{config}: tệp cấu hình đợt xét không phải TOML hợp lệ ở dòng 1, cột 8" in result.err


def test_a_config_saved_as_notepad_s_unicode_says_how_to_save_it_again(period, run_cli) -> None:
    """Notepad's "Unicode" is UTF-16: said as such, with how to save the file as UTF-8."""
    folder = period()
    config = folder / "dot-xet.toml"
    config.write_bytes(config.read_text(encoding="utf-8").encode("utf-16"))
    result = run_cli("period", "check", folder)
    assert result.code == 1
    assert result.err.strip() == (
        f"Lỗi: {config}: tệp cấu hình đợt xét không phải văn bản UTF-8 mà UTF-16 (“Unicode” của "
        "Notepad). Hãy mở tệp bằng Notepad, chọn Tệp › Lưu thành…, ở ô Mã hóa (Encoding) chọn "
        "UTF-8 rồi lưu."
    )


def test_a_config_saved_in_the_windows_code_page_says_how_to_save_it_again(period, run_cli) -> None:
    """Notepad's "ANSI" (Windows-1258 on a Vietnamese Windows): how to save it as UTF-8."""
    folder = period()
    config = folder / "dot-xet.toml"
    config.write_bytes(config.read_text(encoding="utf-8").encode("cp1258", errors="replace"))
    result = run_cli("period", "check", folder)
    assert result.code == 1
    assert result.err.strip() == (
        f"Lỗi: {config}: tệp cấu hình đợt xét không phải văn bản UTF-8. Hãy mở tệp bằng Notepad, "
        "chọn Tệp › Lưu thành…, ở ô Mã hóa (Encoding) chọn UTF-8 rồi lưu."
    )


def test_the_units_folder_of_a_period_is_said_to_be_inside_that_period(period, run_cli) -> None:
    """`hoso period check dot-xet/don-vi` (the folder the units' files are in): the period to
    name instead, not how to make a new period there."""
    folder = period()
    result = run_cli("period", "check", folder / "don-vi")
    assert result.code == 1
    assert result.err.strip() == (
        f"Lỗi: {folder / 'don-vi'}: không có dot-xet.toml: đây là thư mục bên trong đợt xét "
        f"{folder}; hãy chỉ thư mục của đợt xét, ví dụ “hoso period check {folder}”."
    )
    assert not (folder / "don-vi" / "dot-xet.toml").exists()


def test_a_folder_without_config_says_how_to_make_one(run_cli, tmp_path: Path) -> None:
    result = run_cli("period", "check", tmp_path)
    assert result.code != 0
    assert f"{tmp_path}: không có dot-xet.toml; tạo đợt xét bằng “hoso period init" in result.err
    missing = tmp_path / "khong-co"
    for command in ("check", "build", "council", "certificates"):
        result = run_cli("period", command, missing)
        assert result.code == 1 and result.err.strip() == (
            f"Lỗi: Không có thư mục {missing}: hãy chỉ thư mục của đợt xét (thư mục có tệp "
            f"dot-xet.toml), hoặc tạo đợt xét mới bằng “hoso period init {missing} --plan …”."
        ), (command, result.err)


# -- hoso period build ---------------------------------------------------------------------------

PLANS = [
    "bac-kan-cds-2022-2025",
    BGM,
    "buon-ma-thuot-cds-2023-2025",
    "muong-khuong-cds-2022-2025",
    "so-vhttdl-binh-phuoc-cds-2022-2025",
]


def _rows(docx: Path, header: str) -> list[list[str]]:
    """The data rows of every table of a document whose header row starts with `header` (the
    consolidated list's tables have a row naming their unit above it)."""
    from tests.doctext import tables

    return [
        row
        for t in tables(docx)
        for at in [next((i for i, r in enumerate(t[:2]) if r[:2] == ["STT", header]), None)]
        if at is not None
        for row in t[at + 1 :]
    ]


@pytest.mark.parametrize("plan_id", PLANS)
def test_consolidated_list_is_exactly_the_units_lists(plan_id: str, period, run_cli) -> None:
    from tests.doctext import normalized_text

    folder = period(plan_id)
    fix_broken_unit(folder)
    out = folder / "ket-qua"
    result = run_cli("period", "build", "--no-pdf", "-q", folder)
    assert result.code == 0, result.out
    (office,) = [p for p in (out / "tong-hop").iterdir() if p.is_dir()]
    own = office / "van-ban" / "02-danh-sach.docx"
    for header in ("Tên tập thể", "Họ và tên"):
        units_rows = [
            row[1:]
            for unit in sorted((out / "don-vi").iterdir())
            if unit.is_dir()
            for row in _rows(unit / "van-ban" / "02-danh-sach.docx", header)
        ]
        office_rows = _rows(own, header)
        assert [row[1:] for row in office_rows] == units_rows  # same names, units, spelling
        assert [int(row[0]) for row in office_rows] == list(range(1, len(office_rows) + 1))
    n_c, n_i = len(_rows(own, "Tên tập thể")), len(_rows(own, "Họ và tên"))
    text = normalized_text(office / "van-ban" / "01-to-trinh.docx")
    assert f"1. Tập thể: {n_c:02d} (" in text and f"2. Cá nhân: {n_i:02d} (" in text
    from pipeline.inputs.plans import get_plan

    award = get_plan(plan_id).award(office.name)
    assert award is not None  # the office's folder is named by the award it proposes
    assert f"Kính gửi: {award.awarded_by}" in text
    assert f"Kính trình {award.awarded_by} xem xét, quyết định./." in text
    # The four units that sent a valid workbook, unnumbered: cited blank, as their own Tờ trình.
    assert text.count("Căn cứ Tờ trình số /TTr-") == 4


def test_period_build_makes_pdfs_that_lint_clean(period, run_cli) -> None:
    folder = period()
    out = folder / "ket-qua"
    result = run_cli("period", "build", "-q", folder)
    assert result.code == 1  # the broken unit: the others are built all the same
    # Of the five units the period expects: the broken one and the one yet to send have none.
    assert "Hồ sơ của đơn vị: 3/5 đơn vị của đợt (2 đơn vị chưa có hồ sơ); " in result.out
    office = out / "tong-hop" / "bang-khen-tinh"
    assert f"Văn bản của cơ quan → {office} (Tờ trình, danh sách tổng hợp" in result.out
    docs = sorted((office / "van-ban").glob("*.docx"))
    # The plan asks for a Biên bản: the office's council's comes with its Tờ trình.
    assert [d.name for d in docs] == ["01-to-trinh.docx", "02-danh-sach.docx", "03-bien-ban.docx"]
    for docx in docs:
        assert docx.with_suffix(".pdf").is_file()
    assert not (office / "ho-so").exists()  # no per-nominee dossier repeating the office's two
    lint = run_cli("lint", *docs, *sorted((out / "don-vi").rglob("*.docx")))
    assert lint.code == 0, lint.out
    text = (office / "van-ban" / "02-danh-sach.pdf").read_bytes()
    assert text.startswith(b"%PDF")


def test_period_errors_hold_back_the_consolidated_documents(period, run_cli) -> None:
    folder = period()
    fix_broken_unit(folder)
    for i, path in enumerate(units(folder)):
        add_people(path, 2, ["Lò", "Sầm", "Vi", "Nông"][i])
    result = run_cli("period", "build", "--no-pdf", "-q", folder)
    assert result.code == 1
    assert "Văn bản của cơ quan: chưa tạo vì cả đợt còn lỗi (xem trên)." in result.out
    assert not (folder / "ket-qua" / "tong-hop" / "bang-khen-tinh").exists()
    assert len([p for p in (folder / "ket-qua" / "don-vi").iterdir() if p.is_dir()]) == 4


def test_statistics_and_the_period_manifest(period, run_cli) -> None:
    import openpyxl

    folder = period()
    out = folder / "ket-qua"
    result = run_cli("period", "build", "--no-pdf", "-q", folder)
    assert f"Đã ghi {out / 'tong-hop' / 'thong-ke.xlsx'}" in result.out
    wb = openpyxl.load_workbook(out / "tong-hop" / "thong-ke.xlsx")
    by_unit = [list(r) for r in wb["Theo đơn vị"].iter_rows(min_row=2, values_only=True)]
    assert [r[0] for r in by_unit] == [
        "Phòng Văn hóa và Thông tin huyện Bù Gia Mập",
        "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện Bù Gia Mập",
        "Ủy ban nhân dân xã Đức Hạnh",
    ]
    assert all(r[2:4] == [1, 3] and r[7:12] == [4, 0, 5, 4, 0.8] for r in by_unit), by_unit
    (total,) = wb["Tổng hợp"].iter_rows(min_row=2, values_only=True)
    assert list(total) == [3, 3, 9, sum(r[4] for r in by_unit), 15, 12, 0.8]
    forms = [list(r) for r in wb["TT 02-2023 (chưa xác nhận)"].iter_rows(values_only=True)]
    assert forms[1][:3] == [
        "0601.N",
        "Phong trào “Chuyển đổi số giai đoạn 2022 - 2025” (kế hoạch của Ủy ban nhân dân huyện "
        "Bù Gia Mập năm 2023), sơ kết năm 2023",
        "5 đơn vị phải nộp; 3 đơn vị hợp lệ",
    ]
    women = sum(r[4] for r in by_unit)
    leaders = sum(r[5] for r in by_unit)
    assert forms[2] == [
        "0603.N",
        "Khen thưởng theo chuyên đề: Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh Bình Phước",
        "đề nghị cấp trên",
        3,
        9,
        leaders,
        women,
    ]
    assert "Cấu trúc biểu gốc và hiệu lực của Thông tư chưa được xác nhận" in forms[3][1]
    council = [list(r) for r in wb["Hội đồng cơ quan"].iter_rows(min_row=2, values_only=True)]
    assert council == [["Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh Bình Phước", 12, 12, 1.0]]
    assert (out / "tong-hop" / "thong-ke.png").read_bytes().startswith(b"\x89PNG")
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert [u["status"] for u in manifest["units"]] == [
        "hop-le",
        "tre-han",
        "co-loi",
        "hop-le",
        "chua-nop",
    ]
    council = folder / "hoi-dong.xlsx"
    digest = hashlib.sha256(council.read_bytes()).hexdigest()
    assert manifest["council"] == {"workbook": "hoi-dong.xlsx", "sha256": digest}
    kinds = {(d["path"], d["kind"]) for d in manifest["documents"]}
    assert ("tong-hop/bang-khen-tinh/van-ban/01-to-trinh.docx", "to-trinh") in kinds
    assert ("don-vi/04-uy-ban-nhan-dan-xa-duc-hanh/van-ban/03-bien-ban.docx", "bien-ban") in kinds
    assert ("tong-hop/bang-khen-tinh/van-ban/03-bien-ban.docx", "bien-ban") in kinds
    assert {f["kind"] for f in manifest["files"]} == {"thong-ke"}


def _decided_period(period, run_cli) -> tuple[Path, object]:
    """The Mường Khương example period, its Giấy khen decided here, built without PDFs."""
    folder = period("muong-khuong-cds-2022-2025")
    decide_here(folder)
    fix_broken_unit(folder)
    result = run_cli("period", "build", "--no-pdf", "-q", folder)
    assert result.code == 0, result.out
    return folder, result


def test_the_register_has_one_row_per_award_decided_here(period, run_cli) -> None:
    import openpyxl

    folder, _ = _decided_period(period, run_cli)
    out = folder / "ket-qua"
    wb = openpyxl.load_workbook(out / "tong-hop" / "so-theo-doi-khen-thuong.xlsx")
    rows = [list(r) for r in wb.active.iter_rows(min_row=2, values_only=True)]
    listed = [
        row[1]
        for unit in sorted((out / "don-vi").iterdir())
        if unit.is_dir()
        for header in ("Tên tập thể", "Họ và tên")
        for row in _rows(unit / "van-ban" / "02-danh-sach.docx", header)
    ]
    assert sorted(r[1] for r in rows) == sorted(listed)  # every awardee, once
    assert [r[0] for r in rows] == list(range(1, len(rows) + 1))
    assert {r[8] for r in rows} == {"125/QĐ-UBND"}
    assert {r[9] for r in rows} == {dt.datetime(2023, 12, 20)}  # a date Excel sorts, shown as such
    dates = [row[9] for row in wb.active.iter_rows(min_row=2)]
    assert {c.number_format for c in dates} == {"DD/MM/YYYY"}
    assert {r[7] for r in rows} == {"Giấy khen của Chủ tịch Ủy ban nhân dân huyện Mường Khương"}


def test_rebuilding_after_one_unit_resends_redoes_only_that_unit(period, run_cli) -> None:
    folder = period()
    first = run_cli("period", "build", "--no-pdf", "-q", folder)
    assert "; 0 không thay đổi, " in first.out
    again = run_cli("period", "build", "--no-pdf", "-q", folder)
    assert (
        "Hồ sơ của đơn vị: 3/5 đơn vị của đợt (2 đơn vị chưa có hồ sơ); 3 không thay đổi, 0 văn "
        "bản tạo mới, trong "
    ) in again.out
    assert (
        "Tờ trình, danh sách tổng hợp, Biên bản Hội đồng: 0 văn bản tạo mới, 3 không đổi"
        in again.out
    )
    with edit(units(folder)[3]) as wb:  # the unit resends, one person's name corrected
        ws = wb[IND]
        ws[cell_of(ws, "Họ và tên", 2)] = "Nguyễn Thị Tâm"
    council_votes(folder)  # the office's council votes on the corrected row
    resent = run_cli("period", "build", "--no-pdf", "-q", folder)
    assert "(2 đơn vị chưa có hồ sơ); 2 không thay đổi, " in resent.out
    # The list and the council's Biên bản name her; the Tờ trình's counts did not change.
    assert "danh sách tổng hợp, Biên bản Hội đồng: 2 văn bản tạo mới, 1 không đổi" in resent.out
    listing = folder / "ket-qua" / "tong-hop" / "bang-khen-tinh" / "van-ban" / "02-danh-sach.docx"
    assert "Nguyễn Thị Tâm" in [row[1] for row in _rows(listing, "Họ và tên")]


def test_an_award_decided_here_gets_its_decision_and_list(period, run_cli) -> None:
    from tests.doctext import normalized_text

    folder, result = _decided_period(period, run_cli)
    office = folder / "ket-qua" / "tong-hop" / "giay-khen-huyen"
    assert f"Văn bản của cơ quan → {office} (Quyết định, danh sách kèm theo" in result.out
    decision = normalized_text(office / "van-ban" / "01-quyet-dinh.docx")
    award = "Giấy khen của Chủ tịch Ủy ban nhân dân huyện Mường Khương"
    assert "Số: 125/QĐ-UBND" in decision
    assert "Mường Khương, ngày 20 tháng 12 năm 2023" in decision
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN MƯỜNG KHƯƠNG" in decision
    assert f"Điều 1. Tặng {award} cho 04 (bốn) tập thể và 16 (mười sáu) cá nhân" in decision
    assert "Căn cứ Nghị định số 91/2017/NĐ-CP" in decision  # the regime of 20/12/2023
    # The money of Điều 2 is computed on the base salary of 20/12/2023: its decree is cited,
    # after the law on emulation and before the plan.
    salary = (
        "Căn cứ Nghị định số 24/2023/NĐ-CP ngày 14/5/2023 của Chính phủ quy định mức lương cơ sở "
        "đối với cán bộ, công chức, viên chức và lực lượng vũ trang;"
    )
    assert salary in decision
    assert decision.index("Căn cứ Nghị định số 91/2017/NĐ-CP") < decision.index(salary)
    assert decision.index(salary) < decision.index("Căn cứ Kế hoạch")
    # Điều 2: 0,3 × 1.800.000 (the base salary on 20/12/2023), collectives twice that.
    assert (
        "Điều 2. Tiền thưởng kèm theo Giấy khen: mỗi tập thể 1.080.000 đồng; mỗi cá nhân "
        "540.000 đồng. Tổng cộng: 12.960.000 đồng (Mười hai triệu chín trăm sáu mươi nghìn đồng)"
    ) in decision
    assert "Điều 3. Thủ trưởng các cơ quan" in decision
    assert "chịu trách nhiệm thi hành Quyết định này./." in decision
    assert "CHỦ TỊCH ¶ Lý Văn Tâm" in decision
    listing = office / "van-ban" / "02-danh-sach.docx"
    people = [row[1] for row in _rows(listing, "Họ và tên")]
    assert len(people) == 16 and len(_rows(listing, "Tên tập thể")) == 4
    assert {row[-1] for row in _rows(listing, "Họ và tên")} == {"540.000"}
    assert {row[-1] for row in _rows(listing, "Tên tập thể")} == {"1.080.000"}
    assert (
        "Tổng cộng tiền thưởng: 12.960.000 đồng (Bằng chữ: Mười hai triệu chín trăm sáu mươi "
        in (normalized_text(listing))
    )
    assert "(Kèm theo Quyết định số 125/QĐ-UBND ngày 20/12/2023 của Chủ tịch" in (
        normalized_text(listing)
    )
    lint = run_cli("lint", *sorted((office / "van-ban").glob("*.docx")))
    assert lint.code == 0, lint.out


def test_init_under_a_file_says_so_in_vietnamese(run_cli, tmp_path: Path) -> None:
    afile = tmp_path / "tep.txt"
    afile.write_text("x", encoding="utf-8")
    result = run_cli("period", "init", afile / "dot-xet", "--plan", BGM)
    assert result.code == 1
    assert f"Không tạo được {afile / 'dot-xet' / 'don-vi'}: một phần của đường dẫn là tệp" in (
        result.err
    )
    assert "Traceback" not in result.err


def test_init_with_examples_never_replaces_a_file_already_there(run_cli, tmp_path: Path) -> None:
    made = tmp_path / "mau"
    assert run_cli("period", "init", made, "--plan", VI_DU_2026, "--example").code == 0
    workbook = next((made / "don-vi").glob("*.xlsx"))
    folder = tmp_path / "dot-xet"
    (folder / "don-vi").mkdir(parents=True)
    own = folder / "don-vi" / workbook.name
    own.write_bytes(b"du lieu that")
    (folder / "hoi-dong.xlsx").write_bytes(b"cua co quan")
    result = run_cli("period", "init", folder, "--plan", VI_DU_2026, "--example")
    assert result.code == 1
    assert f"{own}, {folder / 'hoi-dong.xlsx'} đã có: hoso không ghi đè tệp có sẵn." in result.err
    assert own.read_bytes() == b"du lieu that"
    assert (folder / "hoi-dong.xlsx").read_bytes() == b"cua co quan"
    assert sorted(p.name for p in folder.rglob("*")) == sorted(
        ["don-vi", own.name, "hoi-dong.xlsx"]
    )


VI_DU_2026 = "vi-du-xa-bu-gia-map-2026"


def test_the_2026_example_period_runs_under_todays_regime(period, run_cli) -> None:
    """A commune of the two-level government (post-merger names) decides its own Giấy khen in
    2026: NĐ 152/2025 in the Căn cứ, the 2.340.000 base salary, no Mẫu số 07 anywhere."""
    from tests.doctext import normalized_text

    folder = period(VI_DU_2026)
    checked = run_cli("period", "check", folder)
    assert "Số đơn vị: chưa nộp 1, có lỗi 1, hợp lệ 2, trễ hạn 1" in checked.out
    assert "không còn sau ngày" not in checked.out  # no district-level authority left
    fix_broken_unit(folder)
    result = run_cli("period", "build", "--no-pdf", "-q", folder)
    assert result.code == 0, result.out
    office = folder / "ket-qua" / "tong-hop" / "giay-khen-xa" / "van-ban"
    decision = normalized_text(office / "01-quyet-dinh.docx")
    assert "Bù Gia Mập, ngày 10 tháng 12 năm 2026" in decision
    assert "Số: 86/QĐ-UBND" in decision  # the example's decision has its number
    assert "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14/6/2025" in decision
    # 0,15 × 2.340.000 = 351.000 → 360.000 a person; collectives twice 0,15: 702.000 → 710.000.
    assert "mỗi tập thể 710.000 đồng; mỗi cá nhân 360.000 đồng" in decision
    assert "CHỦ TỊCH ¶ Trần Quốc Bảo" in decision
    # The commune's council (the Văn phòng serves it) voted, named by its commune as the units'
    # Tờ trình name theirs; its chairman chaired it.
    council = "Hội đồng Thi đua - Khen thưởng xã Bù Gia Mập"
    assert f"Căn cứ Biên bản họp {council} ngày 29/11/2026;" in decision  # after the last receipt
    minutes = normalized_text(office / "03-bien-ban.docx")
    assert "\nỦY BAN NHÂN DÂN XÃ BÙ GIA MẬP ¶ HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG |" in minutes
    assert "Chủ trì: Đồng chí Trần Quốc Bảo, Chủ tịch Ủy ban nhân dân xã Bù Gia Mập" in minutes
    for docx in (folder / "ket-qua").rglob("*.docx"):
        assert "Mẫu số 07" not in normalized_text(docx), docx
    lint = run_cli("lint", *sorted((folder / "ket-qua").rglob("*.docx")))
    assert lint.code == 0, lint.out


def _decide_example_award(folder: Path, plan_id: str) -> None:
    """Make the example period's office decide the award its units propose, with a signer."""
    from pipeline.authoring.examples import example_spec
    from pipeline.inputs.plans import get_plan

    award = example_spec(get_plan(plan_id))["award"]
    config = folder / "dot-xet.toml"
    text = config.read_text(encoding="utf-8")
    for old, new in (
        ("decides = []", f'decides = ["{award}"]'),
        ('# signer_title = "Chủ tịch"', 'signer_title = "Chủ tịch"'),
        ('# signer_name = ""', 'signer_name = "Nguyễn Văn Ký"'),
    ):
        text = text.replace(old, new)
    config.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("plan_id", [*PLANS, VI_DU_2026])
def test_decision_list_and_certificates_name_exactly_the_units_nominees(
    plan_id: str, period, run_cli
) -> None:
    from pypdf import PdfReader

    folder = period(plan_id)
    _decide_example_award(folder, plan_id)
    fix_broken_unit(folder)
    assert run_cli("period", "build", "--no-pdf", "-q", folder).code == 0
    assert run_cli("period", "certificates", folder).code == 0
    out = folder / "ket-qua"
    (office,) = [p for p in (out / "tong-hop").iterdir() if p.is_dir() and p.name != "phoi"]
    decision_list = office / "van-ban" / "02-danh-sach.docx"
    units = sorted(p for p in (out / "don-vi").iterdir() if p.is_dir())
    names = []
    for header in ("Tên tập thể", "Họ và tên"):
        theirs = [r[1] for u in units for r in _rows(u / "van-ban" / "02-danh-sach.docx", header)]
        ours = [r[1] for r in _rows(decision_list, header)]
        assert ours == theirs  # same people, same spelling, same order, same count
        names += ours
    (certificates,) = (out / "tong-hop" / "phoi" / office.name).glob("*-khen.pdf")
    pages = [" ".join(page.extract_text().split()) for page in PdfReader(certificates).pages]
    assert len(pages) == len(names)
    for name, page in zip(names, pages, strict=True):
        assert name in page, (name, page)


def test_an_unreadable_stray_file_is_named_and_the_rest_is_checked(period, run_cli) -> None:
    folder = period()
    stray = folder / "don-vi" / "hong.xlsx"
    stray.write_text("không phải tệp Excel", encoding="utf-8")
    result = run_cli("period", "check", folder)
    assert result.code == 1
    assert f"✗ {stray}: " in result.out
    assert f"{stray}: (chưa ghi Cơ quan trình khen) không có trong danh sách đơn vị" in result.out
    assert f"{stray}: nộp ngày" not in result.out
    assert "Số đơn vị: chưa nộp 1, có lỗi 2, hợp lệ 2, trễ hạn 1" in result.out
    assert "Traceback" not in result.out + result.err


def test_a_file_named_after_a_unit_is_that_units_whatever_its_cell_says(period, run_cli) -> None:
    """As the web app files submissions: by the unit's name in ASCII (two units whose names
    differ only in tone get two files); a workbook naming another unit there is said at B6."""
    import re

    from pipeline.period.config import load_period
    from pipeline.period.units import default_file

    folder = period()
    config = folder / "dot-xet.toml"
    config.write_text(re.sub(r"(?m)^file = .*\n", "", config.read_text(encoding="utf-8")))
    names = [u.name for u in load_period(folder).config.units]
    first, second = units(folder)[:2]  # the first two units' workbooks, each naming its unit
    second.rename(folder / "don-vi" / default_file(names[1], names))
    first.rename(folder / "don-vi" / default_file(names[2], names))  # the third unit's file
    result = run_cli("period", "check", folder, "--json")
    rows = {row["name"]: row for row in json.loads(result.out)["units"]}
    assert rows[names[0]]["status"] == "chua-nop"
    assert rows[names[1]]["status"] != "chua-nop"
    assert rows[names[2]]["file"].endswith(default_file(names[2], names))
    text = run_cli("period", "check", folder).out
    assert (
        f"Thông tin chung!B6: tên tệp này là tên đặt cho tệp của “{names[2]}” (dot-xet.toml › "
        f"đơn vị thứ 3 trong [[units]] (“{names[2]}”), như ứng dụng web lưu), nhưng ô Cơ quan "
        f"trình khen ghi “{names[0]}”. Văn bản của hồ sơ dùng tên trong ô (“{names[0]}”); tên "
        f"trong dot-xet.toml chỉ dùng để nhận ra tệp của đơn vị. “{names[0]}” là một đơn vị khác "
        f"của đợt (dot-xet.toml › đơn vị thứ 1 trong [[units]] (“{names[0]}”)): có lẽ tệp này là "
        "của đơn vị đó; nếu vậy, hãy đổi tên tệp cho đúng đơn vị."
    ) in text
    pair = ["Ủy ban nhân dân xã Tân Hòa", "Ủy ban nhân dân xã Tân Hóa"]
    assert default_file(pair[0], pair) != default_file(pair[1], pair)
    assert default_file(pair[0], [pair[0]]) == "uy-ban-nhan-dan-xa-tan-hoa.xlsx"


def test_what_lies_in_don_vi_besides_workbooks_is_said_or_left_alone(period, run_cli) -> None:
    """Hidden files and a Mac's "._" files are not units; a broken link is that file's problem
    (the rest is checked); documents and a subfolder holding a workbook are named, unchecked."""
    folder = period()
    units_dir = folder / "don-vi"
    first = units(folder)[0]
    (units_dir / ".an.xlsx").write_bytes(first.read_bytes())
    (units_dir / "._04-don-vi.xlsx").write_bytes(b"\x00\x05\x16\x07")
    (units_dir / "hong.xlsx").symlink_to(folder / "khong-co.xlsx")
    (units_dir / "ho-so.pdf").write_bytes(b"%PDF-1.4\n")
    (units_dir / "thu-muc").mkdir()
    shutil.copy(first, units_dir / "thu-muc" / "don-vi-e.xlsx")
    result = run_cli("period", "check", folder)
    assert "Traceback" not in result.err and "Lỗi:" not in result.err
    assert f"✗ {units_dir / 'hong.xlsx'}: không tìm thấy tệp." in result.out
    assert ".an" not in result.out and "._04" not in result.out
    assert f"{units_dir / 'ho-so.pdf'}: văn bản Word/PDF không được kiểm tra" in result.out
    assert (
        f"{units_dir / 'thu-muc'}: thư mục này có tệp Excel nhưng hoso chỉ đọc tệp đặt thẳng "
        "trong don-vi/"
    ) in result.out
    assert "hợp lệ" in result.out  # the units' own workbooks still checked


def test_a_period_without_its_don_vi_folder_says_so(period, run_cli) -> None:
    folder = period()
    shutil.rmtree(folder / "don-vi")
    result = run_cli("period", "check", folder)
    assert f"{folder / 'don-vi'}: chưa có thư mục này: tạo thư mục rồi đặt tệp Excel" in result.out


def test_a_received_date_still_to_come_is_said(period, run_cli) -> None:
    import datetime as dt

    folder = period()
    config = folder / "dot-xet.toml"
    text = config.read_text(encoding="utf-8")
    first = text.index("received = ")
    line = text[first : text.index("\n", first)]
    coming = dt.date.today() + dt.timedelta(days=400)
    config.write_text(text.replace(line, f"received = {coming:%Y-%m-%d}", 1), encoding="utf-8")
    result = run_cli("period", "check", folder)
    assert f"ngày nhận hồ sơ (received = {coming:%Y-%m-%d}) chưa tới" in result.out
