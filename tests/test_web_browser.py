"""End to end in a real Chromium (Debian's, driven by Playwright): `hoso serve --demo` and its
worker, a clerk from a broken workbook to a downloaded dossier, the office's period page."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import pki
from tests.conftest import edit
from tests.webtools import of_unit
from tests.workers import (
    demo_login,
    job_finished,
    redis_server,
    serving,
    sign_apart,
    start_proposal,
    until,
    workers,
)

REPO = Path(__file__).resolve().parent.parent
SHOTS = REPO / "output" / "web-screens"
PASSWORD = "hoso-demo-2026"

pytestmark = [pytest.mark.browser, pytest.mark.libreoffice]


@pytest.fixture(params=["embedded", "redis"])
def queue(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str | None]:
    """The embedded queue (`hoso serve` starts its worker), or Redis with two workers of its own."""
    if request.param == "embedded":
        yield None
        return
    with (
        redis_server(tmp_path / "redis") as url,
        workers(tmp_path / "worker-data", url, 2, tmp_path / "logs"),
    ):
        yield url


@pytest.fixture
def server(tmp_path: Path, queue: str | None) -> Iterator[str]:
    """`hoso serve --demo` on a free port with a fresh data folder (and its queue)."""
    log = tmp_path / "serve.log"
    with serving(tmp_path / "du-lieu", log, queue) as url:
        yield url
    # Whatever the pages did, the server (and its worker) never failed with a traceback.
    assert "Traceback" not in log.read_text(encoding="utf-8", errors="replace")


def _shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _uploaded_example(browser, url: str, example):  # type: ignore[no-untyped-def]
    """The demo clerk's page after uploading the plan's example as a new proposal's version 1."""
    page = demo_login(browser, url, "vanthu")
    start_proposal(page)
    page.set_input_files("input[type=file]", str(example(name="de-nghi.xlsx")))
    page.click("text=Tải lên và kiểm tra")
    return page


def _zip(download) -> set[str]:  # type: ignore[no-untyped-def]
    return set(zipfile.ZipFile(io.BytesIO(Path(download.path()).read_bytes())).namelist())


