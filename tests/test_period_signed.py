"""A period that asks for signed submissions: each unit's status names its documents that are
unsigned, broken, or signed by someone else than the document's signer."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.period.check import check_period
from pipeline.period.config import load_period
from pipeline.period.signatures import with_signatures
from pipeline.signing.keys import Pkcs12
from pipeline.signing.sign import SignRequest, sign_pdf
from pipeline.signing.trust import load_trust
from pipeline.web.check_cache import VerifyCache
from tests import pki
from tests.pki import Keys
from tests.pki_tsa import local_tsa
from tests.test_signing_tsa import _timestamp_changed

pytestmark = pytest.mark.libreoffice


def _sign(run_cli, source: Path, target: Path, p12: Path) -> Path:
    target.parent.mkdir(exist_ok=True)
    done = run_cli("sign", source, "-o", target, "--p12", p12, "--password", pki.PASSWORD)
    assert done.code == 0, done.out + done.err
    return target


def _signed_period(run_cli, period) -> Path:
    """The example period asking for signed submissions, its units' documents built."""
    folder = period()
    config = folder / "dot-xet.toml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("# signed = true", "signed = true"),
        encoding="utf-8",
    )
    assert run_cli("period", "build", "-q", folder).code == 1  # one example unit has an error
    return folder


def test_the_status_names_unsigned_broken_and_wrongly_signed_documents(
    run_cli, period, keys: Keys, tmp_path: Path
) -> None:
    folder = _signed_period(run_cli, period)
    valid = [r for r in check_period(load_period(folder)).results if r.batch is not None][:3]
    (first, second, third) = valid
    built = folder / "ket-qua" / "don-vi"
    ca = pki.make_ca()

    def to_trinh(result) -> Path:
        return built / result.path.stem / "van-ban" / "01-to-trinh.pdf"

    def own_key(result) -> Path:
        name = result.batch.info.signer.name
        assert name != pki.SIGNER
        identity = pki.issue(ca, name, result.batch.info.unit)
        return pki.write_pkcs12(identity, ca, tmp_path / f"{result.path.stem}.p12")

    # The first unit: its signer signed the Tờ trình; a stray PDF lies beside it, and a copy
    # of the signed Tờ trình changed after signing.
    good = _sign(
        run_cli, to_trinh(first), first.path.with_suffix("") / "to-trinh.pdf", own_key(first)
    )
    data = good.read_bytes()
    at = data.index(b"LibreOffice")
    (good.parent / "zz-hong.pdf").write_bytes(data[:at] + b"l" + data[at + 1 :])
    (first.path.with_suffix("") / "ghi-chu.pdf").write_bytes(
        to_trinh(second).read_bytes().replace(b"LibreOffice", b"libreOffice")
    )
    # The second: signed by someone else. The third: signed by its signer, then changed.
    _sign(run_cli, to_trinh(second), second.path.with_suffix("") / "tt.pdf", keys.signer_p12)
    changed = _sign(run_cli, to_trinh(third), third.path.with_suffix("") / "tt.pdf", own_key(third))
    data = changed.read_bytes()
    at = data.index(b"LibreOffice")
    changed.write_bytes(data[:at] + b"l" + data[at + 1 :])

    done = run_cli("period", "check", "--json", folder)
    assert done.code == 1  # documents unsigned or broken: the period cannot be consolidated
    units = {Path(u["file"]).stem: u for u in json.loads(done.out)["units"] if u["file"]}
    signing = {r.path.stem: units[r.path.stem]["signing"] for r in valid}
    assert {units[r.path.stem]["status_label"] for r in valid} == {"chưa ký đủ"}
    assert units[first.path.stem]["errors"] == len(signing[first.path.stem])
    assert not any(p.startswith("Tờ trình") for p in signing[first.path.stem])
    signer = first.batch.info.signer.name
    assert (
        f"zz-hong.pdf: một bản khác của Tờ trình, chữ ký của {signer} bị hỏng; hãy bỏ tệp này"
        in signing[first.path.stem]
    )
    assert "ghi-chu.pdf: không khớp với văn bản nào của đơn vị" in signing[first.path.stem]
    assert "Danh sách kèm theo Tờ trình: chưa ký số" in signing[first.path.stem]
    wrong = f"Tờ trình (tt.pdf): ký bởi {pki.SIGNER}, không phải người ký {second.batch.info.signer.name}"
    assert wrong in signing[second.path.stem]
    broken = f"Tờ trình (tt.pdf): chữ ký của {third.batch.info.signer.name} bị hỏng"
    assert broken in signing[third.path.stem]
    text = run_cli("period", "check", folder).out
    assert "Văn bản đã ký số của các đơn vị:" in text and f"    - {wrong}" in text
    assert f" (bản đã ký đặt vào {second.path.with_suffix('')}/):\n    - {wrong}" in text
    assert "chưa ký đủ" in text


