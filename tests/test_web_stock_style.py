"""The office sets each certificate field's bold, italic and alignment on the stock page: saved
in the period's calibration as the command line writes it, printed in that style and place."""

from __future__ import annotations

import html
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader
from pypdf.generic import ContentStream

from pipeline.inputs.certificates import builtin_calibration, calibration_toml, load_calibration
from pipeline.pdf.certificates import measure, register_fonts
from pipeline.period.config import load_period
from tests.workers import demo_login

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("data_dir")]

PAGE = "/dot-xet/quyet-dinh/phoi/"
PT = 25.4 / 72  # mm per point
NAME = "Ông/Bà và họ tên, hoặc tên tập thể"  # the row of the field nguoi_nhan


def _form(page: str) -> dict[str, str]:
    """What the browser posts of the Giấy khen form as the page shows it: its inputs' values (a
    colour picker's too), the ticked checkboxes ("on"), each select's chosen option."""
    form = page.split('action="/dot-xet/quyet-dinh/phoi/giay-khen/"')[1].split("</form>")[0]
    values = dict(
        re.findall(r'<input type="(?:text|hidden|color)" name="([\w-]+)" value="([^"]*)"', form)
    )
    values |= {
        n: "on" for n in re.findall(r'<input type="checkbox" name="([\w-]+)"[^>]* checked', form)
    }
    for name, options in re.findall(r'<select name="([\w-]+)"[^>]*>(.*?)</select>', form, re.S):
        values[name] = re.search(r'<option value="([^"]*)"[^>]* selected>', options)[1]
    return values


def _cell(page: str, name: str) -> str:
    """The table cell of an input, as read (its input's markup and error)."""
    return html.unescape(page.split(f'name="{name}"')[1].split("</td>")[0])


def test_the_page_shows_each_fields_style_and_saves_a_change_as_the_cli_writes_it(office) -> None:
    client, folder = office
    page = client.get(PAGE).content.decode()
    shown = _form(page)
    # hoso's Giấy khen: the name bold and centred, the decision line left, the deed italic.
    assert shown["nguoi_nhan-bold"] == "on" and "nguoi_nhan-italic" not in shown
    assert shown["nguoi_nhan-align"] == "center" and shown["quyet_dinh-align"] == "left"
    assert shown["thanh_tich-italic"] == "on"
    select = page.split('name="nguoi_nhan-align"')[1].split("</select>")[0]
    options = re.findall(r'<option value="(\w+)"[^>]*>([^<]+)</option>', select)
    assert options == [("left", "trái"), ("center", "giữa"), ("right", "phải")]
    assert f'aria-label="{NAME}: chữ nghiêng"' in page
    assert "Vạch đậm ở đáy khung cho biết chữ căn trái, giữa hay phải" in page  # the bar, said
    # The office ticks the name's italic, sets it right and unticks the title's bold.
    typed = shown | {"nguoi_nhan-italic": "on", "nguoi_nhan-align": "right"}
    del typed["chuc_danh-bold"]
    response = client.post(f"{PAGE}giay-khen/", typed, follow=True)
    assert "Đã lưu căn chỉnh phôi Giấy khen" in response.content.decode()
    again = _form(response.content.decode())
    assert again["nguoi_nhan-italic"] == "on" and again["nguoi_nhan-align"] == "right"
    assert "chuc_danh-bold" not in again
    own = folder / "can-chinh-phoi" / "giay-khen.toml"
    saved = load_calibration(own)
    name, title = saved.fields["nguoi_nhan"], saved.fields["chuc_danh"]
    assert (name.bold, name.italic, name.align) == (True, True, "right")
    assert (title.bold, title.color) == (False, "#C00000")  # its colour, not in the form, kept
    assert own.read_text(encoding="utf-8") == calibration_toml(saved)
    assert 'italic = true\nalign = "right"' in own.read_text(encoding="utf-8")
    # The test page (and its picture on the page) names the field in its new style, and its
    # bar along the box's bottom moves to the right side.
    test_page = client.get(f"{PAGE}giay-khen/trang-thu.pdf").content
    label = f"{NAME} ({name.x:g}; {name.y:g})"
    [(x, font)] = [(x, font) for text, x, *_, font in _drawn(test_page) if text == label]
    assert font.endswith("-BoldItalic") and abs(x - (name.x + 1)) < 0.05, (x, font)
    bottom = 210 - (name.y + name.height - 1)
    [bar] = [line for line in _lines(test_page) if abs(line[1] - bottom) < 0.05]
    assert abs(bar[2] - (name.x + name.width - 1)) < 0.05, bar  # ends 1 mm in from the right
    assert bar[0] > name.x + name.width / 2, bar  # not in the middle any more
    # Another change keeps this one in can-chinh-phoi-cu/.
    client.post(f"{PAGE}giay-khen/", again | {"nguoi_nhan-align": "left"})
    (kept,) = (folder / "can-chinh-phoi-cu").glob("giay-khen-*.toml")
    assert load_calibration(kept).fields["nguoi_nhan"].align == "right"
    assert load_period(folder).calibration("giay-khen").fields["nguoi_nhan"].align == "left"


