"""The unit head's confirmation of an individual's Báo cáo thành tích ("THỦ TRƯỞNG ĐƠN VỊ XÁC
NHẬN", left of the reporter's signature): signed in that box with a SoftHSM2 token, sealed by the
unit, then confirmed by the superior; every signature stays valid; refused where there is no box."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.signing.sign import FIELD_NAMES
from tests import pki
from tests.pdf_words import Word, words
from tests.pki import SIGNER, UNIT, Keys
from tests.test_signing import _signature_rects

pytestmark = pytest.mark.libreoffice
BGM = "bu-gia-map-cds-2022-2025"
TOKEN = ("--pkcs11", pki.SOFTHSM_MODULE, "--token", "hoso-token", "--key-label", "hoso-token")


@pytest.fixture(scope="module")
def built(bgm_output: Path) -> Path:
    """Bù Gia Mập's example built with real LibreOffice (this module's copy)."""
    return bgm_output / BGM


def _sign(run_cli, source: Path, target: Path, p12: Path, *extra: str | Path):
    return run_cli("sign", source, "-o", target, "--p12", p12, "--password", pki.PASSWORD, *extra)


def _overlaps(rect: list[float], word: Word) -> bool:
    left, bottom, right, top = rect
    return word.left < right and left < word.right and word.low < top and bottom < word.high


def _signed_in_order(run_cli, keys: Keys, report: Path, folder: Path) -> Path:
    """The reporter, the unit head (token) and the unit's seal, the superior and its seal."""
    steps = [
        ("--p12", keys.signer_p12, "--name", "Hà Thị Lan"),
        (*TOKEN, "--pin", "123456", "--role", "thu-truong-xac-nhan", "--image", keys.signature_png),
        ("--p12", keys.unit_p12, "--role", "don-vi-xac-nhan", "--image", keys.seal_png),
        ("--p12", keys.signer_p12, "--role", "xac-nhan"),
        ("--p12", keys.unit_p12, "--role", "xac-nhan-co-quan", "--image", keys.seal_png),
    ]
    source = report
    for number, step in enumerate(steps, start=1):
        target = folder / f"{number}.pdf"
        done = run_cli("sign", source, "-o", target, "--password", pki.PASSWORD, *step)
        assert done.code == 0, done.out + done.err
        source = target
    return source


def test_the_unit_head_confirms_an_individuals_report_in_its_box_before_the_superior(
    run_cli, keys: Keys, built: Path, tmp_path: Path
) -> None:
    [report] = (built / "van-ban" / "bao-cao").glob("*-ha-thi-lan.pdf")
    signed = _signed_in_order(run_cli, keys, report, tmp_path)
    assert signed.read_bytes().startswith(report.read_bytes())  # the report itself untouched
    said = (tmp_path / "2.pdf").read_bytes()  # the token's signature, said in Vietnamese
    assert said.startswith((tmp_path / "1.pdf").read_bytes())

    rects = _signature_rects(signed)
    page, head = rects["ChuKyThuTruongXacNhan"]
    printed = words(report, page)  # what the report prints on that page, before signing
    note = min((w for w in printed if w.text == "(Ký,"), key=lambda w: w.left)  # the box's own note
    superior = [w for w in printed if w.text == "XÁC"][-1]  # XÁC NHẬN CỦA CẤP TRÌNH KHEN THƯỞNG
    _, own = rects["ChuKyNguoiKy"]
    left, bottom, right, top = head
    # In the unit head's box: under its "(Ký, đóng dấu)", above the superior's heading, left of
    # the reporter's signature, level with it, and over no printed word.
    assert (
        superior.high < bottom < top <= note.low and left < note.left < note.right < right < own[0]
    )
    assert abs(bottom - own[1]) < 1 and not [w for w in printed if _overlaps(head, w)]
    assert set(printed) <= set(words(signed, page))  # every word still there, in place
    seal_page, (s_left, _, s_right, _) = rects["ChuKyDonViXacNhan"]
    assert seal_page == page and s_left < left < s_right <= left + (right - left) / 2
    assert rects["ChuKyXacNhan"][1][3] <= superior.low  # the superior's under its own heading

    done = run_cli("verify", "--json", "--trust", keys.trust, signed)
    assert done.code == 0, done.out
    [checked] = json.loads(done.out)["files"]
    assert [(s["signer"], s["status"]) for s in checked["signatures"]] == [
        (SIGNER, "hop-le"),
        (SIGNER, "hop-le"),
        (UNIT, "hop-le"),
        (SIGNER, "hop-le"),
        (UNIT, "hop-le"),
    ]