def _sign_all(unit, folder: Path, p12: Path) -> None:
    """Every document of a unit's last build signed with one key, put where the unit puts them."""
    inbox = unit.path.with_suffix("")
    inbox.mkdir()
    built = folder / "ket-qua" / "don-vi" / unit.path.stem / "van-ban"
    for n, pdf in enumerate(sorted(built.rglob("*.pdf"))):
        request = SignRequest("dinh-kem" if "danh-sach" in pdf.name else "nguoi-ky")
        sign_pdf(pdf, inbox / f"{n:02}.pdf", Pkcs12(p12, pki.PASSWORD), request)


def test_with_a_trust_folder_a_signature_from_an_unknown_ca_is_named(
    run_cli, period, tmp_path: Path, keys: Keys
) -> None:
    folder = _signed_period(run_cli, period)
    config = folder / "dot-xet.toml"
    text = config.read_text(encoding="utf-8").replace('# trust = "tin-cay"', 'trust = "tin-cay"')
    config.write_text(text, encoding="utf-8")
    missing = run_cli("period", "check", folder)
    assert missing.code == 1 and f"trust: không có thư mục {folder / 'tin-cay'}" in missing.err
    shutil.copytree(keys.trust, folder / "tin-cay")  # the office trusts the test CA only
    checked = check_period(load_period(folder))
    valid = [u.file for u in checked.units if u.status == "hop-le"]
    trusted, stranger = (next(r for r in checked.results if r.path == f) for f in valid[:2])
    ca = pki.make_ca("CA của đơn vị")  # a CA the office does not know
    name = stranger.batch.info.signer.name
    own = pki.write_pkcs12(pki.issue(ca, name, "Đơn vị"), ca, tmp_path / "la.p12")
    _sign_all(stranger, folder, own)
    _sign_all(trusted, folder, keys.signer_p12)  # the trusted CA, but not its workbook's signer

    done = run_cli("period", "check", "--json", folder)
    rows = {u["file"]: u for u in json.loads(done.out)["units"] if u["file"]}
    problems = rows[str(stranger.path)]["signing"]
    assert re.match(
        rf"Tờ trình \(\d+\.pdf\): chữ ký của {name} không tin cậy \(chứng thư số", problems[0]
    )
    others = rows[str(trusted.path)]["signing"]
    assert not any("không tin cậy" in p for p in others)  # its CA is in the trust folder
    assert any(
        re.match(rf"Tờ trình \(\d+\.pdf\): ký bởi {pki.SIGNER}, không phải", p) for p in others
    )


