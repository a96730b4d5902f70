"""The office's own signed documents on the period page: a finished run's Quyết định, danh sách and
Biên bản taken back signed (real signatures, tests/pki.py), each signed copy, the package."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from pipeline.period.config import load_period
from pipeline.web.accounts import add_user
from pipeline.web.demo import add_period
from pipeline.web.models import AuditEntry
from tests import pki
from tests.pki import SIGNER, Keys
from tests.webtools import PASSWORD, finished_run, login, office_login, upload_file

pytestmark = [pytest.mark.django_db]


@pytest.mark.libreoffice
def test_the_office_uploads_its_signed_decision_downloads_it_and_its_package(
    data_dir: Path, run_cli, keys: Keys, tmp_path: Path
) -> None:
    from pipeline.web.models import PeriodRun

    period, other, run = finished_run(data_dir)
    out = data_dir / run.folder
    add_user("office", "thi-dua", PASSWORD)
    add_user(
        "clerk", "van-thu", PASSWORD, load_period(data_dir / period.folder).config.units[0].name
    )
    office, clerk = login("office"), login("clerk")
    award = "Giấy khen của Chủ tịch Ủy ban nhân dân xã Bù Gia Mập"
    decision = f"Quyết định khen thưởng – {award}"
    page = office.get("/dot-xet/quyet-dinh/").content.decode()
    part = page.split('id="ky-so-co-quan"')[1].split("</section>")[0]
    rows = dict(re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td></tr>", part))
    assert list(rows)[:3] == [
        decision,
        f"Danh sách kèm theo Quyết định – {award}",
        f"Biên bản Hội đồng – {award}",
    ]
    assert all("chưa ký" in cell for cell in rows.values())
    assert 'name="tep"' in part and "Tải gói văn bản đã ký" in part  # issued, not sent up
    # The package is offered with what it would hold today: every document still unsigned.
    assert (
        f"Còn {len(rows)}/{len(rows)} văn bản chưa ký số:</strong> gói tải lúc này có cả bản"
        in part
    )

    office_dir = out / "tong-hop"
    signed, stray = tmp_path / "quyet-dinh-da-ky.pdf", tmp_path / "to-trinh-don-vi-da-ky.pdf"
    for source, target in (
        (office_dir / "giay-khen-xa" / "van-ban" / "01-quyet-dinh.pdf", signed),
        # A unit's own Tờ trình: no document of the office's part.
        (next((out / "don-vi").glob("*/van-ban/01-to-trinh.pdf")), stray),
    ):
        done = run_cli(
            "sign", source, "-o", target, "--p12", keys.signer_p12, "--password", pki.PASSWORD
        )
        assert done.code == 0, done.err
    base = f"/dot-xet/quyet-dinh/van-ban/{run.pk}"
    addresses = [f"{base}/da-ky/", f"{base}/da-ky/0/", f"{base}/goi-nop.zip"]
    # A clerk reaches none of it, by either method; nothing is taken or logged.
    for address in addresses:  # the method the address takes says 404, the other one 405
        sent = {"tep": [upload_file(signed)]}
        statuses = {clerk.get(address).status_code, clerk.post(address, sent).status_code}
        assert statuses == {404, 405}, (address, statuses)
    assert not AuditEntry.objects.filter(action="tai-len-da-ky").exists()
    # Another period's address for this run, or a run not finished: 404.
    sent = {"tep": [upload_file(signed)]}
    assert office.post(f"/dot-xet/{other.slug}/van-ban/{run.pk}/da-ky/", sent).status_code == 404
    unfinished = PeriodRun.objects.create(period=period, status="failed", folder=run.folder)
    assert office.get(f"/dot-xet/quyet-dinh/van-ban/{unfinished.pk}/goi-nop.zip").status_code == 404
    unfinished.delete()

    files = [upload_file(signed, "Quyết định đã ký.pdf"), upload_file(stray, "tờ trình đơn vị.pdf")]
    shown = office.post(f"{base}/da-ky/", {"tep": files}, follow=True).content.decode()
    assert "tờ trình đơn vị.pdf: từ chối, không khớp với văn bản nào của hồ sơ" in shown
    assert "Quyết định đã ký.pdf: tệp hợp lệ nhưng chưa nhận" in shown  # all or nothing
    files = [upload_file(signed, "Quyết định đã ký.pdf")]
    shown = office.post(f"{base}/da-ky/", {"tep": files}, follow=True).content.decode()

    assert f"Quyết định đã ký.pdf: đã nhận “{decision}”, ký bởi {SIGNER}." in shown
    part = shown.split('id="ky-so-co-quan"')[1].split("</section>")[0]
    row = part.split(f"<td>{decision}</td>")[1].split("</tr>")[0]
    assert "đã ký số</span>" in row and SIGNER in row
    assert f"Còn {len(rows) - 1}/{len(rows)} văn bản chưa ký số:" in part
    logged = AuditEntry.objects.filter(action="tai-len-da-ky")
    assert {e.target for e in logged} == {f"đợt quyet-dinh, lần {run.pk}"} and len(logged) == 3
    assert sum("từ chối" in e.detail for e in logged) == 1
    assert not list((data_dir / "da-ky-tam").iterdir())

    link = re.search(rf'href="({base}/da-ky/(\d+)/)">Tải bản đã ký</a>', row)
    assert link is not None, row
    assert clerk.get(link[1]).status_code == 404
    got = office.get(link[1])
    assert got.status_code == 200 and b"".join(got.streaming_content) == signed.read_bytes()
    assert got["Content-Disposition"] == 'attachment; filename="quyet-dinh-01-quyet-dinh-da-ky.pdf"'
    assert office.get(f"{base}/da-ky/{int(link[2]) + 1}/").status_code == 404  # not signed

    response = office.get(f"{base}/goi-nop.zip")
    assert (
        response["Content-Disposition"] == f'attachment; filename="goi-nop-quyet-dinh-{run.pk}.zip"'
    )
    packages = zipfile.ZipFile(io.BytesIO(response.content))
    names = packages.namelist()
    assert names and all(n.startswith("giay-khen-xa/") for n in names), names
    batch = zipfile.ZipFile(io.BytesIO(packages.read("giay-khen-xa/ho-so-tong-hop.zip")))
    inside = [batch.read(n) for n in batch.namelist() if n.endswith(".pdf")]
    assert signed.read_bytes() in inside  # the signed original, byte for byte
    assert AuditEntry.objects.filter(
        action="tai-goi-nop", target=f"đợt quyet-dinh, lần {run.pk}"
    ).exists()


def test_an_office_upload_without_files_says_so_and_takes_nothing(data_dir: Path) -> None:
    from pipeline.web.models import PeriodRun

    period = add_period("quyet-dinh", "vi-du-xa-bu-gia-map-2026", None, example=True)
    run = PeriodRun.objects.create(period=period, status="done", folder="dot-xet-ket-qua/x")
    add_user("office", "thi-dua", PASSWORD)
    shown = login("office").post(f"/dot-xet/quyet-dinh/van-ban/{run.pk}/da-ky/", {}, follow=True)
    assert "Chưa chọn tệp PDF đã ký số nào để tải lên." in shown.content.decode()


def test_a_run_without_office_documents_has_no_package_and_says_no_server_path(
    data_dir: Path,
) -> None:
    from pipeline.web.models import PeriodRun

    period = add_period("quyet-dinh", "vi-du-xa-bu-gia-map-2026", None, example=True)
    # Every unit still had errors: the run finished and made no document of the office's part.
    run = PeriodRun.objects.create(period=period, status="done", folder="dot-xet-ket-qua/x")
    office = office_login()
    assert office.get(f"/dot-xet/quyet-dinh/van-ban/{run.pk}/goi-nop.zip").status_code == 404
    shown = office.get("/dot-xet/quyet-dinh/").content.decode()
    assert "Không đóng gói được" not in shown and str(data_dir) not in shown
    assert 'id="ky-so-co-quan"' not in shown


def test_a_package_that_cannot_be_made_is_said_without_the_servers_path(data_dir: Path) -> None:
    from django.contrib.messages import get_messages
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.contrib.sessions.backends.db import SessionStore
    from django.test import RequestFactory

    from pipeline.web.signed import packages_zip

    folder = data_dir / "ho-so" / "x"  # a build's folder the job never wrote into
    (folder / "de-nghi").mkdir(parents=True)
    request = RequestFactory().get("/")
    request.session = SessionStore()
    request._messages = FallbackStorage(request)  # type: ignore[attr-defined]
    assert packages_zip(request, folder, "hồ sơ 1") is None
    (said,) = [str(m) for m in get_messages(request)]
    assert said.startswith("Không đóng gói được: ") and str(data_dir) not in said, said
