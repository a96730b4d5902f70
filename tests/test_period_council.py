"""The office's own council (hoi-dong.xlsx): its workbook, its check, its Biên bản, its effect."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path

import openpyxl

from tests.conftest import BGM, cell_of, council_votes, edit
from tests.doctext import normalized_text
from tests.test_period import _decide_example_award, _rows, fix_broken_unit, units

COUNCIL = "hoi-dong.xlsx"
VOTES = "Biểu quyết"
OFFICE = ("ket-qua", "tong-hop", "bang-khen-tinh", "van-ban")
NAME, UNIT = "Tên tập thể / Họ và tên", "Đơn vị đề nghị"
# A unit's heading in the office's documents: “2. Ủy ban nhân dân xã … (01 tập thể, 03 cá nhân)”.
HEADING = re.compile(r"(\d+)\. (.+) \(((?:\d{2} (?:tập thể|cá nhân)(?:, )?)+)\)")


def minutes_by_unit(docx: Path) -> list[tuple[str, list[str]]]:
    """The results of an office council's Biên bản: each data row with the unit whose heading
    row it is under (a heading row is one cell across the table)."""
    from tests.doctext import tables

    out, unit = [], ""
    for table in tables(docx):
        if table[0][:2] != ["STT", NAME]:
            continue
        for row in table[1:]:
            if len(row) == 1:
                heading = HEADING.fullmatch(row[0])
                assert heading is not None, row
                unit = heading.group(2)
            else:
                assert unit, f"a row before any unit's heading: {row}"
                out.append((unit, row))
    return out


def unit_headings(docx: Path) -> list[str]:
    """The units' headings of an office document, in order: heading rows of the Biên bản's
    tables, or the consolidated list's heading paragraphs."""
    from tests.doctext import CELL_SEP, lines

    firsts = (line.split(CELL_SEP)[0] for line in lines(docx))  # a heading row has one cell
    return [text for text in firsts if HEADING.fullmatch(text)]


def _vote_rows(folder: Path) -> list[dict[str, object]]:
    """The votes sheet as a person reads it: one dict per row, by header."""
    ws = openpyxl.load_workbook(folder / COUNCIL)[VOTES]
    header = [c.value for c in ws[1]]
    rows = ws.iter_rows(min_row=2, values_only=True)
    return [dict(zip(header, r, strict=False)) for r in rows if any(v is not None for v in r[1:])]


def _set_votes(folder: Path, name: str, votes: int | None) -> str:
    """Type the votes of one nominee; the cell's coordinate."""
    with edit(folder / COUNCIL) as wb:
        ws = wb[VOTES]
        for row in range(2, ws.max_row + 1):
            if ws[cell_of(ws, "Tên tập thể / Họ và tên", row)].value == name:
                ref = cell_of(ws, "Số phiếu đồng ý", row)
                ws[ref] = votes
                return ref
    raise AssertionError(name)


def test_the_example_council_voted_on_every_nominee_of_the_valid_units(period) -> None:
    folder = period()
    rows = _vote_rows(folder)
    names = {r["Tên tập thể / Họ và tên"] for r in rows}
    assert len(rows) == 12  # three valid units, each proposing itself and three of its staff
    assert "Ủy ban nhân dân xã Đức Hạnh" in names
    assert all(isinstance(r["Số phiếu đồng ý"], int) for r in rows)
    assert {r["Hình thức khen thưởng"] for r in rows} == {
        "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh Bình Phước"
    }


