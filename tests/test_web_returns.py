"""The office sends a unit's submission back: the reason reaches the clerk, the file is kept."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from pipeline.errors import HosoError
from pipeline.period.check import check_period
from pipeline.period.config import load_period
from pipeline.period.statistics import absent_units
from pipeline.web.accounts import add_user
from pipeline.web.demo import add_period
from pipeline.web.models import AuditEntry, Proposal
from pipeline.web.periods import row_anchor
from pipeline.web.returns import set_aside
from tests.webtools import PASSWORD, login, new_proposal, of_unit, statuses, upload_file

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("data_dir")]

PAGE = "/dot-xet/vi-du/"
REASON = "Báo cáo thành tích của <b>ông A</b> thiếu số liệu năm 2023.\nBiên bản thiếu chữ ký."


@pytest.fixture
def submitted(data_dir: Path, example):
    """A unit's clerk has submitted the plan's example to the period: (office, clerk, proposal
    id, the unit's name, the workbook in don-vi/)."""
    period = add_period("vi-du", "bu-gia-map-cds-2022-2025", None, example=True)
    folder = load_period(data_dir / period.folder)
    sent = {p.name for p in folder.units_dir.glob("*.xlsx")}
    unit = next(u for u in folder.config.units if u.file not in sent)
    add_user("office", "thi-dua", PASSWORD)
    add_user("clerk", "van-thu", PASSWORD, unit.name)
    office, clerk = login("office"), login("clerk")
    pk = new_proposal(clerk)
    own = of_unit(example(), unit.name, data_dir / "cua-don-vi.xlsx")
    clerk.post(f"/de-nghi/{pk}/tai-len/", {"file": upload_file(own, "de-nghi.xlsx")})
    clerk.post(f"/de-nghi/{pk}/nop/")
    workbook = folder.units_dir / unit.file
    assert workbook.is_file()
    return office, clerk, pk, unit.name, workbook


def test_the_office_sends_a_submission_back_and_the_clerk_reads_why(submitted) -> None:
    office, clerk, pk, unit, workbook = submitted
    before = workbook.read_bytes()
    page = office.get(PAGE).content.decode()
    assert f'action="/dot-xet/vi-du/tra-lai/{pk}/"' in page

    typed = REASON.replace("\n", "  \r\n\r\n ")  # as a browser sends it, blank line and all
    page = office.post(f"/dot-xet/vi-du/tra-lai/{pk}/", {"ly_do": typed}, follow=True)
    shown = page.content.decode()
    assert f"Đã trả lại hồ sơ của {unit} (phiên bản 1); tệp đã nộp không bị xóa." in shown
    # Back to the unit's row, where the form is: the message is drawn in the line under it.
    anchor = row_anchor(unit, [u.name for u in load_period(workbook.parent.parent).config.units])
    assert page.redirect_chain[-1][0] == f"/dot-xet/vi-du/#{anchor}"
    row = shown.split(f'<tr id="{anchor}">')[1].split("</tr>")[0]
    assert unit in row and "đã trả lại để sửa" in row
    under = shown.split(f'<tr id="{anchor}">')[1].split("</tr>")[1]
    assert f'<tr class="thong-bao-dong" data-don-vi="{anchor}">' in under
    assert under.count('class="msg success"') == 1 and shown.count('class="msg success"') == 1
    said = shown.split('class="msg success"')[1].split("</")[0]
    assert "tra-lai/" not in said  # no server folder the office cannot open
    assert statuses(shown)[unit] == "đã trả lại để sửa"
    assert "thiếu số liệu năm 2023" in shown and "<b>ông A</b>" not in shown  # escaped
    assert not workbook.exists()
    (kept,) = (workbook.parent.parent / "tra-lai").glob(f"*-{workbook.stem}/{workbook.name}")
    assert kept.read_bytes() == before
    entry = AuditEntry.objects.get(action="tra-lai-ho-so")
    assert entry.user.username == "office" and entry.detail == f"đợt vi-du: {REASON}"

    mine = clerk.get(f"/de-nghi/{pk}/").content.decode()
    warning = mine.split('id="tra-lai"')[1].split("</div>")[0]
    assert "Hồ sơ đã nộp bị trả lại" in warning and "&lt;b&gt;ông A&lt;/b&gt;" in warning
    assert re.search(r"</strong> lúc \d\d:\d\d ngày \d\d/\d\d/\d{4}\. Lý do", warning), warning
    assert "năm 2023.<br>Biên bản thiếu chữ ký.<br>" in warning  # the office's lines kept
    assert "bị trả lại" in clerk.get("/de-nghi/").content.decode()

    # Nothing uploaded since the return: the page says so, and a bare submit (a page from before
    # the return) sends nothing; only the explicit "send it again unchanged" does.
    unchanged = mine.split('id="chua-sua"')[1].split("</form>")[0]
    assert "Phiên bản 1 có từ trước khi hồ sơ bị trả lại." in unchanged
    assert 'name="nop_lai" value="1"' in unchanged
    assert "Vẫn nộp lại phiên bản 1 (chưa sửa)" in unchanged
    stale = clerk.post(f"/de-nghi/{pk}/nop/", follow=True).content.decode()
    assert "Phiên bản 1 có từ trước khi hồ sơ bị trả lại: hãy sửa tệp" in stale
    assert not workbook.exists() and Proposal.objects.get(pk=pk).submitted is None
    # Sent again: in don-vi/ once more, the office's note answered.
    clerk.post(f"/de-nghi/{pk}/nop/", {"nop_lai": "1"})
    assert workbook.read_bytes() == before
    assert 'id="tra-lai"' not in clerk.get(f"/de-nghi/{pk}/").content.decode()
    assert statuses(office.get(PAGE).content.decode())[unit] != "đã trả lại để sửa"


def test_a_version_uploaded_after_the_return_is_submitted_as_usual(
    submitted, example, tmp_path: Path
) -> None:
    office, clerk, pk, unit, workbook = submitted
    office.post(f"/dot-xet/vi-du/tra-lai/{pk}/", {"ly_do": REASON})
    own = of_unit(example(), unit, tmp_path / "cua-don-vi.xlsx")
    clerk.post(f"/de-nghi/{pk}/tai-len/", {"file": upload_file(own, "de-nghi.xlsx")})
    page = clerk.get(f"/de-nghi/{pk}/").content.decode()
    assert 'id="chua-sua"' not in page and "Nộp phiên bản 2 cho đợt xét" in page
    clerk.post(f"/de-nghi/{pk}/nop/")
    assert workbook.is_file() and Proposal.objects.get(pk=pk).submitted.number == 2


def test_a_reason_is_required_and_only_the_office_sends_back_a_submission(submitted) -> None:
    office, clerk, pk, unit, workbook = submitted
    page = office.post(f"/dot-xet/vi-du/tra-lai/{pk}/", {"ly_do": "  \n "}, follow=True)
    assert f"Chưa trả lại hồ sơ của {unit}: hãy ghi lý do" in page.content.decode()
    assert clerk.post(f"/dot-xet/vi-du/tra-lai/{pk}/", {"ly_do": REASON}).status_code == 404
    assert office.post(f"/dot-xet/khac/tra-lai/{pk}/", {"ly_do": REASON}).status_code == 404
    opened = office.get(f"/dot-xet/vi-du/tra-lai/{pk}/")  # the action's address, opened
    assert opened.status_code == 405 and opened["Allow"] == "POST"
    assert "<h1>Địa chỉ này không mở trực tiếp được</h1>" in opened.content.decode()
    # Its length as sent, not the 0 bytes of Django's empty 405 (a server would cut it off).
    assert opened["Content-Length"] == str(len(opened.content))
    assert workbook.is_file() and Proposal.objects.get(pk=pk).submitted is not None
    assert not AuditEntry.objects.filter(action="tra-lai-ho-so").exists()
    # Once sent back, it cannot be sent back again until it is submitted again: the button
    # pressed twice says so on the period page.
    office.post(f"/dot-xet/vi-du/tra-lai/{pk}/", {"ly_do": REASON})
    again = office.post(f"/dot-xet/vi-du/tra-lai/{pk}/", {"ly_do": REASON}, follow=True)
    assert again.status_code == 200
    said = again.content.decode()
    assert re.search(
        rf"Hồ sơ của {re.escape(unit)} đã được trả lại lúc \d\d:\d\d ngày \d\d/\d\d/\d{{4}}:", said
    )
    assert "không có gì để trả lại." in again.content.decode()
    assert AuditEntry.objects.filter(action="tra-lai-ho-so").count() == 1


def test_a_return_that_cannot_be_written_says_so_and_leaves_the_submission(submitted) -> None:
    office, _, pk, unit, workbook = submitted
    (workbook.parent.parent / "tra-lai").write_text("not a folder")
    page = office.post(f"/dot-xet/vi-du/tra-lai/{pk}/", {"ly_do": REASON}, follow=True)
    shown = page.content.decode()
    assert f"Không trả lại được hồ sơ của {unit}: Không ghi được" in shown
    assert "Traceback" not in shown and workbook.is_file()
    assert Proposal.objects.get(pk=pk).submitted is not None


def test_a_workbook_and_its_signed_pdfs_leave_together_or_not_at_all(tmp_path: Path) -> None:
    units = tmp_path / "don-vi"
    (units / "a" / "da-ky").mkdir(parents=True)
    (units / "a.xlsx").write_bytes(b"workbook")
    (units / "a" / "01-to-trinh.pdf").write_bytes(b"%PDF signed")
    kept = set_aside(units / "a.xlsx", "20261205-100000")
    assert kept == tmp_path / "tra-lai" / "20261205-100000-a"
    assert (kept / "a.xlsx").read_bytes() == b"workbook"
    assert (kept / "a" / "01-to-trinh.pdf").read_bytes() == b"%PDF signed"
    assert list(units.iterdir()) == []
    # The signed folder cannot go (its place is taken): the workbook comes back too.
    (units / "b").mkdir()
    (units / "b.xlsx").write_bytes(b"workbook b")
    (tmp_path / "tra-lai" / "20261205-110000-b" / "b" / "x").mkdir(parents=True)
    with pytest.raises(HosoError, match="Không ghi được"):
        set_aside(units / "b.xlsx", "20261205-110000")
    assert (units / "b.xlsx").read_bytes() == b"workbook b" and (units / "b").is_dir()


@pytest.mark.django_db(transaction=True)
def test_a_return_waits_for_a_submission_in_progress_and_sees_what_it_changed(
    submitted, example
) -> None:
    import threading

    from pipeline.web.periods import proposal_lock

    office, clerk, pk, unit, workbook = submitted
    pages: list[str] = []

    def send_back() -> None:
        page = office.post(f"/dot-xet/vi-du/tra-lai/{pk}/", {"ly_do": REASON}, follow=True)
        pages.append(page.content.decode())

    with proposal_lock(pk):  # as a submission of the same proposal holds it
        thread = threading.Thread(target=send_back)
        thread.start()
        thread.join(timeout=3)
        assert thread.is_alive()  # the return waits for the submission to end
        # What that submission did: version 2 is now the one submitted.
        own = of_unit(example(), unit, workbook.parent.parent / "v2.xlsx")
        clerk.post(f"/de-nghi/{pk}/tai-len/", {"file": upload_file(own, "de-nghi.xlsx")})
        proposal = Proposal.objects.get(pk=pk)
        proposal.submitted = proposal.uploads.get(number=2)
        proposal.save(update_fields=["submitted"])
    thread.join(timeout=60)
    assert f"Hồ sơ của {unit} vừa thay đổi; hãy xem lại rồi thử lại." in pages[0]
    assert workbook.is_file() and Proposal.objects.get(pk=pk).returned_at is None
    assert not AuditEntry.objects.filter(action="tra-lai-ho-so").exists()


def test_the_log_says_the_period_of_a_submission_and_a_return_by_its_title(submitted) -> None:
    office, _, pk, _, _ = submitted
    office.post(f"/dot-xet/vi-du/tra-lai/{pk}/", {"ly_do": "Thiếu Biên bản."})
    add_user("admin", "quan-tri", PASSWORD)

    def details(page: str, action: str) -> list[str]:
        """The Chi tiết cell of each row of that action, as shown."""
        rows = page.split('id="nhat-ky"')[1].split("</table>")[0].split("</tr>")
        found = [r for r in rows if f">{action}</td>" in r]
        return [re.search(r'class="chi-tiet"[^>]*>(.*?)</td>', r, re.S)[1] for r in found]

    # The office's log names each entry's period already: the detail is the reason alone.
    mine = office.get("/nhat-ky/?dot=vi-du").content.decode()
    assert details(mine, "Trả lại hồ sơ đã nộp") == ["Thiếu Biên bản."]
    assert details(mine, "Nộp hồ sơ cho đợt xét") == [""]
    every = office.get("/nhat-ky/").content.decode()
    assert details(every, "Trả lại hồ sơ đã nộp") == ["Thiếu Biên bản."]
    # The administrator's log has no period column: the period by its title, never its id.
    title = "Sơ kết năm 2023: Ủy ban nhân dân huyện Bù Gia Mập"
    theirs = login("admin").get("/nhat-ky/").content.decode()
    assert details(theirs, "Trả lại hồ sơ đã nộp") == [f"đợt “{title}”: Thiếu Biên bản."]
    assert details(theirs, "Nộp hồ sơ cho đợt xét") == [f"đợt “{title}”"]
    shown = re.sub(r' title="[^"]*"', "", theirs.split('id="nhat-ky"')[1])  # stored words
    assert "đợt vi-du" not in shown


def test_the_return_form_says_what_sending_back_does_before_the_office_presses_it(
    submitted,
) -> None:
    office, _, pk, _, _ = submitted
    page = office.get(PAGE).content.decode()
    form = page.split(f'action="/dot-xet/vi-du/tra-lai/{pk}/"')[1].split("</form>")[0]
    said = re.search(r'<p class="muted" id="tra-lai-goi-y-\d+">(.*?)</p>', form, re.S)[1]
    assert "đơn vị chuyển sang “đã trả lại để sửa”" in said
    assert "tệp vẫn được giữ, không bị xóa" in said
    assert "không có trong lần “Tạo văn bản của đợt” sau" in said
    assert "văn thư thấy lý do trên trang đề nghị, sửa rồi nộp lại" in said
    assert form.index(said) < form.index("Trả lại hồ sơ</button>")  # read before pressing


def test_a_returned_unit_is_not_received_and_reads_as_sent_back_everywhere(submitted) -> None:
    office, _, pk, unit, workbook = submitted
    page = office.get(PAGE).content.decode()
    assert "Ghi nhận đã nhận" in _row(page, unit)  # submitted: the office may record its receipt
    office.post(f"/dot-xet/vi-du/tra-lai/{pk}/", {"ly_do": "Thiếu Biên bản."})
    page = office.get(PAGE).content.decode()
    row = _row(page, unit)
    assert "đã trả lại để sửa" in row and "Ghi nhận đã nhận" not in row, row
    # The period's own warnings say the same as its table, not "chưa nộp".
    general = page.split('id="loi-chung"')[1].split("</ul>")[0]
    assert f"{unit}: hồ sơ đã trả lại để sửa, chưa nộp lại." in general, general
    assert "chưa nộp hồ sơ" not in general  # every other unit of the example has sent its own
    # The check the period's documents and chart are made from says so too.
    checked = check_period(load_period(workbook.parent.parent))
    assert dict(absent_units(checked))[unit] == "đã trả lại để sửa"


def _row(page: str, unit: str) -> str:
    """A unit's row of the period page's units table, as served."""
    table = page.split('id="don-vi"')[1].split("</table>")[0]
    return next(r for r in re.split(r"<tr[^>]*>", table) if r.startswith(f"\n<td>{unit}<"))


def test_sending_back_and_uploading_the_council_file_are_the_apps_buttons(submitted) -> None:
    office, *_ = submitted
    page = office.get(PAGE).content.decode()
    buttons = dict(
        (html.unescape(words), attrs)
        for attrs, words in re.findall(r"<button([^>]*)>([^<]+)</", page)
    )
    # Styled as "Tạo văn bản của đợt" beside them, not the browser's grey default.
    assert 'class="primary"' in buttons["Tạo văn bản của đợt"]
    assert 'class="primary"' in buttons["Trả lại hồ sơ"], buttons
    council = page.split('id="tep-hoi-dong"')[1].split("</form>")[0]
    assert '<button class="primary" type="submit">Tải lên</button>' in council


def test_a_receipt_posted_for_a_returned_unit_is_refused_and_nothing_recorded(submitted) -> None:
    office, _, pk, unit, workbook = submitted
    office.post(f"/dot-xet/vi-du/tra-lai/{pk}/", {"ly_do": "Thiếu Biên bản."})
    config = workbook.parent.parent / "dot-xet.toml"
    before = config.read_bytes()
    # The page offers no receipt form for the unit; the form's address, posted to all the same.
    form = {"don_vi": unit, "ngay": "01/12/2026", "so_to_trinh": "", "ngay_to_trinh": ""}
    page = office.post("/dot-xet/vi-du/ngay-nhan/", form, follow=True).content.decode()
    assert (
        f"Chưa ghi được ngày nhận hồ sơ của {unit}: hồ sơ đã trả lại để sửa, đơn vị chưa nộp "
        "lại; ghi ngày nhận khi đơn vị nộp lại hồ sơ."
    ) in html.unescape(page)
    row = _row(page, unit)
    assert "đã trả lại để sửa" in row and "01/12/2026" not in row, row
    assert config.read_bytes() == before
    assert not AuditEntry.objects.filter(action="ghi-ngay-nhan").exists()


def _buttons(page: str, words: str) -> list[str]:
    """The attributes of every button of the page reading `words`."""
    found = re.findall(r"<button([^>]*)>([^<]+)</", page)
    return [attrs for attrs, said in found if html.unescape(said).strip() == words]


def test_receiving_and_submitting_again_are_the_apps_buttons(submitted) -> None:
    office, clerk, pk, unit, _ = submitted
    page = office.get(PAGE).content.decode()
    assert _buttons(_row(page, unit), "Ghi nhận đã nhận") == [' class="primary" type="submit"']
    office.post(f"{PAGE}ngay-nhan/", {"don_vi": unit, "ngay": "01/12/2026"})
    row = _row(office.get(PAGE).content.decode(), unit)
    assert _buttons(row, "Lưu") == [' class="primary" type="submit"'], row
    mine = clerk.get(f"/de-nghi/{pk}/").content.decode()
    assert _buttons(mine, "Nộp lại phiên bản 1") == [' class="primary" type="submit"']
    office.post(f"/dot-xet/vi-du/tra-lai/{pk}/", {"ly_do": REASON})
    mine = clerk.get(f"/de-nghi/{pk}/").content.decode()
    # Styled, but not as the step the page recommends (uploading a corrected version).
    again = _buttons(mine, "Vẫn nộp lại phiên bản 1 (chưa sửa)")
    assert again == [' class="secondary" type="submit"'], mine


def test_a_receipt_recorded_before_the_return_is_not_offered_nor_changed(submitted) -> None:
    office, _, pk, unit, workbook = submitted
    form = {"don_vi": unit, "ngay": "01/12/2026", "so_to_trinh": "12/TTr-UBND"}
    office.post("/dot-xet/vi-du/ngay-nhan/", form | {"ngay_to_trinh": "30/11/2026"})
    assert "Sửa ngày nhận, số Tờ trình" in _row(office.get(PAGE).content.decode(), unit)
    office.post(f"/dot-xet/vi-du/tra-lai/{pk}/", {"ly_do": "Thiếu Biên bản."})
    config = workbook.parent.parent / "dot-xet.toml"
    before = config.read_bytes()
    row = _row(office.get(PAGE).content.decode(), unit)
    assert "đã trả lại để sửa" in row, row
    assert "ghi-ngay-nhan" not in row and "Sửa ngày nhận" not in row, row  # no form to edit it
    # The edit's address, guessed and posted all the same: refused, the receipt as it was.
    changed = form | {"ngay": "02/12/2026", "ngay_to_trinh": "01/12/2026"}
    page = office.post("/dot-xet/vi-du/ngay-nhan/", changed, follow=True).content.decode()
    assert (
        f"Chưa ghi được ngày nhận hồ sơ của {unit}: hồ sơ đã trả lại để sửa, đơn vị chưa nộp "
        "lại; ghi ngày nhận khi đơn vị nộp lại hồ sơ."
    ) in html.unescape(page)
    assert "02/12/2026" not in _row(page, unit)
    cleared = {"don_vi": unit, "ngay": "", "so_to_trinh": "", "ngay_to_trinh": ""}
    office.post("/dot-xet/vi-du/ngay-nhan/", cleared)  # nor cleared
    assert config.read_bytes() == before
    assert AuditEntry.objects.filter(action="ghi-ngay-nhan").count() == 1  # the first only


OUTSIDER = "Ủy ban nhân dân xã Ngoài Danh Sách"


def test_a_unit_not_in_the_period_s_list_is_returned_at_its_own_row(
    data_dir: Path, example
) -> None:
    period = add_period("vi-du", "bu-gia-map-cds-2022-2025", None, example=True)
    folder = load_period(data_dir / period.folder)
    assert all(u.name != OUTSIDER for u in folder.config.units)
    add_user("office", "thi-dua", PASSWORD)
    add_user("outsider", "van-thu", PASSWORD, OUTSIDER)
    office, clerk = login("office"), login("outsider")
    pk = new_proposal(clerk)
    own = of_unit(example(), OUTSIDER, data_dir / "ngoai.xlsx")
    clerk.post(f"/de-nghi/{pk}/tai-len/", {"file": upload_file(own, "de-nghi.xlsx")})
    clerk.post(f"/de-nghi/{pk}/nop/")
    anchor = row_anchor(OUTSIDER, [u.name for u in folder.config.units])
    page = office.get(PAGE).content.decode()
    assert f'<tr id="{anchor}">' in page and f'action="/dot-xet/vi-du/tra-lai/{pk}/"' in page

    def under_row(sent: dict[str, str], kind: str) -> str:
        """The return posted; the office lands on the unit's row and reads the outcome under it,
        once, nowhere else (not at the section's top, not at the page's)."""
        landed = office.post(f"/dot-xet/vi-du/tra-lai/{pk}/", sent, follow=True)
        assert landed.redirect_chain[-1][0] == f"{PAGE}#{anchor}"
        shown = landed.content.decode()
        row = shown.split(f'<tr id="{anchor}">')[1].split("</tr>")[0]
        assert OUTSIDER in row
        under = shown.split(f'<tr id="{anchor}">')[1].split("</tr>")[1]
        assert f'<tr class="thong-bao-dong" data-don-vi="{anchor}">' in under
        assert shown.count('role="alert"') == under.count('role="alert"') == 1, shown
        return html.unescape(under.split(f'class="msg {kind}"')[1].split("</")[0])

    said = under_row({"ly_do": "  "}, "error")  # no reason: refused, at the row
    assert f"Chưa trả lại hồ sơ của {OUTSIDER}: hãy ghi lý do" in said
    said = under_row({"ly_do": REASON}, "success")
    assert f"Đã trả lại hồ sơ của {OUTSIDER} (phiên bản 1)" in said
    page = office.get(PAGE).content.decode()
    assert statuses(page)[OUTSIDER] == "đã trả lại để sửa"  # its row stays, as a listed unit's
    said = under_row({"ly_do": REASON}, "error")  # pressed again (a page from before)
    assert "không có gì để trả lại" in said
