"""`hoso period build` when one unit's dossier cannot be made: the other units and the office are
made and swapped in, and the command says which unit failed, that its last folder is kept (made
from which workbook), that the office's documents count it, and ends non-zero."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import cell_of, edit
from tests.doctext import normalized_text
from tests.test_period import units
from tests.workers import files_of

VI_DU = "vi-du-xa-bu-gia-map-2026"
UNIT = "Trạm Y tế xã Bù Gia Mập"


def _block_hand_edits(folder: Path) -> Path:
    """The unit's Tờ trình edited by hand, and a file where hoso keeps hand-edited copies: its
    next build cannot put the edited copy aside, so it fails (a real failure, even for root)."""
    unit = folder / "ket-qua" / "don-vi" / units(folder)[3].stem
    with (unit / "van-ban" / "01-to-trinh.docx").open("ab") as docx:
        docx.write(b"sua tay")
    (unit / "sua-tay").write_text("tệp của người dùng", encoding="utf-8")
    return unit


def _send_again(workbook: Path) -> None:
    """A unit's workbook changed: a line added to its first individual's achievements."""
    with edit(workbook) as wb:
        ws = wb["Cá nhân"]
        cell = ws[cell_of(ws, "Thành tích", 2)]
        cell.value = f"{cell.value}\nHoàn thành tốt nhiệm vụ năm 2026."


def _office_lists(folder: Path) -> str:
    """The text of the office's consolidated lists (every award's), one after the other."""
    lists = sorted((folder / "ket-qua" / "tong-hop").glob("*/van-ban/02-danh-sach.docx"))
    assert lists, "no office list"
    return "\n".join(normalized_text(path) for path in lists)


def test_a_unit_that_fails_keeps_its_last_folder_and_the_build_says_so(period, run_cli) -> None:
    folder = period(VI_DU)
    run_cli("period", "build", "--no-pdf", "-q", folder)  # the example has a unit in error
    assert UNIT in _office_lists(folder)  # built, the unit's nominees are consolidated
    unit = _block_hand_edits(folder)
    before = files_of(unit)
    workbook = units(folder)[3]
    _send_again(workbook)  # the unit sent its workbook again, changed
    _send_again(units(folder)[0])  # so did another: its folder is made again all the same
    other = folder / "ket-qua" / "don-vi" / units(folder)[0].stem / "manifest.json"
    other_before = other.read_bytes()

    result = run_cli("period", "build", "--no-pdf", folder)

    assert result.code == 1
    out = result.out
    assert f"  ✗ {UNIT} ({workbook}): không tạo được hồ sơ: Không ghi được {unit}/sua-tay/" in out
    assert (
        f"    Hồ sơ của lần tạo trước vẫn giữ nguyên trong {unit}/ nhưng được tạo từ bản trước "
        "của tệp: chưa in, ký hay gửi bản đó cho đến khi tạo lại được.\n"
        "    Văn bản của cơ quan dưới đây không tính đề nghị của đơn vị này (chưa có hồ sơ để "
        "gửi lên): tạo được hồ sơ rồi thì chạy lại để tính.\n"
    ) in out
    assert out.endswith(
        f"✗ Chưa tạo được hồ sơ của 1 đơn vị: {UNIT} (lý do ở trên); hồ sơ của các đơn vị khác "
        "đã được cập nhật. Văn bản của cơ quan chưa tính đề nghị của đơn vị này.\n"
        f"Sửa rồi chạy lại: hoso period build {folder}\n"
    )
    assert files_of(unit) == before  # the last build's folder, untouched
    assert UNIT not in _office_lists(folder)  # nothing sent up: none of its nominees
    assert other.read_bytes() != other_before
    assert "Traceback" not in result.err


def test_a_unit_that_fails_unchanged_says_its_last_folder_is_of_this_workbook(
    period, run_cli
) -> None:
    folder = period(VI_DU)
    run_cli("period", "build", "--no-pdf", "-q", folder)
    unit = _block_hand_edits(folder)
    result = run_cli("period", "build", "--no-pdf", "--force", folder)
    assert result.code == 1
    assert (
        f"    Hồ sơ của lần tạo trước (từ chính tệp này) vẫn giữ nguyên trong {unit}/.\n"
    ) in result.out
