"""No web page tells its reader to run a command: what the signing stage, the package and the job
queue say to a terminal's user (`hoso build`, `hoso signed add`, `hoso verify`, `hoso worker`,
`--trust`) reaches the clerk as the page's button, or as whom to ask. A real worker builds."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from pipeline.jobs.queue import UNFORESEEN
from pipeline.jobs.steps import CHECK_WORKER
from pipeline.jobs.store import Job, Store
from pipeline.signing.verify import FileCheck, SignatureCheck
from pipeline.signing.verify_texts import file_lines
from pipeline.steps import Advice
from pipeline.web.accounts import add_user
from pipeline.web.builds import folder_of, queue
from pipeline.web.commands import COMMAND, job_text
from pipeline.web.models import Build
from tests import pki
from tests.pki import Keys
from tests.webtools import PASSWORD, UNIT_A, as_read, login, new_proposal, of_unit, upload_file

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.libreoffice,
    pytest.mark.with_worker,
]
# Anything of a terminal: a command of hoso, one of its options, a path of the server.
TERMINAL = re.compile(rf"{COMMAND.pattern}|--(?:trust|no-pdf|force|data|queue)\b|/tmp/")


def _said(page: bytes) -> str:
    """The messages above a page, as a person reads them."""
    boxes = re.findall(r'<div class="msg [^"]*"[^>]*>(.*?)</div>', page.decode(), re.S)
    said = " ".join(as_read(b) for b in boxes)
    assert not TERMINAL.search(said), said
    return said


def _report(download: bytes) -> str:
    """The whole batch's package report in a downloaded ZIP of packages, as Notepad shows it."""
    packages = zipfile.ZipFile(io.BytesIO(download))
    batch = zipfile.ZipFile(io.BytesIO(packages.read("ho-so-tong-hop.zip")))
    return batch.read("ket-qua-kiem-tra.txt").decode("utf-8-sig")


def test_signing_refusals_warnings_and_the_package_report_name_no_command(
    data_dir: Path, example, run_cli, keys: Keys, tmp_path: Path
) -> None:
    add_user("clerk", "van-thu", PASSWORD, UNIT_A)
    clerk = login("clerk")
    pk = new_proposal(clerk)
    own = of_unit(example(), UNIT_A, tmp_path / "de-nghi.xlsx")
    clerk.post(f"/de-nghi/{pk}/tai-len/", {"file": upload_file(own)})
    clerk.post(f"/de-nghi/{pk}/tao-ho-so/")
    build = Build.objects.get()
    assert queue().wait(build.job_id, timeout=900).status == "done"
    papers = folder_of(build) / "de-nghi" / "van-ban"
    signed = tmp_path / "to-trinh-da-ky.pdf"
    done = run_cli(
        "sign", papers / "01-to-trinh.pdf", "-o", signed, "--p12", keys.signer_p12,
        "--password", pki.PASSWORD,
    )  # fmt: skip
    assert done.code == 0, done.err
    # The server's trust folder holds another authority's root: the signer is not vouched for.
    other = pki.make_ca("CA khác")
    (data_dir / "tin-cay").mkdir()
    pki.write_cert(other, data_dir / "tin-cay" / "ca-khac.pem")
    sent = {"tep": [upload_file(signed)]}
    said = _said(clerk.post(f"/ho-so/{build.pk}/da-ky/", sent, follow=True).content)
    assert "to-trinh-da-ky.pdf: đã nhận “Tờ trình”" in said
    assert (
        "hãy báo người quản trị máy chủ thêm chứng thư gốc của tổ chức đó vào thư mục tin cậy "
        "của máy chủ" in said
    ), said

    # The package's report, read by the clerk: what the package is and what to do next.
    (data_dir / "tin-cay" / "ca-khac.pem").unlink()
    (data_dir / "tin-cay").rmdir()
    report = _report(clerk.get(f"/ho-so/{build.pk}/goi-nop.zip").content)
    assert not TERMINAL.search(report), report
    assert "Gói ho-so-tong-hop.zip: hồ sơ tổng hợp, gồm mọi văn bản" in report
    assert "CHƯA NỘP ĐƯỢC GÓI NÀY: còn " in report
    assert "Tải các tệp đã ký lên ở bảng “Ký số” của trang hồ sơ." in report
    assert "✗ 02-danh-sach.pdf (Danh sách kèm theo Tờ trình): CHƯA KÝ SỐ" in report
    assert "✓ 01-to-trinh.pdf (Tờ trình): 1 chữ ký" in report
    assert "chưa xác minh chứng thư gốc (máy chủ hoso chưa có chứng thư gốc tin cậy" in report
    assert "\r\n" in report  # read in Notepad on Windows

    # The server's trust folder with the signer's root and a CRL past its next update: the
    # report asks the administrator for a new CRL (a terminal's user downloads it themself).
    shutil.copytree(keys.trust, data_dir / "tin-cay")
    shutil.copy(keys.stale_crl, data_dir / "tin-cay" / "ca.crl")
    report = _report(clerk.get(f"/ho-so/{build.pk}/goi-nop.zip").content)
    assert (
        "CHƯA KIỂM TRA ĐƯỢC THU HỒI: danh sách thu hồi (CRL) của nơi cấp trong thư mục tin cậy đã "
        "quá hạn cập nhật; hãy báo người quản trị máy chủ tải CRL mới của tổ chức chứng thực vào "
        "thư mục đó" in report
    ), report
    assert not TERMINAL.search(report), report
    shutil.rmtree(data_dir / "tin-cay")

    # A PDF changed on the server since it was made: the package refuses, naming the button.
    (papers / "02-danh-sach.pdf").write_bytes((papers / "02-danh-sach.pdf").read_bytes() + b"\n")
    page = clerk.get(f"/ho-so/{build.pk}/goi-nop.zip", follow=True).content
    assert "Hãy tạo lại bằng nút “Tạo hồ sơ từ phiên bản" in _said(page)

    # The original of a signed file deleted by hand: refused, naming the button.
    (papers / "01-to-trinh.pdf").unlink()
    sent = {"tep": [upload_file(signed)]}
    said = _said(clerk.post(f"/ho-so/{build.pk}/da-ky/", sent, follow=True).content)
    assert "to-trinh-da-ky.pdf: từ chối" in said
    assert "hãy tạo lại bằng nút “Tạo hồ sơ từ phiên bản" in said