def test_a_clerk_goes_from_a_broken_workbook_to_a_downloaded_dossier_and_the_office_sees_the_period(
    server: str, queue: str | None, browser, example, tmp_path: Path
) -> None:
    mode = "redis-" if queue else ""

    def shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
        _shot(page, mode + name)

    good = example(name="de-nghi.xlsx")
    bad = tmp_path / "sai" / "de-nghi.xlsx"
    bad.parent.mkdir()
    bad.write_bytes(good.read_bytes())
    with edit(bad) as wb:
        wb["Cá nhân"]["D2"] = "31/02/1985"
    page = demo_login(browser, server, "vanthu")
    start_proposal(page)
    shot(page, "1-de-nghi-moi")
    assert page.inner_text("form .chon-tep") == "Chọn tệp…\nChưa chọn tệp"
    page.set_input_files("input[type=file]", str(bad))
    assert page.inner_text("form .ten-tep") == "de-nghi.xlsx"
    page.click("text=Tải lên và kiểm tra")
    cell = page.locator('table[data-sheet="Cá nhân"] td[data-cell="D2"]')
    assert cell.get_attribute("class") == "error"
    assert cell.inner_text() == "31/02/1985"
    row = page.locator('table[data-sheet="Cá nhân"] tr', has=page.locator('td[data-cell="D2"]'))
    notes = row.locator("td.notes")
    assert "D2: “Ngày sinh”: ngày “31/02/1985” không tồn tại" in notes.inner_text()
    color = cell.evaluate("e => getComputedStyle(e).backgroundColor")
    assert color == "rgb(255, 214, 214)"  # highlighted as the stylesheet says
    shot(page, "2-tep-loi")
    page.set_input_files("input[type=file]", str(good))
    page.click("text=Tải lên và kiểm tra")
    assert "Phiên bản 2: không có lỗi" in page.inner_text("[role=alert]")
    shot(page, "3-tep-dung")
    page.click("text=Tạo hồ sơ từ phiên bản 2")
    page.wait_for_selector("#tien-do")
    shot(page, "4-dang-tao")
    job_finished(page, "#tien-do", timeout=900_000)
    shot(page, "5-xong")
    with page.expect_download() as got:
        page.click("text=Tải về tất cả (ZIP)")
    names = _zip(got.value)
    # One folder named for the clerk's unit and the version built; no manifest.json.
    inner = "ho-so-trung-tam-van-hoa-the-thao-va-truyen-thanh-huyen-bu-gia-map-phien-ban-2"
    assert {f"{inner}/van-ban/01-to-trinh.pdf", f"{inner}/ho-so-tong-hop.pdf"} <= names
    assert any(n.startswith(f"{inner}/ho-so/") and n.endswith(".pdf") for n in names)
    assert {n.split("/", 1)[0] for n in names} == {inner}
    assert not [n for n in names if n.endswith("manifest.json")]
    page.click("text=Xem trước các trang")
    # The preview page is made on request (pdftoppm for every document): wait for it, since
    # count() below does not.
    page.wait_for_selector(".pages img", timeout=300_000)
    images = page.locator(".pages img")
    assert images.count() >= 3
    first = images.first
    first.scroll_into_view_if_needed()
    until(lambda: first.evaluate("i => i.complete && i.naturalWidth > 0"), timeout=60)
    shot(page, "6-xem-truoc")
    office = demo_login(browser, server, "thidua")
    office.click("text=Sơ kết năm 2023")
    office.wait_for_selector("#don-vi .status", timeout=300_000)  # all_inner_texts() does not wait
    statuses = office.locator("#don-vi .status").all_inner_texts()
    sent, waiting = ["đã nộp"] * 4 + ["trễ hạn", "có lỗi"], ["chưa nộp", "đã tải lên, hợp lệ"]
    assert sorted(statuses) == sorted(sent + waiting)
    assert office.locator(".quota .bar").count() >= 2
    shot(office, "7-dot-xet")
    office.click("text=Tạo văn bản của đợt")
    job_finished(office, "#van-ban-dot-xet", timeout=1_200_000)
    # The head of office sees the chart in the page and each document of the office by name.
    chart = office.locator("figure.chart img")
    chart.scroll_into_view_if_needed()
    until(lambda: chart.evaluate("i => i.complete && i.naturalWidth > 0"), timeout=60)
    # The page redrew itself when the run ended: each valid unit's dossier of this run is linked.
    assert office.locator("#don-vi a:text-is('Hồ sơ PDF')").count() == 3
    titles = office.locator("#tep-dot-xet tr td:first-child").all_inner_texts()
    assert any(t.startswith("Tờ trình") for t in titles) and "Biểu đồ thống kê" in titles
    shot(office, "8-dot-xet-xong")
    with office.expect_download() as got:
        office.click("text=Tải về văn bản của đợt (ZIP)")
    names = _zip(got.value)
    assert "tong-hop/thong-ke.xlsx" in names and "tong-hop/thong-ke.pdf" in names
    assert any(n.endswith("/van-ban/01-to-trinh.pdf") and n.startswith("tong-hop/") for n in names)