def test_the_council_command_adds_new_rows_and_keeps_what_was_typed(period, run_cli) -> None:
    folder = period()
    rows = _vote_rows(folder)
    first = str(rows[0]["Tên tập thể / Họ và tên"])
    _set_votes(folder, first, 5)
    fix_broken_unit(folder)  # the broken unit resends: its four nominees wait for the council
    with edit(folder / COUNCIL) as wb:  # (undo what the helper typed for them)
        ws = wb[VOTES]
        for row in range(14, 18):
            ws[cell_of(ws, "Số phiếu đồng ý", row)] = None
    with edit(folder / COUNCIL) as wb:  # a row the office typed for someone nobody proposes
        ws = wb[VOTES]
        ws.append([None, "Ủy ban nhân dân xã Phú Nghĩa", "Cá nhân", "Người Đã Rút", None,
                   "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh Bình Phước", 6])  # fmt: skip
    result = run_cli("period", "council", folder)
    assert result.code == 0, result.err
    assert f"Đã ghi {folder / COUNCIL}: 16 dòng biểu quyết" in result.out
    assert "giữ nguyên 12 số phiếu đã điền" in result.out
    assert "1 dòng đã điền trước đây không còn trong hồ sơ của đơn vị nào" in result.out
    assert (  # the next commands as they are typed, with the period's folder
        f"rồi “hoso period check {folder}” và “hoso period build {folder}”" in result.out
    )
    after = _vote_rows(folder)
    assert after[0]["Tên tập thể / Họ và tên"] == first and after[0]["Số phiếu đồng ý"] == 5
    assert after[-1]["Tên tập thể / Họ và tên"] == "Người Đã Rút"  # kept, at the end
    assert [r["STT"] for r in after] == list(range(1, 18))
    assert sum(r["Số phiếu đồng ý"] is None for r in after) == 4  # the resent unit's nominees
    check = run_cli("period", "check", folder)
    assert check.code == 1
    assert f"{folder / COUNCIL} › {VOTES}!D18: “Người Đã Rút” (Ủy ban nhân dân xã Phú Nghĩa" in (
        check.out
    )
    missing = [line for line in check.out.splitlines() if "thiếu “Số phiếu đồng ý”" in line]
    assert len(missing) == 4 and all(f"{VOTES}!G1" in line for line in missing)  # rows 14–17


def test_who_falls_short_at_the_office_council_goes_no_further(period, run_cli) -> None:
    folder = period()
    failing = "Ủy ban nhân dân xã Đức Hạnh"
    ref = _set_votes(folder, failing, 3)  # 3 of 7: below the plan's 80 %
    check = run_cli("period", "check", folder)
    assert f"{folder / COUNCIL} › {VOTES}!{ref}: {failing}: 3/7 phiếu (42,9%), dưới mức 80%" in (
        check.out
    )
    assert (
        "Hội đồng của cơ quan (hoi-dong.xlsx): Hội đồng họp ngày 29/11/2023, đã biểu quyết 12"
        in (check.out)
    )
    assert run_cli("period", "build", "--no-pdf", "-q", folder).code == 1  # the broken unit
    office = folder.joinpath(*OFFICE)
    minutes = normalized_text(office / "03-bien-ban.docx")
    assert "Họp Hội đồng Thi đua - Khen thưởng xét đề nghị tặng Bằng khen" in minutes
    unit, row = next(r for r in minutes_by_unit(office / "03-bien-ban.docx") if r[1][1] == failing)
    assert row[-3:] == ["3/7", "42,9%", "Không đạt"] and unit == failing  # it proposed itself
    listed = [r[1] for r in _rows(office / "02-danh-sach.docx", "Tên tập thể")]
    assert failing not in listed and len(listed) == 2
    proposal = normalized_text(office / "01-to-trinh.docx")
    assert "cho 02 (hai) tập thể và 09 (chín) cá nhân" in proposal
    assert "Căn cứ Biên bản họp Hội đồng Thi đua - Khen thưởng huyện Bù Gia Mập" in proposal
    assert "(Có danh sách, Biên bản họp Hội đồng Thi đua - Khen thưởng và hồ sơ đề nghị" in proposal


def test_the_council_of_another_body_is_named_as_dot_xet_says(period, run_cli) -> None:
    folder = period()
    config = folder / "dot-xet.toml"
    text = config.read_text(encoding="utf-8")
    body = "Ủy ban nhân dân tỉnh Bình Phước"  # say the province's council examined them
    config.write_text(text.replace("[office]", f'[office]\ncouncil_body = "{body}"', 1), "utf-8")
    assert run_cli("period", "build", "--no-pdf", "-q", folder).code == 1  # the broken unit
    office = folder.joinpath(*OFFICE)
    council = "Hội đồng Thi đua - Khen thưởng tỉnh Bình Phước"  # a UBND's: by its province
    assert f"Căn cứ Biên bản họp {council} ngày" in normalized_text(office / "01-to-trinh.docx")
    minutes = normalized_text(office / "03-bien-ban.docx")
    assert "\nỦY BAN NHÂN DÂN TỈNH BÌNH PHƯỚC ¶ HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG |" in minutes


