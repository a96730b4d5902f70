"""Certificates on pre-printed stock: fields read back from the PDF land in their calibrated boxes."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from pipeline.inputs.certificates import (
    FIELD_LABELS,
    Calibration,
    Offset,
    builtin_calibration,
    load_calibration,
)
from pipeline.pdf.certificates import layout, measure, register_fonts
from tests.conftest import cell_of, decide_here, edit

MK = "muong-khuong-cds-2022-2025"
PT = 25.4 / 72  # mm per point


def drawn(pdf: Path, page: int) -> list[tuple[str, float, float, float]]:
    """Each text drawn on a page: its text, x and baseline (mm from the top-left) and size."""
    reader = PdfReader(pdf)
    height = float(reader.pages[page].mediabox.height)
    out: list[tuple[str, float, float, float]] = []

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip():
            out.append((text.strip(), tm[4] * PT, (height - tm[5]) * PT, font_size))

    reader.pages[page].extract_text(visitor_text=visit)
    return out


def placed(lines, calibration: Calibration, key: str):
    """The lines of the page that lie in a field's box (by their baseline)."""
    box = calibration.fields[key]
    return [ln for ln in lines if box.y <= ln[2] <= box.y + box.height + 0.01]


@pytest.fixture
def certificates(period, run_cli) -> tuple[Path, Path]:
    """The example Mường Khương period, decided here, with its certificates printed."""
    folder = period(MK)
    decide_here(folder)
    fix = sorted((folder / "don-vi").glob("*.xlsx"))[2]
    with edit(fix) as wb:
        wb["Cá nhân"][cell_of(wb["Cá nhân"], "Ngày sinh", 3)] = "28/02/1985"
    result = run_cli("period", "certificates", folder)
    assert result.code == 0, result.out + result.err
    # Printed from the example's fictional people: said where the office looks.
    assert "⚠ ĐỢT XÉT CÒN DỮ LIỆU VÍ DỤ (HƯ CẤU) trong tệp của 4 đơn vị (" in result.err
    assert "KHÔNG in, ký hay gửi văn bản nào của đợt" in result.err
    return folder, folder / "ket-qua" / "tong-hop" / "phoi" / "giay-khen-huyen"


def test_no_certificate_is_printed_before_the_office_council_has_voted(period, run_cli) -> None:
    folder = period("vi-du-xa-bu-gia-map-2026")  # decides its Giấy khen, after its council
    assert run_cli("period", "certificates", "-o", folder / "thu", folder).code == 0
    (folder / "hoi-dong.xlsx").unlink()
    result = run_cli("period", "certificates", folder)
    assert result.code == 1
    assert (
        f"{folder / 'hoi-dong.xlsx'}: Chưa có tệp Hội đồng: văn bản tổng hợp tạo lúc này chưa có "
        "Biên bản. Phôi chỉ in sau khi Hội đồng của cơ quan đã biểu quyết"
    ) in result.err
    assert not (folder / "ket-qua").exists()  # nothing printed


def test_every_field_lands_in_its_calibrated_box(certificates) -> None:
    _folder, out = certificates
    calibration = builtin_calibration("giay-khen")
    register_fonts()
    lines = drawn(out / "giay-khen.pdf", 4)  # the first individual (collectives come first)
    texts = " ".join(t for t, *_ in lines)
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN MƯỜNG KHƯƠNG" in texts
    assert "Quyết định số 125/QĐ-UBND ngày 20/12/2023" in texts
    assert "Mường Khương, ngày 20 tháng 12 năm 2023" in texts and "Lý Văn Tâm" in texts
    for key, box in calibration.fields.items():
        mine = placed(lines, calibration, key)
        assert mine, f"nothing drawn in {key}"
        for text, x, _baseline, size in mine:
            width = measure(text, _font(box), size)
            if box.align == "center":
                assert abs(x + width / 2 - (box.x + box.width / 2)) <= 1, (key, text)
            else:
                assert abs(x - box.x) <= 1, (key, text)
            assert box.x - 0.01 <= x and x + width <= box.x + box.width + 0.01, (key, text)


def _font(box) -> str:
    from pipeline.pdf.certificates import font_name

    return font_name(box)


def test_one_page_per_awardee_in_the_order_of_the_list(certificates) -> None:
    _folder, out = certificates
    reader = PdfReader(out / "giay-khen.pdf")
    numbers = [
        line
        for page in reader.pages
        for line in page.extract_text().splitlines()
        if line.startswith("Số sổ vàng")
    ]
    assert numbers == [f"Số sổ vàng: {i}" for i in range(1, len(reader.pages) + 1)]
    assert len(reader.pages) == 4 * 5  # four units, each one collective and four individuals
    assert len(PdfReader(out / "giay-khen-xem-truoc.pdf").pages) == len(reader.pages)


