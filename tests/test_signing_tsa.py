"""`hoso sign --tsa URL` asks a timestamp authority (RFC 3161, over HTTP) to date the signature,
so that its time is vouched for rather than the signer's machine's own; a TSA that cannot be
reached or refuses is said in Vietnamese, naming its URL, and nothing is written."""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader

from pipeline.signing.appearance import said_time, vietnam_time
from tests import pki
from tests.conftest import Run
from tests.pki import SIGNER, Keys
from tests.pki_tsa import TSA_NAME, answering, closed_port_url, local_tsa
from tests.test_signing import _actual_texts

pytestmark = pytest.mark.libreoffice
BGM = "bu-gia-map-cds-2022-2025"
SELF_SAID = "giờ do máy của người ký tự ghi"


@pytest.fixture(scope="module")
def tsa_ca() -> pki.Identity:
    """The CA of the test's timestamp authority."""
    return pki.make_ca("CA dấu thời gian thử nghiệm")


def _sign(run_cli, keys: Keys, output: Path, target: Path, tsa: str):
    """`hoso sign --tsa TSA` of the Tờ trình in the built example `output`, written to `target`."""
    source = output / BGM / "van-ban" / "01-to-trinh.pdf"
    return run_cli(
        "sign",
        source,
        "-o",
        target,
        "--p12",
        keys.signer_p12,
        "--password",
        pki.PASSWORD,
        "--tsa",
        tsa,
    )


def _stamped(
    run_cli,
    keys: Keys,
    output: Path,
    tsa_ca: pki.Identity,
    target: Path,
    at: dt.datetime | None = None,
) -> Run:
    """`_sign` with a local TSA of `tsa_ca` (dating at `at`, else now); it must succeed."""
    with local_tsa(tsa_ca, at) as url:
        done = _sign(run_cli, keys, output, target, url)
    assert done.code == 0, done.out + done.err
    return done