def test_a_unit_whose_documents_are_all_signed_by_their_signers_is_valid(
    run_cli, period, tmp_path: Path
) -> None:
    folder = _signed_period(run_cli, period)
    checked = check_period(load_period(folder))
    valid = {u.file for u in checked.units if u.status == "hop-le"}
    unit = next(r for r in checked.results if r.path in valid)
    name = unit.batch.info.signer.name
    ca = pki.make_ca()
    p12 = pki.write_pkcs12(pki.issue(ca, name, unit.batch.info.unit), ca, tmp_path / "k.p12")
    _sign_all(unit, folder, p12)

    done = run_cli("period", "check", "--json", folder)
    row = next(u for u in json.loads(done.out)["units"] if u["file"] == str(unit.path))
    assert row["signing"] == [] and row["status_label"] == "hợp lệ", row
    # As the office runs it: no certificate path can be built without a trust folder, and
    # pyHanko logs that with a traceback of its own, which the office must never see.
    command = [sys.executable, "-m", "pipeline.cli", "period", "check", str(folder)]
    alone = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert "hợp lệ" in alone.stdout and alone.stderr == "", alone.stderr
    # The unit sends a corrected workbook: its signed PDFs wait for the next period build.
    from tests.conftest import cell_of, edit

    with edit(unit.path) as wb:
        ws = wb["Cá nhân"]
        ws[cell_of(ws, "Họ và tên", 2)] = "Nguyễn Thị Tâm"
    done = run_cli("period", "check", "--json", folder)
    row = next(u for u in json.loads(done.out)["units"] if u["file"] == str(unit.path))
    assert row["status_label"] == "chưa ký đủ"
    assert row["signing"] == [
        "tệp Excel của đơn vị đã thay đổi sau lần tạo hồ sơ gần nhất (hoso period build): tạo "
        "lại để đối chiếu văn bản đã ký"
    ]


def test_the_period_pages_verify_a_signed_file_again_only_when_it_changes(
    run_cli, period, tmp_path: Path, keys: Keys
) -> None:
    folder = _signed_period(run_cli, period)
    checked = check_period(load_period(folder))
    unit = next(r for r in checked.results if r.batch is not None)
    ca = pki.make_ca()
    identity = pki.issue(ca, unit.batch.info.signer.name, unit.batch.info.unit)
    _sign_all(unit, folder, pki.write_pkcs12(identity, ca, tmp_path / "k.p12"))
    cache, results = VerifyCache(), folder / "ket-qua"
    assert with_signatures(checked, results, verify=cache) == with_signatures(checked, results)
    signed = sorted(unit.path.with_suffix("").glob("*.pdf"))[0]
    kept = cache(signed, None)
    assert kept is cache(signed, None) and kept.signatures  # kept: not checked again
    trusted = cache(signed, load_trust(keys.trust))  # another trust folder: checked anew
    assert trusted is not kept and trusted.signatures[0].status == "khong-tin-cay"
    data = signed.read_bytes()
    at = data.index(b"LibreOffice")
    signed.write_bytes(data[:at] + b"l" + data[at + 1 :])
    assert cache(signed, None).signatures[0].status == "hong"
    unit_row = next(
        u for u in with_signatures(checked, results, verify=cache).units if u.file == unit.path
    )
    assert any("bị hỏng" in problem for problem in unit_row.signing), unit_row


def test_nothing_of_the_office_is_made_while_documents_are_unsigned(run_cli, period) -> None:
    """Signed submissions asked for, none signed yet: the units' dossiers are made (to be
    signed), the office's consolidated documents are not, and the build says why."""
    folder = _signed_period(run_cli, period)
    done = run_cli("period", "build", folder)
    assert done.code == 1
    assert "Văn bản của cơ quan: chưa tạo vì 3 đơn vị chưa ký đủ (xem trên)" in done.out
    assert list((folder / "ket-qua" / "don-vi").rglob("01-to-trinh.pdf"))
    assert not list(
        (folder / "ket-qua" / "tong-hop").glob("*/van-ban/*.pdf")
    )  # the statistics only