def test_the_unit_heads_signature_and_seal_are_named_in_vietnamese(
    run_cli, keys: Keys, built: Path, tmp_path: Path
) -> None:
    [report] = (built / "van-ban" / "bao-cao").glob("*-ha-thi-lan.pdf")
    head = tmp_path / "thu-truong.pdf"
    done = run_cli(
        "sign", report, "-o", head, *TOKEN, "--pin", "123456", "--role", "thu-truong-xac-nhan"
    )
    assert done.code == 0, done.out + done.err
    assert f"✓ Đã ký {head}: {SIGNER}" in done.out
    assert "(ô chữ ký xác nhận của thủ trưởng đơn vị)." in done.out
    done = _sign(run_cli, head, tmp_path / "dau.pdf", keys.unit_p12, "--role", "don-vi-xac-nhan")
    assert done.code == 0 and "(ô chữ ký của đơn vị xác nhận, kèm con dấu)." in done.out, done.out
    again = _sign(
        run_cli, head, tmp_path / "lan-2.pdf", keys.signer_p12, "--role", "thu-truong-xac-nhan"
    )
    assert again.code == 1 and "ô chữ ký xác nhận của thủ trưởng đơn vị" in again.err
    assert "tệp này là bản đã ký, không cần ký lại" in again.err  # the same head signed it


def test_the_unit_heads_roles_are_refused_where_there_is_no_unit_heads_box(
    run_cli, keys: Keys, built: Path, tmp_path: Path
) -> None:
    collective = sorted((built / "van-ban" / "bao-cao").glob("*.pdf"))[0]  # a unit's report
    to_trinh = built / "van-ban" / "01-to-trinh.pdf"
    for number, (source, role) in enumerate(
        [(collective, "thu-truong-xac-nhan"), (to_trinh, "don-vi-xac-nhan")]
    ):
        target = tmp_path / f"{number}.pdf"
        done = _sign(run_cli, source, target, keys.unit_p12, "--role", role)
        assert done.code == 1 and "Traceback" not in done.err
        assert f"{source}: Không tìm thấy ô “Thủ trưởng đơn vị xác nhận”" in done.err
        assert "--role nguoi-ky, rồi đóng dấu bằng --role co-quan" in done.err
        assert not target.exists()
    shown = run_cli("sign", "--help").out
    # One line a role, none cut at its hyphens; every role the signing knows is explained.
    assert "  thu-truong-xac-nhan  thủ trưởng đơn vị xác nhận báo cáo của cá nhân\n" in shown
    assert "  don-vi-xac-nhan      con dấu của đơn vị đó, ký sau thủ trưởng\n" in shown
    assert all(f"\n    {role} " in shown for role in FIELD_NAMES)


def test_the_organisations_seal_is_refused_over_an_individual_reporters_signature(
    run_cli, keys: Keys, built: Path, tmp_path: Path
) -> None:
    [report] = (built / "van-ban" / "bao-cao").glob("*-ha-thi-lan.pdf")
    own = tmp_path / "nguoi-bao-cao.pdf"
    assert _sign(run_cli, report, own, keys.signer_p12, "--name", "Hà Thị Lan").code == 0
    sealed = tmp_path / "dong-dau.pdf"
    done = _sign(run_cli, own, sealed, keys.unit_p12, "--role", "co-quan", "--image", keys.seal_png)
    assert done.code == 1 and not sealed.exists()
    assert done.err.strip() == (
        f"Lỗi: {own}: Văn bản này là báo cáo thành tích của cá nhân: người báo cáo không đóng dấu "
        "nên không ký --role co-quan. Con dấu của đơn vị đóng ở ô “Thủ trưởng đơn vị xác nhận”: "
        "--role don-vi-xac-nhan (sau khi thủ trưởng ký --role thu-truong-xac-nhan); con dấu của "
        "cấp trình khen thưởng: --role xac-nhan-co-quan."
    )
