"""`hoso sign` on a list without a signature block (a decision's or a Tờ trình's danh sách): a
table's last column (amounts right-aligned, a column heading repeated) is no signer's block; the
file is refused naming the attachment role, nothing is written, and `--role dinh-kem` signs it."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from tests import pki
from tests.pki import Keys

FONT = Path("/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf")
NO_BLOCK = (
    "Nếu là danh sách kèm theo Tờ trình, Quyết định (không có khối chữ ký), cơ quan ký ở lề trên "
    "trang đầu: --role dinh-kem."
)


def _list(path: Path, last_column: list[str]) -> Path:
    """A one-page list: a heading, then rows of two-line cells whose last column (right-aligned at
    the right margin) holds `last_column`, one value a row; no signature block."""
    if not FONT.exists():
        pytest.skip(f"font {FONT} missing")
    pdfmetrics.registerFont(TTFont("Serif", str(FONT)))
    page = canvas.Canvas(str(path), pagesize=A4)
    page.setFont("Serif", 13)
    page.drawCentredString(A4[0] / 2, 780, "DANH SÁCH")
    page.drawCentredString(A4[0] / 2, 762, "Tập thể, cá nhân được tặng Giấy khen")
    y = 720.0
    for row, value in enumerate(last_column, start=1):
        page.drawString(60, y, str(row))
        page.drawString(90, y, f"Nguyễn Văn {chr(64 + row)}")
        page.drawString(220, y, "Công chức Văn phòng - Thống kê,")
        page.drawString(220, y - 15, "Trạm Y tế xã Bù Gia Mập")
        page.drawRightString(535, y, value)
        y -= 40
    page.drawString(90, y - 10, "Tổng cộng tiền thưởng: 3.240.000 đồng.")
    page.save()
    return path


@pytest.mark.parametrize(
    "last_column",
    [["360.000"] * 9, ["Ghi chú", "", "", "", "", "Ghi chú", "", ""]],
    ids=["amounts", "repeated-heading"],
)
def test_a_list_without_a_signature_block_is_refused_naming_the_attachment_role(
    run_cli, keys: Keys, tmp_path: Path, last_column: list[str]
) -> None:
    source = _list(tmp_path / "danh-sach.pdf", last_column)
    target = tmp_path / "danh-sach-da-ky.pdf"
    key = ("--p12", keys.signer_p12, "--password", pki.PASSWORD)

    done = run_cli("sign", source, "-o", target, *key)

    assert done.code == 1 and "Traceback" not in done.err, done.out + done.err
    assert done.err.startswith(f"Lỗi: {source}: Không tìm thấy khối chữ ký"), done.err
    assert NO_BLOCK in done.err
    assert not target.exists()
    signed = run_cli("sign", source, "-o", target, *key, "--role", "dinh-kem")
    assert signed.code == 0, signed.err
    assert len(PdfReader(target).get_fields() or {}) == 1
