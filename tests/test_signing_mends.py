"""Signing mends a tester asked for: a broken signature said as such, files that are not PDFs named,
an expired certificate refused, a signed file never changed in place, a signature never printed
over another, a second signed copy never dropping the first, a period's results folder named."""

from __future__ import annotations

import hashlib
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.serialization import pkcs12
from pyhanko.pdf_utils.reader import PdfFileReader

from pipeline.signing.appearance import vietnam_day
from tests import pki
from tests.pki import Keys

pytestmark = pytest.mark.libreoffice
BGM = "bu-gia-map-cds-2022-2025"
BROKEN = (
    "tệp PDF đọc được nhưng chữ ký số bị HỎNG: dữ liệu chữ ký trong tệp đã bị thay đổi, "
    "không đọc được"
)


@pytest.fixture(scope="module")
def built(bgm_output: Path) -> Path:
    """Bù Gia Mập's example built with real LibreOffice: an output folder holding one batch."""
    return bgm_output


def _sign(run_cli, source: Path, target: Path, p12: Path, *extra: str | Path):
    return run_cli("sign", source, "-o", target, "--p12", p12, "--password", pki.PASSWORD, *extra)


def _signed_to_trinh(run_cli, keys: Keys, built: Path, tmp_path: Path) -> Path:
    """The built example's Tờ trình signed by its signer, as da-ky.pdf in `tmp_path`."""
    signed = tmp_path / "da-ky.pdf"
    source = built / BGM / "van-ban" / "01-to-trinh.pdf"
    assert _sign(run_cli, source, signed, keys.signer_p12).code == 0
    return signed


def _contents_changed(data: bytes, at: int) -> bytes:
    """The file with one hex digit of its first signature's CMS data (/Contents) changed."""
    found = re.search(rb"/Contents\s*<([0-9a-fA-F]+)>", data)
    assert found is not None
    where = found.start(1) + at
    digit = b"1" if data[where : where + 1] == b"0" else b"0"
    return data[:where] + digit + data[where + 1 :]


def _serial_at(data: bytes) -> int:
    """Where the signer's certificate serial number first appears in the /Contents hex digits."""
    serial = format(
        PdfFileReader(io.BytesIO(data)).embedded_signatures[0].signer_cert.serial_number, "x"
    )
    serial = serial.rjust(len(serial) + len(serial) % 2, "0")
    found = re.search(rb"/Contents\s*<([0-9a-fA-F]+)>", data)
    assert found is not None
    return found.group(1).decode().lower().index(serial) + 4


def test_a_signature_whose_cms_bytes_changed_is_said_broken_not_an_unreadable_pdf(
    run_cli, keys: Keys, built: Path, tmp_path: Path
) -> None:
    signed = _signed_to_trinh(run_cli, keys, built, tmp_path)
    data = signed.read_bytes()
    # A digit of the CMS header (pyHanko cannot parse it), one of the certificate's serial number
    # (pyHanko parses it, then fails inside its validation).
    for name, at in (("dau.pdf", 2), ("so-hieu.pdf", _serial_at(data))):
        changed = tmp_path / name
        changed.write_bytes(_contents_changed(data, at))
        done = run_cli("verify", changed)
        assert done.code == 1 and "Traceback" not in done.err, done.err
        assert done.out.startswith(f"✗ {changed}: {BROKEN}\n"), done.out


def test_signed_add_says_a_picture_is_not_a_pdf(
    run_cli, keys: Keys, built: Path, tmp_path: Path
) -> None:
    out = tmp_path / "output"
    shutil.copytree(built, out)
    picture, renamed = tmp_path / "chu-ky.png", tmp_path / "to-trinh.pdf"
    shutil.copy(keys.signature_png, picture)
    shutil.copy(keys.signature_png, renamed)
    done = run_cli("signed", "add", out, picture, renamed)
    assert done.code == 1
    for path in (picture, renamed):
        assert (
            f"✗ {path}: từ chối, không phải tệp PDF (đây là ảnh PNG); hãy chọn tệp PDF đã ký số."
            in done.out
        ), done.out


def test_signed_add_says_a_word_file_or_a_damaged_one_is_not_a_pdf(
    run_cli, built: Path, tmp_path: Path
) -> None:
    out = tmp_path / "output"
    shutil.copytree(built, out)
    word, damaged = tmp_path / "to-trinh.pdf", tmp_path / "danh-sach.pdf"
    shutil.copy(built / BGM / "van-ban" / "01-to-trinh.docx", word)  # the DOCX, renamed
    damaged.write_bytes(b"\0" * 2048)
    done = run_cli("signed", "add", out, word, damaged)
    assert done.code == 1
    assert (
        f"✗ {word}: từ chối, không phải tệp PDF (đây là tệp Word (.docx)); hãy chọn tệp PDF đã "
        "ký số." in done.out
    ), done.out
    assert (
        f"✗ {damaged}: từ chối, không phải tệp PDF (tệp hỏng, hoặc loại tệp khác); hãy chọn tệp "
        "PDF đã ký số." in done.out
    ), done.out


