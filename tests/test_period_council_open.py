"""`hoso period council` while hoi-dong.xlsx is open in Excel or LibreOffice (its lock file beside
it): refused, naming the file and what to do, the workbook left as it is; once closed, written."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest


@pytest.mark.parametrize("lock", ["~$hoi-dong.xlsx", ".~lock.hoi-dong.xlsx#"])
def test_the_council_workbook_open_elsewhere_is_not_written_over(
    run_cli, period, lock: str
) -> None:
    folder: Path = period()
    workbook = folder / "hoi-dong.xlsx"
    before = hashlib.sha256(workbook.read_bytes()).hexdigest()
    (folder / lock).write_bytes(b"nguoi-dung")

    done = run_cli("period", "council", folder)

    assert done.code == 1 and "Traceback" not in done.err, done.out + done.err
    assert done.err.strip() == (
        f"Lỗi: {workbook} đang được mở trong Excel hoặc LibreOffice (bên cạnh có tệp khóa "
        f"“{lock}”): hoso không ghi vào tệp đang mở, vì số phiếu vừa điền mà chưa lưu sẽ bị mất. "
        "Hãy lưu và đóng tệp rồi chạy lại lệnh; nếu không còn ai mở tệp, tệp khóa do máy tắt "
        "đột ngột để lại, có thể xóa."
    )
    assert hashlib.sha256(workbook.read_bytes()).hexdigest() == before
    (folder / lock).unlink()
    again = run_cli("period", "council", folder)
    assert again.code == 0 and again.out.startswith(f"Đã ghi {workbook}:"), again.err


def test_the_check_says_the_council_workbook_is_open_and_what_is_read(run_cli, period) -> None:
    folder: Path = period()
    (folder / "~$hoi-dong.xlsx").write_bytes(b"nguoi-dung")
    said = run_cli("period", "check", folder).out
    assert (
        f"{folder / 'hoi-dong.xlsx'}: tệp đang được mở trong Excel hoặc LibreOffice (bên cạnh có "
        "tệp khóa “~$hoi-dong.xlsx”): hoso đọc bản đã lưu, số phiếu vừa điền mà chưa lưu sẽ không "
        "có trong Biên bản và văn bản của đợt."
    ) in said