def _behind() -> dt.datetime:
    """A TSA's time 7 minutes behind this machine's clock (whole seconds): the signature's time
    is the authority's, told apart from the machine's."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0) - dt.timedelta(minutes=7)


def _roots(keys: Keys, tsa_ca: pki.Identity, tmp_path: Path) -> Path:
    """A trust folder holding the office's roots and the test TSA's CA."""
    roots = tmp_path / "tin-cay"
    shutil.copytree(keys.trust, roots)
    pki.write_cert(tsa_ca, roots / "ca-dau-thoi-gian.pem")
    return roots


def test_a_signature_dated_by_a_timestamp_authority_shows_its_time_and_name(
    run_cli, keys: Keys, bgm_output: Path, tsa_ca: pki.Identity, tmp_path: Path
) -> None:
    stamped_at = _behind()
    signed = tmp_path / "da-ky.pdf"
    done = _stamped(run_cli, keys, bgm_output, tsa_ca, signed, stamped_at)
    said = said_time(vietnam_time(stamped_at))
    assert f"✓ Đã ký {signed}: {SIGNER}" in done.out
    assert f"Dấu thời gian của {TSA_NAME}: {said}." in done.out
    roots = _roots(keys, tsa_ca, tmp_path)

    checked = run_cli("verify", signed, "--trust", roots)

    assert checked.code == 0, checked.out
    assert f"ký lúc {said} (theo dấu thời gian của {TSA_NAME})\n" in checked.out
    assert SELF_SAID not in checked.out


def test_a_timestamp_by_an_authority_the_office_does_not_trust_fails_the_check(
    run_cli, keys: Keys, bgm_output: Path, tsa_ca: pki.Identity, tmp_path: Path
) -> None:
    signed = tmp_path / "da-ky.pdf"
    _stamped(run_cli, keys, bgm_output, tsa_ca, signed)  # its CA is not in the office's roots

    checked = run_cli("verify", signed, "--trust", keys.trust)

    assert checked.code == 1, checked.out
    assert checked.out.startswith(f"✗ {signed}: 1 chữ ký\n")
    assert (
        f"(theo dấu thời gian của {TSA_NAME}, nhưng nơi cấp dấu thời gian không dẫn tới chứng "
        "thư gốc tin cậy)\n"
    ) in checked.out
    assert (
        "   DẤU THỜI GIAN KHÔNG TIN CẬY: nơi cấp dấu thời gian không dẫn tới chứng thư gốc nào "
        "của cơ quan, nên thời gian ký chưa được xác nhận (nội dung còn nguyên, chứng thư số của "
        "người ký tin cậy); nếu cơ quan tin nơi cấp này, hãy thêm chứng thư gốc của nó vào thư "
        "mục tin cậy; chưa kiểm tra thu hồi"
    ) in checked.out
    assert checked.out.rstrip().endswith("1 tệp, 1 tệp có vấn đề.")
    as_json = run_cli("verify", "--json", signed, "--trust", keys.trust)
    [file] = json.loads(as_json.out)["files"]
    assert as_json.code == 1 and not file["ok"]
    assert [(s["trusted"], s["timestamp_trusted"], s["status"]) for s in file["signatures"]] == [
        (True, False, "dau-thoi-gian-khong-tin-cay")
    ]


def _timestamp_changed(data: bytes) -> bytes:
    """The file with one hex digit of its timestamp token's own signature changed: the bytes the
    signer signed stay as they were (the token lies in /Contents, outside them)."""
    [signature] = PdfFileReader(io.BytesIO(data)).embedded_signatures
    token = signature.signed_data["signer_infos"][0]["unsigned_attrs"][0]["values"][0]
    sealed = token["content"]["signer_infos"][0]["signature"].native.hex().encode()
    at = data.lower().index(sealed[:40]) + 10
    return data[:at] + (b"1" if data[at : at + 1] == b"0" else b"0") + data[at + 1 :]


def test_a_timestamp_changed_after_signing_fails_the_check_with_or_without_roots(
    run_cli, keys: Keys, bgm_output: Path, tsa_ca: pki.Identity, tmp_path: Path
) -> None:
    signed, changed = tmp_path / "da-ky.pdf", tmp_path / "sua-dau-thoi-gian.pdf"
    _stamped(run_cli, keys, bgm_output, tsa_ca, signed)
    changed.write_bytes(_timestamp_changed(signed.read_bytes()))
    roots = _roots(keys, tsa_ca, tmp_path)
    assert run_cli("verify", signed, "--trust", roots).code == 0  # as signed, it passes

    for extra in ((), ("--trust", roots)):
        checked = run_cli("verify", changed, *extra)

        assert checked.code == 1, checked.out
        assert checked.out.startswith(f"✗ {changed}: 1 chữ ký\n")
        assert (
            "(giờ do máy của người ký tự ghi, chưa được xác nhận: dấu thời gian kèm theo bị hỏng)\n"
        ) in checked.out
        assert (
            "   DẤU THỜI GIAN HỎNG: dấu thời gian kèm chữ ký đã bị thay đổi hoặc không phải của chữ "
            "ký này, nên thời gian ký chỉ là giờ máy của người ký tự ghi (nội dung đã ký còn "
            "nguyên)\n"
        ) in checked.out
        assert TSA_NAME not in checked.out


def test_the_stamp_on_the_page_prints_the_authoritys_time_not_this_machines_clock(
    run_cli, keys: Keys, bgm_output: Path, tsa_ca: pki.Identity, tmp_path: Path
) -> None:
    stamped_at = _behind()
    signed = tmp_path / "da-ky.pdf"
    done = _stamped(run_cli, keys, bgm_output, tsa_ca, signed, stamped_at)

    shown = _actual_texts(signed, "ChuKyNguoiKy")
    assert shown == [f"Ký bởi: {SIGNER}", f"Thời gian ký: {vietnam_time(stamped_at)}"]
    said = said_time(vietnam_time(stamped_at))
    assert f"✓ Đã ký {signed}: {SIGNER}, lúc {said}, trang " in done.out
    checked = run_cli("verify", "--json", signed)
    [signature] = json.loads(checked.out)["files"][0]["signatures"]
    assert signature["time"] == vietnam_time(stamped_at)


def test_an_unreachable_timestamp_authority_is_named_and_nothing_is_written(
    run_cli, keys: Keys, bgm_output: Path, tmp_path: Path
) -> None:
    signed, url = tmp_path / "da-ky.pdf", closed_port_url()

    done = _sign(run_cli, keys, bgm_output, signed, url)

    assert done.code == 1
    assert done.err.startswith(f"Lỗi: Không xin được dấu thời gian từ {url}: không kết nối được")
    assert "chưa ký, không ghi tệp nào" in done.err
    assert "Traceback" not in done.err + done.out
    assert not signed.exists()
    assert list(tmp_path.iterdir()) == []


def test_a_refusing_timestamp_authority_is_named_and_nothing_is_written(
    run_cli, keys: Keys, bgm_output: Path, tsa_ca: pki.Identity, tmp_path: Path
) -> None:
    signed = tmp_path / "da-ky.pdf"
    with local_tsa(tsa_ca, refuse=True) as url:
        done = _sign(run_cli, keys, bgm_output, signed, url)

    assert done.code == 1
    assert done.err.startswith(
        f"Lỗi: Không xin được dấu thời gian từ {url}: nơi cấp dấu thời gian từ chối yêu cầu"
    )
    assert "Traceback" not in done.err + done.out
    assert not signed.exists()


def test_a_timestamp_address_that_is_not_a_web_address_is_refused_before_signing(
    run_cli, keys: Keys, bgm_output: Path, tmp_path: Path
) -> None:
    signed = tmp_path / "da-ky.pdf"

    done = _sign(run_cli, keys, bgm_output, signed, "tsa")

    assert done.code != 0
    assert "--tsa" in done.err and "http://" in done.err
    assert not signed.exists()


@contextmanager
def _web_page(status: int) -> Iterator[str]:
    """A local web server that is no timestamp authority: every request gets an HTML page."""
    with answering(status, "text/html", lambda _: b"<html><body>Not a TSA</body></html>") as url:
        yield url


@pytest.mark.parametrize(
    ("status", "why"),
    [
        (404, "máy chủ trả lời lỗi HTTP 404"),
        (200, "câu trả lời không phải dấu thời gian hợp lệ (địa chỉ có đúng là của nơi cấp"),
    ],
)
def test_a_web_address_that_is_no_timestamp_authority_is_said_as_such(
    run_cli, keys: Keys, bgm_output: Path, tmp_path: Path, status: int, why: str
) -> None:
    signed = tmp_path / "da-ky.pdf"
    with _web_page(status) as url:
        done = _sign(run_cli, keys, bgm_output, signed, url)

    assert done.code == 1
    assert done.err.startswith(f"Lỗi: Không xin được dấu thời gian từ {url}: {why}")
    assert "Traceback" not in done.err + done.out
    assert not signed.exists()
