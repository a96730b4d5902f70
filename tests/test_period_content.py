"""What the office's own documents say: headers, dates, signers, Nơi nhận, Căn cứ, statistics."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest
from docx import Document

from tests.conftest import cell_of, edit
from tests.doctext import clean, normalized_text
from tests.test_period import fix_broken_unit

BGM = "bu-gia-map-cds-2022-2025"
BMT = "buon-ma-thuot-cds-2023-2025"
VI_DU = "vi-du-xa-bu-gia-map-2026"


def set_keys(folder: Path, section: str, **values: str) -> None:
    """Set keys of one [section] of dot-xet.toml (a key already there is replaced)."""
    config = folder / "dot-xet.toml"
    lines = config.read_text(encoding="utf-8").splitlines()
    start = lines.index(next(line for line in lines if line.startswith(f"[{section}]")))
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("[")), len(lines))
    body = [
        line
        for line in lines[start + 1 : end]
        if line.split("=")[0].strip().lstrip("# ") not in values
    ]
    new = [f"{key} = {value}" for key, value in values.items()]
    lines[start + 1 : end] = [*new, *body]
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")


def header_lines(docx: Path) -> list[str]:
    """The paragraphs of the header block's left cell (parent body, issuing body), as printed."""
    cell = Document(str(docx)).tables[0].rows[0].cells[0]
    return [clean(p.text) for p in cell.paragraphs]


def office_docs(folder: Path) -> Path:
    """The van-ban/ folder of the only award the office made documents for."""
    (award,) = [p for p in (folder / "ket-qua" / "tong-hop").iterdir() if (p / "van-ban").is_dir()]
    return award / "van-ban"


def build(run_cli, folder: Path) -> str:
    """`hoso period build` without PDFs; its output, having succeeded."""
    result = run_cli("period", "build", "--no-pdf", "-q", folder)
    assert result.code == 0, result.out + result.err
    return result.out


def test_an_empty_parent_body_prints_no_line_above_the_issuing_body(period, run_cli) -> None:
    folder = period(VI_DU)  # its decision: `parent_body = ""`
    fix_broken_unit(folder)
    build(run_cli, folder)
    docs = office_docs(folder)
    for name in ("01-quyet-dinh.docx", "02-danh-sach.docx", "03-bien-ban.docx"):
        assert header_lines(docs / name)[0] == "ỦY BAN NHÂN DÂN XÃ BÙ GIA MẬP", name


def test_an_office_without_a_parent_body_heads_its_to_trinh_with_itself(period, run_cli) -> None:
    folder = period(BGM)
    set_keys(folder, "office", parent_body='""')
    fix_broken_unit(folder)
    build(run_cli, folder)
    docs = office_docs(folder)
    for name in ("01-to-trinh.docx", "02-danh-sach.docx"):
        assert header_lines(docs / name)[:2] == ["ỦY BAN NHÂN DÂN HUYỆN BÙ GIA MẬP", ""], name


def check(run_cli, folder: Path) -> str:
    """`hoso period check`'s output."""
    return run_cli("period", "check", folder).out


UBND_OFFICES = (BGM, BMT, "bac-kan-cds-2022-2025")  # examples whose office is a Ủy ban nhân dân


@pytest.mark.parametrize("plan_id", UBND_OFFICES)
def test_an_example_ubnd_heads_its_papers_itself_and_its_signer_chairs_as_such(
    plan_id: str, period, run_cli
) -> None:
    folder = period(plan_id)
    assert "parent_body" not in check(run_cli, folder)  # no warning about a parent body
    fix_broken_unit(folder)
    build(run_cli, folder)
    docs = office_docs(folder)
    proposal = normalized_text(docs / "01-to-trinh.docx")
    office = proposal.split("\n")[1].split(" | ")[0]  # the header's left cell
    assert office.startswith("ỦY BAN NHÂN DÂN ") and " ¶ " not in office, office
    # Who signs the Tờ trình chairs the council with the title the signature gives them.
    *_, title, name = proposal.rstrip("\n").split("\n")[-1].split(" | ")[-1].split(" ¶ ")
    minutes = normalized_text(docs / "03-bien-ban.docx")
    chair = re.search(rf"Chủ trì: Đồng chí {name}, ([^,]+),", minutes)
    assert chair is not None, minutes[:800]
    assert chair.group(1).upper().startswith(title), (title, chair.group(1))