@pytest.mark.parametrize("queue", ["embedded"], indirect=True)
def test_the_office_creates_a_period_and_sees_every_unit_not_sent(server: str, browser) -> None:
    page = demo_login(browser, server, "thidua")
    page.click("text=Tạo đợt xét mới")
    page.select_option("#id_plan", "vi-du-xa-bu-gia-map-2026")
    # htmx swaps in the plan's reviews and awards.
    page.wait_for_selector("#id_review option[value='hang-nam-2026']", state="attached")
    page.fill("#id_signer_title", "Chánh Văn phòng")
    page.fill("#id_units", "Trạm Y tế xã Bù Gia Mập\nTrạm Y tế xã Bù Gia Mập\n")
    page.fill("#id_decision_number", "86/QĐ-UBND")
    page.click("button:has-text('Tạo đợt xét')")
    page.wait_for_selector(".field-error")
    errors = page.locator(".field-error").all_inner_texts()
    assert "Đơn vị “Trạm Y tế xã Bù Gia Mập” được ghi hai lần." in errors
    assert errors.count("Trường này là bắt buộc.") == 3  # office name, signer name, deadline
    _shot(page, "9-dot-xet-moi-loi")
    page.fill("#id_office_name", "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã Bù Gia Mập")
    page.fill("#id_place", "Bù Gia Mập")
    page.fill("#id_signer_name", "Lê Thị Hồng")
    units = ["Trạm Y tế xã Bù Gia Mập", "Phòng Kinh tế xã Bù Gia Mập", "Trường Mầm non Hoa Sen"]
    page.fill("#id_units", "\n".join(units))
    page.fill("#id_deadline", "25/11/2026")
    page.check("input[name=decides][value='giay-khen-xa']")
    page.fill("#id_decision_date", "10/12/2026")
    page.fill("#id_title", "Năm 2026: Ủy ban nhân dân xã Bù Gia Mập")
    page.click("button:has-text('Tạo đợt xét')")
    # The demo's own period of this plan has the title typed: said at the title.
    page.wait_for_selector(".field-error")
    taken = page.locator(".field-error").all_inner_texts()
    assert taken == [
        "Đã có đợt xét tên “Năm 2026: Ủy ban nhân dân xã Bù Gia Mập”: hai đợt cùng tên dễ nhầm "
        "khi chọn, nộp và tìm lại. Hãy ghi một tên khác cho đợt này (ví dụ thêm “bổ sung” hoặc "
        "“đợt 2”)."
    ]
    page.fill("#id_title", "Năm 2026 bổ sung: Văn phòng HĐND và UBND xã Bù Gia Mập")
    page.click("button:has-text('Tạo đợt xét')")
    page.wait_for_selector("#don-vi .status", timeout=120_000)
    assert page.locator("h1").inner_text().startswith("Năm 2026 bổ sung: Văn phòng HĐND")
    names = page.locator("#don-vi tr td:first-child").all_inner_texts()
    assert names == units
    assert page.locator("#don-vi .status").all_inner_texts() == ["chưa nộp"] * 3
    _shot(page, "10-dot-xet-moi-xong")
    # The office lines up its Giấy khen stock: the printer prints 2,5 mm too far left.
    page.click("text=Căn chỉnh phôi Giấy khen")
    loaded = "document.querySelector('img.test-page').naturalWidth > 0"
    page.wait_for_function(loaded)  # the test page's picture, drawn by the server
    page.fill("#id_offset_x", "2,5")
    page.click("button:has-text('Lưu căn chỉnh Giấy khen')")
    page.wait_for_selector(".msg.success")
    assert "dời 2,5 mm sang phải" in page.locator(".msg.success").inner_text()
    assert page.locator("#id_offset_x").input_value() == "2,5"
    assert "căn chỉnh riêng của đợt" in page.locator("#phoi-giay-khen").inner_text()
    page.wait_for_function(loaded)
    page.click("text=Khung của từng ô")
    assert page.locator("#id_nguoi_nhan-y").input_value() == "86"
    _shot(page, "11-can-chinh-phoi")
    # Once the Quyết định is issued, the office writes its number for the certificates.
    page.click("text=← Năm 2026")
    page.click("text=Sửa hạn nộp, đơn vị, người ký, số và ngày Quyết định")
    assert page.locator("#id_decision_number").input_value() == "86/QĐ-UBND"
    page.fill("#id_decision_number", "125/QĐ-UBND")
    page.fill("#id_decision_date", "12/12/2026")
    _shot(page, "12-sua-dot-xet")
    page.click("button:has-text('Lưu thay đổi')")
    page.wait_for_selector(".msg.success")
    assert "Đã lưu thay đổi của đợt xét" in page.locator(".msg.success").inner_text()


