"""Signed PDFs in the web app: uploaded back to a build, shown, packaged, handed to a signed period,
and the office's page saying which units are not fully signed. A real worker builds."""

from __future__ import annotations

import html
import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from django.conf import settings

from pipeline.period.config import load_period
from pipeline.web.accounts import add_user
from pipeline.web.builds import folder_of, queue
from pipeline.web.demo import add_period
from pipeline.web.models import AuditEntry, Build
from tests import pki
from tests.pki import SIGNER, Keys
from tests.webtools import (
    PASSWORD,
    login,
    new_proposal,
    of_unit,
    office_login,
    statuses,
    upload_file,
)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.libreoffice,
    pytest.mark.with_worker,
]


def _signed_period(data_dir: Path):
    """The example period, asking for signed PDFs; the unit that has sent nothing."""
    period = add_period("vi-du", "bu-gia-map-cds-2022-2025", None, example=True)
    folder = load_period(data_dir / period.folder)
    config = folder.config_path
    config.write_text(
        config.read_text(encoding="utf-8").replace("# signed = true", "signed = true"),
        encoding="utf-8",
    )
    sent = {p.name for p in folder.units_dir.glob("*.xlsx")}
    missing = next(u for u in folder.config.units if u.file not in sent)
    return load_period(data_dir / period.folder), missing


