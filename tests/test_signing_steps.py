"""A signing refusal names its next step once, as data: the terminal reads the command, the web
page the button that does the same; nothing rewords finished text."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from pipeline.errors import HosoError
from pipeline.signing.matching import Refusal
from pipeline.signing.steps import NEW_CRL, NOT_A_BUILD, REMAKE_TAKE, TAKE_INTO
from pipeline.steps import Advice
from pipeline.web.commands import COMMAND, signing_text

BUTTON = "“Tạo hồ sơ từ phiên bản 1” ở trang đề nghị"


def test_the_terminal_reads_the_command_and_the_page_the_button() -> None:
    said = Advice("là “Tờ trình” nhưng bản PDF gốc không còn: ", REMAKE_TAKE)
    assert said == (
        "là “Tờ trình” nhưng bản PDF gốc không còn: hãy tạo lại hồ sơ (hoso build, hay hoso "
        "period build) rồi nhận lại tệp này"
    )
    assert signing_text(said, BUTTON) == (
        f"là “Tờ trình” nhưng bản PDF gốc không còn: hãy tạo lại bằng nút {BUTTON} rồi tải lên "
        "lại tệp đã ký"
    )


@pytest.mark.parametrize("error", [HosoError, Refusal])
def test_an_error_carries_its_step_to_the_page(error: type[Exception]) -> None:
    said = Advice("", NOT_A_BUILD, out=Path("/srv/du-lieu/ho-so/7"))
    assert str(error(said)).startswith("/srv/du-lieu/ho-so/7 không phải thư mục kết quả")
    page = signing_text(error(said), BUTTON)
    assert page.startswith("danh mục các văn bản (manifest.json) của lần tạo này không còn")
    assert "/srv" not in page and not COMMAND.search(page)


def test_values_of_the_command_stay_off_the_page() -> None:
    said = Advice("là “Tờ trình” của 2 hồ sơ", TAKE_INTO, folder="out/a", file="ky.pdf")
    assert said.endswith(
        "; hãy nhận tệp vào đúng thư mục hồ sơ, ví dụ hoso signed add out/a ky.pdf"
    )
    assert signing_text(said, BUTTON) == (
        f"là “Tờ trình” của 2 hồ sơ; hãy tạo lại bằng nút {BUTTON} rồi tải lên lại tệp đã ký"
    )


def test_the_trust_folder_is_the_administrator_s() -> None:
    trust = Path("/srv/tin-cay")
    said = Advice(f"CRL trong {trust} đã quá hạn cập nhật; ", NEW_CRL)
    assert said.endswith("rồi kiểm tra lại (hoso verify)")
    assert signing_text(said, BUTTON, trust) == (
        "CRL trong thư mục tin cậy của máy chủ đã quá hạn cập nhật; hãy báo người quản trị máy "
        "chủ tải CRL mới của tổ chức chứng thực vào đó rồi tải lên lại tệp đã ký"
    )


def test_a_message_keeps_its_step_when_pickled() -> None:
    said = Advice("x: ", REMAKE_TAKE, ".")
    again = pickle.loads(pickle.dumps(HosoError(said)))
    assert signing_text(again, BUTTON) == signing_text(said, BUTTON)


def test_a_plain_text_naming_a_command_is_still_caught() -> None:
    # A message written since without a step: the page leaves out the bracketed command.
    assert signing_text("hỏng (hoso verify)", BUTTON) == "hỏng"


def test_a_message_naming_a_folder_is_stored_and_read_back_as_it_printed() -> None:
    # A job's table keeps its message as text; a folder (a Path) among the values must not stop
    # the job's failure from being recorded.
    from pipeline.steps import restored, stored

    said = Advice("", NOT_A_BUILD, out=Path("/srv/du-lieu/ho-so/7"))
    again = restored(stored(said))
    assert again == said
    assert signing_text(again, BUTTON) == signing_text(said, BUTTON)