def test_a_signer_or_place_left_empty_is_said_by_check_before_anything_is_built(
    period, run_cli
) -> None:
    folder = period(BMT)
    fix_broken_unit(folder)
    set_keys(folder, "office", signer_title='""', signer_name='""', place='""')
    said = check(run_cli, folder)
    config = folder / "dot-xet.toml"
    assert f"{config} › office.signer_title: chưa ghi chức vụ người ký" in said
    assert f"{config} › office.signer_name: chưa ghi họ tên người ký" in said
    assert f"{config} › office.place: chưa ghi địa danh" in said
    assert run_cli("period", "check", folder).code == 1
    result = run_cli("period", "build", "--no-pdf", "-q", folder)
    assert result.code == 1
    assert not (folder / "ket-qua" / "tong-hop" / "bang-khen-tinh").exists()


def test_a_chairman_signing_for_a_ubnd_without_tm_and_a_ubnds_parent_body_are_warned(
    period, run_cli
) -> None:
    folder = period(BMT)
    set_keys(
        folder,
        "office",
        authority='""',
        signer_title='"Chủ tịch"',
        parent_body='"Ủy ban nhân dân tỉnh Đắk Lắk"',
    )
    said = check(run_cli, folder)
    config = folder / "dot-xet.toml"
    assert (
        f"{config} › office.authority: Tờ trình của Ủy ban nhân dân thành phố Buôn Ma Thuột do "
        'Chủ tịch ký thay mặt Ủy ban nhân dân: ghi authority = "TM."' in said
    )
    assert (
        f"{config} › office.parent_body: văn bản do Ủy ban nhân dân ban hành không ghi cơ quan "
        "chủ quản (Nghị định 30/2020/NĐ-CP), nhưng “ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK” sẽ được in "
        "trên “ỦY BAN NHÂN DÂN THÀNH PHỐ BUÔN MA THUỘT”"
    ) in said


def test_a_deputy_of_a_ubnd_office_signing_kt_signs_for_the_ubnd_too(period, run_cli) -> None:
    folder = period(BMT)
    fix_broken_unit(folder)
    set_keys(folder, "office", authority='"KT."', signer_title='"Phó Chủ tịch"')
    said = check(run_cli, folder)
    config = folder / "dot-xet.toml"
    assert (
        f"{config} › office.authority: Ủy ban nhân dân thành phố Buôn Ma Thuột làm việc theo chế "
        "độ tập thể"
    ) in said
    assert "nên chữ ký in “TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH”" in said
    build(run_cli, folder)
    proposal = normalized_text(office_docs(folder) / "01-to-trinh.docx")
    assert "TM. ỦY BAN NHÂN DÂN ¶ KT. CHỦ TỊCH ¶ PHÓ CHỦ TỊCH ¶" in proposal


def test_an_office_date_before_the_last_receipt_is_an_error_never_moved(period, run_cli) -> None:
    folder = period(BMT)
    fix_broken_unit(folder)
    set_keys(folder, "office", date="2024-08-27")  # the council met 29/08, the last receipt 28/08
    said = check(run_cli, folder)
    config = folder / "dot-xet.toml"
    assert (
        f"{config} › office.date: ngày Tờ trình tổng hợp (27/08/2024) trước ngày nhận hồ sơ cuối "
        "cùng của các đơn vị (28/08/2024, theo khóa received của [[units]])"
    ) in said
    assert run_cli("period", "build", "--no-pdf", "-q", folder).code == 1
    assert not (folder / "ket-qua" / "tong-hop" / "bang-khen-tinh").exists()
    set_keys(folder, "office", date="2024-08-30")  # after the council: built
    build(run_cli, folder)
    proposal = normalized_text(office_docs(folder) / "01-to-trinh.docx")
    assert "Buôn Ma Thuột, ngày tháng năm 2024" in proposal  # its văn thư dates it when issuing