def test_an_alignment_the_page_does_not_offer_is_named_at_its_select(office) -> None:
    client, folder = office
    typed = _form(client.get(PAGE).content.decode()) | {"quyet_dinh-align": "centre"}
    response = client.post(f"{PAGE}giay-khen/", typed)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Chọn căn lề trái, giữa hoặc phải." in _cell(page, "quyet_dinh-align")
    assert (
        page.split('name="quyet_dinh-align"')[0].rsplit("<td", 1)[1]
        == ' class="has-error"><select '
    )
    assert page.count('class="has-error"') == 1  # only there
    assert not (folder / "can-chinh-phoi").exists()


def test_a_form_posted_without_the_style_inputs_keeps_each_fields_style(office) -> None:
    client, folder = office
    shown = _form(client.get(PAGE).content.decode())
    # A page opened before the style inputs existed posts the box's numbers only.
    later = ("-bold", "-italic", "-align", "-min_size", "-color")
    assert all(any(k.endswith(end) for k in shown) for end in later)  # the page has them all
    numbers = {k: v for k, v in shown.items() if not k.endswith(later)}
    client.post(f"{PAGE}giay-khen/", numbers | {"offset_x": "1"})
    saved = load_period(folder).calibration("giay-khen")
    assert saved.offset.x == 1
    assert saved.fields["chuc_danh"].bold and saved.fields["thanh_tich"].italic
    assert saved.fields["quyet_dinh"].align == "left"
    assert (saved.fields["chuc_danh"].color, saved.fields["chuc_danh"].min_size) == ("#C00000", 8)


def _drawn(pdf: Path | bytes) -> list[tuple[str, float, float, float, str]]:
    """Each text of a PDF's first page: its text, x and baseline (mm from the top-left), size
    and the font it is drawn with (as the page's resources name it)."""
    page = PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf).pages[0]
    height = float(page.mediabox.height)
    out = []

    def visit(text, cm, tm, font, size) -> None:  # type: ignore[no-untyped-def]
        if text.strip():
            name = str(font["/BaseFont"]) if font else ""
            out.append((text.strip(), tm[4] * PT, (height - tm[5]) * PT, size, name))

    page.extract_text(visitor_text=visit)
    return out


def _lines(pdf: bytes) -> list[tuple[float, float, float, float]]:
    """The straight lines a PDF's first page strokes: (x1, y1, x2, y2) in mm from the bottom-left."""
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    found, start = [], (0.0, 0.0)
    for operands, operator in ContentStream(page.get_contents(), page.pdf).operations:
        if operator == b"m":
            start = (float(operands[0]) * PT, float(operands[1]) * PT)
        elif operator == b"l":
            found.append((*start, float(operands[0]) * PT, float(operands[1]) * PT))
    return found


