"""`hoso verify` says what each signature covers (the file as it was when signed, then what came
after it, later signatures named and counted apart) and whose word its signing time is: the
signer's own machine, or a timestamp authority's token."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper
from pypdf import PdfWriter

from pipeline.signing.appearance import said_time, vietnam_time
from tests import pki
from tests.pki import SIGNER, UNIT, Keys
from tests.pki_tsa import asn1, tsa_identity

pytestmark = pytest.mark.libreoffice
BGM = "bu-gia-map-cds-2022-2025"
SELF_SAID = "(giờ do máy của người ký tự ghi, chưa được xác nhận: không có dấu thời gian)"


def _sign(run_cli, source: Path, target: Path, p12: Path, *extra: str | Path) -> None:
    done = run_cli("sign", source, "-o", target, "--p12", p12, "--password", pki.PASSWORD, *extra)
    assert done.code == 0, done.out + done.err


def _bytes(n: int) -> str:
    return f"{n:,}".replace(",", ".") + " byte"


def test_each_of_two_signatures_says_what_it_covers(
    run_cli, keys: Keys, bgm_output: Path, tmp_path: Path
) -> None:
    original = bgm_output / BGM / "van-ban" / "01-to-trinh.pdf"
    first, both = tmp_path / "nguoi-ky.pdf", tmp_path / "da-ky.pdf"
    _sign(run_cli, original, first, keys.signer_p12)
    _sign(run_cli, first, both, keys.unit_p12, "--role", "co-quan")
    signer_bytes, total = first.stat().st_size, both.stat().st_size

    lines = [line.strip() for line in run_cli("verify", both).out.splitlines()]

    assert (
        f"Chữ ký này bao trùm toàn bộ tệp tại thời điểm ký ({_bytes(signer_bytes)} đầu của "
        f"tệp); sau đó có thêm chữ ký của {UNIT} ({_bytes(total - signer_bytes)})."
    ) in lines
    assert f"Chữ ký này bao trùm toàn bộ tệp ({_bytes(total)})." in lines
    assert not any("bao trùm cả tệp" in line for line in lines)  # said of the signer before


def test_a_page_added_between_the_signatures_is_counted_apart_from_the_seal(
    run_cli, keys: Keys, bgm_output: Path, tmp_path: Path
) -> None:
    original = bgm_output / BGM / "van-ban" / "01-to-trinh.pdf"
    first, paged, both = tmp_path / "a.pdf", tmp_path / "a-trang.pdf", tmp_path / "a-trang-b.pdf"
    _sign(run_cli, original, first, keys.signer_p12)
    writer = PdfWriter(first, incremental=True)
    writer.add_blank_page(595, 842)
    writer.write(paged)
    _sign(run_cli, paged, both, keys.unit_p12, "--role", "co-quan")
    page = paged.stat().st_size - first.stat().st_size
    seal = both.stat().st_size - paged.stat().st_size

    done = run_cli("verify", both)

    assert done.code == 1
    # The page's own bytes, not the seal's update after it as well.
    assert f"CHỈ BAO TRÙM MỘT PHẦN: 1 trang được thêm sau khi ký ({page} byte)" in done.out
    assert (
        f"sau đó có thêm nội dung khác không phải chữ ký ({_bytes(page)}), rồi chữ ký của "
        f"{UNIT} ({_bytes(seal)})."
    ) in done.out


def test_a_signing_time_without_a_timestamp_is_said_to_be_the_signers_own(
    run_cli, keys: Keys, bgm_output: Path, tmp_path: Path
) -> None:
    signed = tmp_path / "da-ky.pdf"
    _sign(run_cli, bgm_output / BGM / "van-ban" / "01-to-trinh.pdf", signed, keys.signer_p12)

    done = run_cli("verify", signed)

    line = next(line for line in done.out.splitlines() if line.strip().startswith("1. "))
    assert f"{SIGNER} (" in line and line.endswith(SELF_SAID)


def test_a_timestamped_signature_shows_the_timestamp_authoritys_time(
    run_cli, keys: Keys, bgm_output: Path, tmp_path: Path
) -> None:
    ca = pki.make_ca("CA dấu thời gian thử nghiệm")
    tsa_cert, tsa_key = asn1(tsa_identity(ca))
    stamped_at = dt.datetime.now(dt.UTC).replace(microsecond=0) - dt.timedelta(minutes=20)
    stamper = DummyTimeStamper(tsa_cert, tsa_key, fixed_dt=stamped_at)
    signer = signers.SimpleSigner.load_pkcs12(
        str(keys.signer_p12), passphrase=pki.PASSWORD.encode()
    )
    signed = tmp_path / "co-dau-thoi-gian.pdf"
    source = bgm_output / BGM / "van-ban" / "01-to-trinh.pdf"
    with source.open("rb") as f, signed.open("wb") as out:
        signers.PdfSigner(
            signers.PdfSignatureMetadata(
                field_name="ChuKyNguoiKy", subfilter=fields.SigSeedSubFilter.PADES
            ),
            signer,
            timestamper=stamper,
        ).sign_pdf(IncrementalPdfFileWriter(f, strict=False), output=out)

    done = run_cli("verify", signed)

    said = said_time(vietnam_time(stamped_at))
    assert (
        f"ký lúc {said} (theo dấu thời gian của Dịch vụ cấp dấu thời gian thử nghiệm, "
        "chưa xác minh chứng thư gốc)"
    ) in done.out
    assert SELF_SAID not in done.out
    # The office's roots do not include the timestamp authority's CA: its time is not vouched for.
    checked = run_cli("verify", signed, "--trust", keys.trust)
    assert (
        f"ký lúc {said} (theo dấu thời gian của Dịch vụ cấp dấu thời gian thử nghiệm, nhưng nơi "
        "cấp dấu thời gian không dẫn tới chứng thư gốc tin cậy)"
    ) in checked.out
    # With its CA among the roots, the timestamp's time stands as the signing time.
    roots = tmp_path / "tin-cay"
    shutil.copytree(keys.trust, roots)
    pki.write_cert(ca, roots / "ca-dau-thoi-gian.pem")
    trusted = run_cli("verify", signed, "--trust", roots)
    assert f"ký lúc {said} (theo dấu thời gian của Dịch vụ cấp dấu thời gian thử nghiệm)\n" in (
        trusted.out
    )