@pytest.mark.parametrize("queue", ["embedded"], indirect=True)
def test_a_clerk_signs_the_to_trinh_uploads_it_and_the_build_page_shows_it_signed(
    server: str, browser, example, keys, tmp_path: Path
) -> None:
    page = _uploaded_example(browser, server, example)
    page.click("text=Tạo hồ sơ từ phiên bản 1")
    job_finished(page, "#tien-do", timeout=900_000)
    row = page.locator("#ky-so tr", has=page.locator('td:text-is("Tờ trình")'))
    assert row.locator(".status").inner_text() == "chưa ký số"
    with page.expect_download() as got:
        # Its row in the list of documents, by title: "Tờ trình", with "PDF · Word" to download.
        listed = page.locator("#tung-tep tr", has=page.locator('td:text-matches("^Tờ trình ")'))
        listed.first.locator('a:text-is("PDF")').click()
    signed = tmp_path / "to-trinh-da-ky.pdf"
    sign_apart(got.value.path(), signed, keys.signer_p12)
    # A whole folder chosen at once, more files than one upload takes: stopped before sending.
    many = [tmp_path / f"{i:02}.pdf" for i in range(51)]  # MAX_UPLOAD_FILES is 50
    for path in many:
        path.write_bytes(b"%PDF-1.4")
    page.set_input_files("input[name=tep]", [str(p) for p in many])  # htmx swapped this form in
    page.click("text=Tải lên và kiểm tra chữ ký")
    note = page.locator(".msg.error.limit")
    note.wait_for(timeout=10_000)
    assert note.inner_text() == (
        "Đã chọn 51 tệp; mỗi lần tải lên tối đa 50 tệp: hãy tải lên làm nhiều lần."
    )
    page.set_input_files("input[name=tep]", str(signed))
    assert page.inner_text("#tep-da-ky-ten") == "to-trinh-da-ky.pdf"
    page.click("text=Tải lên và kiểm tra chữ ký")
    alert = page.inner_text("[role=alert]")
    assert f"to-trinh-da-ky.pdf: đã nhận “Tờ trình”, ký bởi {pki.SIGNER}." in alert
    assert row.locator(".status").inner_text() == "đã ký số"
    assert pki.SIGNER in row.inner_text()
    _shot(page, "5b-da-ky-so")
    with page.expect_download() as again:
        row.locator("text=Tải bản đã ký").click()
    assert again.value.suggested_filename == "vi-du-01-to-trinh-da-ky.pdf"  # for the period
    assert Path(again.value.path()).read_bytes() == signed.read_bytes()


@pytest.mark.parametrize("queue", ["embedded"], indirect=True)
def test_the_file_input_is_in_vietnamese_works_from_the_keyboard_and_without_javascript(
    server: str, browser, example
) -> None:
    workbook = example(name="de-nghi.xlsx")
    page = demo_login(browser, server, "vanthu")
    # Playwright turns on the interception of file choosers asynchronously when the first
    # listener subscribes; a key press sent right after can beat it and the chooser is lost.
    # A listener for the whole test keeps interception on before anything can open a chooser.
    page.on("filechooser", lambda _chooser: None)
    proposal = start_proposal(page)
    # The browser's own "Choose File" and "No file chosen" (drawn in its language, in the input's
    # shadow DOM) are out of sight; what shows is hoso's button and text.
    chooser = page.locator("label.nut-chon-tep")
    assert chooser.is_visible() and chooser.inner_text() == "Chọn tệp…"
    assert page.inner_text("#tep-de-nghi-ten") == "Chưa chọn tệp"
    box = page.locator("#tep-de-nghi").bounding_box()
    assert box is not None and box["width"] <= 1 and box["height"] <= 1
    text = page.inner_text("body")
    assert "Choose File" not in text and "No file chosen" not in text
    assert page.get_attribute("#tep-de-nghi", "accept").startswith(".xlsx")
    # Sent without a file: the browser's bubble speaks Vietnamese and nothing is sent.
    page.click("text=Tải lên và kiểm tra")
    missing = page.eval_on_selector("#tep-de-nghi", "i => i.validationMessage")
    assert missing == "Hãy chọn tệp để tải lên." and page.url == proposal
    # From the keyboard: Tab from the link before it reaches the input, Space opens the chooser.
    page.focus("text=Tệp có dữ liệu ví dụ (hư cấu)")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "tep-de-nghi"
    outline = chooser.evaluate("l => getComputedStyle(l).outlineStyle")
    assert outline == "solid"  # the button shows where the keyboard is
    with page.expect_file_chooser() as opened:
        page.keyboard.press("Space")
    opened.value.set_files(str(workbook))
    assert page.inner_text("#tep-de-nghi-ten") == "de-nghi.xlsx"
    _shot(page, "1b-chon-tep")
    # A click on the button opens the chooser too.
    with page.expect_file_chooser() as opened:
        chooser.click()
    opened.value.set_files(str(workbook))
    page.click("text=Tải lên và kiểm tra")
    assert "Phiên bản 1: không có lỗi" in page.inner_text("[role=alert]")
    # Without JavaScript the upload still works (only the name beside the button stays).
    context = browser.new_context(java_script_enabled=False)
    plain = context.new_page()
    plain.goto(proposal)
    plain.fill("#id_username", "vanthu")
    plain.fill("#id_password", PASSWORD)
    plain.click("button[type=submit]")
    assert plain.inner_text("label.nut-chon-tep") == "Chọn tệp…"
    plain.set_input_files("#tep-de-nghi", str(workbook))
    plain.click("text=Tải lên và kiểm tra")
    assert "Phiên bản 2: không có lỗi" in plain.inner_text("[role=alert]")
    context.close()


