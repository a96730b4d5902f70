"""`hoso period build --no-pdf` after a build with PDFs: the earlier certificates and statistics
PDFs leave, and the office is told --no-pdf is why (not errors) and how to have them again."""

from __future__ import annotations

VI_DU = "vi-du-xa-bu-gia-map-2026"  # decides its Giấy khen: certificates printed as PDFs


def test_no_pdf_says_it_is_why_the_earlier_pdfs_left(period, run_cli) -> None:
    folder = period(VI_DU)
    out, office = folder / "ket-qua", folder / "ket-qua" / "tong-hop"
    run_cli("period", "build", "-q", folder)
    printed = office / "phoi" / "giay-khen-xa" / "giay-khen.pdf"
    assert printed.is_file()

    result = run_cli("period", "build", "--no-pdf", "-q", folder)

    assert not printed.exists()
    said = next(line for line in result.out.splitlines() if "phoi/giay-khen-xa/" in line)
    assert said.startswith("Lần này chạy với --no-pdf nên không tạo PDF: đã bỏ các PDF cũ"), said
    assert f"trong {out}/: " in said and "tong-hop/phoi/giay-khen-xa/giay-khen.pdf" in said
    assert "Chạy lại không có --no-pdf để tạo lại chúng." in said
    assert "hết lỗi" not in result.out
