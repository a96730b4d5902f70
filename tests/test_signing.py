"""Signing: `hoso sign` (PKCS#12 and a SoftHSM2 token over PKCS#11), `hoso verify`, where the
visible signature lands, and what breaks a signature. A CA and certificates are made in the test."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ContentStream

from tests import pki
from tests.pdf_words import words
from tests.pki import SIGNER, UNIT, Keys

pytestmark = pytest.mark.libreoffice
BGM = "bu-gia-map-cds-2022-2025"


@pytest.fixture(scope="module")
def built(bgm_output: Path) -> Path:
    """Bù Gia Mập's example built with real LibreOffice (this module's copy)."""
    return bgm_output / BGM


def _sign_p12(run_cli, source: Path, target: Path, p12: Path, *extra: str | Path):
    return run_cli("sign", source, "-o", target, "--p12", p12, "--password", pki.PASSWORD, *extra)


def _signed_by_both(run_cli, keys: Keys, source: Path, folder: Path) -> Path:
    """The Tờ trình signed by its signer, then by the unit (the seal)."""
    first, second = folder / "nguoi-ky.pdf", folder / "da-ky.pdf"
    done = _sign_p12(run_cli, source, first, keys.signer_p12, "--image", keys.signature_png)
    assert done.code == 0, done.out + done.err
    done = _sign_p12(
        run_cli, first, second, keys.unit_p12, "--role", "co-quan", "--image", keys.seal_png
    )
    assert done.code == 0, done.out + done.err
    return second


def _verify_json(run_cli, *args: str | Path) -> tuple[int, dict]:
    done = run_cli("verify", "--json", *args)
    return done.code, json.loads(done.out)


def test_signer_then_unit_sign_the_to_trinh_and_both_stay_valid(
    run_cli, keys: Keys, built: Path, tmp_path: Path
) -> None:
    original = built / "van-ban" / "01-to-trinh.pdf"
    signed = _signed_by_both(run_cli, keys, original, tmp_path)
    data = signed.read_bytes()
    assert data.startswith(original.read_bytes())  # incremental update: the original untouched
    code, result = _verify_json(run_cli, "--trust", keys.trust, signed)
    assert code == 0
    [file] = result["files"]
    assert [(s["signer"], s["status"]) for s in file["signatures"]] == [
        (SIGNER, "hop-le"),
        (UNIT, "hop-le"),
    ]
    assert all(s["time"].endswith("+07:00") for s in file["signatures"])
    text = run_cli("verify", "--trust", keys.trust, signed).out
    assert f"1. {SIGNER} ({UNIT}), ký lúc {_said(file['signatures'][0]['time'])} (" in text
    assert text.count("hợp lệ: nội dung còn nguyên, chứng thư số tin cậy") == 2
    assert "Chữ ký này bao trùm toàn bộ tệp tại thời điểm ký" in text  # the signer's, then
    assert f"Chữ ký này bao trùm toàn bộ tệp ({len(data):,} byte).".replace(",", ".") in text


def _signature_rects(pdf: Path) -> dict[str, tuple[int, list[float]]]:
    """Each signature widget's field name, page (1-based) and rectangle."""
    reader = PdfReader(pdf)
    found = {}
    for number, page in enumerate(reader.pages, start=1):
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/FT") == "/Sig":
                found[str(annot["/T"])] = (number, [float(v) for v in annot["/Rect"]])
    return found


def _actual_texts(pdf: Path, field: str, sizes: list[float] | None = None) -> list[str]:
    """The texts an appearance draws (pyHanko marks each line with /ActualText); font sizes of
    its text go into `sizes`."""
    reader = PdfReader(pdf)
    texts: list[str] = []

    def walk(stream) -> None:
        content = ContentStream(stream, reader)
        for operands, operator in content.operations:
            if operator == b"BDC" and len(operands) > 1 and "/ActualText" in operands[1]:
                texts.append(str(operands[1]["/ActualText"]))
            if operator == b"Tf" and sizes is not None:
                sizes.append(float(operands[1]))
        for xobject in (stream.get("/Resources") or {}).get("/XObject", {}).values():
            if xobject.get_object().get("/Subtype") == "/Form":  # images have no text
                walk(xobject.get_object())

    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/T") == field:
                walk(annot["/AP"]["/N"].get_object())
    return texts