def test_the_decisions_noi_nhan_is_the_period_files_distribution(period, run_cli) -> None:
    folder = period(VI_DU)
    fix_broken_unit(folder)
    build(run_cli, folder)
    decision = normalized_text(office_docs(folder) / "01-quyet-dinh.docx")
    assert "Nơi nhận: ¶ - Như Điều 3; ¶ - Lưu: VT, VP. |" in decision  # the example's
    recipients = '["Như Điều 3", "Thường trực Đảng ủy xã", "Lưu: VT, VP, KT"]'
    set_keys(folder, "decision", distribution=recipients)
    build(run_cli, folder)
    decision = normalized_text(office_docs(folder) / "01-quyet-dinh.docx")
    assert (
        "Nơi nhận: ¶ - Như Điều 3; ¶ - Thường trực Đảng ủy xã; ¶ - Lưu: VT, VP, KT. |" in decision
    )
    set_keys(folder, "decision", distribution='["Như Điều 3", " ", "Lưu: VT"]')
    said = run_cli("period", "check", folder)
    assert said.code == 1
    assert (
        "dot-xet.toml › decision.distribution, mục thứ 2: dòng Nơi nhận trống; hãy xóa dòng này hoặc "
        "ghi nơi nhận"
    ) in said.err


def test_a_chairmans_decision_cites_the_local_government_law_first(
    period, run_cli, tmp_path: Path
) -> None:
    folder = period(VI_DU)  # decided by the Chủ tịch UBND xã in 2026
    fix_broken_unit(folder)
    build(run_cli, folder)
    decision = normalized_text(office_docs(folder) / "01-quyet-dinh.docx")
    law = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16/6/2025;"
    assert law in decision
    assert decision.index(law) < decision.index("Căn cứ Luật Thi đua, khen thưởng ngày 15/6/2022;")
    # Its prize money (Điều 2) rests on the base salary in force in 2026, and cites its decree.
    assert (
        "Căn cứ Nghị định số 73/2024/NĐ-CP ngày 30/6/2024 của Chính phủ quy định mức lương cơ sở "
        "và chế độ tiền thưởng đối với cán bộ, công chức, viên chức và lực lượng vũ trang;"
    ) in decision
    # An office's own legal file replaces the table (here: a Sở's founding act, for UBNDs too).
    own = tmp_path / "can-cu.toml"
    own.write_text(
        '[[authority_bases]]\nissuers = ["Ủy ban nhân dân"]\nstart = 2025-07-01\n'
        'bases = ["Quyết định thành lập số 1/QĐ-UBND ngày 01/7/2025"]\nsource = "thử"\n',
        encoding="utf-8",
    )
    config = folder / "dot-xet.toml"
    config.write_text(f'legal = "{own}"\n' + config.read_text(encoding="utf-8"), encoding="utf-8")
    build(run_cli, folder)
    decision = normalized_text(office_docs(folder) / "01-quyet-dinh.docx")
    assert "Căn cứ Quyết định thành lập số 1/QĐ-UBND ngày 01/7/2025;" in decision
    assert law not in decision


def reject_at_the_office_council(folder: Path, row: int = 3) -> str:
    """Give one row of hoi-dong.xlsx's votes too few votes; the name it rejects."""
    with edit(folder / "hoi-dong.xlsx") as wb:
        ws = wb["Biểu quyết"]
        ws[cell_of(ws, "Số phiếu đồng ý", row)] = 1
        return str(ws[cell_of(ws, "Tên tập thể / Họ và tên", row)].value)


def sheet(path: Path, title: str) -> list[dict[str, object]]:
    """A statistics sheet's rows, by header; a percentage as what the reader sees ("80,0%")."""
    ws = openpyxl.load_workbook(path)[title]
    headers = [c.value for c in ws[1]]
    rows = []
    for row in ws.iter_rows(min_row=2):
        rows.append({h: _shown(c) for h, c in zip(headers, row, strict=True)})
    return rows