def test_a_decision_rests_on_the_council_and_leaves_out_who_fell_short(period, run_cli) -> None:
    from pypdf import PdfReader

    folder = period()
    _decide_example_award(folder, BGM)
    fix_broken_unit(folder)
    failing = str(_vote_rows(folder)[5]["Tên tập thể / Họ và tên"])
    _set_votes(folder, failing, 2)
    run_cli("period", "build", "--no-pdf", "-q", folder)  # the example keeps a unit in error
    assert run_cli("period", "certificates", folder).code == 0
    office = folder / "ket-qua" / "tong-hop" / "bang-khen-tinh"
    decision = normalized_text(office / "van-ban" / "01-quyet-dinh.docx")
    assert "Căn cứ Biên bản họp Hội đồng Thi đua - Khen thưởng" in decision
    assert "cho 04 (bốn) tập thể và 11 (mười một) cá nhân" in decision
    people = [r[1] for r in _rows(office / "van-ban" / "02-danh-sach.docx", "Họ và tên")]
    assert failing not in people and len(people) == 11
    assert [r[0] for r in _rows(office / "van-ban" / "02-danh-sach.docx", "Họ và tên")] == [
        str(i) for i in range(1, 12)
    ]  # numbered without a gap where she was
    assert (office / "van-ban" / "03-bien-ban.docx").is_file()
    (certificates,) = (folder / "ket-qua" / "tong-hop" / "phoi" / office.name).glob("*-khen.pdf")
    pages = [page.extract_text() for page in PdfReader(certificates).pages]
    assert len(pages) == 15 and not any(failing in " ".join(p.split()) for p in pages)


def test_a_missing_row_a_vote_too_many_and_an_early_meeting_are_named(period, run_cli) -> None:
    folder = period()
    rows = _vote_rows(folder)
    gone, over = str(rows[2]["Tên tập thể / Họ và tên"]), str(rows[3]["Tên tập thể / Họ và tên"])
    over_ref = _set_votes(folder, over, 9)
    with edit(folder / COUNCIL) as wb:
        ws = wb[VOTES]
        ws.delete_rows(4)  # the row of `gone`
        wb["Hội đồng"]["B2"] = dt.datetime(2023, 11, 1)
    result = run_cli("period", "check", folder)
    assert result.code == 1
    where = folder / COUNCIL
    assert f"{where} › {VOTES}: chưa có số phiếu của {gone} (" in result.out
    # The terminal's user is told the command; the page's button is for the web's (wording.py).
    assert "cập nhật tệp Hội đồng (“hoso period council”) để thêm dòng" in result.out
    assert "trang đợt xét" not in result.out
    assert f"{where} › {VOTES}!{over_ref.replace('5', '4')}: số phiếu đồng ý (9) lớn hơn" in (
        result.out
    )
    assert f"{where} › Hội đồng!B2: ngày họp Hội đồng (01/11/2023) trước ngày Tờ trình của" in (
        result.out
    )
    built = run_cli("period", "build", "--no-pdf", "-q", folder)
    assert not (folder / "ket-qua" / "tong-hop" / "bang-khen-tinh").exists()
    assert built.code == 1


def test_a_meeting_before_the_plan_was_issued_is_told_to_be_dated_right(period, run_cli) -> None:
    folder = period()
    with edit(folder / COUNCIL) as wb:
        wb["Hội đồng"]["B2"] = dt.datetime(2020, 1, 2)
    said = " ".join(run_cli("period", "check", folder).out.split())
    assert (
        f"{folder / COUNCIL} › Hội đồng!B2: ngày họp Hội đồng (02/01/2020) trước ngày ban hành kế "
        "hoạch ("
    ) in said
    assert re.search(
        r"trước ngày ban hành kế hoạch \(\d\d/\d\d/\d{4}\); hãy ghi đúng ngày họp\.", said
    )


def test_without_the_council_workbook_the_office_is_told_how_to_make_it(period, run_cli) -> None:
    folder = period()
    (folder / COUNCIL).unlink()
    result = run_cli("period", "check", folder)
    assert (
        f"{folder / 'dot-xet.toml'}: kế hoạch yêu cầu Biên bản họp Hội đồng Thi đua" in result.out
    )
    assert f"“hoso period council {folder}”" in result.out
    assert "Hội đồng của cơ quan (hoi-dong.xlsx): Chưa có tệp Hội đồng" in result.out
    assert run_cli("period", "build", "--no-pdf", "-q", folder).code == 1  # the broken unit only
    office = folder.joinpath(*OFFICE)
    assert sorted(p.name for p in office.glob("*.docx")) == [
        "01-to-trinh.docx",
        "02-danh-sach.docx",
    ]
    assert "Căn cứ Biên bản" not in normalized_text(office / "01-to-trinh.docx")