def test_the_visible_signature_lands_in_the_signature_block(
    run_cli, keys: Keys, built: Path, tmp_path: Path
) -> None:
    signed = _signed_by_both(run_cli, keys, built / "van-ban" / "01-to-trinh.pdf", tmp_path)
    rects = _signature_rects(signed)
    page, (left, bottom, right, top) = rects["ChuKyNguoiKy"]
    printed = words(signed, page)
    title = [w for w in printed if w.text == "PHÓ"][-1]
    name = [w for w in printed if w.text == "Yến"][-1]
    # Between the title line and the name, over the name's column.
    assert name.high <= bottom < top <= title.low
    assert left < name.right and name.left < right
    seal_page, (s_left, s_bottom, s_right, s_top) = rects["ChuKyCoQuan"]
    assert seal_page == page
    # The seal covers about the left third of the signature, at a seal's real size (36 mm).
    assert s_left < left < s_right <= left + (right - left) / 2
    assert s_bottom < top and bottom < s_top
    assert round((s_right - s_left) / 72 * 25.4) == 36
    shown = " ".join(_actual_texts(signed, "ChuKyNguoiKy"))
    assert f"Ký bởi: {SIGNER}" in shown and "+07:00" in shown
    # Rendered, the signature image is blue inside its box and the seal red inside its own.
    subprocess.run(
        ["pdftoppm", "-r", "70", "-png", "-f", str(page), "-l", str(page), signed, tmp_path / "p"],
        check=True,
    )
    [png] = tmp_path.glob("p-*.png")
    image = Image.open(png).convert("RGB")
    scale, height = 70 / 72, image.height

    def colours(box: tuple[float, float, float, float]) -> set[str]:
        x0, y0, x1, y1 = (round(v * scale) for v in box)
        found = set()
        for x in range(x0, x1):
            for y in range(height - y1, height - y0):
                r, g, b = image.getpixel((x, y))
                found |= {"blue"} if b > 120 and r < 90 else set()
                found |= {"red"} if r > 150 and g < 90 and b < 90 else set()
        return found

    assert "blue" in colours((s_right, bottom, right, top))  # right of the seal: the signature
    assert "red" in colours((s_left, s_bottom, left, s_top))  # left of the signature: the seal


def test_a_softhsm2_token_signs_over_pkcs11(
    run_cli, keys: Keys, built: Path, tmp_path: Path
) -> None:
    signed = tmp_path / "token.pdf"
    done = run_cli(
        "sign",
        built / "van-ban" / "01-to-trinh.pdf",
        "-o",
        signed,
        "--pkcs11",
        pki.SOFTHSM_MODULE,
        "--token",
        "hoso-token",
        "--key-label",
        "hoso-token",
        "--pin",
        "123456",
        "--image",
        keys.signature_png,
    )
    assert done.code == 0, done.out + done.err
    assert re.search(
        rf"✓ Đã ký {re.escape(str(signed))}: {SIGNER}, lúc \d\d:\d\d ngày \d\d/\d\d/20\d\d, trang ",
        done.out,
    )
    code, result = _verify_json(run_cli, "--trust", keys.trust, signed)
    assert code == 0
    assert [(s["signer"], s["status"]) for s in result["files"][0]["signatures"]] == [
        (SIGNER, "hop-le")
    ]
    wrong = run_cli(
        "sign", signed, "-o", tmp_path / "x.pdf", "--pkcs11", pki.SOFTHSM_MODULE,
        "--token", "hoso-token", "--key-label", "hoso-token", "--pin", "000000",
    )  # fmt: skip
    assert wrong.code != 0 and "sai mã PIN" in wrong.err
    assert not (tmp_path / "x.pdf").exists()


def _changed_byte(data: bytes) -> bytes:
    """The file with one letter of the producer's name changed (inside the signed bytes)."""
    at = data.index(b"LibreOffice")
    return data[:at] + b"l" + data[at + 1 :]


