"""The office calibrates its certificate stock in the browser: test page, offset, boxes, files."""

from __future__ import annotations

import html
import io
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader

from pipeline.inputs.certificates import builtin_calibration
from pipeline.period.config import load_period
from pipeline.web.accounts import add_user
from pipeline.web.demo import add_period
from pipeline.web.models import AuditEntry
from tests.webtools import PASSWORD, login

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("data_dir")]

PAGE = "/dot-xet/quyet-dinh/phoi/"


def _values(**changed: str) -> dict[str, str]:
    """The form as the page shows it for hoso's Giấy khen, with some inputs changed."""
    calibration = builtin_calibration("giay-khen")
    values = {"offset_x": "0", "offset_y": "0"}
    for key, box in calibration.fields.items():
        for attr in ("x", "y", "width", "height", "size"):
            values[f"{key}-{attr}"] = f"{getattr(box, attr):g}"
    return values | changed


def _labels(pdf: bytes) -> str:
    """The text of a test page."""
    return PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


def test_the_page_shows_each_stock_its_test_page_and_the_values_in_use(office) -> None:
    client, _ = office
    page = client.get(PAGE).content.decode()
    assert "<h1>Căn chỉnh phôi Giấy khen</h1>" in page  # the period's award, no other
    assert "Giấy khen" in page and "297 × 210 mm" in page
    assert "căn chỉnh mặc định của hoso" in page
    assert 'name="nguoi_nhan-y" value="86"' in page
    image = client.get(f"{PAGE}giay-khen/trang-thu.png")
    assert image["Content-Type"] == "image/png" and image.content.startswith(b"\x89PNG")
    pdf = client.get(f"{PAGE}giay-khen/trang-thu.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert "Ông/Bà và họ tên, hoặc tên tập thể (25; 86)" in _labels(pdf.content)
    assert "Căn chỉnh phôi Giấy khen" in client.get("/dot-xet/quyet-dinh/").content.decode()


def test_an_offset_typed_with_a_comma_moves_every_field_and_is_kept_in_the_period(office) -> None:
    client, folder = office
    response = client.post(f"{PAGE}giay-khen/", _values(offset_x="1,5", offset_y="-2"), follow=True)
    page = response.content.decode()
    assert "Đã lưu căn chỉnh phôi Giấy khen (dời 1,5 mm sang phải, -2 mm xuống dưới)" in page
    assert "căn chỉnh riêng của đợt" in page and 'name="offset_x" value="1,5"' in page
    saved = load_period(folder).calibration("giay-khen")
    assert (saved.offset.x, saved.offset.y) == (1.5, -2)
    assert saved.path == folder / "can-chinh-phoi" / "giay-khen.toml"
    labels = _labels(client.get(f"{PAGE}giay-khen/trang-thu.pdf").content)
    assert "Ông/Bà và họ tên, hoặc tên tập thể (26,5; 84)" in labels
    entry = AuditEntry.objects.get(action="sua-can-chinh-phoi")
    assert entry.username == "office" and "giay-khen: dời 1,5 mm" in entry.detail
    # A second change keeps the first in can-chinh-phoi-cu/.
    client.post(f"{PAGE}giay-khen/", _values(**{"nguoi_nhan-size": "20"}))
    (kept,) = (folder / "can-chinh-phoi-cu").glob("giay-khen-*.toml")
    assert "x = 1.5" in kept.read_text(encoding="utf-8")
    assert load_period(folder).calibration("giay-khen").fields["nguoi_nhan"].size == 20


def test_wrong_values_are_named_at_their_inputs_and_nothing_is_saved(office) -> None:
    client, folder = office
    typed = _values(**{"thanh_tich-width": "rộng", "nguoi_ky-size": "1", "nguoi_nhan-x": "80"})
    response = client.post(f"{PAGE}giay-khen/", typed)
    assert response.status_code == 400
    page = response.content.decode()
    assert 'name="thanh_tich-width" value="rộng"' in page  # kept as typed
    cell = page.split('name="nguoi_ky-size"')[1].split("</td>")[0]
    assert "phải lớn hơn 3" in cell
    assert "Nhập một số" in page.split('name="thanh_tich-width"')[1].split("</td>")[0]
    assert "Ô “Ông/Bà và họ tên, hoặc tên tập thể”: khung vượt ra ngoài trang" in page
    assert not (folder / "can-chinh-phoi").exists()


def test_a_calibration_file_is_taken_when_it_is_valid_and_refused_with_its_key_when_not(
    office,
) -> None:
    client, folder = office
    source = builtin_calibration("giay-khen").path.read_text(encoding="utf-8")
    broken = SimpleUploadedFile("phoi.toml", source.replace("size = 15", "size = 1").encode())
    page = client.post(f"{PAGE}giay-khen/tai-len/", {"tep": broken}, follow=True)
    # Said by the page's names (the box's row and column), not the file's keys.
    assert (
        "Không nhận tệp căn chỉnh: Tệp căn chỉnh phôi phoi.toml không hợp lệ: "
        "Ô “Chức danh người quyết định”, cỡ chữ: phải lớn hơn 3"
    ) in html.unescape(page.content.decode())
    assert "fields.chuc_danh" not in page.content.decode()
    binary = SimpleUploadedFile("anh.toml", b"\xff\xfe\x00")
    page = client.post(f"{PAGE}giay-khen/tai-len/", {"tep": binary}, follow=True)
    assert "anh.toml: tệp căn chỉnh phôi không phải văn bản UTF-8." in page.content.decode()
    a3 = builtin_calibration("bang-khen").path.read_bytes()
    other = SimpleUploadedFile("bang-khen.toml", a3)
    page = client.post(f"{PAGE}giay-khen/tai-len/", {"tep": other}, follow=True)
    assert (
        "Không nhận tệp căn chỉnh: Tên phôi ghi trong tệp: tệp này căn chỉnh phôi “Bằng khen”, "
        "không dùng để in Giấy khen." in html.unescape(page.content.decode())
    )
    assert not (folder / "can-chinh-phoi").exists()
    moved = source.replace("offset = { x = 0, y = 0 }", "offset = { x = 3, y = 0 }")
    good = SimpleUploadedFile("may-in-2.toml", moved.encode())
    page = client.post(f"{PAGE}giay-khen/tai-len/", {"tep": good}, follow=True)
    assert "dời 3 mm sang phải" in page.content.decode()
    own = folder / "can-chinh-phoi" / "giay-khen.toml"
    assert own.read_text(encoding="utf-8") == moved  # the file as the office wrote it
    assert client.get(f"{PAGE}giay-khen.toml").getvalue().decode() == moved
    # Back to hoso's: the office's file is set aside, not lost.
    page = client.post(f"{PAGE}giay-khen/mac-dinh/", follow=True).content.decode()
    assert "Giấy khen in theo căn chỉnh mặc định của hoso." in page
    assert not own.exists()
    (kept,) = (folder / "can-chinh-phoi-cu").glob("giay-khen-*.toml")
    assert kept.read_text(encoding="utf-8") == moved


def test_a_broken_file_put_there_by_hand_is_named_and_can_be_set_aside(office) -> None:
    client, folder = office
    own = folder / "can-chinh-phoi" / "giay-khen.toml"
    own.parent.mkdir()
    own.write_text('name = "Giấy khen"\n', encoding="utf-8")
    page = html.unescape(client.get(PAGE).content.decode())
    assert "Khổ phôi: tệp chưa ghi (bắt buộc)" in page
    assert "› page" not in page and "khóa" not in page
    assert client.get("/dot-xet/quyet-dinh/").status_code == 200
    client.post(f"{PAGE}giay-khen/mac-dinh/")
    assert not own.exists()
    assert "căn chỉnh mặc định của hoso" in client.get(PAGE).content.decode()


def test_only_the_office_reaches_the_stock_and_only_its_stocks(office, data_dir: Path) -> None:
    office_client, folder = office
    add_user("clerk", "van-thu", PASSWORD, load_period(folder).config.units[0].name)
    clerk = login("clerk")
    urls = [
        PAGE,
        f"{PAGE}giay-khen/trang-thu.pdf",
        f"{PAGE}giay-khen/trang-thu.png",
        f"{PAGE}giay-khen.toml",
    ]
    for url in urls:
        assert clerk.get(url).status_code == 404, url
    for url in (f"{PAGE}giay-khen/", f"{PAGE}giay-khen/tai-len/", f"{PAGE}giay-khen/mac-dinh/"):
        assert clerk.post(url, _values(offset_x="9")).status_code == 404, url
    assert not (folder / "can-chinh-phoi").exists()
    # This period prints no Bằng khen, and no other name is a stock.
    for url in (f"{PAGE}bang-khen/trang-thu.pdf", f"{PAGE}..%2Fdot-xet.toml/trang-thu.pdf"):
        assert office_client.get(url).status_code == 404, url
    assert office_client.post(f"{PAGE}giay-khen-x/mac-dinh/").status_code == 404
    assert login_page(f"{PAGE}giay-khen/trang-thu.pdf")


def login_page(url: str) -> bool:
    """Whether an anonymous visitor is sent to the log-in page."""
    from django.test import Client

    response = Client().get(url)
    return response.status_code == 302 and response["Location"].startswith("/dang-nhap/")


def test_a_period_that_decides_nothing_prints_no_stock(data_dir: Path) -> None:
    add_period("vi-du", "bu-gia-map-cds-2022-2025", None, example=True)
    add_user("office", "thi-dua", PASSWORD)
    client = login("office")
    page = client.get("/dot-xet/vi-du/phoi/").content.decode()
    assert "không tự quyết định hình thức khen thưởng nào" in page
    assert "Căn chỉnh phôi" not in client.get("/dot-xet/vi-du/").content.decode()


def test_a_folder_that_cannot_be_written_is_named_not_a_server_error(office) -> None:
    client, folder = office
    (folder / "can-chinh-phoi").write_text("not a folder", encoding="utf-8")  # where it must go
    response = client.post(f"{PAGE}giay-khen/", _values(offset_x="1"), follow=True)
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert (
        "Không thực hiện được: trong thư mục dữ liệu, ở dot-xet/quyet-dinh/, có một tệp tên "
        "“can-chinh-phoi” nằm đúng chỗ của thư mục căn chỉnh phôi can-chinh-phoi/ nên không lưu "
        "được căn chỉnh; hãy đổi tên hoặc chuyển tệp đó đi rồi lưu lại."
    ) in page
    assert "trùng tên" not in page
    assert "căn chỉnh mặc định của hoso" in page


def test_a_hostile_calibration_file_is_shown_literally_or_refused(office) -> None:
    client, folder = office
    source = builtin_calibration("giay-khen").path.read_text(encoding="utf-8")
    script = source.replace('name = "Giấy khen"', 'name = "<script>alert(1)</script>"')
    upload = SimpleUploadedFile("../../dot-xet.toml", script.encode())
    page = client.post(f"{PAGE}giay-khen/tai-len/", {"tep": upload}, follow=True).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert (folder / "can-chinh-phoi" / "giay-khen.toml").read_text(encoding="utf-8") == script
    assert "<script>" not in (folder / "dot-xet.toml").read_text(encoding="utf-8")
    big = SimpleUploadedFile("lon.toml", b"# " + b"x" * 70_000 + b"\n" + source.encode())
    page = client.post(f"{PAGE}giay-khen/tai-len/", {"tep": big}, follow=True).content.decode()
    assert "Không nhận tệp căn chỉnh: tệp quá lớn cho một tệp căn chỉnh (hơn 64 KB)." in page


def test_the_stock_s_size_is_set_in_the_form_and_the_toml_file_is_set_aside(office) -> None:
    client, folder = office
    page = client.get(PAGE).content.decode()
    form = page.split('action="/dot-xet/quyet-dinh/phoi/giay-khen/"')[1].split("</form>")[0]
    # Everything to calibrate is a field of the form, in millimetres, named in Vietnamese.
    assert "Khổ phôi (chỉ sửa khi phôi của cơ quan khác khổ)" in form
    assert ">Rộng (mm)<" in form and 'name="page_width" value="297"' in form
    assert ">Cao (mm)<" in form and 'name="page_height" value="210"' in form
    assert ">Dời sang phải (mm)" in form and 'name="nguoi_nhan-x"' in form
    # The file comes after the form, folded away, and says what it is for.
    first = page.split('id="phoi-giay-khen"')[1].split("</p>")[0]
    assert ".toml" not in first
    folded = page.split('id="tep-can-chinh-giay-khen"')[1].split("</details>")[0]
    assert "<summary>Tệp căn chỉnh (.toml): không cần để căn chỉnh</summary>" in folded
    assert "Mọi số để căn chỉnh đều nhập ở các ô trên rồi bấm “Lưu”" in folded
    assert "/dot-xet/quyet-dinh/phoi/giay-khen.toml" in folded
    assert page.index("Lưu căn chỉnh Giấy khen") < page.index('id="tep-can-chinh-giay-khen"')

    typed = _values(page_width="300", page_height="212,5")
    saved = client.post(f"{PAGE}giay-khen/", typed, follow=True).content.decode()
    assert 'Giấy khen <span class="muted">(300 × 212,5 mm)</span>' in saved
    assert load_period(folder).calibration("giay-khen").page.height == 212.5
    box = PdfReader(io.BytesIO(client.get(f"{PAGE}giay-khen/trang-thu.pdf").content)).pages[0]
    mm = 72 / 25.4
    assert (round(float(box.mediabox.width) / mm), round(float(box.mediabox.height) / mm, 1)) == (
        300,
        212.5,
    )
    # A size the stock cannot have is named at its input, nothing saved.
    refused = client.post(f"{PAGE}giay-khen/", _values(page_height="10"))
    assert refused.status_code == 400
    cell = refused.content.decode().split('name="page_height"')[1].split("</div>")[0]
    assert "phải lớn hơn 50" in cell, cell
    assert load_period(folder).calibration("giay-khen").page.height == 212.5


def test_the_boxes_table_says_the_unit_of_each_column(office) -> None:
    client, _ = office
    page = client.get(PAGE).content.decode()
    table = page.split('<table class="list boxes">')[1].split("</table>")[0]
    heads = [html.unescape(h) for h in re.findall(r"<th>([^<]+)</th>", table.split("</tr>")[0])]
    assert heads == [
        "Ô",
        "Cách lề trái (mm)",
        "Cách mép trên (mm)",
        "Rộng (mm)",
        "Cao (mm)",
        "Cỡ chữ (pt)",
        "Cỡ chữ nhỏ nhất (pt)",
        "Chữ đậm",
        "Chữ nghiêng",
        "Màu chữ",
        "Căn lề",
    ]
    # Every row's inputs stand under the column that names them (as a screen reader says them).
    said = [re.sub(r" \((mm|pt)\)$", "", h).lower() for h in heads[1:]]
    rows = table.split("</tr>")[1:-1]
    assert len(rows) == 9  # one per field hoso prints
    for row in rows:
        name = html.unescape(re.search(r'<th scope="row">([^<]+)</th>', row)[1])
        labels = [html.unescape(a) for a in re.findall(r'aria-label="([^"]+)"', row)]
        assert labels == [f"{name}: {h}" for h in said], labels


def test_uploading_a_calibration_file_is_the_apps_button(office) -> None:
    client, _ = office
    page = client.get(PAGE).content.decode()
    form = page.split('action="/dot-xet/quyet-dinh/phoi/giay-khen/tai-len/"')[1].split("</form>")[0]
    assert '<button class="primary" type="submit">Tải lên</button>' in form


def test_going_back_to_the_default_calibration_is_the_apps_button(office) -> None:
    client, folder = office
    client.post(f"{PAGE}giay-khen/", _values(offset_x="1"))  # the period's own calibration
    page = client.get(PAGE).content.decode()
    action = 'action="/dot-xet/quyet-dinh/phoi/giay-khen/mac-dinh/"'
    form = page.split(action)[1].split("</form>")[0]
    assert '<button class="primary" type="submit">Dùng lại căn chỉnh mặc định của hoso' in form
    (folder / "can-chinh-phoi" / "giay-khen.toml").write_text("không phải toml", encoding="utf-8")
    page = html.unescape(client.get(PAGE).content.decode())
    assert (
        '<button class="primary" type="submit">Bỏ tệp căn chỉnh riêng “giay-khen.toml”, dùng lại '
        "căn chỉnh mặc định</button>"
    ) in page, page
