"""The clerk's way: upload, findings as on the CLI, the sheet drawn with wrong cells; hostile input."""

from __future__ import annotations

import hashlib
import io
import threading
import zipfile
from pathlib import Path

import openpyxl
import pytest
from django.test import Client

from pipeline.web.accounts import add_user
from pipeline.web.models import Upload
from tests.conftest import cell_of, edit, label_row
from tests.webtools import (
    PASSWORD,
    UNIT_A,
    broken_copy,
    login,
    make_people,
    new_proposal,
    upload_file,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("data_dir")]


def _upload(client: Client, pk: int, path: Path, name: str | None = None) -> str:
    """Upload through the form and return the page it leads to."""
    response = client.post(
        f"/de-nghi/{pk}/tai-len/", {"file": upload_file(path, name)}, follow=True
    )
    assert response.status_code == 200
    return response.content.decode()


def test_a_broken_workbook_shows_the_cell_and_the_message_then_the_fixed_one_passes(
    example, tmp_path: Path
) -> None:
    people = make_people()
    pk = new_proposal(people.clerk_a)
    good = example()
    bad, cell = broken_copy(good, tmp_path / "de-nghi.xlsx")
    page = _upload(people.clerk_a, pk, bad)
    message = "“Ngày sinh”: ngày “31/02/1985” không tồn tại"
    assert f"de-nghi.xlsx › Cá nhân!{cell}: {message}" in page  # as `hoso check` prints it
    sheet = page.split('data-sheet="Cá nhân"')[1].split("</table>")[0]
    marked = sheet.split(f'data-cell="{cell}"')[0].rsplit("<td", 1)[1]
    assert marked.startswith(' class="error" title="“Ngày sinh”: ngày “31/02/1985” không tồn tại')
    row = sheet.split(f'data-cell="{cell}"')[1].split("</tr>")[0]
    # The note names the cell, a link to it in the table.
    assert (
        f'<a href="#o1-{cell}" title="Đến ô {cell} trong bảng"><b>{cell}</b></a>: “Ngày sinh”: ngày'
        in row
    )
    page = _upload(people.clerk_a, pk, good, "de-nghi.xlsx")
    assert "Phiên bản 2: không có lỗi" in page
    versions = Upload.objects.filter(proposal_id=pk).order_by("number")
    assert [(v.number, v.errors) for v in versions] == [(1, 1), (2, 0)]
    assert versions[0].sha256 == hashlib.sha256(bad.read_bytes()).hexdigest()
    old = people.clerk_a.get(f"/de-nghi/{pk}/phien-ban/1/").content.decode()
    assert message in old  # the first version is kept, with its findings
    for missing in (0, 3):  # no such version: not the latest shown in its place
        assert people.clerk_a.get(f"/de-nghi/{pk}/phien-ban/{missing}/").status_code == 404


def test_a_workbook_of_another_plan_or_review_is_an_error_at_its_cell(example) -> None:
    people = make_people()
    pk = new_proposal(people.clerk_a)  # Bù Gia Mập, "so-ket-2023"
    page = _upload(people.clerk_a, pk, example("muong-khuong-cds-2022-2025"), "mk.xlsx")
    assert (
        "mk.xlsx › Thông tin chung!B2: tệp thuộc kế hoạch muong-khuong-cds-2022-2025, không phải "
        "kế hoạch của đề nghị này (bu-gia-map-cds-2022-2025): hãy tải tệp Excel của đề nghị này "
        "(mục 2), hoặc tạo đề nghị mới cho kế hoạch đó."
    ) in page
    sheet = page.split('data-sheet="Thông tin chung"')[1].split("</table>")[0]
    assert sheet.split('data-cell="B2"')[0].rsplit("<td", 1)[1].startswith(' class="error"')
    other = example()
    with edit(other) as wb:
        ws = wb["Thông tin chung"]
        ws.cell(label_row(ws, "Đợt xét"), 2).value = "Tổng kết giai đoạn 2022 - 2025"
    page = _upload(people.clerk_a, pk, other, "tk.xlsx")
    assert (
        "tk.xlsx › Thông tin chung!B3: tệp thuộc đợt xét tong-ket-2025, không phải đợt xét " in page
    )
    versions = Upload.objects.filter(proposal_id=pk).order_by("number")
    assert [v.errors for v in versions] == [1, 1]  # neither can be built nor submitted
    refused = people.clerk_a.post(f"/de-nghi/{pk}/tao-ho-so/", follow=True).content.decode()
    assert "phiên bản 2 còn 1 lỗi" in refused