def _page_appended(path: Path) -> bytes:
    """The file with a blank page added by an incremental update after the signatures."""
    writer = PdfWriter(path, incremental=True)
    writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_verify_reports_a_changed_byte_an_appended_page_and_an_untrusted_signer(
    run_cli, keys: Keys, built: Path, tmp_path: Path
) -> None:
    original = built / "van-ban" / "01-to-trinh.pdf"
    signed = _signed_by_both(run_cli, keys, original, tmp_path)
    changed, appended = tmp_path / "sua-1-byte.pdf", tmp_path / "them-trang.pdf"
    changed.write_bytes(_changed_byte(signed.read_bytes()))
    appended.write_bytes(_page_appended(signed))
    assert appended.read_bytes().startswith(signed.read_bytes())
    stranger = tmp_path / "nguoi-la.pdf"
    done = _sign_p12(run_cli, original, stranger, keys.stranger_p12)
    assert done.code == 0, done.err

    for path, status in ((changed, "hong"), (appended, "mot-phan"), (stranger, "khong-tin-cay")):
        code, result = _verify_json(run_cli, "--trust", keys.trust, path)
        assert code == 1, path
        assert result["files"][0]["signatures"][0]["status"] == status
    text = run_cli("verify", "--trust", keys.trust, changed, appended, stranger).out
    assert f"✗ {changed}: 2 chữ ký" in text
    assert "HỎNG: nội dung đã ký bị thay đổi sau khi ký" in text
    assert "CHỈ BAO TRÙM MỘT PHẦN: 1 trang được thêm sau khi ký" in text
    assert "KHÔNG TIN CẬY: chứng thư số không dẫn tới chứng thư gốc nào của cơ quan" in text
    assert text.rstrip().endswith("3 tệp, 3 tệp có vấn đề.")
    # Without the office's roots nothing is called trusted, and nothing fails for it.
    code, result = _verify_json(run_cli, stranger)
    assert code == 0 and result["files"][0]["signatures"][0]["status"] == "chua-xac-minh-goc"
    unsigned = run_cli("verify", original)
    assert unsigned.code == 1 and f"✗ {original}: không có chữ ký số" in unsigned.out
    # A file that is not a PDF at all (a damaged workbook renamed .pdf): said in Vietnamese only.
    renamed = tmp_path / "to-trinh.pdf"
    renamed.write_bytes(b"PK\x03\x04 not a pdf")
    wrong = run_cli("verify", renamed)
    assert wrong.code == 1 and wrong.out.startswith(
        f"✗ {renamed}: không phải tệp PDF (đây là tệp nén hoặc tệp Word, Excel (.zip, .docx, "
        ".xlsx))\n"
    )
    damaged = tmp_path / "hong.pdf"
    damaged.write_bytes(b"\0" * 2048)
    unknown = run_cli("verify", damaged)
    assert unknown.code == 1 and unknown.out.startswith(
        f"✗ {damaged}: không phải tệp PDF đọc được (tệp hỏng, hoặc loại tệp khác đổi đuôi "
        "thành .pdf)\n"
    )


