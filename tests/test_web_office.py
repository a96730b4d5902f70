"""The office's period page: every unit's status, quota bars, a clerk's submission arriving."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from pipeline.period.config import load_period
from pipeline.web.accounts import add_user
from pipeline.web.demo import add_period
from pipeline.web.models import AuditEntry
from tests.webtools import (
    PASSWORD,
    UnitClerk,
    as_real,
    example_period,
    finished_run,
    login,
    new_proposal,
    of_unit,
    office_login,
    statuses,
    unit_clerk,
    upload_file,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("data_dir")]


def test_a_clerks_unit_typed_in_another_case_is_still_the_periods_unit(
    data_dir: Path, example
) -> None:
    missing = example_period(data_dir)[1].name
    add_user("office", "thi-dua", PASSWORD)
    add_user("clerk", "van-thu", PASSWORD, missing.lower())  # as the administrator typed it
    office, clerk = login("office"), login("clerk")
    pk = new_proposal(clerk)
    clerk.post(f"/de-nghi/{pk}/tai-len/", {"file": upload_file(example(), "de-nghi.xlsx")})
    page = office.get("/dot-xet/vi-du/").content.decode()
    assert statuses(page)[missing] == "chưa nộp, đã tải lên, hợp lệ"
    row = page.split(f"<td>{missing}</td>")[1].split("</tr>")[0]
    assert re.search(r"đã tải lên phiên bản 1 \(0 lỗi, \d+ cảnh báo, .*\), chưa nộp", row)


def test_the_period_page_shows_statuses_and_quota_bars_and_takes_a_submission(
    data_dir: Path, example
) -> None:
    folder, unit = example_period(data_dir)
    units, missing = [u.name for u in folder.config.units], unit.name
    add_user("office", "thi-dua", PASSWORD)
    add_user("clerk", "van-thu", PASSWORD, missing)
    office, clerk = login("office"), login("clerk")
    page = office.get("/dot-xet/vi-du/").content.decode()
    shown = statuses(page)
    assert list(shown) == units
    assert shown[missing] == "chưa nộp"
    # A unit that sent its workbook is "đã nộp" first, whatever else is said of the workbook.
    assert sorted(shown.values()) == sorted(
        ["chưa nộp", "đã nộp, có lỗi", "đã nộp, trễ hạn", "đã nộp", "đã nộp"]
    )
    assert re.search(
        r"Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh Bình Phước, cá nhân: "
        r"<strong>\d+/15</strong>",
        page,
    )
    assert 'class="bar' in page and "Người, tập thể được đề nghị hai lần" in page
    assert clerk.get("/dot-xet/vi-du/").status_code == 404
    # The missing unit's clerk uploads the example untouched: it names another unit, so it is
    # not sent in this unit's name.
    pk = new_proposal(clerk)
    page = clerk.post(
        f"/de-nghi/{pk}/tai-len/", {"file": upload_file(example(), "de-nghi.xlsx")}, follow=True
    ).content.decode()
    assert f"không phải đơn vị của tài khoản (“{missing}”)" in page
    # The page says why instead of offering a button that only refuses.
    assert 'id="khong-nop"' in page and "Nộp phiên bản 1 cho đợt xét" not in page
    assert "tạo được hồ sơ để xem thử nhưng chưa nộp được: ô Thông tin chung!B6" in page
    assert "Chưa nộp được phiên bản 1</strong> — Thông tin chung!B6: ô này ghi" in page
    refused = clerk.post(f"/de-nghi/{pk}/nop/", follow=True).content.decode()
    assert "Không nộp được: Thông tin chung!B6: ô này ghi “" in refused
    assert not list(folder.units_dir.glob(f"{Path(unit.file).stem}*"))
    # Its own copy (valid, not yet sent) shows on the period page with its counts, then is sent.
    own = of_unit(example(), missing, data_dir / "cua-don-vi.xlsx")
    clerk.post(f"/de-nghi/{pk}/tai-len/", {"file": upload_file(own, "de-nghi.xlsx")})
    page = office.get("/dot-xet/vi-du/").content.decode()
    # Uploaded, valid, but not sent: never read as sent.
    assert statuses(page)[missing] == "chưa nộp, đã tải lên, hợp lệ"
    assert 'chưa nộp</span> 1 (trong đó: <span class="status tai-len-hop-le tong">' in page
    row = page.split(f"<td>{missing}</td>")[1].split("</tr>")[0]
    # Not in the period until submitted: its figures are said in the note, not in the totals.
    assert re.findall(r"<td>([^<]*)</td>", row)[:4] == ["–"] * 4, row
    draft = re.search(r"phiên bản 2 \((\d+) lỗi, \d+ cảnh báo, (\d+) tập thể, (\d+) cá nhân", row)
    assert draft and draft[1] == "0" and int(draft[2]) > 0 and int(draft[3]) > 0, row
    done = clerk.post(f"/de-nghi/{pk}/nop/", follow=True).content.decode()
    assert "Đã nộp phiên bản 2 cho đợt" in done
    expected = next(u for u in folder.config.units if u.name == missing)
    assert (folder.units_dir / expected.file).read_bytes() == own.read_bytes()
    # The plan's example proposes the collectives other units propose: the office sees them twice.
    page = office.get("/dot-xet/vi-du/").content.decode()
    assert statuses(page)[missing] == "đã nộp, có lỗi, trễ hạn"  # sent today, after 2023
    twice = page.split(">Người, tập thể được đề nghị hai lần</h2>")[1].split("<h2")[0]
    lines = re.findall(r"<li[^>]*>(.*?)</li>", twice)
    clash = next(ln for ln in lines if "tập thể “Ủy ban nhân dân xã Đức Hạnh”" in ln)
    # Each clash once (not A↔B then B↔A), naming both units and both cells.
    assert len(lines) == len(set(lines))
    assert len([ln for ln in lines if "Ủy ban nhân dân xã Đức Hạnh”" in ln]) == 1, lines
    # Each place named by its unit, as the units' table names it, with the version submitted
    # here and the cell: never a path of the period's don-vi/, a folder the office never sees.
    assert f" và {missing} (phiên bản 2, Tập thể!B" in clash, clash
    first = clash.split("được hai đơn vị đề nghị: ", 1)[1].split(" (", 1)[0]
    assert first in statuses(page) and first != missing, clash
    assert re.search(rf"{re.escape(first)} \(Tập thể!B\d+\) và ", clash), clash
    clashes = [ln for ln in lines if "được hai đơn vị đề nghị" in ln]
    assert clashes and not [ln for ln in clashes if "don-vi/" in ln or ".xlsx" in ln], clashes
    assert clash.endswith("mỗi tập thể chỉ được một đơn vị đề nghị trong một đợt."), clash


def test_a_run_made_in_the_server_process_before_the_queue_ends_failed_with_a_message(
    data_dir: Path,
) -> None:
    from pipeline.web.models import PeriodRun

    period = add_period("vi-du", "bu-gia-map-cds-2022-2025", None, example=True)
    running = PeriodRun.objects.create(period=period, status="running", folder="x")
    add_user("office", "thi-dua", PASSWORD)
    page = login("office").get("/dot-xet/vi-du/").content.decode()
    assert "không tạo được" in page and "Máy chủ đã dừng" in page
    running.refresh_from_db()
    assert running.status == "failed"


def test_a_submission_whose_signed_files_cannot_be_written_sends_nothing_and_says_why(
    data_dir: Path, example
) -> None:
    folder, missing = example_period(data_dir)
    sent = {p.name for p in folder.units_dir.glob("*.xlsx")}
    # A name the disk takes for the workbook but not for the folder of its signed PDFs beside it.
    long_name = "d" * 248 + ".xlsx"
    text = folder.config_path.read_text(encoding="utf-8")
    text = text.replace(f'file = "{missing.file}"', f'file = "{long_name}"')
    folder.config_path.write_text(text.replace("# signed = true", "signed = true"), "utf-8")
    add_user("clerk", "van-thu", PASSWORD, missing.name)
    clerk = login("clerk")
    pk = new_proposal(clerk)
    own = of_unit(example(), missing.name, data_dir / "cua-don-vi.xlsx")
    clerk.post(f"/de-nghi/{pk}/tai-len/", {"file": upload_file(own, "de-nghi.xlsx")})

    page = clerk.post(f"/de-nghi/{pk}/nop/", follow=True).content.decode()

    assert "Không nộp được: Không ghi được" in page and "Traceback" not in page
    assert "Đã nộp phiên bản" not in page
    assert not (folder.units_dir / long_name).exists()
    assert sorted(p.name for p in folder.units_dir.iterdir()) == sorted(sent)  # nothing half-made


def test_the_office_downloads_its_council_workbook_fills_it_and_uploads_it(
    data_dir: Path, tmp_path: Path
) -> None:
    import io

    import openpyxl
    from django.core.files.uploadedfile import SimpleUploadedFile

    from pipeline.web.models import AuditEntry

    period = add_period("vi-du", "bu-gia-map-cds-2022-2025", None, example=True)
    folder = load_period(data_dir / period.folder).folder
    (folder / "hoi-dong.xlsx").unlink()  # as a period made in the web app starts
    add_user("office", "thi-dua", PASSWORD)
    add_user("clerk", "van-thu", PASSWORD, "Ủy ban nhân dân xã Đức Hạnh")
    office, clerk = login("office"), login("clerk")
    page = office.get("/dot-xet/vi-du/").content.decode()
    assert "Chưa có tệp Hội đồng: văn bản tổng hợp tạo lúc này chưa có Biên bản." in page
    got = office.get("/dot-xet/vi-du/hoi-dong.xlsx")
    assert got.status_code == 200 and 'filename="hoi-dong.xlsx"' in got["Content-Disposition"]
    wb = openpyxl.load_workbook(io.BytesIO(b"".join(got.streaming_content)))
    votes = wb["Biểu quyết"]
    assert votes["D2"].value and votes.max_row == 13  # 12 nominees of the three valid units
    page = office.get("/dot-xet/vi-du/").content.decode()
    assert "hoi-dong.xlsx › Hội đồng!B2: thiếu “Ngày họp”." in page  # downloaded, still blank
    votes["G3"] = "bảy"  # not a number: named at its cell once uploaded
    buffer = io.BytesIO()
    wb.save(buffer)
    sent = office.post(
        "/dot-xet/vi-du/hoi-dong/",
        {"tep": SimpleUploadedFile("Hội đồng.xlsx", buffer.getvalue())},
        follow=True,
    ).content.decode()
    assert "Đã nhận tệp Hội đồng" in sent
    assert (
        "hoi-dong.xlsx › Biểu quyết!G3: “Số phiếu đồng ý” phải là số nguyên (ô ghi “bảy”)" in sent
    )
    assert "Tệp Hội đồng còn lỗi" in sent
    assert list((folder / "hoi-dong-cu").glob("hoi-dong-*.xlsx"))  # the replaced one is kept
    refused = office.post(
        "/dot-xet/vi-du/hoi-dong/",
        {"tep": SimpleUploadedFile("x.xlsx", b"not a workbook")},
        follow=True,
    ).content.decode()
    assert "Không nhận tệp Hội đồng:" in refused
    assert openpyxl.load_workbook(folder / "hoi-dong.xlsx")["Biểu quyết"]["G3"].value == "bảy"
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"tai-tep-hoi-dong", "tai-len-hoi-dong"} <= actions
    assert clerk.get("/dot-xet/vi-du/hoi-dong.xlsx").status_code == 404
    assert clerk.post("/dot-xet/vi-du/hoi-dong/", {}).status_code == 404


@pytest.mark.libreoffice
def test_a_finished_run_lists_the_office_s_files_shows_the_chart_and_serves_each_one(
    data_dir: Path,
) -> None:
    period, other, run = finished_run(data_dir)
    office = office_login()
    page = office.get("/dot-xet/quyet-dinh/").content.decode()
    table = page.split('id="tep-dot-xet"')[1].split("</table>")[0]
    rows = re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td></tr>", table)
    titles = [title for title, _ in rows]
    award = "Giấy khen của Chủ tịch Ủy ban nhân dân xã Bù Gia Mập"
    assert titles[:2] == [
        f"Quyết định khen thưởng – {award}",
        f"Danh sách kèm theo Quyết định – {award}",
    ]
    assert f"{award}: in trên phôi" in titles and "Sổ theo dõi khen thưởng" in titles
    # The office's bundle of its own Quyết định is not a proposal's dossier.
    assert any(t.startswith("Hồ sơ khen thưởng – ") for t in titles)
    assert not any(t.startswith("Hồ sơ đề nghị") for t in titles)
    links = dict(rows)[f"Quyết định khen thưởng – {award}"]
    assert re.search(r">PDF, \d trang</a> · <a [^>]*>Word</a>", links)
    first = re.search(r'href="(/dot-xet/quyet-dinh/van-ban/\d+/tep/(\d+)/)"', links)
    pdf = office.get(first.group(1))
    # Named for the period: the office's downloads folder gathers several periods' files.
    assert pdf["Content-Disposition"] == 'inline; filename="quyet-dinh-01-quyet-dinh.pdf"'
    first_page = PdfReader(io.BytesIO(b"".join(pdf.streaming_content))).pages[0].extract_text()
    assert "QUYẾT ĐỊNH" in first_page.replace("\xa0", " ")  # a title's words are kept together
    # Each unit's whole dossier from the run, to read before accepting or sending it back.
    units = re.split(r"<tr[^>]*>", page.split('id="don-vi"')[1].split("</table>")[0])[2:]
    links = [re.search(r'href="([^"]+/don-vi/([^/"]+)/ho-so\.pdf)"', row) for row in units]
    assert len([link for link in links if link]) == 3  # the valid units of the example
    dossier, workbook = next(link for link in links if link).groups()
    got = office.get(dossier)
    # Named for the period: the office reads the same unit's dossier in several periods.
    named = f"quyet-dinh-{Path(workbook).stem}-ho-so-tong-hop.pdf"
    assert got["Content-Disposition"] == f'inline; filename="{named}"'
    shown = b"".join(got.streaming_content)
    made = data_dir / run.folder / "don-vi" / Path(workbook).stem / "ho-so-tong-hop.pdf"
    assert shown == made.read_bytes()
    assert "TỜ TRÌNH" in PdfReader(io.BytesIO(shown)).pages[0].extract_text().replace("\xa0", " ")
    assert AuditEntry.objects.get(action="xem-ho-so-don-vi").detail == workbook
    chart = re.search(r'<figure class="chart"><img src="([^"]+)" alt="Biểu đồ thống kê">', page)
    image = b"".join(office.get(chart.group(1)).streaming_content)
    assert image.startswith(b"\x89PNG")
    register = re.search(r'href="([^"]+)">Excel</a>', dict(rows)["Sổ theo dõi khen thưởng"])
    download = office.get(register.group(1))
    assert re.fullmatch(
        r'attachment; filename="quyet-dinh-[\w-]+\.xlsx"', download["Content-Disposition"]
    )
    # The whole run as a ZIP, named for the period, without the run's internal manifest.json.
    archive = office.get(f"/dot-xet/quyet-dinh/van-ban/{run.pk}.zip")
    assert (
        archive["Content-Disposition"] == f'attachment; filename="dot-xet-quyet-dinh-{run.pk}.zip"'
    )
    names = zipfile.ZipFile(io.BytesIO(archive.content)).namelist()
    assert any(n.endswith("/01-quyet-dinh.pdf") for n in names), names
    assert not any(n.endswith("manifest.json") for n in names), names
    # The period's log names what the office opened as the page lists it, not the run's paths;
    # the chart drawn on the page is not an entry at every look at the period.
    log = office.get("/nhat-ky/?dot=quyet-dinh").content.decode()
    opened = re.findall(r">Xem, tải về một tệp của đợt</td>.*?</tr>", log, re.S)
    assert len(opened) == 2, opened
    assert any(f"Quyết định khen thưởng – {award} (PDF)" in row for row in opened), opened
    assert any("Sổ theo dõi khen thưởng (Excel)" in row for row in opened), opened
    assert "tong-hop/" not in log.split('id="nhat-ky"')[1]
    # Only the run's own list, only under its own period, only for the office.
    count = len(re.findall(r"/tep/\d+/", table))
    assert office.get(f"/dot-xet/quyet-dinh/van-ban/{run.pk}/tep/{count}/").status_code == 404
    assert office.get(f"/dot-xet/{other.slug}/van-ban/{run.pk}/tep/0/").status_code == 404
    add_user(
        "clerk", "van-thu", PASSWORD, load_period(data_dir / period.folder).config.units[0].name
    )
    assert login("clerk").get(first.group(1)).status_code == 404
    # The certificates were made with the old calibration: once it changes, the page says so.
    assert 'id="da-doi"' not in page
    form = {"offset_x": "3", "offset_y": "0"}
    calibration = load_period(data_dir / period.folder).calibration("giay-khen")
    for key, box in calibration.fields.items():
        form |= {
            f"{key}-{a}": f"{getattr(box, a):g}" for a in ("x", "y", "width", "height", "size")
        }
    office.post("/dot-xet/quyet-dinh/phoi/giay-khen/", form)
    stale = office.get("/dot-xet/quyet-dinh/").content.decode().split('id="da-doi">')[1]
    assert stale.startswith("Đợt xét đã thay đổi sau lần tạo văn bản này (căn chỉnh phôi)")
    live = office.get("/dot-xet/quyet-dinh/van-ban/tien-do/").content.decode()
    assert 'id="da-doi"' in live


def _deadline_line(who: UnitClerk, deadline: dt.date) -> str:
    """The proposal page's deadline line once the period's deadline is `deadline`: its tags
    taken out with nothing in their place (they sit inside the sentence), line breaks kept."""
    from pipeline.period.config_edit import save_config

    save_config(load_period(who.folder.folder), {("", "deadline"): deadline}, str(deadline))
    page = who.clerk.get(f"/de-nghi/{who.pk}/").content.decode()
    return re.sub(r"<[^>]+>", "", page.split('id="han-nop">')[1].split("</p>")[0])


def test_the_clerk_sees_the_period_s_deadline_and_how_many_days_are_left(
    data_dir: Path, example
) -> None:
    from django.utils import timezone

    who = unit_clerk(data_dir)

    def said(deadline: dt.date) -> str:
        return _deadline_line(who, deadline)

    today = timezone.localdate()
    late = said(today - dt.timedelta(days=3))
    assert late.startswith(f"Hạn nộp: {today - dt.timedelta(days=3):%d/%m/%Y} — đã quá hạn 3 ngày")
    assert "vẫn nộp được, đơn vị được ghi “trễ hạn”" in late
    assert said(today).endswith("hôm nay là ngày cuối.\n")
    assert "còn 5 ngày." in said(today + dt.timedelta(days=5))
    assert "còn" not in said(today + dt.timedelta(days=30))
    who.upload(who.own(example()), "de-nghi.xlsx")
    who.send()
    assert "Đã nộp phiên bản 1 lúc " in said(today + dt.timedelta(days=30))


def test_once_submitted_the_deadline_line_says_when_it_was_sent_not_that_it_may_still_be(
    data_dir: Path, example
) -> None:
    from django.utils import timezone

    from pipeline.web.models import Proposal

    who = unit_clerk(data_dir)
    who.upload(who.own(example()), "de-nghi.xlsx")
    who.send()
    pk = who.pk
    today = timezone.localdate()

    def said(deadline: dt.date) -> str:
        return " ".join(_deadline_line(who, deadline).split())  # read as one line

    sent = timezone.localtime(Proposal.objects.get(pk=pk).submitted_at)
    at = f"lúc {sent:%H:%M} ngày {sent:%d/%m/%Y}"
    late = said(today - dt.timedelta(days=3))  # sent today, three days after the deadline
    assert late == (
        f"Hạn nộp: {today - dt.timedelta(days=3):%d/%m/%Y}. Đã nộp phiên bản 1 {at}, sau hạn 3 "
        "ngày: đơn vị được ghi “trễ hạn”."
    ), late
    # Sent ten days ago, before a deadline since passed: in time, whatever today is.
    Proposal.objects.filter(pk=pk).update(submitted_at=sent - dt.timedelta(days=10))
    early = sent - dt.timedelta(days=10)
    in_time = said(today - dt.timedelta(days=3))
    assert in_time == (
        f"Hạn nộp: {today - dt.timedelta(days=3):%d/%m/%Y}. Đã nộp phiên bản 1 lúc "
        f"{early:%H:%M} ngày {early:%d/%m/%Y}."
    ), in_time


def test_the_example_a_clerk_downloads_for_the_unit_clashes_with_no_other_example_unit(
    data_dir: Path,
) -> None:
    unit = example_period(data_dir)[1]
    add_user("office", "thi-dua", PASSWORD)
    add_user("clerk", "van-thu", PASSWORD, unit.name)
    office, clerk = login("office"), login("clerk")
    got = clerk.get("/mau/bu-gia-map-cds-2022-2025/so-ket-2023/vi-du.xlsx")
    assert got.status_code == 200
    own = data_dir / "vi-du-cua-don-vi.xlsx"
    own.write_bytes(got.content)
    pk = new_proposal(clerk)
    # Its rows read as the unit's own, as if typed again: example rows are never submitted.
    clerk.post(f"/de-nghi/{pk}/tai-len/", {"file": upload_file(as_real(own), "vi-du.xlsx")})
    done = clerk.post(f"/de-nghi/{pk}/nop/", follow=True).content.decode()
    assert "Đã nộp phiên bản 1 cho đợt" in done, done
    page = office.get("/dot-xet/vi-du/").content.decode()
    # It proposes its own unit and its own staff, not the other example units.
    assert statuses(page)[unit.name] == "đã nộp, trễ hạn"  # sent today, after 2023
    twice = page.split(">Người, tập thể được đề nghị hai lần</h2>")[1].split("<h2")[0]
    assert "<p>Không có.</p>" in twice, twice
    row = page.split(f"<td>{unit.name}</td>")[1].split("</tr>")[0]
    assert "cũng được đơn vị khác đề nghị" not in row, row