def test_a_clerk_uploads_signed_pdfs_sees_them_and_submits_them_to_a_signed_period(
    data_dir: Path, example, run_cli, keys: Keys, tmp_path: Path
) -> None:
    folder, missing = _signed_period(data_dir)
    add_user("clerk", "van-thu", PASSWORD, missing.name)
    add_user("other", "van-thu", PASSWORD, folder.config.units[0].name)
    add_user("office", "thi-dua", PASSWORD)
    clerk, other, office = login("clerk"), login("other"), login("office")
    pk = new_proposal(clerk)
    own = of_unit(example(), missing.name, tmp_path / "cua-don-vi.xlsx")
    clerk.post(f"/de-nghi/{pk}/tai-len/", {"file": upload_file(own, "de-nghi.xlsx")})
    clerk.post(f"/de-nghi/{pk}/tao-ho-so/")
    build = Build.objects.get()
    assert queue().wait(build.job_id, timeout=900).status == "done"
    page = clerk.get(f"/ho-so/{build.pk}/").content.decode()
    assert "Tải lên văn bản đã ký số" in page and "đã ký số</span>" not in page
    # The package is offered with what it would hold today: every document still unsigned.
    count = re.search(r"Còn (\d+)/(\d+) văn bản chưa ký số:</strong> gói tải lúc này có cả", page)
    assert count and count[1] == count[2], page
    step = html.unescape(page.split('id="buoc-tiep">', 1)[1].split("<a ", 1)[0])
    assert step.startswith(
        "Bước tiếp theo: xem trước các trang, ký số từng văn bản ở bảng “Ký số” dưới đây (đợt xét "
        "yêu cầu văn bản đã ký số), rồi nộp phiên bản 1 cho đợt “"
    ), step

    to_trinh = folder_of(build) / "de-nghi" / "van-ban" / "01-to-trinh.pdf"
    signed = tmp_path / "to-trinh-da-ky.pdf"
    done = run_cli(
        "sign", to_trinh, "-o", signed, "--p12", keys.signer_p12, "--password", pki.PASSWORD
    )
    assert done.code == 0, done.err
    unsigned = (folder_of(build) / "de-nghi" / "van-ban" / "02-danh-sach.pdf").read_bytes()
    # Another unit's clerk cannot reach this build's signed files, by any guessed address.
    for client in (other, office):
        sent = {"tep": [upload_file(signed)]}
        assert client.post(f"/ho-so/{build.pk}/da-ky/", sent).status_code == 404
    assert other.get(f"/ho-so/{build.pk}/goi-nop.zip").status_code == 404
    files = [
        upload_file(signed, "Tờ trình đã ký.pdf"),
        _named(unsigned, "danh-sach.pdf"),
        _named(b"khong phai PDF", "ghi-chu.pdf"),
        _named(b"", "rong.pdf"),
    ]

    shown = clerk.post(f"/ho-so/{build.pk}/da-ky/", {"tep": files}, follow=True).content.decode()

    # All or nothing: the good file waits until the wrong ones are left out.
    assert "Tờ trình đã ký.pdf: tệp hợp lệ nhưng chưa nhận, vì có tệp khác bị từ chối" in shown
    assert (
        "danh-sach.pdf: từ chối, là “Danh sách kèm theo Tờ trình” nhưng chưa có chữ ký số" in shown
    )
    assert "ghi-chu.pdf: từ chối," in shown and "Traceback" not in shown
    assert "rong.pdf: từ chối, tệp rỗng." in shown
    assert "đã ký số</span>" not in shown.split("<td>Tờ trình</td>")[1].split("</tr>")[0]
    files = [upload_file(signed, "Tờ trình đã ký.pdf")]
    landed = clerk.post(f"/ho-so/{build.pk}/da-ky/", {"tep": files}, follow=True)
    shown = landed.content.decode()
    # Back to the page's “Ký số” part, where the form is: the message is drawn there, once.
    assert landed.redirect_chain[-1][0] == f"/ho-so/{build.pk}/#ky-so-ho-so"
    part = shown.split('<section id="ky-so-ho-so">')[1].split("</section>")[0]
    assert f"Tờ trình đã ký.pdf: đã nhận “Tờ trình”, ký bởi {SIGNER}." in part
    assert shown.count("Tờ trình đã ký.pdf: đã nhận") == 1
    row = shown.split("<td>Tờ trình</td>")[1].split("</tr>")[0]
    assert "đã ký số</span>" in row and SIGNER in row
    assert f"Còn {int(count[2]) - 1}/{count[2]} văn bản chưa ký số:" in shown
    _downloads_the_signed_copy(clerk, other, office, build, row, shown, signed)
    logged = AuditEntry.objects.filter(action="tai-len-da-ky").values_list("detail", flat=True)
    assert len(logged) == 5 and sum("từ chối" in d for d in logged) == 3
    assert not list((data_dir / "da-ky-tam").iterdir())  # nothing left of the upload
    many = [_named(b"%PDF-1.4", f"{i}.pdf") for i in range(settings.MAX_UPLOAD_FILES + 1)]
    refused = clerk.post(f"/ho-so/{build.pk}/da-ky/", {"tep": many}, follow=True)
    assert (
        f"Đã chọn {len(many)} tệp; mỗi lần tải lên tối đa {settings.MAX_UPLOAD_FILES} tệp: "
        "hãy tải lên làm nhiều lần." in refused.content.decode()
    )

    packages = zipfile.ZipFile(io.BytesIO(clerk.get(f"/ho-so/{build.pk}/goi-nop.zip").content))
    batch = zipfile.ZipFile(io.BytesIO(packages.read("ho-so-tong-hop.zip")))
    first = next(n for n in batch.namelist() if n.endswith(".pdf"))
    assert batch.read(first) == signed.read_bytes()  # the signed original, byte for byte
    report = batch.read("ket-qua-kiem-tra.txt").decode()
    assert "chưa xác minh chứng thư gốc" in report  # no trust folder in the data folder yet
    shutil.copytree(keys.trust, data_dir / "tin-cay")  # the administrator adds the office's roots
    packages = zipfile.ZipFile(io.BytesIO(clerk.get(f"/ho-so/{build.pk}/goi-nop.zip").content))
    report = zipfile.ZipFile(io.BytesIO(packages.read("ho-so-tong-hop.zip")))
    assert "chứng thư số tin cậy" in report.read("ket-qua-kiem-tra.txt").decode()

    # The office sees the units whose valid workbooks came without their documents signed.
    before = office.get("/dot-xet/vi-du/").content.decode()
    shown_statuses = statuses(before)
    assert "đã nộp, chưa ký đủ" in shown_statuses.values()
    assert "đã nộp" not in shown_statuses.values()
    row = before.split('<span class="status chua-ky">chưa ký đủ</span>')[1].split("</tr>")[0]
    assert "chưa tạo hồ sơ của đơn vị" in row  # no period build yet to compare them with

    # Built again after the signed file was taken back: the signed copy is still what is sent.
    clerk.post(f"/de-nghi/{pk}/tao-ho-so/")
    again = Build.objects.order_by("-pk").first()
    assert again.pk != build.pk and queue().wait(again.job_id, timeout=900).status == "done"
    submitted = clerk.post(f"/de-nghi/{pk}/nop/", follow=True).content.decode()

    assert "Đã nộp phiên bản 1 cho đợt" in submitted
    again_page = html.unescape(clerk.get(f"/ho-so/{again.pk}/").content.decode())
    assert 'id="buoc-tiep">Phiên bản 1 đã nộp cho đợt “' in again_page
    assert "văn bản chưa ký số: Danh sách kèm theo Tờ trình;" in submitted
    beside = folder.units_dir / Path(missing.file).stem
    assert [p.read_bytes() for p in beside.glob("*.pdf")] == [signed.read_bytes()]

    # The organisation seals the signed Tờ trình: the new copy replaces the kept one, which is
    # kept aside (never dropped), and the page says so.
    sealed = tmp_path / "to-trinh-dong-dau.pdf"
    done = run_cli(
        "sign", signed, "-o", sealed, "--role", "co-quan", "--p12", keys.unit_p12,
        "--password", pki.PASSWORD,
    )  # fmt: skip
    assert done.code == 0, done.err
    sent = {"tep": [upload_file(sealed, "Tờ trình đóng dấu.pdf")]}
    shown = clerk.post(f"/ho-so/{build.pk}/da-ky/", sent, follow=True).content.decode()
    assert f"Bản ký trước đó (ký bởi {SIGNER}) được giữ trong da-ky/cu/" in html.unescape(shown)


