"""What `hoso period build` leaves in the results folder when the period changed for the worse:
documents it can no longer make do not stay where current ones live (hoso's own unsigned files
are removed; a folder holding a signed copy or a file of the user's moves whole into cu/)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from tests import pki
from tests.conftest import cell_of, edit
from tests.pki import Keys
from tests.test_period import IND, units

VI_DU = "vi-du-xa-bu-gia-map-2026"  # decides its Giấy khen: Quyết định, register, certificates


def _copy_person(source: Path, target: Path) -> str:
    """Propose in `target` the first individual of `source` (same name and birth date)."""
    with edit(source) as wb:
        ws = wb[IND]
        row = [ws.cell(2, col).value for col in range(1, ws.max_column + 1)]
        name = ws[cell_of(ws, "Họ và tên", 2)].value
    with edit(target) as wb:
        ws = wb[IND]
        at = ws.max_row + 1
        for col, value in enumerate(row, start=1):
            ws.cell(at, col).value = value
    return name


def _listed(out: Path) -> set[str]:
    """Every path the period manifest lists."""
    data = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    paths = {d["path"] for d in data["documents"]} | {f["path"] for f in data["files"]}
    return paths | {d["pdf"]["path"] for d in data["documents"] if "pdf" in d}


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def built_commune(period, run_cli) -> tuple[Path, Path]:  # type: ignore[no-untyped-def]
    """The commune example period (VI_DU) built with its PDFs: (its folder, the office's batch of
    the Giấy khen it decides)."""
    folder = period(VI_DU)
    run_cli("period", "build", "-q", folder)
    return folder, folder / "ket-qua" / "tong-hop" / "giay-khen-xa"


@pytest.mark.libreoffice
def test_a_period_fallen_into_errors_keeps_no_old_decision_register_or_certificates(
    period, run_cli
) -> None:
    folder = period(VI_DU)
    out, office = folder / "ket-qua", folder / "ket-qua" / "tong-hop"
    run_cli("period", "build", "-q", folder)  # one example unit has errors: exit code 1
    decision = office / "giay-khen-xa" / "van-ban" / "01-quyet-dinh.pdf"
    printed = office / "phoi" / "giay-khen-xa" / "giay-khen.pdf"
    register = office / "so-theo-doi-khen-thuong.xlsx"
    assert decision.is_file() and printed.is_file() and register.is_file()
    first, fourth = units(folder)[0], units(folder)[3]
    name = _copy_person(fourth, first)  # a person of the fourth unit, proposed by the first too

    result = run_cli("period", "build", "-q", folder)

    assert "cũng được Trạm Y tế xã Bù Gia Mập đề nghị" in result.out, result.out
    assert name in result.out
    assert "Văn bản của cơ quan: chưa tạo vì cả đợt còn lỗi (xem trên)." in result.out
    assert not (office / "giay-khen-xa").exists()
    assert not (office / "phoi").exists()
    assert not register.exists()
    assert (office / "thong-ke.xlsx").is_file()  # the statistics of the valid units stay current
    said = next(line for line in result.out.splitlines() if line.startswith("Đã bỏ "))
    assert f"trong {out}/: " in said
    for gone in (
        "tong-hop/giay-khen-xa/",
        "tong-hop/so-theo-doi-khen-thuong.xlsx",
        "tong-hop/phoi/giay-khen-xa/giay-khen.pdf",
    ):
        assert gone in said, said
    assert "hoso tạo lại khi hết lỗi" in said
    assert not (out / "cu").exists()  # nothing signed or of the user's: nothing kept aside
    assert all((out / p).is_file() for p in _listed(out))


def test_a_withdrawn_unit_and_a_unit_with_errors_leave_don_vi(period, run_cli) -> None:
    folder = period(VI_DU)
    built = folder / "ket-qua" / "don-vi"
    run_cli("period", "build", "--no-pdf", "-q", folder)
    first, second = units(folder)[0], units(folder)[1]
    assert (built / first.stem).is_dir() and (built / second.stem).is_dir()
    own = built / "ghi-chu-cua-toi"  # a folder of the user's (no manifest): never touched
    own.mkdir()
    (own / "ghi-chu.txt").write_text("việc cần làm", encoding="utf-8")
    first.unlink()  # the unit withdraws its file
    with edit(second) as wb:  # the other one gets an error
        ws = wb[IND]
        ws[cell_of(ws, "Ngày sinh", 2)] = "31/02/1985"

    result = run_cli("period", "build", "--no-pdf", "-q", folder)

    assert not (built / first.stem).exists()
    assert not (built / second.stem).exists()
    assert (own / "ghi-chu.txt").read_text(encoding="utf-8") == "việc cần làm"
    assert sorted(p.name for p in built.iterdir() if not p.name.startswith(".")) == [
        "04-tram-y-te-xa-bu-gia-map",
        "ghi-chu-cua-toi",
    ]
    said = next(line for line in result.out.splitlines() if line.startswith("Đã bỏ "))
    assert f"don-vi/{first.stem}/" in said and f"don-vi/{second.stem}/" in said
    assert "ghi-chu-cua-toi" not in said
    listed = _listed(folder / "ket-qua")
    assert not any(first.stem in p or second.stem in p for p in listed)


def test_what_holds_a_hand_edit_or_a_users_file_moves_whole_into_cu(period, run_cli) -> None:
    folder = period(VI_DU)
    out = folder / "ket-qua"
    run_cli("period", "build", "--no-pdf", "-q", folder)
    unit = out / "don-vi" / units(folder)[0].stem
    note = unit / "ghi-chu.txt"  # the clerk's note in a unit's folder
    note.write_text("đã gọi điện cho đơn vị", encoding="utf-8")
    register = out / "tong-hop" / "so-theo-doi-khen-thuong.xlsx"
    with edit(register) as wb:  # the register, edited by hand
        wb.active["L2"] = "đã trao"
    edited = _sha(register)
    first, second, _, fourth = units(folder)
    first.unlink()
    _copy_person(fourth, second)  # and the period falls into errors

    result = run_cli("period", "build", "--no-pdf", "-q", folder)

    kept = out / "cu" / "don-vi" / unit.name
    assert not unit.exists()
    assert (kept / "ghi-chu.txt").read_text(encoding="utf-8") == "đã gọi điện cho đơn vị"
    assert (kept / "van-ban" / "01-to-trinh.docx").is_file()  # whole, as it was
    assert not register.exists()
    assert _sha(out / "cu" / "tong-hop" / "so-theo-doi-khen-thuong.xlsx") == edited
    assert not (out / "tong-hop" / "giay-khen-xa").exists()  # hoso's own: removed
    moved = next(line for line in result.out.splitlines() if line.startswith("⚠ Đã chuyển vào"))
    assert f"⚠ Đã chuyển vào {out / 'cu'}/ (không xóa" in moved
    assert f"don-vi/{unit.name}/ → cu/don-vi/{unit.name}/" in moved
    assert (
        "tong-hop/so-theo-doi-khen-thuong.xlsx → cu/tong-hop/so-theo-doi-khen-thuong.xlsx" in moved
    )
    assert "Đừng in, ký hay gửi văn bản trong đó." in moved

    # The same again later: the earlier copy stays, the new one takes the next free name.
    with edit(second) as wb:
        ws = wb[IND]
        ws.delete_rows(ws.max_row)
    run_cli("period", "build", "--no-pdf", "-q", folder)
    with edit(register) as wb:
        wb.active["L2"] = "đã trao lần hai"
    _copy_person(fourth, second)
    run_cli("period", "build", "--no-pdf", "-q", folder)
    assert _sha(out / "cu" / "tong-hop" / "so-theo-doi-khen-thuong.xlsx") == edited
    assert (out / "cu" / "tong-hop" / "so-theo-doi-khen-thuong-2.xlsx").is_file()


@pytest.mark.libreoffice
def test_a_signed_decision_of_a_period_fallen_into_errors_moves_unaltered_into_cu(
    period, run_cli, keys: Keys, tmp_path: Path
) -> None:
    folder, office = built_commune(period, run_cli)
    out = folder / "ket-qua"
    signed = tmp_path / "quyet-dinh-da-ky.pdf"
    done = run_cli(
        "sign",
        office / "van-ban" / "01-quyet-dinh.pdf",
        "-o",
        signed,
        "--p12",
        keys.signer_p12,
        "--password",
        pki.PASSWORD,
    )
    assert done.code == 0, done.err
    assert run_cli("signed", "add", office, signed).code == 0
    copy = office / "da-ky" / "van-ban" / "01-quyet-dinh.pdf"
    digest = _sha(copy)
    _copy_person(units(folder)[3], units(folder)[0])

    result = run_cli("period", "build", "-q", folder)

    assert not office.exists()
    kept = out / "cu" / "tong-hop" / "giay-khen-xa"
    assert _sha(kept / "da-ky" / "van-ban" / "01-quyet-dinh.pdf") == digest
    assert "tong-hop/giay-khen-xa/ → cu/tong-hop/giay-khen-xa/" in result.out
    assert "vì có bản đã ký" in result.out


def test_the_office_page_is_told_which_units_failed_and_what_left_the_results(period) -> None:
    # The web runs period builds as jobs; their message is what the office reads on its page.
    from pipeline.build import BuildOptions
    from pipeline.jobs.task import period_message
    from pipeline.period.build import build_period
    from pipeline.period.config import load_period

    folder = period(VI_DU)
    options = BuildOptions(out_dir=folder / "ket-qua", pdf=False)
    first = build_period(load_period(folder), options)
    assert period_message(first).splitlines() == [
        "Có đơn vị còn lỗi (Phòng Kinh tế xã Bù Gia Mập): văn bản của họ chưa tạo."
    ]
    _copy_person(units(folder)[3], units(folder)[0])
    again = build_period(load_period(folder), options)
    said = period_message(again).splitlines()
    assert said[1] == "Văn bản của cơ quan chưa tạo: xem lỗi của đợt trên trang này."
    # Named from the root of what the office downloads, never by the run's folder.
    assert said[2].startswith(
        "Đã bỏ văn bản cũ không còn đúng mà lần này không tạo lại: tong-hop/giay-khen-xa/; "
    ), said[2]
    assert "ket-qua" not in said[2]
    assert str(folder) not in period_message(again)  # no server path on the office's page