def test_the_blank_workbook_and_the_example_download() -> None:
    people = make_people()
    for kind, rows in (("trong", 1), ("vi-du", 2)):
        response = people.clerk_a.get(f"/mau/bu-gia-map-cds-2022-2025/so-ket-2023/{kind}.xlsx")
        assert response.status_code == 200
        wb = openpyxl.load_workbook(io.BytesIO(response.content))
        assert "Cá nhân" in wb.sheetnames
        assert wb["Cá nhân"].max_row >= rows
        # Both name the clerk's own unit: uploaded as they come, they can be submitted.
        info = {r[0].value: r[1].value for r in wb["Thông tin chung"].iter_rows(max_col=2)}
        assert info["Cơ quan trình khen"] == UNIT_A
    assert people.clerk_a.get("/mau/khong-co/so-ket-2023/trong.xlsx").status_code == 404


def test_an_upload_over_the_size_limit_is_refused_and_nothing_is_kept(
    example, settings, data_dir: Path
) -> None:
    settings.MAX_UPLOAD_BYTES = 4096
    people = make_people()
    pk = new_proposal(people.clerk_a)
    page = _upload(people.clerk_a, pk, example())
    assert "Không nhận tệp: tệp quá lớn (hơn 0 MB); hãy gửi tệp Excel nhỏ hơn." in page
    assert not Upload.objects.exists()
    assert not [p for p in data_dir.rglob("*.xlsx")]


def _ods() -> bytes:
    """An OpenDocument spreadsheet package (what LibreOffice Calc saves by default)."""
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", "<office:document-content/>")
    return data.getvalue()


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b"%PDF-1.7\n1 0 obj<<>>endobj\n", "không phải tệp Excel .xlsx"),
        (b"<html><script>alert(1)</script></html>", "không phải tệp Excel .xlsx"),
        (b"", "tệp rỗng"),
        (_ods(), "đây là tệp LibreOffice Calc (.ods); hãy mở bằng LibreOffice Calc, chọn Tệp › "),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504, "đây là tệp Excel cũ (.xls)"),
    ],
)
def test_content_that_is_not_a_workbook_is_refused_whatever_its_name(
    content: bytes, said: str, tmp_path: Path, data_dir: Path
) -> None:
    people = make_people()
    pk = new_proposal(people.clerk_a)
    fake = tmp_path / "de-nghi.xlsx"
    fake.write_bytes(content)
    page = _upload(people.clerk_a, pk, fake)
    assert f"Không nhận tệp: {said}" in page
    assert not Upload.objects.exists()
    assert not [p for p in data_dir.rglob("*.xlsx")]


def test_a_zip_bomb_is_refused(tmp_path: Path, data_dir: Path) -> None:
    bomb = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr("xl/worksheets/sheet1.xml", b"\0" * 60_000_000)
    assert bomb.stat().st_size < 1_000_000
    people = make_people()
    pk = new_proposal(people.clerk_a)
    page = _upload(people.clerk_a, pk, bomb)
    assert "Không nhận tệp: nội dung giải nén quá lớn (nghi là tệp độc hại)" in page
    assert not Upload.objects.exists()