def test_sign_never_changes_the_file_it_signs_nor_writes_over_a_signed_file(
    run_cli, keys: Keys, built: Path, tmp_path: Path
) -> None:
    signed = _signed_to_trinh(run_cli, keys, built, tmp_path)
    before = signed.read_bytes()
    same = _sign(run_cli, signed, signed, keys.unit_p12, "--role", "co-quan")
    assert same.code == 1 and same.err.strip() == (
        f"Lỗi: {signed}: tệp ký xong (-o {signed}) chính là tệp cần ký; hoso không sửa tệp cần "
        "ký (có thể là bản đã ký): hãy đặt tên khác cho tệp ký xong bằng -o TỆP."
    )
    # Another signing written over a signed file would lose it just the same.
    again = _sign(run_cli, built / BGM / "van-ban" / "01-to-trinh.pdf", signed, keys.unit_p12)
    assert again.code == 1 and again.err.strip() == (
        f"Lỗi: {signed} đã có và đã ký số (1 chữ ký): hoso không ghi đè bản đã ký; hãy đặt tên "
        "khác cho tệp ký xong bằng -o TỆP."
    )
    assert signed.read_bytes() == before
    assert list(tmp_path.iterdir()) == [signed]


def _validity(p12: Path) -> tuple[str, str]:
    """When the certificate of a PKCS#12 file is valid, as the messages write it."""
    _, cert, _ = pkcs12.load_key_and_certificates(p12.read_bytes(), pki.PASSWORD.encode())
    assert cert is not None
    return vietnam_day(cert.not_valid_before_utc), vietnam_day(cert.not_valid_after_utc)