def test_a_document_signed_with_an_expired_certificate_is_named(
    run_cli, period, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import datetime

    folder = _signed_period(run_cli, period)
    unit = next(r for r in check_period(load_period(folder)).results if r.batch is not None)
    name = unit.batch.info.signer.name
    ca = pki.make_ca()
    now, day = datetime.datetime.now(datetime.UTC), datetime.timedelta(days=1)
    old = pki.issue(ca, name, unit.batch.info.unit, (now - 100 * day, now - 10 * day))
    p12 = pki.write_pkcs12(old, ca, tmp_path / "het-han.p12")
    built = folder / "ket-qua" / "don-vi" / unit.path.stem / "van-ban" / "01-to-trinh.pdf"
    # Signed by a tool that does not check the certificate's dates (hoso sign refuses).
    monkeypatch.setattr("pipeline.signing.sign.validity_problem", lambda cert, moment: None)
    _sign(run_cli, built, unit.path.with_suffix("") / "tt.pdf", p12)
    monkeypatch.undo()
    done = run_cli("period", "check", "--json", folder)
    row = next(u for u in json.loads(done.out)["units"] if u["file"] == str(unit.path))
    said = f"Tờ trình (tt.pdf): chữ ký của {name} dùng chứng thư số đã hết hạn khi ký"
    assert said in row["signing"], row["signing"]


def test_a_document_whose_timestamp_was_changed_after_signing_is_named(
    run_cli, period, tmp_path: Path
) -> None:
    folder = _signed_period(run_cli, period)
    unit = next(r for r in check_period(load_period(folder)).results if r.batch is not None)
    name = unit.batch.info.signer.name
    ca = pki.make_ca()
    p12 = pki.write_pkcs12(pki.issue(ca, name, unit.batch.info.unit), ca, tmp_path / "k.p12")
    built = folder / "ket-qua" / "don-vi" / unit.path.stem / "van-ban" / "01-to-trinh.pdf"
    signed = unit.path.with_suffix("") / "tt.pdf"
    signed.parent.mkdir()
    with local_tsa(pki.make_ca("CA dấu thời gian thử nghiệm")) as url:
        done = run_cli(
            "sign", built, "-o", signed, "--p12", p12, "--password", pki.PASSWORD, "--tsa", url
        )
    assert done.code == 0, done.out + done.err
    signed.write_bytes(_timestamp_changed(signed.read_bytes()))

    done = run_cli("period", "check", "--json", folder)

    row = next(u for u in json.loads(done.out)["units"] if u["file"] == str(unit.path))
    said = (
        f"Tờ trình (tt.pdf): chữ ký của {name} có dấu thời gian bị hỏng (đã bị thay đổi hoặc "
        "không phải của chữ ký này)"
    )
    assert said in row["signing"], row["signing"]


def test_a_signed_pdf_dropped_into_a_unit_s_results_is_taken_back_by_period_build(
    run_cli, period, keys: Keys
) -> None:
    """As `hoso build` does for its folders: even a forced rebuild keeps it with its document."""
    folder = _signed_period(run_cli, period)
    unit = next((folder / "ket-qua" / "don-vi").glob("*/manifest.json")).parent
    _sign(run_cli, unit / "van-ban" / "01-to-trinh.pdf", unit / "da-ky" / "tt.pdf", keys.signer_p12)
    done = run_cli("period", "build", "--force", folder)
    kept = unit / "da-ky" / "van-ban" / "01-to-trinh.pdf"
    assert f"✓ {unit / 'da-ky' / 'tt.pdf'} → {unit.name}/da-ky/van-ban/01-to-trinh.pdf" in done.out
    assert kept.is_file() and not (unit / "da-ky" / "cu").exists()
    assert "không còn khớp" not in done.out


def test_a_signed_pdf_dropped_into_the_office_s_results_is_taken_back_by_period_build(
    run_cli, period, keys: Keys
) -> None:
    """The office signs its own Tờ trình tổng hợp as the units sign theirs: dropped into its
    da-ky/, the next period build takes it back and keeps it with its document."""
    folder = period()
    run_cli("period", "build", "-q", folder)  # one example unit has an error: exit code 1
    office = next((folder / "ket-qua" / "tong-hop").glob("*/manifest.json")).parent
    dropped = office / "da-ky" / "tt.pdf"
    _sign(run_cli, office / "van-ban" / "01-to-trinh.pdf", dropped, keys.signer_p12)
    done = run_cli("period", "build", folder)
    assert f"✓ {dropped} → {office.name}/da-ky/van-ban/01-to-trinh.pdf" in done.out, done.out
    assert (office / "da-ky" / "van-ban" / "01-to-trinh.pdf").is_file() and not dropped.exists()
    assert "không còn khớp" not in done.out