def _shown(cell) -> object:
    if cell.number_format.endswith("0.0%") and isinstance(cell.value, float):
        return f"{cell.value * 100:.1f}%".replace(".", ",")
    return cell.value


def test_statistics_count_what_the_office_proposes_after_its_council(period, run_cli) -> None:
    folder = period(BGM)
    fix_broken_unit(folder)
    rejected = reject_at_the_office_council(folder)
    build(run_cli, folder)
    docs = office_docs(folder)
    proposal = normalized_text(docs / "01-to-trinh.docx")
    found = re.search(r"2\. Cá nhân: (\d+) \(", proposal)
    assert found is not None and rejected not in proposal
    people = int(found.group(1))
    stats = folder / "ket-qua" / "tong-hop" / "thong-ke.xlsx"
    (by_award,) = sheet(stats, "Theo hình thức")
    (total,) = sheet(stats, "Tổng hợp")
    by_unit = sheet(stats, "Theo đơn vị")
    assert by_award["Cá nhân"] == total["Cá nhân"] == people
    assert sum(int(r["Cá nhân"]) for r in by_unit) == people  # type: ignore[call-overload]
    assert sum(int(r["Không đạt tại Hội đồng cơ quan"]) for r in by_unit) == 1  # type: ignore[call-overload]
    (forms,) = [r for r in sheet(stats, "TT 02-2023 (chưa xác nhận)") if r["Biểu"] == "0603.N"]
    assert forms["Cá nhân"] == people
    (office,) = sheet(stats, "Hội đồng cơ quan")
    assert office["Số đạt"] == office["Số được xét"] - 1  # type: ignore[operator]
    assert (
        total["Tỷ lệ đạt tại Hội đồng đơn vị"] == "80,0%"
    )  # the units' councils: a number shown as a percentage


def test_statistics_without_councils_leave_their_columns_and_chart_out(period, run_cli) -> None:
    import io

    from pypdf import PdfReader

    from pipeline.period.check import check_period
    from pipeline.period.config import load_period
    from pipeline.period.statistics import chart, unit_counts

    folder = period("muong-khuong-cds-2022-2025")  # its units have no council (no Biên bản)
    fix_broken_unit(folder)
    build(run_cli, folder)
    stats = folder / "ket-qua" / "tong-hop" / "thong-ke.xlsx"
    for title in ("Theo đơn vị", "Tổng hợp"):
        headers = [c.value for c in openpyxl.load_workbook(stats)[title][1]]
        assert not any("xét" in h or "đạt" in h for h in headers), headers
    (total,) = sheet(stats, "Tổng hợp")
    assert total["Số đơn vị"] == 4
    counts = unit_counts(check_period(load_period(folder)))
    page = PdfReader(io.BytesIO(chart(counts, "Thử", "pdf"))).pages[0].extract_text()
    assert "Tỷ lệ đạt" not in page and "Đề nghị theo đơn vị" in page
    assert "4 đơn vị: 4 tập thể, 16 cá nhân" in " ".join(page.split())


@pytest.mark.libreoffice
def test_the_chart_names_the_units_it_has_no_figures_for(period, run_cli) -> None:
    """A head of office looks at the chart: 3 units of 5 must not look like the whole period."""
    folder = period(VI_DU)
    run_cli("period", "build", "-q", folder)  # exit 1: a unit has errors, the others are built
    chart_pdf = folder / "ket-qua" / "tong-hop" / "thong-ke.pdf"
    from pypdf import PdfReader

    page = " ".join(PdfReader(chart_pdf).pages[0].extract_text().split())
    assert "3/5 đơn vị: 3 tập thể, 9 cá nhân" in page
    # The units' names down the axis, the absent ones last; their statuses in the same order.
    assert "Trạm Y tế xã Bù Gia Mập Phòng Kinh tế xã Bù Gia Mập Trường Trung học cơ sở" in page
    assert "1 + 3 1 + 3 1 + 3 có lỗi chưa nộp" in page