def test_a_plan_without_biên_bản_has_no_council_workbook(period, run_cli) -> None:
    folder = period("muong-khuong-cds-2022-2025")
    assert not (folder / COUNCIL).exists()
    result = run_cli("period", "council", folder)
    assert result.code == 1
    assert "không yêu cầu Biên bản họp Hội đồng" in result.err
    assert "Traceback" not in result.err


def test_an_unreadable_council_workbook_is_named_and_never_overwritten(period, run_cli) -> None:
    folder = period()
    (folder / COUNCIL).write_bytes(b"not a workbook")
    check = run_cli("period", "check", folder)
    assert check.code == 1 and f"{folder / COUNCIL}: " in check.out
    result = run_cli("period", "council", folder)
    assert result.code == 1 and "hoso không ghi đè" in result.err
    assert (folder / COUNCIL).read_bytes() == b"not a workbook"
    assert "Traceback" not in result.err


def test_units_changing_after_the_vote_is_caught(period, run_cli) -> None:
    folder = period()
    with edit(units(folder)[0]) as wb:  # a unit renames a person after the council voted
        ws = wb["Cá nhân"]
        old = ws[cell_of(ws, "Họ và tên", 2)].value
        ws[cell_of(ws, "Họ và tên", 2)] = "Nguyễn Thị Tâm"
    result = run_cli("period", "check", folder)
    assert result.code == 1
    assert "chưa có số phiếu của Nguyễn Thị Tâm" in result.out
    assert f"“{old}” (" in result.out and "không có trong hồ sơ hợp lệ" in result.out
    council_votes(folder)
    assert "chưa có số phiếu" not in run_cli("period", "check", folder).out


def test_the_offices_documents_go_to_libreoffice_one_at_a_time(period, tmp_path: Path) -> None:
    """A period's list and Biên bản may run to hundreds of pages each: converted together, two
    LibreOffice processes would hold both at once (bench/README.md)."""
    from pipeline.build import BuildOptions
    from pipeline.period.build import build_period
    from pipeline.period.config import load_period
    from tests.fakes import FakeConverter

    folder = period()
    fake = FakeConverter()
    options = BuildOptions(out_dir=tmp_path / "ket-qua", combine=False)
    build_period(load_period(folder), options, pool=fake)  # type: ignore[arg-type]
    office = [b for b in fake.batches if any("tong-hop" in j.source.parts for j in b)]
    labels = [j.label for b in office for j in b]
    assert len(labels) == 3 and any("Biên bản Hội đồng" in label for label in labels)
    assert [len(b) for b in office] == [1, 1, 1]  # each in a convert() call of its own
    units = [b for b in fake.batches if b not in office]
    assert any(len(b) > 1 for b in units)  # the units' documents still go together


def test_a_hidden_vote_row_survives_the_council_command(period, run_cli) -> None:
    folder = period()
    hidden = str(_vote_rows(folder)[4]["Tên tập thể / Họ và tên"])
    _set_votes(folder, hidden, 5)
    with edit(folder / COUNCIL) as wb:
        wb[VOTES].row_dimensions[6].hidden = True  # the office hid it in Excel
    assert run_cli("period", "council", folder).code == 0
    row = next(r for r in _vote_rows(folder) if r["Tên tập thể / Họ và tên"] == hidden)
    assert row["Số phiếu đồng ý"] == 5  # nothing the office typed is lost


def test_the_example_council_s_members_are_named_as_examples_until_replaced(
    period, run_cli
) -> None:
    folder = period()
    guide = openpyxl.load_workbook(folder / COUNCIL)["Hướng dẫn"]
    assert str(guide["A2"].value).startswith("TỆP VÍ DỤ: cuộc họp, thành viên và số phiếu")
    members = openpyxl.load_workbook(folder / COUNCIL)["Thành viên HĐ"]
    first = members["B2"].value
    check = run_cli("period", "check", folder)
    warning = f"{folder / COUNCIL} › Thành viên HĐ!B2: 7 thành viên (dòng 2–8: {first}, "
    assert warning in check.out and "là dữ liệu ví dụ (hư cấu) do hoso tạo" in check.out
    # Brought up to date by the council command, it still knows its examples.
    assert run_cli("period", "council", folder).code == 0
    assert warning in run_cli("period", "check", folder).out
    with edit(folder / COUNCIL) as wb:  # the office types its real members over two of them
        wb["Thành viên HĐ"]["B2"] = "Nguyễn Văn Thật"
        wb["Thành viên HĐ"]["B3"] = "Trần Thị Thật"
    out = run_cli("period", "check", folder).out
    assert f"{folder / COUNCIL} › Thành viên HĐ!B4: 5 thành viên (dòng 4–8: " in out
    with edit(folder / COUNCIL) as wb:
        for row in range(4, 9):
            wb["Thành viên HĐ"][f"B{row}"] = f"Thành Viên Thật {'ABCDE'[row - 4]}"
    out = run_cli("period", "check", folder).out
    assert f"{folder / COUNCIL} › Thành viên HĐ" not in out