def test_an_expired_or_not_yet_valid_certificate_is_refused_and_said_by_verify(
    run_cli, keys: Keys, built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expired, early, trust = pki.out_of_date_pkcs12(tmp_path)
    source = built / BGM / "van-ban" / "01-to-trinh.pdf"
    old, new = tmp_path / "het-han.pdf", tmp_path / "chua-hieu-luc.pdf"
    start, end = _validity(expired)
    done = _sign(run_cli, source, old, expired)
    assert done.code == 1 and done.err.strip() == (
        f"Lỗi: Chứng thư số của {pki.SIGNER} đã hết hạn: chỉ có hiệu lực từ {start} đến {end}. "
        "Chữ ký bằng chứng thư này không có giá trị; hãy dùng chứng thư số còn hiệu lực."
    )
    early_start, early_end = _validity(early)
    done = _sign(run_cli, source, new, early)
    assert done.code == 1 and done.err.strip() == (
        f"Lỗi: Chứng thư số của {pki.SIGNER} chưa có hiệu lực: có hiệu lực từ {early_start} đến "
        f"{early_end}. Hãy ký khi chứng thư đã có hiệu lực (và kiểm tra ngày giờ của máy)."
    )
    assert not old.exists() and not new.exists()

    # Another office's signing tool may not check: such files reach hoso verify and signed add.
    monkeypatch.setattr("pipeline.signing.sign.validity_problem", lambda cert, moment: None)
    assert _sign(run_cli, source, old, expired).code == 0
    assert _sign(run_cli, source, new, early).code == 0
    monkeypatch.undo()
    said = {
        old: f"CHỨNG THƯ SỐ ĐÃ HẾT HẠN khi ký: chứng thư chỉ có hiệu lực từ {start} đến {end}",
        new: (
            "CHỨNG THƯ SỐ CHƯA CÓ HIỆU LỰC khi ký: chứng thư chỉ có hiệu lực từ "
            f"{early_start} đến {early_end}"
        ),
    }
    for extra in ((), ("--trust", trust)):  # no roots are needed; with them, not "untrusted"
        done = run_cli("verify", *extra, old, new)
        assert done.code == 1 and "KHÔNG TIN CẬY" not in done.out, done.out
        for path, verdict in said.items():
            assert f"✗ {path}: 1 chữ ký\n" in done.out and f"       {verdict}\n" in done.out
    out = tmp_path / "output"
    shutil.copytree(built, out)
    done = run_cli("signed", "add", out, old)
    assert (
        done.code == 1
        and (
            f"✗ {old}: từ chối, chữ ký của {pki.SIGNER} dùng chứng thư số đã hết hạn khi ký "
            f"(chứng thư chỉ có hiệu lực từ {start} đến {end})."
        )
        in done.out
    )


def _manifest(folder: Path) -> dict:
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


def test_a_second_signed_copy_never_drops_the_first_nor_one_with_more_signatures(
    run_cli, keys: Keys, built: Path, tmp_path: Path
) -> None:
    out = tmp_path / "output"
    shutil.copytree(built, out)
    source = out / BGM / "van-ban" / "01-to-trinh.pdf"
    one, two = tmp_path / "mot-chu-ky.pdf", tmp_path / "hai-chu-ky.pdf"
    assert _sign(run_cli, source, one, keys.signer_p12).code == 0
    assert _sign(run_cli, one, two, keys.unit_p12, "--role", "co-quan").code == 0
    stored = out / BGM / "da-ky" / "van-ban" / "01-to-trinh.pdf"
    aside = out / BGM / "da-ky" / "cu" / "van-ban" / "01-to-trinh.pdf"

    assert run_cli("signed", "add", out, one).code == 0
    # The copy with the seal replaces the signer's alone, which is kept under da-ky/cu/, recorded.
    done = run_cli("signed", "add", out, two)
    assert done.code == 0, done.out
    assert (
        f"✓ {two} → {BGM}/da-ky/van-ban/01-to-trinh.pdf: “Tờ trình”, ký bởi {pki.SIGNER}, "
        f"{pki.UNIT} (bản gốc còn nguyên, chỉ thêm chữ ký)\n"
        f"  ⚠ bản đã ký nhận trước đó (ký bởi {pki.SIGNER}) được thay bằng tệp này và chuyển vào "
        f"{BGM}/da-ky/cu/van-ban/01-to-trinh.pdf (không xóa)\n"
    ) in done.out
    assert stored.read_bytes() == two.read_bytes() and aside.read_bytes() == one.read_bytes()
    manifest = _manifest(out / BGM)
    assert manifest["set_aside"] == [
        {
            "path": "da-ky/cu/van-ban/01-to-trinh.pdf",
            "sha256": hashlib.sha256(one.read_bytes()).hexdigest(),
            "bytes": one.stat().st_size,
            "title": "Tờ trình",
        }
    ]
    # A copy with fewer signatures than the one kept is refused: the office keeps the fuller one.
    done = run_cli("signed", "add", out, one)
    assert done.code == 1
    assert (
        f"✗ {one}: từ chối, “Tờ trình” đã có bản ký số với 2 chữ ký ({pki.SIGNER}, {pki.UNIT}), "
        f"nhiều hơn tệp này (1 chữ ký): giữ bản đã có ({stored}). Nếu thật cần thay, hãy chuyển "
        f"bản đó vào {out / BGM / 'da-ky' / 'cu'}/ rồi nhận lại tệp này.\n"
    ) in done.out
    assert stored.read_bytes() == two.read_bytes() and _manifest(out / BGM) == manifest


def test_signed_add_on_a_periods_results_folder_names_the_office_folder_to_use(
    run_cli, keys: Keys, built: Path, tmp_path: Path
) -> None:
    # A period's results (hoso period build): its own manifest, the office's batch under tong-hop/.
    results = tmp_path / "dot-xet" / "ket-qua"
    shutil.copytree(built / BGM, results / "tong-hop" / "bang-khen-tinh")
    (results / "manifest.json").write_text(
        json.dumps({"manifest_version": 1, "plan": BGM, "units": [], "documents": []}),
        encoding="utf-8",
    )
    signed = _signed_to_trinh(run_cli, keys, built, tmp_path)
    done = run_cli("signed", "add", results, signed)
    assert done.code == 1 and done.err.strip() == (
        f"Lỗi: {results} là thư mục kết quả của cả đợt xét (hoso period build), không phải của "
        f"một hồ sơ: văn bản cơ quan ký nằm trong {results / 'tong-hop'}/<mã hình thức>/, hãy "
        f"chỉ thư mục đó (ví dụ hoso signed add {results / 'tong-hop' / 'bang-khen-tinh'} "
        "TỆP_ĐÃ_KÝ); văn bản đã ký của đơn vị đặt vào don-vi/<tên tệp Excel, bỏ .xlsx>/ của thư "
        "mục đợt."
    )
    # hoso package on the same folder is shown its own command, not signed add's.
    packaged = run_cli("package", results)
    assert packaged.code == 1 and (
        f"(ví dụ hoso package {results / 'tong-hop' / 'bang-khen-tinh'}); " in packaged.err
    ), packaged.err
    # The folder it names takes the file.
    assert run_cli("signed", "add", results / "tong-hop" / "bang-khen-tinh", signed).code == 0
    # A manifest that cannot be read is said as such, not as a missing one.
    (results / "manifest.json").write_text("{", encoding="utf-8")
    done = run_cli("signed", "add", results, signed)
    assert done.code == 1 and done.err.strip() == (
        f"Lỗi: {results}: danh mục văn bản của hồ sơ (manifest.json) không đọc được hoặc do phiên "
        "bản hoso khác tạo; hãy tạo lại hồ sơ (hoso build) rồi nhận lại tệp đã ký."
    )


def test_a_signature_is_never_printed_over_another_and_a_stranger_to_the_name_is_warned(
    run_cli, keys: Keys, built: Path, tmp_path: Path
) -> None:
    source = built / BGM / "van-ban" / "01-to-trinh.pdf"
    once, twice = tmp_path / "mot-lan.pdf", tmp_path / "hai-lan.pdf"
    assert _sign(run_cli, source, once, keys.signer_p12, "--image", keys.signature_png).code == 0
    done = _sign(run_cli, once, twice, keys.unit_p12, "--name", pki.SIGNER)
    assert done.code == 1 and done.err.strip() == (
        f"Lỗi: {once} đã có chữ ký ở đúng chỗ này (ô chữ ký của người ký, ký bởi {pki.SIGNER}): "
        "hoso không ký chồng lên chữ ký đã có. Người khác cùng ký văn bản thì dùng --name "
        "HỌ_TÊN để ký ở khối chữ ký của họ."
    )
    # The same signer again: the file is signed already.
    done = _sign(run_cli, once, twice, keys.signer_p12, "--image", keys.signature_png)
    assert done.code == 1 and f"đã có chữ ký của chính {pki.SIGNER} ở ô này" in done.err
    assert not twice.exists()
    # The seal goes over the signature by design; a second seal over the first does not.
    sealed = tmp_path / "dong-dau.pdf"
    assert _sign(run_cli, once, sealed, keys.unit_p12, "--role", "co-quan").code == 0
    done = _sign(run_cli, sealed, twice, keys.unit_p12, "--role", "co-quan")
    assert done.code == 1 and (
        f"đã có chữ ký của chính {pki.UNIT} ở ô này (ô chữ ký của cơ quan, kèm con dấu)" in done.err
    )
    # A certificate naming someone else than the signer printed: signed, and said plainly.
    other = tmp_path / "nguoi-khac.pdf"
    done = _sign(run_cli, source, other, keys.unit_p12)
    assert done.code == 0 and done.out.splitlines()[1] == (
        f"⚠ Chứng thư số mang tên “{pki.UNIT}”, khác họ tên in ở khối chữ ký “{pki.SIGNER}”: văn "
        "bản được ký bởi người khác người ký in trong văn bản. Nếu ký nhầm chứng thư, hãy bỏ tệp "
        "vừa ký và ký lại bằng chứng thư của người ký."
    )
    # The signer's own certificate: nothing to warn about.
    assert len(_sign(run_cli, source, tmp_path / "dung.pdf", keys.signer_p12).out.splitlines()) == 1


def test_the_signer_cannot_sign_under_a_seal_already_there(
    run_cli, keys: Keys, built: Path, tmp_path: Path
) -> None:
    source = built / BGM / "van-ban" / "01-to-trinh.pdf"
    sealed, late = tmp_path / "dong-dau-truoc.pdf", tmp_path / "ky-sau.pdf"
    assert _sign(run_cli, source, sealed, keys.unit_p12, "--role", "co-quan").code == 0

    done = _sign(run_cli, sealed, late, keys.signer_p12, "--image", keys.signature_png)

    assert done.code == 1 and not late.exists()
    assert done.err.strip() == (
        f"Lỗi: {sealed} đã có con dấu ở khối chữ ký này (ô chữ ký của cơ quan, kèm con dấu, ký "
        f"bởi {pki.UNIT}): người ký phải ký trước, cơ quan ký (đóng dấu) sau, vì con dấu xác nhận "
        "chữ ký nằm dưới nó. Hãy ký vào bản chưa đóng dấu (bản gốc hoso tạo, hay bản chỉ có các "
        "chữ ký trước), rồi cơ quan ký sau."
    )


def test_signed_add_on_a_period_folder_names_its_results_not_a_damaged_manifest(
    built_period: Path, run_cli
) -> None:
    """The period's own folder (dot-xet/, not dot-xet/ket-qua/): its results folder is said as
    such, never "manifest.json không đọc được (tệp hỏng hoặc bị sửa)" for the period's list."""
    results = built_period / "ket-qua"
    for command in ("signed", "add"), ("package",):
        done = run_cli(*command, built_period)
        assert done.code == 1
        assert done.err.startswith(
            f"Lỗi: {results} là thư mục kết quả của cả đợt xét (hoso period build), không phải "
            f"của một hồ sơ: văn bản cơ quan ký nằm trong {results / 'tong-hop'}/<mã hình thức>/"
        ), done.err
        assert f"hoso {command[0]}" in done.err and "tệp hỏng" not in done.err
