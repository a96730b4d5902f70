"""A period whose dot-xet.toml does not read, or whose change is refused: the office reads each
problem named as the period's forms name the field, in Vietnamese, never a path of the server
nor a key of the file it never sees."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from pipeline.period.config import load_period
from pipeline.web.accounts import add_user
from pipeline.web.demo import add_period
from tests.webtools import PASSWORD, login, office_login

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("data_dir")]

PAGE = "/dot-xet/vi-du/"
RAW_KEYS = ("review:", "decides[", "legal:", "templates:", "trust:", "units[", "deadline:")
BY_HAND = "hãy nhờ người quản trị máy chủ sửa tệp dot-xet.toml trong thư mục của đợt"


def _shown(page: str) -> list[str]:
    """The period page's alert about its information, as read, one line an item: unlike
    webtools.as_read, tags go with nothing in their place (they sit inside words and punctuation)
    and the white space inside an item is kept, for the tests' exact comparisons."""
    part = page.split('id="loi-doc"', 1)[1].split("</div>", 1)[0]
    items = re.findall(r"<(?:li|p)>(.*?)</(?:li|p)>", part, re.S)
    return [html.unescape(re.sub(r"<[^>]+>", "", item)).strip() for item in items]


def _config(data_dir: Path) -> Path:
    period = add_period("vi-du", "bu-gia-map-cds-2022-2025", None, example=True)
    return load_period(data_dir / period.folder).config_path


def _spoil(config: Path, *changes: tuple[str, str]) -> None:
    text = config.read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new, 1)
    config.write_text(text, encoding="utf-8")


def test_each_problem_of_the_periods_file_is_named_by_its_field_without_a_path(
    data_dir: Path,
) -> None:
    config = _config(data_dir)
    _spoil(
        config,
        ('review = "so-ket-2023"', 'review = "so-ket-2099"'),
        ("decides = []", 'decides = ["giay-khen-xa"]\ntemplates = "mau-rieng"'),
        ('# legal = "can-cu.toml"', 'legal = "can-cu.toml"'),
    )
    office = office_login()
    page = office.get(PAGE).content.decode()
    said = _shown(page)
    assert str(data_dir) not in page and "/dot-xet.toml" not in page
    assert not [line for line in said if any(key in line for key in RAW_KEYS)], said
    assert said[0] == "Không đọc được thông tin của đợt xét:"
    assert (
        "Đợt xét: kế hoạch năm 2023 của UBND huyện Bù Gia Mập không có đợt “so-ket-2099” (các "
        "đợt của kế hoạch: “Sơ kết năm 2023”; “Tổng kết giai đoạn 2022 - 2025”)"
    ) in said
    assert (
        "Hình thức do chính cơ quan này quyết định (mục thứ 1): kế hoạch không có hình thức "
        "“giay-khen-xa” (các hình thức của kế hoạch: “Bằng khen của Chủ tịch Ủy ban nhân dân "
        "tỉnh Bình Phước”; “Giấy khen của Thủ trưởng cơ quan, đơn vị, doanh nghiệp”; “Giấy khen "
        "của Chủ tịch Ủy ban nhân dân huyện Bù Gia Mập”)"
    ) in said
    assert "Tệp căn cứ pháp lý riêng của cơ quan: không có tệp can-cu.toml" in said
    assert "Mẫu văn bản riêng của cơ quan: không có thư mục mau-rieng" in said
    assert BY_HAND in said[-1]
    # The edit page cannot open on it: it sends the office back to these lines.
    sent = office.get(f"{PAGE}sua/", follow=True).content.decode()
    assert "Chưa sửa được đợt xét: thông tin đợt xét có lỗi (xem dưới đây)." in sent
    assert "Tệp căn cứ pháp lý riêng của cơ quan: không có tệp can-cu.toml" in _shown(sent)
    assert str(data_dir) not in sent


def test_a_file_that_is_not_toml_or_is_gone_is_said_without_a_path(data_dir: Path) -> None:
    config = _config(data_dir)
    office = office_login()
    _spoil(config, ('review = "so-ket-2023"', "review = so-ket-2023"))
    page = office.get(PAGE).content.decode()
    assert str(data_dir) not in page
    assert _shown(page)[1].startswith(
        "Thông tin đợt xét (tệp dot-xet.toml) không phải TOML hợp lệ ở dòng 4, cột 10: "
    )
    _spoil(
        config,
        ("review = so-ket-2023", 'review = "so-ket-2023"'),
        ("received = 2023-11-22", 'received = "hôm qua"'),
    )
    said = _shown(office.get(PAGE).content.decode())
    assert said[1] == (
        "Ngày nhận hồ sơ của đơn vị thứ 1 trong danh sách đơn vị phải nộp: phải là ngày "
        "(YYYY-MM-DD)"
    )
    config.unlink()
    page = office.get(PAGE).content.decode()
    assert str(data_dir) not in page and "hoso period init" not in page
    said = _shown(page)
    assert said[1] == "Thư mục của đợt xét không có tệp thông tin đợt xét (dot-xet.toml)."
    assert BY_HAND in said[2]


def test_a_calibration_file_that_does_not_read_points_to_the_stock_page(data_dir: Path) -> None:
    config = _config(data_dir)
    stock = config.parent / "can-chinh-phoi"
    stock.mkdir()
    (stock / "phoi-cu.toml").write_text('name = "Giấy khen"\n', encoding="utf-8")
    add_user("office", "thi-dua", PASSWORD)
    page = login("office").get(PAGE).content.decode()
    assert str(data_dir) not in page
    said = _shown(page)
    assert said[1].startswith("can-chinh-phoi/phoi-cu.toml: tệp căn chỉnh phôi phải tên là")
    assert "Trang “Căn chỉnh phôi” của đợt bỏ được tệp căn chỉnh riêng này" in said[2]
    assert 'href="/dot-xet/vi-du/phoi/">Mở trang Căn chỉnh phôi</a>' in page


def test_an_action_on_a_period_that_does_not_read_points_to_its_problems(data_dir: Path) -> None:
    config = _config(data_dir)
    _spoil(config, ('review = "so-ket-2023"', 'review = "so-ket-2099"'))
    office = office_login()
    unit = "Ủy ban nhân dân xã Phú Nghĩa"
    for address, data, said in (
        (
            f"{PAGE}ngay-nhan/",
            {"don_vi": unit, "ngay": "20/11/2023"},
            "Chưa ghi được ngày nhận hồ sơ",
        ),
        (f"{PAGE}hoi-dong.xlsx", None, "Không tạo được tệp Hội đồng"),
    ):
        sent = office.post(address, data, follow=True) if data else office.get(address, follow=True)
        page = html.unescape(sent.content.decode())
        assert f"{said}: thông tin đợt xét có lỗi (xem dưới đây)." in page, page
        assert str(data_dir) not in page
        assert any(line.startswith("Đợt xét: kế hoạch năm 2023") for line in _shown(page))
    assert "received = 2023-11-20" not in config.read_text(encoding="utf-8")
