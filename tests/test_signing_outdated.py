"""Signed copies of a folder a period build moved to cu/ (the period fell into errors) come back
when the period is right again: with the documents that say the same, never with a changed one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests import pki
from tests.conftest import cell_of, edit
from tests.pki import Keys
from tests.test_period import IND, units
from tests.test_period_output import _copy_person, _sha, built_commune

pytestmark = pytest.mark.libreoffice


def _documents(folder: Path) -> dict[str, dict]:
    data = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    return {d["kind"]: d for d in data["documents"]}


def test_signed_copies_set_aside_with_a_period_in_errors_come_back_when_it_is_right_again(
    period, run_cli, keys: Keys, tmp_path: Path
) -> None:
    folder, office = built_commune(period, run_cli)
    out = folder / "ket-qua"
    signed = {}
    for kind, doc in _documents(office).items():
        target = tmp_path / f"{kind}-da-ky.pdf"
        done = run_cli(
            "sign", office / doc["pdf"]["path"], "-o", target, "--p12", keys.signer_p12,
            "--password", pki.PASSWORD, *(["--role", "dinh-kem"] if kind == "danh-sach-quyet-dinh" else []),
        )  # fmt: skip
        assert done.code == 0, done.out + done.err
        signed[kind] = target
    assert run_cli("signed", "add", office, *signed.values()).code == 0
    first, fourth = units(folder)[0], units(folder)[3]
    _copy_person(fourth, first)
    assert run_cli("period", "build", "-q", folder).code == 1
    assert not office.exists()
    with edit(first) as wb:  # the error mended; a position changed on the way
        ws = wb[IND]
        ws.delete_rows(ws.max_row)
        ws[cell_of(ws, "Chức vụ", 2)] = "Trưởng phòng"

    result = run_cli("period", "build", "-q", folder)

    assert f"Văn bản của cơ quan → {office} " in result.out, result.out + result.err
    documents = _documents(office)
    decision = documents["quyet-dinh"]  # says the same: its signature holds
    assert (office / decision["signed"]["path"]).read_bytes() == signed["quyet-dinh"].read_bytes()
    assert documents["danh-sach-quyet-dinh"]["signed"] is None  # a position changed: signed again
    aside = {
        a["title"]: a["path"]
        for a in json.loads((office / "manifest.json").read_text(encoding="utf-8"))["set_aside"]
    }
    listed = documents["danh-sach-quyet-dinh"]["title"]
    assert (office / aside[listed]).read_bytes() == signed["danh-sach-quyet-dinh"].read_bytes()
    assert aside[listed].startswith("da-ky/cu/")
    earlier = out / "cu" / "tong-hop" / "giay-khen-xa" / "da-ky" / "van-ban"
    assert _sha(earlier / "01-quyet-dinh.pdf") == _sha(signed["quyet-dinh"])  # left as it was
    lines = result.out.splitlines()
    back = next(line for line in lines if line.startswith("✓ Đã lấy lại từ"))
    assert f"tong-hop/giay-khen-xa/: {decision['title']}." in back
    again = next(line for line in lines if line.startswith("⚠ Bản đã ký trong"))
    assert f"Cần ký lại, trong {out}/: tong-hop/giay-khen-xa/: {listed}" in again

    quiet = run_cli("period", "build", "-q", folder)  # said once, kept after

    assert "Đã lấy lại" not in quiet.out and "Cần ký lại" not in quiet.out
    assert _documents(office)["quyet-dinh"]["signed"] == decision["signed"]

    # The list signed again; then the period falls into errors and is mended once more: both
    # signed copies come back, and the list's older copy (still in cu/) is no longer asked for.
    resigned = tmp_path / "danh-sach-lan-2.pdf"
    source = office / documents["danh-sach-quyet-dinh"]["pdf"]["path"]
    done = run_cli(
        "sign", source, "-o", resigned, "--p12", keys.signer_p12, "--password", pki.PASSWORD,
        "--role", "dinh-kem",
    )  # fmt: skip
    assert done.code == 0 and run_cli("signed", "add", office, resigned).code == 0
    _copy_person(fourth, first)
    assert run_cli("period", "build", "-q", folder).code == 1
    with edit(first) as wb:
        wb[IND].delete_rows(wb[IND].max_row)

    mended = run_cli("period", "build", "-q", folder)

    documents = _documents(office)
    assert documents["danh-sach-quyet-dinh"]["signed"]["sha256"] == _sha(resigned)
    assert documents["quyet-dinh"]["signed"]["sha256"] == _sha(signed["quyet-dinh"])
    assert "Cần ký lại" not in mended.out, mended.out
    back = next(line for line in mended.out.splitlines() if line.startswith("✓ Đã lấy lại từ"))
    assert f"{decision['title']}, {listed}." in back