def test_every_row_of_the_office_minutes_is_under_the_unit_that_proposed_it(
    period, run_cli
) -> None:
    """At the office, nominees come from several units: two people of one name are told apart,
    and a reviewer sees who proposed whom, by the unit heading each group of rows."""
    folder = period()
    fix_broken_unit(folder)  # four units
    namesake = "Hồ Minh Hòa"  # of the first unit; the second proposes someone of the same name
    with edit(units(folder)[1]) as wb:
        ws = wb["Cá nhân"]
        other = ws[cell_of(ws, "Họ và tên", 2)].value
        ws[cell_of(ws, "Họ và tên", 2)] = namesake
        ws[cell_of(ws, "Ngày sinh", 2)] = "05/06/1990"  # another person: not proposed twice
    council_votes(folder)
    failing = str(next(r for r in _vote_rows(folder) if r[UNIT] == r[NAME])[NAME])
    _set_votes(folder, failing, 3)  # below the threshold: still in the Biên bản, under its unit
    run_cli("period", "build", "--no-pdf", "-q", folder)  # the example keeps a unit in error
    office = folder.joinpath(*OFFICE)
    minutes = minutes_by_unit(office / "03-bien-ban.docx")
    voted = [(r[UNIT], r[NAME]) for r in _vote_rows(folder) if r[NAME] != other]
    assert Counter((unit, row[1]) for unit, row in minutes) == Counter(voted)
    assert len(minutes) == 16
    assert [unit for unit, row in minutes if row[1] == namesake] == [
        "Phòng Văn hóa và Thông tin huyện Bù Gia Mập",
        "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện Bù Gia Mập",
    ]
    assert [int(row[0]) for _, row in minutes] == list(range(1, 17))  # numbered through
    assert next(row for _, row in minutes if row[1] == failing)[-1] == "Không đạt"
    # The headings are the consolidated list's, unit by unit in the same order; the Biên bản
    # counts whom the council voted on, the list whom it proposes.
    headings = unit_headings(office / "03-bien-ban.docx")
    listed = unit_headings(office / "02-danh-sach.docx")
    assert [h.split(" (")[0] for h in headings] == [h.split(" (")[0] for h in listed]
    assert [h for h in headings if failing not in h] == [h for h in listed if failing not in h]
    assert f"{failing} (01 tập thể, 03 cá nhân)" in " ".join(headings)
    assert f"{failing} (03 cá nhân)" in " ".join(listed)
    lint = run_cli("lint", office / "03-bien-ban.docx")
    assert lint.code == 0, lint.out


def test_a_unit_none_of_whose_nominees_passed_is_still_in_the_minutes(period, run_cli) -> None:
    folder = period()
    unit = "Ủy ban nhân dân xã Đức Hạnh"
    for row in _vote_rows(folder):
        if row[UNIT] == unit:
            _set_votes(folder, str(row[NAME]), 2)
    assert run_cli("period", "build", "--no-pdf", "-q", folder).code == 1  # the broken unit
    office = folder.joinpath(*OFFICE)
    minutes = minutes_by_unit(office / "03-bien-ban.docx")
    theirs = [row for u, row in minutes if u == unit]
    assert len(theirs) == 4 and {row[-1] for row in theirs} == {"Không đạt"}
    assert unit_headings(office / "03-bien-ban.docx")[-1] == f"3. {unit} (01 tập thể, 03 cá nhân)"
    assert not any(unit in h for h in unit_headings(office / "02-danh-sach.docx"))