def test_a_hundred_character_name_stays_inside_its_field(period, run_cli) -> None:
    folder = period(MK)
    decide_here(folder)
    long_name = (
        "Hợp tác xã Dịch vụ Nông nghiệp, Thương mại và Du lịch Cộng đồng "
        "Thanh Bình xã Bản Lầu huyện Mường Khương"
    )
    assert len(long_name) >= 100
    first = sorted((folder / "don-vi").glob("*.xlsx"))[0]
    with edit(first) as wb:
        old = wb["Tập thể"]["B2"].value
        wb["Tập thể"]["B2"] = long_name
        ws = wb["Chỉ tiêu"]
        for row in range(2, ws.max_row + 1):
            if ws.cell(row, 1).value == old:
                ws.cell(row, 1).value = long_name
    bad = sorted((folder / "don-vi").glob("*.xlsx"))[2]
    bad.unlink()  # the broken unit is left out: the period has no error
    result = run_cli("period", "certificates", folder)
    assert result.code == 0, result.out + result.err
    pdf = folder / "ket-qua" / "tong-hop" / "phoi" / "giay-khen-huyen" / "giay-khen.pdf"
    calibration = builtin_calibration("giay-khen")
    box = calibration.fields["nguoi_nhan"]
    register_fonts()
    mine = placed(drawn(pdf, 0), calibration, "nguoi_nhan")
    assert " ".join(t for t, *_ in mine) == long_name
    for text, x, baseline, size in mine:
        width = measure(text, _font(box), size)
        assert box.x - 0.01 <= x and x + width <= box.x + box.width + 0.01
        assert box.y <= baseline - size * 0.72 * PT + 0.01 and baseline <= box.y + box.height


def test_test_page_has_a_grid_and_every_field(period, run_cli) -> None:
    folder = period(MK)
    decide_here(folder)  # only an office that decides an award prints on stock
    result = run_cli("period", "certificates", "--test-page", folder)
    assert result.code == 0, result.err
    page = folder / "ket-qua" / "can-chinh-giay-khen.pdf"
    assert f"Trang in thử: {page}" in result.out
    text = PdfReader(page).pages[0].extract_text()
    for key, box in builtin_calibration("giay-khen").fields.items():
        assert f"{FIELD_LABELS[key]} ({box.x:g}; {box.y:g})" in text
    assert "290" in text  # the grid's figures run to the page's width


def test_a_broken_calibration_names_file_and_key(tmp_path: Path) -> None:
    from pipeline.errors import PlanError

    source = builtin_calibration("giay-khen").path.read_text(encoding="utf-8")
    path = tmp_path / "phoi.toml"
    path.write_text(source.replace("size = 15", "size = 1"), encoding="utf-8")
    with pytest.raises(PlanError) as exc:
        load_calibration(path)
    assert "phoi.toml › fields.chuc_danh.size: phải lớn hơn 3" in str(exc.value)
    path.write_text(source.replace("x = 25\n", "x = 290\n", 1), encoding="utf-8")
    with pytest.raises(PlanError) as exc:
        load_calibration(path)
    assert "phoi.toml › fields.chuc_danh: khung vượt ra ngoài trang" in str(exc.value)
    # A colour by its name, an alignment in Vietnamese: said in Vietnamese, with what to write.
    path.write_text(source.replace('color = "#C00000"', 'color = "đỏ"', 1), encoding="utf-8")
    with pytest.raises(PlanError) as exc:
        load_calibration(path)
    assert "fields.chuc_danh.color: “đỏ” không phải mã màu: ghi # và 6 chữ số hệ 16" in str(
        exc.value
    )
    path.write_text(source.replace('align = "left"', 'align = "trai"', 1), encoding="utf-8")
    with pytest.raises(PlanError) as exc:
        load_calibration(path)
    assert "giá trị “trai” không hợp lệ; chỉ nhận 'center', 'left' hoặc 'right'" in str(exc.value)
    # A British spelling and a word for a yes: the file, the key and what it takes, together.
    styled = source.replace("size = 22\nbold = true", 'size = 22\nbold = "yes"\nalign = "centre"')
    path.write_text(styled, encoding="utf-8")
    with pytest.raises(PlanError) as exc:
        load_calibration(path)
    assert str(exc.value).splitlines()[1:] == [
        "  phoi.toml › fields.nguoi_nhan.bold: phải là true hoặc false",
        "  phoi.toml › fields.nguoi_nhan.align: giá trị “centre” không hợp lệ; chỉ nhận 'center', "
        "'left' hoặc 'right'",
    ]
    assert str(path) in str(exc.value).splitlines()[0]
    path.write_text(source.replace("size = 15", 'size = "15"', 1), encoding="utf-8")
    with pytest.raises(PlanError) as exc:
        load_calibration(path)
    assert "fields.chuc_danh.size: phải là số" in str(exc.value)