def _named(data: bytes, name: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


def _downloads_the_signed_copy(clerk, other, office, build: Build, row, shown, signed) -> None:  # type: ignore[no-untyped-def]
    """The Tờ trình's signed copy comes down byte for byte from its row's link, logged; the unsigned
    Danh sách has no link and its address is 404, as it is for another unit's clerk or the office."""
    link = re.search(r'href="(/ho-so/\d+/da-ky/(\d+)/)">Tải bản đã ký</a>', row)
    assert link is not None, row
    unsigned_row = shown.split("<td>Danh sách kèm theo Tờ trình</td>")[1].split("</tr>")[0]
    assert "chưa ký số" in unsigned_row and "Tải bản đã ký" not in unsigned_row
    for client in (other, office):
        assert client.get(link[1]).status_code == 404
    assert not AuditEntry.objects.filter(action="tai-ve-ban-da-ky").exists()
    got = clerk.get(link[1])
    assert got.status_code == 200 and b"".join(got.streaming_content) == signed.read_bytes()
    # Named for the period, as the office's signed copies are.
    assert got["Content-Disposition"] == 'attachment; filename="vi-du-01-to-trinh-da-ky.pdf"'
    entry = AuditEntry.objects.get(action="tai-ve-ban-da-ky")
    assert entry.username == "clerk" and entry.target == f"hồ sơ {build.pk}"
    assert entry.detail == "Tờ trình: de-nghi/da-ky/van-ban/01-to-trinh.pdf"
    rows = shown.split('<table class="list" id="ky-so">')[1].split("</table>")[0].count("<tr>") - 1
    for index in {int(link[2]) + 1, rows, 999} - {int(link[2])}:  # unsigned rows, none at all
        assert clerk.get(f"/ho-so/{build.pk}/da-ky/{index}/").status_code == 404, index


def test_before_any_period_run_here_the_office_page_reads_what_hoso_period_build_wrote(
    data_dir: Path, run_cli
) -> None:
    folder, _ = _signed_period(data_dir)
    office = office_login()
    page = office.get("/dot-xet/vi-du/").content.decode()
    assert page.count("chưa tạo hồ sơ của đơn vị") == _signed_notes(page)

    done = run_cli("period", "build", folder.folder)  # writes the period folder's ket-qua/

    # Exit 1: the example period has a unit with errors; the valid units' documents are built.
    assert (folder.folder / "ket-qua" / "don-vi").is_dir(), done.err
    page = office.get("/dot-xet/vi-du/").content.decode()
    assert "chưa tạo hồ sơ của đơn vị" not in page
    row = page.split('<span class="status chua-ky">chưa ký đủ</span>')[1].split("</tr>")[0]
    assert "Tờ trình: chưa ký số" in row


def _signed_notes(page: str) -> int:
    """How many units the page shows as not fully signed (at least one)."""
    count = page.count('<span class="status chua-ky">chưa ký đủ</span>')
    assert count >= 1
    return count
