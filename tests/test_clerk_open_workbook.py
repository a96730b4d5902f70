"""A workbook still open in Excel or LibreOffice when the clerk runs hoso: the lock file beside it
says so, and what the clerk typed but did not save is not in the dossier. The real `hoso`
command warns at the file, once, for a file given by name and for one found in a folder.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_clerk_habits import section

# What Excel writes into its lock file: the user's name, padded.
EXCEL_LOCK = b"\x0bNguyen Van A" + b" " * 40 + b"\x00" * 110
LIBREOFFICE_LOCK = "Nguyễn Văn A,may-van-thu,van-thu,07.12.2026 09:15,file:///tmp;\n".encode()


@pytest.mark.parametrize(
    ("lock", "content"), [("~$hoso.xlsx", EXCEL_LOCK), (".~lock.hoso.xlsx#", LIBREOFFICE_LOCK)]
)
def test_a_workbook_open_elsewhere_is_said_with_what_is_not_read(
    example, run_cli, lock: str, content: bytes
) -> None:
    path = example()
    (path.parent / lock).write_bytes(content)
    result = run_cli("check", path)
    assert result.code == 0, result.out
    (said,) = [ln.strip() for ln in result.out.splitlines() if ln.strip().startswith(f"{path}: ")]
    assert said in section(result.out, "Cảnh báo")
    assert f"tệp đang được mở trong Excel hoặc LibreOffice (bên cạnh có tệp khóa “{lock}”)" in said
    assert "những gì vừa sửa mà chưa lưu sẽ không có trong hồ sơ" in said
    assert "Hãy lưu tệp (Ctrl+S) rồi chạy lại" in said


def test_a_folder_with_a_workbook_open_names_that_workbook_only(
    example, run_cli, tmp_path: Path
) -> None:
    folder = tmp_path / "don-vi"
    folder.mkdir()
    open_one = example(name="don-vi/phong-van-hoa.xlsx")
    closed = example(name="don-vi/xa-phu-nghia.xlsx")
    (folder / "~$phong-van-hoa.xlsx").write_bytes(EXCEL_LOCK)
    result = run_cli("check", folder)
    assert result.code == 0, result.out
    locks = [ln.strip() for ln in result.out.splitlines() if "tệp khóa" in ln]
    assert len(locks) == 1 and locks[0].startswith(f"{open_one}: "), result.out
    assert "~$phong-van-hoa.xlsx:" not in result.out  # the lock file is not read as a workbook
    assert str(closed) in result.out


def test_a_workbook_without_a_lock_file_has_no_such_warning(example, run_cli) -> None:
    path = example()
    (path.parent / "~$another.xlsx").write_bytes(EXCEL_LOCK)  # another workbook is open
    result = run_cli("check", path)
    assert result.code == 0, result.out
    assert "tệp khóa" not in result.out


@pytest.mark.parametrize(
    ("lock", "content"), [("~$hoso.xlsx", EXCEL_LOCK), (".~lock.hoso.xlsx#", LIBREOFFICE_LOCK)]
)
def test_a_lock_file_checked_by_name_says_which_workbook_to_check(
    example, run_cli, lock: str, content: bytes
) -> None:
    """On a USB stick or a Linux desktop the lock file shows beside the workbook: checked by
    mistake, it is named for what it is, with the workbook to check instead."""
    path = example()
    (path.parent / lock).write_bytes(content)
    result = run_cli("check", path.parent / lock)
    assert result.code == 2
    assert (
        f"{path.parent / lock}: không phải tệp Excel .xlsx: đây là tệp khóa mà Excel hoặc "
        "LibreOffice tạo ra khi đang mở tệp “hoso.xlsx”, không có dữ liệu; hãy kiểm tra chính "
        "tệp “hoso.xlsx”."
    ) in result.out
    assert "Traceback" not in result.out + result.err
