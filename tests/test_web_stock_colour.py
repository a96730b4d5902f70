"""The office sets each certificate field's colour and smallest type size on the stock page, as
the calibration file has them: checked at the input, saved as the command line writes the file,
shown on the test page and printed so."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from pipeline.inputs.certificates import builtin_calibration, calibration_toml, load_calibration
from pipeline.pdf.certificates import layout, register_fonts
from pipeline.period.config import load_period
from tests.test_web_stock_style import _cell, _form
from tests.webtools import drawn
from tests.workers import demo_login

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("data_dir")]

PAGE = "/dot-xet/quyet-dinh/phoi/"
TITLE = "Chức danh người quyết định"  # the row of the field chuc_danh
NAME = "Ông/Bà và họ tên, hoặc tên tập thể"  # the row of the field nguoi_nhan
LONG = (  # a collective's name that takes one line at 15 pt
    "Phòng Văn hóa, Thông tin và Thể thao cùng Trung tâm Dịch vụ Nông nghiệp xã Bù Gia Mập, "
    "tỉnh Đồng Nai"
)


def test_the_page_shows_each_fields_colour_and_smallest_size_and_saves_them(office) -> None:
    client, folder = office
    page = client.get(PAGE).content.decode()
    shown = _form(page)
    # hoso's Giấy khen: the title red, the rest black; long texts shrink to 8 pt.
    assert shown["chuc_danh-color"] == "#C00000" and shown["nguoi_nhan-color"] == "#000000"
    assert shown["nguoi_nhan-min_size"] == "8"
    assert '<input type="color" name="chuc_danh-color" value="#C00000"' in page
    assert f'aria-label="{TITLE}: màu chữ"' in page
    assert f'aria-label="{NAME}: cỡ chữ nhỏ nhất"' in page
    # The picker posts lower case; a smallest size is typed with a comma.
    typed = shown | {"chuc_danh-color": "#1f4e79", "nguoi_nhan-min_size": "16,5"}
    response = client.post(f"{PAGE}giay-khen/", typed, follow=True)
    assert "Đã lưu căn chỉnh phôi Giấy khen" in response.content.decode()
    again = _form(response.content.decode())
    assert again["chuc_danh-color"] == "#1F4E79" and again["nguoi_nhan-min_size"] == "16,5"
    own = folder / "can-chinh-phoi" / "giay-khen.toml"
    saved = load_calibration(own)
    assert (saved.fields["chuc_danh"].color, saved.fields["nguoi_nhan"].min_size) == (
        "#1F4E79",
        16.5,
    )
    assert own.read_text(encoding="utf-8") == calibration_toml(saved)
    assert 'color = "#1F4E79"' in own.read_text(encoding="utf-8")
    # The other fields keep theirs.
    assert saved.fields["thanh_tich"].min_size == 8 and saved.fields["nguoi_ky"].color == "#000000"
    # The test page writes the sizes in the name's box.
    test_page = client.get(f"{PAGE}giay-khen/trang-thu.pdf").content
    text = PdfReader(io.BytesIO(test_page)).pages[0].extract_text()
    assert "cỡ chữ 22 pt, nhỏ nhất 16,5 pt" in text and "cỡ chữ 15 pt, nhỏ nhất 8 pt" in text
    # A long name now shrinks to 16,5 pt at most, then takes two lines (hoso's shrank it to 15).
    register_fonts()
    for calibration, size, lines in ((builtin_calibration("giay-khen"), 15, 1), (saved, 16.5, 2)):
        (placed,) = [
            p for p in layout(calibration, {"nguoi_nhan": LONG}) if p.field == "nguoi_nhan"
        ]
        assert (placed.size, len(placed.lines)) == (size, lines), placed
    in_use = load_period(folder).calibration("giay-khen").fields["nguoi_nhan"]
    assert in_use.min_size == 16.5  # what the period's next run prints with


def test_a_colour_or_smallest_size_the_file_cannot_take_is_named_at_its_input(office) -> None:
    client, folder = office
    shown = _form(client.get(PAGE).content.decode())
    typed = shown | {
        "chuc_danh-color": "đỏ",
        "nguoi_nhan-min_size": "4",
        "thanh_tich-min_size": "nhỏ",
        "nguoi_ky-min_size": "200",
        "quyet_dinh-color": "",
    }
    response = client.post(f"{PAGE}giay-khen/", typed)
    assert response.status_code == 400
    page = response.content.decode()
    said = {
        "chuc_danh-color": (
            "“đỏ” không phải mã màu: ghi # và 6 chữ số hệ 16, ví dụ #000000 (đen), #C00000 (đỏ)"
        ),
        "nguoi_nhan-min_size": "phải từ 6 trở lên",
        "thanh_tich-min_size": "Nhập một số.",
        "nguoi_ky-min_size": "không được lớn hơn 120",
        "quyet_dinh-color": "Chọn màu chữ.",
    }
    for name, error in said.items():
        cell = _cell(page, name)
        assert error in cell, (name, cell)
        assert page.split(f'name="{name}"')[0].rsplit("<td", 1)[1].startswith(' class="has-error"')
    assert page.count('class="has-error"') == len(said)  # only there
    assert 'name="thanh_tich-min_size" value="nhỏ"' in page  # kept as typed
    assert not (folder / "can-chinh-phoi").exists()


def _blue(picture: Image.Image) -> int:
    """How many pixels of a picture are the blue #1F4E79 (or near it, smoothed)."""
    pixels = picture.convert("RGB")
    found = (pixels.getpixel((i, j)) for i in range(pixels.width) for j in range(pixels.height))
    return sum(1 for r, g, b in found if b - r > 40 and b > 80 and g < 160)


