"""What the period says to do by a command of hoso (`hoso period council`, `hoso period build`,
`hoso verify`) reads on the office's page as what to do there: the link or button it names."""

from __future__ import annotations

import html
import re
from pathlib import Path

import openpyxl
import pytest

from pipeline.period.config import load_period
from pipeline.web.accounts import add_user
from pipeline.web.demo import add_period
from tests.test_web_office_number import _general
from tests.webtools import PASSWORD, login

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("data_dir")]


def _page(data_dir: Path, change) -> str:  # type: ignore[no-untyped-def]
    """The example period's page as the office reads it, after `change` to its folder."""
    period = add_period("vi-du", "bu-gia-map-cds-2022-2025", None, example=True)
    change(load_period(data_dir / period.folder).folder)
    add_user("office", "thi-dua", PASSWORD)
    page = login("office").get("/dot-xet/vi-du/").content.decode()
    assert "hoso period" not in page and "hoso verify" not in page
    assert str(data_dir) not in page
    return page


def test_a_missing_council_workbook_points_to_the_page_s_link(data_dir: Path) -> None:
    page = _page(data_dir, lambda folder: (folder / "hoi-dong.xlsx").unlink())
    (said,) = [line for line in _general(page) if "hoi-dong.xlsx" in line]
    assert (
        "tải về bằng liên kết “Tải tệp Hội đồng” ở trang đợt xét, điền rồi tải lên ở ô “Tệp "
        "Hội đồng đã điền”. Văn bản tổng hợp tạo lúc này chưa có Biên bản."
    ) in said, said
    assert "Tải tệp Hội đồng (hoi-dong.xlsx)" in page  # the link it names


def test_a_nominee_missing_from_the_council_workbook_points_to_the_page_s_link(
    data_dir: Path,
) -> None:
    def drop_a_row(folder: Path) -> None:
        wb = openpyxl.load_workbook(folder / "hoi-dong.xlsx")
        wb["Biểu quyết"].delete_rows(2)
        wb.save(folder / "hoi-dong.xlsx")

    said = [line for line in _general(_page(data_dir, drop_a_row)) if "chưa có số phiếu" in line]
    assert said and said[0].endswith(
        "cập nhật tệp Hội đồng (liên kết “Tải tệp Hội đồng” ở trang đợt xét) để thêm dòng còn "
        "thiếu (số phiếu đã điền được giữ nguyên)."
    ), said


def test_unsigned_documents_before_any_build_point_to_the_page_s_button(data_dir: Path) -> None:
    def signed(folder: Path) -> None:
        config = folder / "dot-xet.toml"
        text = config.read_text(encoding="utf-8")
        config.write_text(text.replace("# signed = true", "signed = true"), encoding="utf-8")

    page = html.unescape(_page(data_dir, signed))
    notes = re.findall(r"chưa tạo hồ sơ của đơn vị \(([^()]*)\) nên chưa đối chiếu", page)
    assert notes and set(notes) == {"nút “Tạo văn bản của đợt” trên trang đợt xét"}, notes
    assert "Tạo văn bản của đợt</button>" in page  # the button it names


def test_a_zip_among_signed_files_says_no_command_to_the_office() -> None:
    from pipeline.period.steps import VERIFY_ZIP
    from pipeline.steps import Advice
    from pipeline.web.wording import for_office

    # As pipeline.period.signatures says it once a build has documents to compare with.
    head = (
        "ky-so.zip: tệp ZIP không được đọc; hãy giải nén các tệp PDF đã ký trong đó vào thư mục "
        "01-phong-vhtt/"
    )
    said = for_office(Advice(head, VERIFY_ZIP, file="ky-so.zip"))
    assert said == (
        "ky-so.zip: tệp ZIP không được đọc; hãy giải nén các tệp PDF đã ký trong đó vào thư mục "
        "01-phong-vhtt/"
    )


def test_a_decision_body_not_the_awards_decider_is_said_by_the_forms_fields(office) -> None:
    client, folder = office
    config = folder / "dot-xet.toml"
    text = config.read_text(encoding="utf-8")
    body = re.search(r'^body = "([^"]*)"', text, re.M)
    assert body is not None, text
    config.write_text(text.replace(body[0], 'body = "Ủy ban nhân dân xã Phú Nghĩa"'), "utf-8")
    page = client.get("/dot-xet/quyet-dinh/").content.decode()
    (said,) = [line for line in _general(page) if "Quyết định của đợt sẽ do" in line]
    assert said.startswith(
        "Cơ quan ban hành quyết định, không sửa được trên trang (hãy nhờ người quản trị máy "
        "chủ sửa): "
    ), said
    assert "bỏ hình thức này khỏi “Hình thức do chính cơ quan này quyết định”" in said, said
    assert f"ghi “Cơ quan ban hành quyết định” là “{body[1]}”" in said, said
    assert "decision.body" not in said and "decides" not in said, said