def test_the_period_s_own_calibration_moves_the_printed_fields(certificates, run_cli) -> None:
    folder, out = certificates
    result = run_cli("period", "certificates", "--test-page", folder)
    own = folder / "can-chinh-phoi" / "giay-khen.toml"
    assert f"Tệp căn chỉnh (sửa rồi in thử lại): {own}" in result.out
    shipped = builtin_calibration("giay-khen")
    assert own.read_text(encoding="utf-8") == shipped.path.read_text(encoding="utf-8")
    text = own.read_text(encoding="utf-8")
    own.write_text(text.replace("offset = { x = 0, y = 0 }", "offset = { x = 4, y = -3 }"), "utf-8")
    assert run_cli("period", "certificates", folder).code == 0
    register_fonts()
    lines = drawn(out / "giay-khen.pdf", 4)
    box = shipped.fields["quyet_dinh"]  # left-aligned: its x is the box's, moved by the offset
    (start,) = [x for text, x, *_ in lines if text.startswith("Quyết định số")]
    assert abs(start - (box.x + 4)) <= 0.1
    (baseline,) = [b for text, _x, b, _s in lines if text.startswith("Quyết định số")]
    assert box.y - 3 <= baseline <= box.y + box.height - 3
    # A second test page prints the moved boxes and leaves the office's file alone.
    run_cli("period", "certificates", "--test-page", folder)
    page = PdfReader(folder / "ket-qua" / "can-chinh-giay-khen.pdf").pages[0].extract_text()
    assert f"{FIELD_LABELS['quyet_dinh']} ({box.x + 4:g}; {box.y - 3:g})" in page
    assert "x = 4, y = -3" in own.read_text(encoding="utf-8")
    # A period deciding only its Giấy khen gets no Bằng khen test page or calibration file.
    assert not (folder / "ket-qua" / "can-chinh-bang-khen.pdf").exists()
    assert not (folder / "can-chinh-phoi" / "bang-khen.toml").exists()


def test_a_broken_calibration_of_the_period_is_named_before_anything_is_built(
    period, run_cli
) -> None:
    folder = period(MK)
    own = folder / "can-chinh-phoi" / "giay-khen.toml"
    own.parent.mkdir()
    source = builtin_calibration("giay-khen").path.read_text(encoding="utf-8")
    own.write_text(source.replace("width = 247", "width = 2470", 1), encoding="utf-8")
    result = run_cli("period", "build", "--no-pdf", folder)
    assert result.code != 0 and not (folder / "ket-qua").exists()
    assert "giay-khen.toml › fields.chuc_danh: khung vượt ra ngoài trang" in result.err
    own.rename(own.with_name("giay khen.toml"))
    result = run_cli("period", "check", folder)
    assert result.code != 0
    assert "giay khen.toml: tệp căn chỉnh phôi phải tên là giay-khen.toml hoặc bang-khen.toml" in (
        result.err
    )


def test_a_bang_khen_calibration_never_prints_giay_khen_stock(period, run_cli) -> None:
    folder = period(MK)
    decide_here(folder)  # its Giấy khen (A4) only
    a3 = builtin_calibration("bang-khen").path
    result = run_cli("period", "certificates", "--calibration", a3, folder)
    assert result.code != 0 and not (folder / "ket-qua").exists()
    assert f"{a3} › name: tệp này căn chỉnh phôi “Bằng khen”, không dùng để in Giấy khen." in (
        result.err
    )
    own = folder / "can-chinh-phoi" / "giay-khen.toml"
    own.parent.mkdir()
    own.write_bytes(a3.read_bytes())  # copied over the Giấy khen file by mistake
    result = run_cli("period", "check", folder)
    assert result.code != 0
    assert "giay-khen.toml › name: tệp này căn chỉnh phôi “Bằng khen”" in result.err
    assert "Tệp giay-khen.toml phải là căn chỉnh phôi Giấy khen." in result.err