@pytest.mark.browser
def test_the_office_picks_a_colour_and_a_smallest_size_and_sees_them(
    demo_server: str, demo_data: Path, browser, tmp_path: Path
) -> None:
    page = demo_login(browser, demo_server, "thidua")
    page.goto(f"{demo_server}/dot-xet/vi-du-quyet-dinh/phoi/")
    page.click("text=Khung của từng ô")
    table = page.locator("table.boxes")
    heads = table.locator("tr").first.locator("th").all_inner_texts()
    assert heads[6:] == ["Cỡ chữ nhỏ nhất (pt)", "Chữ đậm", "Chữ nghiêng", "Màu chữ", "Căn lề"]
    colour, smallest = (
        page.get_by_label(f"{TITLE}: màu chữ"),
        page.get_by_label(f"{NAME}: cỡ chữ nhỏ nhất"),
    )
    assert colour.get_attribute("type") == "color" and colour.input_value() == "#c00000"
    assert smallest.input_value() == "8"
    image = page.locator("img.test-page")
    (tmp_path / "truoc.png").write_bytes(image.screenshot())
    assert _blue(Image.open(tmp_path / "truoc.png")) == 0
    colour.fill("#1f4e79")
    smallest.fill("12,5")
    page.locator("table.boxes").screenshot(path=str(tmp_path / "mau-chu.png"))
    page.click("button:has-text('Lưu căn chỉnh Giấy khen')")
    page.wait_for_selector(".msg.success")
    assert "Đã lưu căn chỉnh phôi Giấy khen" in page.locator(".msg.success").inner_text()
    page.click("text=Khung của từng ô")
    assert page.get_by_label(f"{TITLE}: màu chữ").input_value() == "#1f4e79"
    assert page.get_by_label(f"{NAME}: cỡ chữ nhỏ nhất").input_value() == "12,5"
    # The test page's picture on the page: the title's name is blue now.
    page.wait_for_function("document.querySelector('img.test-page').complete")
    (tmp_path / "sau.png").write_bytes(page.locator("img.test-page").screenshot())
    assert _blue(Image.open(tmp_path / "sau.png")) > 5
    page.screenshot(path=str(tmp_path / "trang.png"), full_page=True)
    saved = load_period(demo_data / "dot-xet" / "vi-du-quyet-dinh").calibration("giay-khen")
    assert saved.fields["chuc_danh"].color == "#1F4E79"
    assert saved.fields["nguoi_nhan"].min_size == 12.5
    # The help above the form says what the test page shows of them.
    steps = re.sub(r"\s+", " ", page.locator("ol.steps").inner_text())
    assert "tên ô in đậm, nghiêng và cùng màu như chữ của ô" in steps
    assert "góc phải khung ghi cỡ chữ và cỡ chữ nhỏ nhất" in steps


@pytest.mark.browser
def test_the_boxes_table_with_its_eleven_columns_fits_an_800_pixel_screen(office) -> None:
    client, _ = office
    page = client.get(PAGE).content.decode()
    # A position with two decimals, the widest a clerk types.
    page = page.replace('name="quyet_dinh-x" value="18"', 'name="quyet_dinh-x" value="136,25"')
    with drawn(page, 800) as shown:
        shown.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        assert shown.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        box = shown.locator('input[name="quyet_dinh-x"]')
        assert box.evaluate("e => e.scrollWidth <= e.clientWidth")  # "136,25" shown whole
        # The field's name keeps a readable column: no line of it a single short word.
        assert shown.locator("table.boxes th[scope=row]").first.bounding_box()["width"] >= 100