def test_a_failed_job_asks_the_administrator_not_to_run_the_worker(tmp_path: Path) -> None:
    said = job_text(UNFORESEEN)
    assert said.endswith("Chi tiết đã ghi vào nhật ký của máy chủ; hãy báo người quản trị máy chủ.")
    # As pipeline.jobs.queue says a worker that died under the job, kept in the jobs' table.
    store = Store(tmp_path / "jobs.sqlite3")
    died = "Máy xử lý bị dừng đột ngột khi đang tạo hồ sơ (3 lần); việc tạo hồ sơ đã dừng. "
    job = store.add(Job("j1", None, "t1", "ho-so", str(tmp_path), "{}"))
    store.save(replace(job, final="failed", message=Advice(died, CHECK_WORKER)))
    kept = store.get("j1")
    assert kept is not None
    assert kept.message == died + "Hãy kiểm tra máy xử lý (hoso worker) rồi tạo lại."
    lost = job_text(kept.message)
    assert (
        lost
        == died + "Hãy tạo lại; nếu vẫn vậy, hãy báo người quản trị máy chủ kiểm tra máy xử lý."
    )
    for text in (said, lost):
        assert not TERMINAL.search(text), text


def _checked(name: str, signature: SignatureCheck) -> tuple[str, ...]:
    """A signed file's lines of a package's report, as pipeline.signing.package has them."""
    return tuple(file_lines(FileCheck(Path("/srv/du-lieu") / name, (signature,)), name))


SIGNED = SignatureCheck(
    field="Signature1",
    signer="Trần Quốc Bảo",
    organisation="",
    time="2026-12-10T09:00:00+07:00",
    intact=True,
    whole_file=True,
    added_after="",
    trusted=None,  # the server has no roots of the office yet
)


def test_a_signed_decision_s_package_is_issued_not_submitted() -> None:
    from pipeline.web.office_signed import OFFICE
    from pipeline.web.package_report import report_text

    # A package's manifest.json as pipeline.signing.package writes it, and its report's lines.
    ok = {"ok": True}
    listing = {
        "package": "ho-so-tong-hop.zip",
        "documents": [
            {"file": "01-quyet-dinh.pdf", "title": "Quyết định khen thưởng – Giấy khen",
             "signed": True, "verification": ok},
            {"file": "02-danh-sach.pdf", "title": "Danh sách kèm theo Quyết định – Giấy khen",
             "signed": True, "verification": ok},
        ],
    }  # fmt: skip
    checked = {"01-quyet-dinh.pdf": _checked("01-quyet-dinh.pdf", SIGNED)}
    said = report_text(listing, checked, OFFICE)
    assert not TERMINAL.search(said), said
    assert "gói sẵn sàng để ban hành." in said and "nộp" not in said.split("TỪNG VĂN BẢN")[0]
    assert (
        "Việc cần làm: gửi nguyên tệp ZIP này (hoặc các tệp PDF trong đó) tới các đơn vị và nơi "
        "nhận ghi trong Quyết định." in said
    )
    assert "✓ 01-quyet-dinh.pdf (Quyết định khen thưởng – Giấy khen): 1 chữ ký" in said
    assert "    1. Trần Quốc Bảo, ký lúc 09:00 ngày 10/12/2026" in said
    assert (
        "       nội dung còn nguyên; chưa xác minh chứng thư gốc (máy chủ hoso chưa có chứng thư "
        "gốc tin cậy của cơ quan để đối chiếu; người quản trị máy chủ thêm được)" in said
    )
    assert "✓ 02-danh-sach.pdf (Danh sách kèm theo Quyết định – Giấy khen): đã ký số" in said


def test_a_timestamp_authority_not_trusted_is_the_administrator_s_to_add() -> None:
    from pipeline.web.office_signed import OFFICE
    from pipeline.web.package_report import report_text

    # The signer vouched for, the timestamp's authority not: a terminal's user adds its root.
    dated = replace(SIGNED, trusted=True, timestamp_by="TSA khác", timestamp_trusted=False)
    lines = _checked("01-quyet-dinh.pdf", dated)
    assert "nếu cơ quan tin nơi cấp này, hãy thêm chứng thư gốc của nó vào thư mục" in lines[2]
    failed = {"ok": False}
    listing = {
        "package": "ho-so-tong-hop.zip",
        "documents": [
            {"file": "01-quyet-dinh.pdf", "title": "Quyết định khen thưởng – Giấy khen",
             "signed": True, "verification": failed},
        ],
    }  # fmt: skip
    said = report_text(listing, {"01-quyet-dinh.pdf": lines}, OFFICE)
    assert not TERMINAL.search(said), said
    assert (
        "DẤU THỜI GIAN KHÔNG TIN CẬY: nơi cấp dấu thời gian không dẫn tới chứng thư gốc nào của "
        "cơ quan, nên thời gian ký chưa được xác nhận (nội dung còn nguyên, chứng thư số của "
        "người ký tin cậy); nếu cơ quan tin nơi cấp này, hãy báo người quản trị máy chủ thêm "
        "chứng thư gốc của nó vào thư mục tin cậy" in said
    ), said