def test_a_nominee_typed_twice_with_two_counts_stops_the_rewrite_and_loses_nothing(
    period, run_cli
) -> None:
    folder = period()
    name = str(_vote_rows(folder)[1]["Tên tập thể / Họ và tên"])
    with edit(folder / COUNCIL) as wb:  # the row copied below the table, another count typed
        ws = wb[VOTES]
        source = next(
            r for r in range(2, ws.max_row + 1)
            if ws[cell_of(ws, "Tên tập thể / Họ và tên", r)].value == name
        )  # fmt: skip
        last = ws.max_row + 1
        for col in range(1, ws.max_column + 1):
            ws.cell(last, col).value = ws.cell(source, col).value
        ws[cell_of(ws, "Số phiếu đồng ý", last)] = 2
    before = (folder / COUNCIL).read_bytes()
    done = run_cli("period", "council", folder)
    assert done.code == 1 and "Traceback" not in done.err
    assert (
        f"{folder / COUNCIL} › {VOTES}: dòng {source} và dòng {last} cùng là “{name}” nhưng số "
        "phiếu khác nhau ("
    ) in done.err
    assert (folder / COUNCIL).read_bytes() == before


def test_the_council_meets_after_the_last_dossier_arrived_and_is_told_when_not(
    period, run_cli
) -> None:
    folder = period()
    text = (folder / "dot-xet.toml").read_text(encoding="utf-8")
    last = max(dt.date.fromisoformat(d) for d in re.findall(r"received = (\S+)", text))
    met = openpyxl.load_workbook(folder / COUNCIL)["Hội đồng"]["B2"].value.date()
    assert met > last  # the example's meeting examines only what has arrived
    result = run_cli("period", "check", folder)
    assert "trước ngày nhận hồ sơ cuối cùng" not in result.out
    early = last - dt.timedelta(days=1)
    with edit(folder / COUNCIL) as wb:
        wb["Hội đồng"]["B2"] = dt.datetime.combine(early, dt.time())
    result = run_cli("period", "check", folder)
    assert result.code == 1  # an error, as an office date before the last receipt is
    errors = result.out.split("✗ Cả đợt: 1 lỗi")[1].split("Cảnh báo:")[0]
    assert (
        f"{folder / COUNCIL} › Hội đồng!B2: ngày họp Hội đồng ({early:%d/%m/%Y}) trước ngày nhận "
        f"hồ sơ cuối cùng của các đơn vị ({last:%d/%m/%Y}, theo khóa received trong dot-xet.toml)"
    ) in errors
    # Met the day the last dossier arrived: built, the office's Tờ trình left for its văn thư to
    # number and date (its planned date, not before the meeting, is checked, not printed).
    with edit(folder / COUNCIL) as wb:
        wb["Hội đồng"]["B2"] = dt.datetime.combine(last, dt.time())
    run_cli("period", "build", "--no-pdf", "-q", folder)  # the example keeps a unit in error
    (to_trinh,) = (folder / "ket-qua" / "tong-hop").glob("*/van-ban/01-to-trinh.docx")
    assert f"ngày tháng năm {last.year}" in normalized_text(to_trinh)
    # A file's own date is no receipt date: a unit's workbook copied today, with no `received`
    # recorded, dates nothing of the office's today.
    config = folder / "dot-xet.toml"
    config.write_text(re.sub(r"\nreceived = \S+", "", text), encoding="utf-8")
    with edit(folder / COUNCIL) as wb:
        wb["Hội đồng"]["B2"] = dt.datetime.combine(met, dt.time())
    next(folder.glob("don-vi/*.xlsx")).touch()
    result = run_cli("period", "check", folder)
    assert "trước ngày nhận hồ sơ cuối cùng" not in result.out
    run_cli("period", "build", "--no-pdf", "-q", folder)  # the example keeps a unit in error
    assert f"ngày tháng năm {met.year}" in normalized_text(to_trinh)


def test_a_vote_row_naming_its_unit_abbreviated_still_finds_its_nominee(period, run_cli) -> None:
    """An office typing "UBND xã …" for the units' "Ủy ban nhân dân xã …" (as clerks abbreviate,
    and as the unit's workbook spelt out since) means the same unit."""
    folder = period()
    with edit(folder / COUNCIL) as wb:
        ws = wb[VOTES]
        typed = []
        for row in range(2, ws.max_row + 1):
            ref = cell_of(ws, UNIT, row)
            full = str(ws[ref].value or "")
            if full.startswith("Ủy ban nhân dân "):
                ws[ref] = "UBND " + full.removeprefix("Ủy ban nhân dân ")
                typed.append(ref)
    assert typed
    result = run_cli("period", "check", folder)
    assert "không có trong hồ sơ hợp lệ của đơn vị nào" not in result.out
    assert "chưa có số phiếu của" not in result.out