def test_a_decision_without_its_number_is_named_before_certificates_print_blanks(
    period, run_cli
) -> None:
    folder = period(MK)
    decide_here(folder)
    config = folder / "dot-xet.toml"
    config.write_text(
        config.read_text(encoding="utf-8").replace('number = "125/QĐ-UBND"', 'number = ""'),
        encoding="utf-8",
    )
    check = run_cli("period", "check", folder)
    said = f"{config}: [decision]: Quyết định khen thưởng chưa có số. "
    assert said in check.out
    # The period's own certificate (it decides a Giấy khen), not both kinds of stock.
    line = next(x for x in check.out.splitlines() if said in x)
    assert "nhưng Giấy khen và sổ theo dõi khen thưởng cần số, ngày đó" in line
    assert "Bằng khen" not in line
    printed = run_cli("period", "certificates", folder)
    assert said in printed.err and "Đã ghi" in printed.out
    # With its number and date, nothing is said.
    numbered = config.read_text(encoding="utf-8").replace('number = ""', 'number = "125/QĐ-UBND"')
    config.write_text(numbered, encoding="utf-8")
    assert "[decision]" not in run_cli("period", "check", folder).out


def test_printing_waits_for_a_period_build_writing_the_results(period, tmp_path: Path) -> None:
    # One writer per results folder: certificates are not written into tong-hop/ while a
    # period build (here: its lock, held) may be replacing it; the wait is said.
    import subprocess
    import sys

    from pipeline.build.output import OutputLock
    from tests.workers import REPO, until

    # Said whether or not the lock's holder (this test's process) is named.
    waits = "đang chờ lần đó xong (Ctrl+C để thôi chờ)"

    folder = period("vi-du-xa-bu-gia-map-2026")
    out = folder / "ket-qua"
    log = tmp_path / "certificates.log"
    with OutputLock(out, wait=0), log.open("wb") as said:
        proc = subprocess.Popen(
            [sys.executable, "-m", "pipeline.cli", "period", "certificates", str(folder)],
            stdout=said, stderr=subprocess.STDOUT, cwd=REPO,
        )  # fmt: skip
        until(lambda: waits in log.read_text(encoding="utf-8") or proc.poll() is not None, 120)
        assert proc.poll() is None, log.read_text(encoding="utf-8")
        assert not (out / "tong-hop" / "phoi").exists()  # nothing written while it waits
    assert proc.wait(timeout=300) == 0, log.read_text(encoding="utf-8")
    assert list((out / "tong-hop" / "phoi").rglob("*.pdf"))


def test_a_two_line_signer_title_keeps_the_largest_size_that_fits_its_box() -> None:
    """A deputy's "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH" is two lines: they shrink only as far as the
    box's height needs, never straight to the smallest size."""
    register_fonts()
    for kind in ("bang-khen", "giay-khen"):
        calibration = builtin_calibration(kind)
        box = calibration.fields["chuc_vu_ky"]
        [title] = [
            p
            for p in layout(calibration, {"chuc_vu_ky": "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"})
            if p.field == "chuc_vu_ky"
        ]
        assert [line.text for line in title.lines] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
        pitch = title.size * 1.2 * PT
        assert 2 * pitch <= box.height + 0.01, kind  # inside its box
        assert 2 * (title.size + 0.5) * 1.2 * PT > box.height or title.size == box.size, kind
        assert title.size >= 12, (kind, title.size)  # readable on a certificate


def test_a_field_aligned_left_right_or_centre_starts_at_its_edge_or_middle() -> None:
    register_fonts()
    calibration = builtin_calibration("giay-khen")
    box = calibration.fields["nguoi_nhan"]
    starts = {}
    for align in ("left", "center", "right"):
        fields = calibration.fields | {"nguoi_nhan": replace(box, align=align)}
        moved = replace(calibration, fields=fields, offset=Offset(x=2, y=0))
        [name] = [
            p for p in layout(moved, {"nguoi_nhan": "Ông Lý Văn Tâm"}) if p.field == "nguoi_nhan"
        ]
        [line] = name.lines
        starts[align] = (line.x, line.x + measure(line.text, name.font, name.size))
    assert abs(starts["left"][0] - (box.x + 2)) < 0.01
    assert abs(starts["right"][1] - (box.x + box.width + 2)) < 0.01
    middle = sum(starts["center"]) / 2
    assert abs(middle - (box.x + box.width / 2 + 2)) < 0.01