@pytest.mark.browser
def test_the_office_ticks_italic_and_sets_right_and_the_certificates_print_so(
    demo_server: str, demo_data: Path, browser, tmp_path: Path
) -> None:
    page = demo_login(browser, demo_server, "thidua")
    page.goto(f"{demo_server}/dot-xet/vi-du-quyet-dinh/phoi/")
    page.click("text=Khung của từng ô")
    italic, align = page.get_by_label(f"{NAME}: chữ nghiêng"), page.get_by_label(f"{NAME}: căn lề")
    assert not italic.is_checked() and page.get_by_label(f"{NAME}: chữ đậm").is_checked()
    assert align.locator("option:checked").text_content() == "giữa"
    italic.check()
    align.select_option(label="phải")
    page.locator("table.boxes").screenshot(path=str(tmp_path / "kieu-chu.png"))
    page.click("button:has-text('Lưu căn chỉnh Giấy khen')")
    page.wait_for_selector(".msg.success")
    assert "Đã lưu căn chỉnh phôi Giấy khen" in page.locator(".msg.success").inner_text()
    assert page.get_by_label(f"{NAME}: chữ nghiêng").is_checked()
    assert page.get_by_label(f"{NAME}: căn lề").locator("option:checked").text_content() == "phải"
    # The period's certificates, printed as the office prints them, from the saved calibration.
    folder = demo_data / "dot-xet" / "vi-du-quyet-dinh"
    printed = subprocess.run(
        [sys.executable, "-m", "pipeline.cli", "period", "certificates", "-o", tmp_path / "in", folder],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert printed.returncode == 0, printed.stdout + printed.stderr
    (pdf,) = (tmp_path / "in").glob("**/giay-khen.pdf")
    box = load_period(folder).calibration("giay-khen").fields["nguoi_nhan"]
    lines = _drawn(pdf)
    names = [ln for ln in lines if box.y <= ln[2] <= box.y + box.height]
    assert names, lines
    register_fonts()
    for text, x, _baseline, size, font in names:
        assert font.endswith("-BoldItalic"), (text, font)  # bold as before, now italic too
        right = x + measure(text, "HosoSerif-bold-italic", size)
        assert abs(right - (box.x + box.width)) <= 0.5, (text, x, right)  # its right edge
        assert x > box.x + 5, (text, x)  # not at the box's left edge
    # The other fields keep their style: the deed italic, the title upright.
    fonts = {text: font for text, *_, font in lines}
    assert not any(f.endswith("Italic") for t, f in fonts.items() if t.isupper()), fonts


def test_an_uploaded_file_with_a_misspelled_alignment_is_refused_naming_its_cell(office) -> None:
    client, folder = office
    source = builtin_calibration("giay-khen").path.read_text(encoding="utf-8")
    broken = source.replace('align = "left"', 'align = "centre"', 1)
    upload = SimpleUploadedFile("phoi.toml", broken.encode())
    page = client.post(f"{PAGE}giay-khen/tai-len/", {"tep": upload}, follow=True)
    said = html.unescape(page.content.decode())
    # The page offers trái, giữa, phải: said so, the file's words left to the file's comments.
    assert (
        "Không nhận tệp căn chỉnh: Tệp căn chỉnh phôi phoi.toml không hợp lệ: "
        "Ô “Số, ngày Quyết định”, căn lề: giá trị “centre” không hợp lệ; chỉ nhận căn trái, giữa "
        "hoặc phải (cách ghi trong tệp: xem chú thích ở đầu tệp)"
    ) in said
    assert "'left'" not in said and "'center'" not in said and "'right'" not in said
    assert not (folder / "can-chinh-phoi").exists()
    # A bold written as a word: a checkbox on the page, ticked or not.
    worded = source.replace("size = 22\nbold = true", 'size = 22\nbold = "yes"', 1)
    upload = SimpleUploadedFile("phoi.toml", worded.encode())
    page = client.post(f"{PAGE}giay-khen/tai-len/", {"tep": upload}, follow=True)
    said = html.unescape(page.content.decode())
    assert (
        "Ô “Ông/Bà và họ tên, hoặc tên tập thể”, chữ đậm: chỉ nhận có hoặc không (cách ghi "
        "trong tệp: xem chú thích ở đầu tệp)"
    ) in said
    assert "true hoặc false" not in said
    # The same file put in the period by hand: the page lists its problem alike.
    own = folder / "can-chinh-phoi" / "giay-khen.toml"
    own.parent.mkdir()
    own.write_text(broken, encoding="utf-8")
    said = html.unescape(client.get(PAGE).content.decode())
    assert (
        "Ô “Số, ngày Quyết định”, căn lề: giá trị “centre” không hợp lệ; chỉ nhận căn trái, giữa "
        "hoặc phải"
    ) in said
    assert "'left'" not in said