def test_sign_says_what_is_wrong_in_vietnamese(
    run_cli, keys: Keys, built: Path, tmp_path: Path
) -> None:
    source = built / "van-ban" / "01-to-trinh.pdf"
    wrong = run_cli(
        "sign", source, "-o", tmp_path / "x.pdf", "--p12", keys.signer_p12, "--password", "sai"
    )
    assert wrong.code != 0 and "sai mật khẩu" in wrong.err and "Traceback" not in wrong.err
    both = run_cli("sign", source, "--p12", keys.signer_p12, "--pkcs11", pki.SOFTHSM_MODULE)
    assert both.code != 0 and "Hãy chọn đúng một nơi có khóa" in both.err
    blank = tmp_path / "trang-trang.pdf"
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.write(blank)
    none = _sign_p12(run_cli, blank, tmp_path / "y.pdf", keys.signer_p12)
    assert none.code != 0 and "Không tìm thấy khối chữ ký" in none.err
    renamed = tmp_path / "bang-tinh.pdf"
    renamed.write_bytes(b"PK\x03\x04 not a pdf")
    other = _sign_p12(run_cli, renamed, tmp_path / "z.pdf", keys.signer_p12)
    assert other.code != 0 and other.err.strip() == (
        f"Lỗi: {renamed}: không phải tệp PDF (đây là tệp nén hoặc tệp Word, Excel (.zip, .docx, "
        ".xlsx))."
    )
    damaged = tmp_path / "hong.pdf"
    damaged.write_bytes(b"\0" * 2048)
    broken = _sign_p12(run_cli, damaged, tmp_path / "w.pdf", keys.signer_p12)
    assert broken.code != 0 and broken.err.strip() == (
        f"Lỗi: {damaged}: không phải tệp PDF đọc được (tệp hỏng, hoặc loại tệp khác đổi đuôi "
        "thành .pdf)."
    )
    empty = tmp_path / "rong.pdf"
    empty.write_bytes(b"")
    nothing = _sign_p12(run_cli, empty, tmp_path / "v.pdf", keys.signer_p12)
    assert nothing.code != 0 and nothing.err.startswith(f"Lỗi: {empty}: tệp rỗng (0 byte)")
    assert not any((tmp_path / n).exists() for n in ("x.pdf", "y.pdf", "z.pdf", "w.pdf", "v.pdf"))


def test_an_attachment_is_signed_at_the_top_right_of_its_first_page_in_10_pt(
    run_cli, keys: Keys, built: Path, tmp_path: Path
) -> None:
    signed = tmp_path / "danh-sach.pdf"
    done = _sign_p12(
        run_cli, built / "van-ban" / "02-danh-sach.pdf", signed, keys.unit_p12, "--role", "dinh-kem"
    )
    assert done.code == 0, done.err
    page, (left, bottom, right, _) = _signature_rects(signed)["ChuKyCoQuanDinhKem"]
    printed = words(built / "van-ban" / "02-danh-sach.pdf", 1)
    assert page == 1
    assert all(w.high < bottom for w in printed)  # above everything printed on the page
    national_title_end = next(w.right for w in printed if w.text == "NAM")  # CỘNG HÒA … VIỆT NAM
    assert national_title_end - 3 <= right <= national_title_end + 3 and left > 595 / 2
    sizes: list[float] = []
    shown = _actual_texts(signed, "ChuKyCoQuanDinhKem", sizes)
    assert shown[0] == f"Ký bởi: {UNIT}" and shown[1].startswith("Thời gian ký: ")
    assert shown[1].endswith("+07:00") and set(sizes) == {10.0}


def test_a_report_is_confirmed_by_the_superior_in_its_left_block_after_its_signer(
    run_cli, keys: Keys, built: Path, tmp_path: Path
) -> None:
    report = sorted((built / "van-ban" / "bao-cao").glob("*.pdf"))[0]
    own = _sign_p12(run_cli, report, tmp_path / "1.pdf", keys.signer_p12, "--name", _name(report))
    assert own.code == 0, own.out + own.err
    confirmed = tmp_path / "2.pdf"
    done = _sign_p12(run_cli, tmp_path / "1.pdf", confirmed, keys.signer_p12, "--role", "xac-nhan")
    assert done.code == 0 and "(ô chữ ký xác nhận của cấp trình khen thưởng)" in done.out, done.out
    sealed = tmp_path / "3.pdf"
    done = _sign_p12(run_cli, confirmed, sealed, keys.unit_p12, "--role", "xac-nhan-co-quan")
    assert done.code == 0, done.out + done.err

    rects = _signature_rects(sealed)
    page, (left, bottom, right, top) = rects["ChuKyXacNhan"]
    printed = words(sealed, page)
    heading = [w for w in printed if w.text == "XÁC"][-1]
    sign_here = [w for w in printed if w.text == "(Ký,"]
    left_note = min(sign_here, key=lambda w: w.left)  # the confirmation's "(Ký, đóng dấu)"
    _, (_, own_bottom, own_left, _) = rects["ChuKyNguoiKy"]
    # Under the confirmation's heading, left of the signer's signature, level with it.
    assert bottom < top <= left_note.low and left < heading.right and heading.left < right
    assert right < own_left and abs(bottom - own_bottom) < 1
    seal_page, (s_left, _, s_right, _) = rects["ChuKyCoQuanXacNhan"]
    assert seal_page == page and s_left < left < s_right <= left + (right - left) / 2
    code, report_json = _verify_json(run_cli, sealed)
    assert code == 0 and [s["intact"] for s in report_json["files"][0]["signatures"]] == [True] * 3

    to_trinh = built / "van-ban" / "01-to-trinh.pdf"
    refused = _sign_p12(
        run_cli, to_trinh, tmp_path / "4.pdf", keys.signer_p12, "--role", "xac-nhan"
    )
    assert refused.code == 1 and "Không tìm thấy ô “Xác nhận của …”" in refused.err
    assert not (tmp_path / "4.pdf").exists()