def test_a_workbook_with_macros_is_refused_with_how_to_save_it(
    example, tmp_path: Path, data_dir: Path
) -> None:
    """Stored, it would be served and sent on as an .xlsx that Excel refuses to open."""
    macro = tmp_path / "de-nghi.xlsm"
    with zipfile.ZipFile(example()) as source, zipfile.ZipFile(macro, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(
                    b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                    b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
                )
            target.writestr(info, data)
        target.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0 VBA")
    people = make_people()
    pk = new_proposal(people.clerk_a)
    page = _upload(people.clerk_a, pk, macro)
    assert "Không nhận tệp: tệp có macro (VBA, tệp .xlsm)" in page
    assert "kiểu tệp “Excel Workbook (.xlsx)”" in page
    assert not Upload.objects.exists()
    assert not [p for p in data_dir.rglob("*.xls*")]


def test_a_file_name_with_folders_is_only_a_name(example, tmp_path: Path, data_dir: Path) -> None:
    people = make_people()
    pk = new_proposal(people.clerk_a)
    page = _upload(people.clerk_a, pk, example(), "../../../etc/cron.d/x.xlsx")
    kept = Upload.objects.get()
    assert kept.name == "x.xlsx"
    stored = data_dir / kept.path
    assert stored.resolve().is_relative_to(data_dir / "tai-len" / str(pk))
    assert stored.name == "x.xlsx" and stored.read_bytes() == example().read_bytes()
    assert stored.parent.parent == data_dir / "tai-len" / str(pk)
    assert "x.xlsx" in page and "../" not in kept.path
    assert not (tmp_path / "etc").exists()


@pytest.mark.parametrize(
    ("sent", "shown", "downloaded"),
    [
        ("../../etc/passwd", "passwd", "passwd.xlsx"),
        ("de-nghi.xls", "de-nghi.xls", "de-nghi.xlsx"),  # an xlsx under an old Excel name
        ("Đề nghị " + "A" * 300 + ".xlsx", "Đề nghị " + "A" * 187 + ".xlsx", None),
    ],
)
def test_a_version_downloads_as_an_xlsx_under_the_clerk_s_name(
    example, sent: str, shown: str, downloaded: str | None
) -> None:
    from urllib.parse import quote

    people = make_people()
    pk = new_proposal(people.clerk_a)
    _upload(people.clerk_a, pk, example(), sent)
    kept = Upload.objects.get()
    assert kept.name == shown and len(kept.name) <= 200
    response = people.clerk_a.get(f"/tep-excel/{kept.pk}/")
    disposition = response["Content-Disposition"]
    assert quote(downloaded or shown) in disposition or f'"{downloaded or shown}"' in disposition


def test_cell_text_with_a_script_is_shown_literally(example) -> None:
    people = make_people()
    pk = new_proposal(people.clerk_a)
    path = example()
    with edit(path) as wb:
        ws = wb["Cá nhân"]
        ws[cell_of(ws, "Ngày sinh", 2)] = "<script>alert('x')</script>"
    page = _upload(people.clerk_a, pk, path)
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page


@pytest.mark.django_db(transaction=True)
def test_two_clerks_uploading_at_once_each_keep_their_version(example, tmp_path: Path) -> None:
    add_user("a2", "van-thu", PASSWORD, UNIT_A)
    people = make_people()
    second = login("a2")
    pk = new_proposal(people.clerk_a)
    good = example()
    bad, _ = broken_copy(good, tmp_path / "sai.xlsx")
    barrier = threading.Barrier(2)
    pages: dict[str, str] = {}

    def send(name: str, client: Client, path: Path) -> None:
        barrier.wait()
        pages[name] = _upload(client, pk, path)

    threads = [
        threading.Thread(target=send, args=("a", people.clerk_a, good)),
        threading.Thread(target=send, args=("a2", second, bad)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    kept = {u.by.username: u for u in Upload.objects.filter(proposal_id=pk)}
    assert sorted(u.number for u in kept.values()) == [1, 2]
    assert kept["a"].sha256 == hashlib.sha256(good.read_bytes()).hexdigest()
    assert kept["a2"].sha256 == hashlib.sha256(bad.read_bytes()).hexdigest()
    assert (kept["a"].errors, kept["a2"].errors) == (0, 1)
    assert f"Phiên bản {kept['a'].number}: không có lỗi" in pages["a"]
    assert f"Phiên bản {kept['a2'].number}: 1 lỗi cần sửa" in pages["a2"]


def test_the_plan_of_the_period_that_expects_the_unit_is_chosen_first(data_dir: Path) -> None:
    import re

    from pipeline.period.config import load_period
    from pipeline.web.demo import add_period

    period = add_period("vi-du", "bu-gia-map-cds-2022-2025", None, example=True)
    unit = load_period(data_dir / period.folder).config.units[1].name
    add_user("expected", "van-thu", PASSWORD, unit)
    add_user("other", "van-thu", PASSWORD, "Đơn vị không có trong đợt nào")
    chosen = re.compile(r'<option value="([^"]+)" selected>([^<]+)</option>')
    page = login("expected").get("/de-nghi/").content.decode()
    value, label = chosen.search(page).groups()
    assert value == f"{period.plan_id}/{period.review_id}"
    assert label.endswith(" — đợt đang nhận hồ sơ của đơn vị")
    assert chosen.search(login("other").get("/de-nghi/").content.decode()) is None


def test_a_proposal_goes_to_the_period_that_expects_its_unit_from_the_page_or_the_api(
    data_dir: Path, example
) -> None:
    """Two offices' periods of one plan and review: a unit's proposal (made on the page, or by
    the API from the workbook's plan) goes to the one whose list has the unit."""
    from pipeline.web.accounts import issue_token
    from pipeline.web.demo import add_period
    from pipeline.web.models import Proposal

    other = add_period("dot-khac", "bu-gia-map-cds-2022-2025", None, example=True)
    config = data_dir / other.folder / "dot-xet.toml"  # the older period: not this unit
    text = config.read_text(encoding="utf-8")
    assert f'name = "{UNIT_A}"' in text
    config.write_text(text.replace(f'name = "{UNIT_A}"', 'name = "Trường Mầm non"'), "utf-8")
    expecting = add_period("dot-cua-xa", "bu-gia-map-cds-2022-2025", None, example=True)
    people = make_people()
    pk = new_proposal(people.clerk_a)
    assert Proposal.objects.get(pk=pk).period == expecting
    api = Client(HTTP_AUTHORIZATION=f"Bearer {issue_token('a')}")
    with example().open("rb") as fh:
        queued = api.post("/api/v1/builds", {"file": fh})
    assert queued.status_code == 202
    made = Proposal.objects.exclude(pk=pk).get()
    assert (made.plan_id, made.period) == ("bu-gia-map-cds-2022-2025", expecting)


def test_the_errors_come_first_under_their_own_heading_then_the_warnings(
    example, tmp_path: Path
) -> None:
    # As `hoso check` prints them: what blocks the dossier is not lost among the warnings.
    people = make_people()
    pk = new_proposal(people.clerk_a)
    bad, cell = broken_copy(example(), tmp_path / "de-nghi.xlsx")
    page = _upload(people.clerk_a, pk, bad)
    errors = page.split('<h3 id="loi">')[1].split("</ul>")[0]
    warnings = page.split('<h3 id="canh-bao">')[1].split("</ul>")[0]
    assert errors.startswith("Lỗi (1): phải sửa rồi tải lên lại mới tạo được hồ sơ</h3>")
    assert f"Cá nhân!{cell}: “Ngày sinh”" in errors and 'class="finding warning"' not in errors
    counted = int(warnings.removeprefix("Cảnh báo (").split(")")[0])
    assert warnings.count('class="finding warning"') == counted >= 1
    assert "finding error" not in warnings
    assert page.index('<h3 id="loi">') < page.index('<h3 id="canh-bao">')
