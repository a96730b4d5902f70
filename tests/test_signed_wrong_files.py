"""`hoso verify FILES…` and `hoso signed add OUT FILES…` given what is not a signed PDF (a Word or
Excel file, a ZIP, a picture, a text file, an empty file, a folder, a missing path, a PDF cut short
or locked by a password): each file named with what it is, all at once, a non-zero exit, nothing
written."""

from __future__ import annotations

import hashlib
import shutil
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from PIL import Image
from pypdf import PdfReader, PdfWriter

pytestmark = pytest.mark.libreoffice
BGM = "bu-gia-map-cds-2022-2025"
ASK = "; hãy chọn tệp PDF đã ký số"
CUT = (
    "tệp PDF bị cắt cụt (thiếu phần cuối): tệp chưa được chép hoặc tải xong; hãy chép hoặc tải "
    "lại tệp"
)
LOCKED = (
    "tệp PDF được đặt mật khẩu mở tệp nên không đọc được; hãy xin bản không đặt mật khẩu (chữ ký "
    "số không cần mật khẩu)"
)
EMPTY = "tệp rỗng (0 byte), không có nội dung; tệp có thể chưa được chép hoặc tải xong"


@pytest.fixture(scope="module")
def built(bgm_output: Path) -> Path:
    """Bù Gia Mập's example built with real LibreOffice: an output folder holding one batch."""
    return bgm_output


def wrong_files(built: Path, folder: Path) -> dict[str, Path]:
    """One file of each kind a clerk may send in place of a signed PDF, by a short name."""
    folder.mkdir()
    pdf = (built / BGM / "van-ban" / "01-to-trinh.pdf").read_bytes()
    made = {name: folder / file for name, file in _NAMES.items()}
    document = docx.Document()
    document.add_paragraph("Tờ trình")
    document.save(str(made["docx"]))
    shutil.copy(made["docx"], made["docx-as-pdf"])  # a Word file renamed .pdf
    book = openpyxl.Workbook()
    book.active["A1"] = "Họ và tên"
    book.save(made["xlsx"])
    with zipfile.ZipFile(made["zip"], "w") as archive:
        archive.writestr("ghi-chu.txt", "Hồ sơ đã ký")
    Image.new("RGB", (40, 20), "white").save(made["png"])
    Image.new("RGB", (40, 20), "white").save(made["jpeg"], "JPEG")
    made["text"].write_text("Tờ trình đã ký\n", encoding="utf-8")
    made["empty"].write_bytes(b"")
    made["folder"].mkdir()
    made["cut"].write_bytes(pdf[: len(pdf) // 2])
    writer = PdfWriter(clone_from=PdfReader(built / BGM / "van-ban" / "01-to-trinh.pdf"))
    writer.encrypt("mat-khau")
    writer.write(made["locked"])
    return made


_NAMES = {
    "docx": "to-trinh.docx",
    "docx-as-pdf": "to-trinh.pdf",
    "xlsx": "hoso.xlsx",
    "zip": "ho-so.zip",
    "png": "chu-ky.png",
    "jpeg": "anh-chup.jpg",
    "text": "ghi-chu.txt",
    "empty": "rong.pdf",
    "folder": "thu-muc",
    "missing": "khong-co.pdf",
    "cut": "cat-cut.pdf",
    "locked": "mat-khau.pdf",
}


def _tree(folder: Path) -> dict[str, str]:
    """Every file under a folder by its path and digest: what a run may not change."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_verify_names_what_each_wrong_file_is(run_cli, built: Path, tmp_path: Path) -> None:
    files = wrong_files(built, tmp_path / "nhan-ve")
    done = run_cli("verify", *files.values())
    assert done.code == 1 and "Traceback" not in done.err, done.err
    said = {
        "docx": "không phải tệp PDF (đây là tệp Word (.docx))",
        "docx-as-pdf": "không phải tệp PDF (đây là tệp Word (.docx))",
        "xlsx": "không phải tệp PDF (đây là tệp Excel (.xlsx))",
        "zip": "tệp ZIP không có tệp PDF nào",
        "png": "không phải tệp PDF (đây là ảnh PNG)",
        "jpeg": "không phải tệp PDF (đây là ảnh JPEG)",
        "text": "không phải tệp PDF (đây là tệp chữ thường (.txt))",
        "empty": EMPTY,
        "folder": "thư mục không có tệp PDF hay ZIP nào",
        "missing": "không tìm thấy tệp hay thư mục này",
        "cut": CUT,
        "locked": LOCKED,
    }
    lines = done.out.splitlines()
    assert lines[: len(said)] == [f"✗ {files[name]}: {why}" for name, why in said.items()]
    assert lines[-1] == f"{len(said)} tệp, {len(said)} tệp có vấn đề."


def test_signed_add_refuses_each_wrong_file_saying_what_it_is_and_writes_nothing(
    run_cli, built: Path, tmp_path: Path
) -> None:
    out = tmp_path / "output"
    shutil.copytree(built, out)
    before = _tree(out)
    files = wrong_files(built, tmp_path / "nhan-ve")
    done = run_cli("signed", "add", out, *files.values())
    assert done.code == 1 and "Traceback" not in done.err, done.err
    said = {
        "docx": f"không phải tệp PDF (đây là tệp Word (.docx)){ASK}",
        "docx-as-pdf": f"không phải tệp PDF (đây là tệp Word (.docx)){ASK}",
        "xlsx": f"không phải tệp PDF (đây là tệp Excel (.xlsx)){ASK}",
        "zip": f"không phải tệp PDF (đây là tệp nén ZIP){ASK}",
        "png": f"không phải tệp PDF (đây là ảnh PNG){ASK}",
        "jpeg": f"không phải tệp PDF (đây là ảnh JPEG){ASK}",
        "text": f"không phải tệp PDF (đây là tệp chữ thường (.txt)){ASK}",
        "empty": EMPTY,
        "folder": (
            "đây là thư mục, không phải tệp PDF; hãy nêu từng tệp PDF đã ký trong thư mục, ví dụ "
            f"{files['folder'] / '*.pdf'}"
        ),
        "missing": "không tìm thấy tệp hay thư mục này",
        "cut": CUT,
        "locked": LOCKED,
    }
    lines = done.out.splitlines()
    assert lines[: len(said)] == [f"✗ {files[name]}: từ chối, {why}." for name, why in said.items()]
    assert lines[-1] == (
        f"Không nhận tệp nào: từ chối {len(said)} tệp. Hãy bỏ hoặc thay các tệp bị từ chối (✗) "
        "rồi chạy lại lệnh."
    )
    assert _tree(out) == before