def _name(report: Path) -> str:
    """The name printed last in a report's right column: its signer's."""
    lines = PdfReader(report).pages[-1].extract_text().splitlines()
    return [line for line in lines if line.strip()][-1].strip()


def test_verify_checks_revocation_against_the_crls_of_the_trust_folder(
    run_cli, keys: Keys, built: Path, tmp_path: Path
) -> None:
    original = built / "van-ban" / "01-to-trinh.pdf"
    good, revoked = tmp_path / "tot.pdf", tmp_path / "thu-hoi.pdf"
    assert _sign_p12(run_cli, original, good, keys.signer_p12).code == 0
    assert _sign_p12(run_cli, original, revoked, keys.revoked_p12).code == 0
    with_crl, stale = tmp_path / "tin-cay-crl", tmp_path / "tin-cay-crl-cu"
    for folder, crl in ((with_crl, keys.crl), (stale, keys.stale_crl)):
        shutil.copytree(keys.trust, folder)
        shutil.copy(crl, folder / "ca.crl")

    code, result = _verify_json(run_cli, "--trust", with_crl, good, revoked)
    assert code == 1
    first, second = (f["signatures"][0] for f in result["files"])
    assert (first["status"], first["revocation"]) == ("hop-le", "con-hieu-luc")
    assert (second["status"], second["revocation"]) == ("thu-hoi", "thu-hoi")
    assert second["revoked_at"].endswith("+07:00")
    text = run_cli("verify", "--trust", with_crl, good, revoked).out
    assert "chưa bị thu hồi (theo CRL trong thư mục tin cậy)" in text
    assert (
        "ĐÃ BỊ THU HỒI: chứng thư số của người ký đã bị tổ chức chứng thực thu hồi lúc "
        + _said(second["revoked_at"])
        in text
    )
    # A CRL past its next update proves nothing: said, and the file fails.
    code, result = _verify_json(run_cli, "--trust", stale, good)
    assert code == 1 and result["files"][0]["signatures"][0]["status"] == "crl-cu"
    assert "hãy tải CRL mới" in run_cli("verify", "--trust", stale, good).out
    # Without a CRL of the issuer, revocation is not checked, and the text says so.
    plain = run_cli("verify", "--trust", keys.trust, revoked)
    assert plain.code == 0 and "chưa kiểm tra thu hồi (thư mục tin cậy không có CRL" in plain.out
    broken = tmp_path / "tin-cay-hong"
    shutil.copytree(keys.trust, broken)
    (broken / "ca.crl").write_bytes(b"khong phai CRL")
    bad = run_cli("verify", "--trust", broken, good)
    assert bad.code != 0 and f"{broken / 'ca.crl'}: không phải danh sách thu hồi (CRL)" in bad.err
    assert "Traceback" not in bad.err


def _said(iso: str) -> str:
    """An ISO 8601 moment written as the Vietnamese texts write it: "09:04 ngày 05/03/2026"."""
    moment = dt.datetime.fromisoformat(iso)
    assert moment.utcoffset() == dt.timedelta(hours=7)
    return f"{moment:%H:%M} ngày {moment:%d/%m/%Y}"