@pytest.mark.parametrize("queue", ["embedded"], indirect=True)
def test_the_office_sends_a_submission_back_and_the_clerk_reads_why(
    server: str, browser, example, tmp_path: Path
) -> None:
    page = demo_login(browser, server, "vanthu")
    start_proposal(page)
    unit = page.locator("h1").inner_text().split(": ", 1)[1]  # "Đề nghị 1: <the clerk's unit>"
    own = of_unit(example(name="de-nghi.xlsx"), unit, tmp_path / "cua-don-vi.xlsx")
    page.set_input_files("input[type=file]", str(own))
    page.click("text=Tải lên và kiểm tra")
    page.click("text=Nộp phiên bản 1 cho đợt xét")
    assert "Đã nộp phiên bản 1" in page.locator(".msg.success").first.inner_text()
    office = demo_login(browser, server, "thidua")
    office.click("text=Sơ kết năm 2023")
    # Every expected unit's row has its receipt form; only what was submitted in the browser
    # can be sent back.
    row = office.locator("#don-vi tr", has=office.locator("details.tra-lai"))
    assert row.count() == 1
    row.locator("details.tra-lai summary").click()
    row.locator("textarea").fill("Báo cáo thành tích của bà Lê Thị Hoa thiếu số liệu năm 2023.")
    _shot(office, "13-tra-lai")
    row.locator("button:has-text('Trả lại hồ sơ')").click()
    assert "Đã trả lại hồ sơ của" in office.locator(".msg.success").inner_text()
    assert "đã trả lại để sửa" in office.locator("#don-vi .status").all_inner_texts()
    page.reload()
    assert "thiếu số liệu năm 2023" in page.locator("#tra-lai").inner_text()
    _shot(page, "14-de-nghi-bi-tra-lai")
    page.goto(server + "/de-nghi/")
    row = page.locator("tr", has=page.locator("text=Đề nghị 1"))
    assert "bị trả lại" in row.inner_text()
    _shot(page, "15-danh-sach-de-nghi")


@pytest.mark.parametrize("queue", ["embedded"], indirect=True)
def test_a_clerk_changes_the_password_and_only_the_new_one_logs_in(server: str, browser) -> None:
    page = demo_login(browser, server, "vanthu")
    page.click("header >> text=Đổi mật khẩu")
    page.fill("#id_old_password", PASSWORD)
    page.fill("#id_new_password1", "mat-khau-moi-2026")
    page.fill("#id_new_password2", "mat-khau-moi-2026")
    _shot(page, "16-doi-mat-khau")
    page.click("main button[type=submit]")
    assert "Đã đổi mật khẩu." in page.locator(".msg.success").inner_text()
    page.click("text=Đăng xuất")
    page.fill("#id_username", "vanthu")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in page.locator(".msg.error").inner_text()
    page.fill("#id_username", "vanthu")
    page.fill("#id_password", "mat-khau-moi-2026")
    page.click("button[type=submit]")
    page.wait_for_url(server + "/de-nghi/")
    assert page.locator("header .who").inner_text() == "vanthu"


def test_a_failed_job_ends_the_wait_at_once_with_the_pages_message(browser) -> None:
    page = browser.new_page()
    page.set_content(
        '<div id="tien-do"><p>Trạng thái: <strong data-status="failed">không tạo được</strong></p>'
        '<p class="msg error">Không chuyển được sang PDF: LibreOffice dừng.</p></div>'
    )
    # The timeout is never reached: the failure is seen, and said with what the clerk reads.
    with pytest.raises(AssertionError, match="LibreOffice dừng"):
        job_finished(page, "#tien-do", timeout=900_000)
    page.close()
