"""`hoso signed add --trust`: a signed file whose signer the office's trust folder does not vouch
for is taken back (it is the office's document, signed) with a warning at the file saying why;
one signed with a revoked certificate is refused, as one signed with an expired certificate is."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests import pki
from tests.conftest import batch_of
from tests.pki import SIGNER, Keys

pytestmark = pytest.mark.libreoffice


@pytest.fixture
def folder(bgm_copy: Path) -> Path:
    """The built Bù Gia Mập example's output folder, this test's own copy."""
    return bgm_copy


def _signed(run_cli, folder: Path, p12: Path, target: Path) -> Path:
    batch = batch_of(folder)
    source = batch / "van-ban" / "01-to-trinh.pdf"
    done = run_cli("sign", source, "-o", target, "--p12", p12, "--password", pki.PASSWORD)
    assert done.code == 0, done.out + done.err
    return target


def _signed_copy(folder: Path) -> dict | None:
    batch = batch_of(folder)
    manifest = json.loads((batch / "manifest.json").read_text(encoding="utf-8"))
    return next(d for d in manifest["documents"] if d["kind"] == "to-trinh")["signed"]


def test_an_untrusted_signer_is_taken_back_with_a_warning_naming_why(
    run_cli, keys: Keys, folder: Path, tmp_path: Path
) -> None:
    stranger = _signed(run_cli, folder, keys.stranger_p12, tmp_path / "to-trinh-la.pdf")

    done = run_cli("signed", "add", folder, stranger, "--trust", keys.trust)

    assert done.code == 0, done.out + done.err
    lines = done.out.splitlines()
    taken = next(i for i, line in enumerate(lines) if str(stranger) in line)
    assert lines[taken].startswith(f"⚠ {stranger} → ")
    assert lines[taken + 1] == (
        f"  ⚠ chữ ký mang tên {SIGNER} CHƯA TIN CẬY: chứng thư số không dẫn tới chứng thư gốc "
        f"nào trong {keys.trust}, nên chưa xác minh được người ký (ai cũng tự tạo được chứng thư "
        "số mang tên bất kỳ). Nếu người ký dùng chứng thư của tổ chức chứng thực mà cơ quan tin, "
        f"hãy thêm chứng thư gốc của tổ chức đó vào {keys.trust}; nếu không, hãy ký lại bằng "
        "chứng thư số do tổ chức chứng thực cấp."
    )
    assert "Nhận 1 tệp (1 tệp có chữ ký chưa tin cậy, xem ⚠ ở trên), từ chối 0 tệp." in done.out
    assert _signed_copy(folder)["signers"] == [SIGNER]
    # The office's own signer, trusted: taken without a word of doubt.
    trusted = _signed(run_cli, folder, keys.signer_p12, tmp_path / "to-trinh.pdf")
    again = run_cli("signed", "add", folder, trusted, "--trust", keys.trust)
    assert again.code == 0 and f"✓ {trusted} → " in again.out
    assert "CHƯA TIN CẬY" not in again.out


def test_a_revoked_signer_is_refused_and_a_stale_crl_is_said(
    run_cli, keys: Keys, folder: Path, tmp_path: Path
) -> None:
    revoked = _signed(run_cli, folder, keys.revoked_p12, tmp_path / "to-trinh-thu-hoi.pdf")
    with_crl, stale = tmp_path / "tin-cay-crl", tmp_path / "tin-cay-crl-cu"
    for trust, crl in ((with_crl, keys.crl), (stale, keys.stale_crl)):
        shutil.copytree(keys.trust, trust)
        shutil.copy(crl, trust / "ca.crl")

    done = run_cli("signed", "add", folder, revoked, "--trust", with_crl)

    assert done.code == 1
    assert f"✗ {revoked}: từ chối, chữ ký của {SIGNER} dùng chứng thư số đã bị tổ chức chứng " in (
        done.out
    )
    assert (
        f"(theo danh sách thu hồi trong {with_crl}): chữ ký này không có giá trị; hãy ký lại "
        "bằng chứng thư số còn hiệu lực." in done.out
    )
    assert _signed_copy(folder) is None  # nothing recorded, nothing stored
    assert not list(folder.glob("*/da-ky/**/*.pdf"))

    good = _signed(run_cli, folder, keys.signer_p12, tmp_path / "to-trinh.pdf")
    old = run_cli("signed", "add", folder, good, "--trust", stale)
    assert old.code == 0 and f"⚠ {good} → " in old.out
    assert (
        f"  ⚠ chữ ký mang tên {SIGNER}: CHƯA KIỂM TRA ĐƯỢC THU HỒI, danh sách thu hồi (CRL) của "
        f"nơi cấp trong {stale} đã quá hạn cập nhật; hãy tải CRL mới" in old.out
    )
