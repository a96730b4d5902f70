"""`hoso sign` on a PDF protected with restrictions (it opens with no password, but a signature
cannot be added without the owner's): refused in Vietnamese before a password is asked for,
never the library's English, and nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from tests import pki
from tests.pki import Keys

pytestmark = pytest.mark.libreoffice
BGM = "bu-gia-map-cds-2022-2025"
PROTECTED = (
    "tệp PDF được bảo vệ (hạn chế in, sao chép hay sửa) nên không ký thêm vào được; hãy xin bản "
    "PDF không đặt bảo vệ (chữ ký số không cần bảo vệ bằng mật khẩu), hoặc xuất lại PDF từ văn "
    "bản gốc."
)


def test_a_protected_pdf_is_refused_before_the_password_and_in_vietnamese(
    run_cli, keys: Keys, bgm_output: Path, tmp_path: Path
) -> None:
    writer = PdfWriter(clone_from=PdfReader(bgm_output / BGM / "van-ban" / "01-to-trinh.pdf"))
    writer.encrypt("", "chu-so-huu", algorithm="AES-128")  # opens; editing needs the owner's
    protected = tmp_path / "to-trinh-bao-ve.pdf"
    writer.write(protected)
    target = tmp_path / "da-ky.pdf"

    asked = run_cli("sign", protected, "-o", target, "--p12", keys.signer_p12)  # no password
    given = run_cli(
        "sign", protected, "-o", target, "--p12", keys.signer_p12, "--password", pki.PASSWORD
    )

    for result in (asked, given):
        assert result.code == 1
        assert result.err.strip() == f"Lỗi: {protected}: {PROTECTED}"
    assert not target.exists()
