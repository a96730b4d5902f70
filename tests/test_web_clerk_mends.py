"""The clerk's pages in words a clerk reads: plans by their movement rather than their ids, and an
empty list that says what to do."""

from __future__ import annotations

import html
import re

import pytest

from tests.webtools import make_people, new_proposal

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("data_dir")]


def _text(page: str) -> str:
    """A page's words, as the browser shows them."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def test_plans_are_offered_and_shown_by_their_movement_the_id_only_as_the_code() -> None:
    people = make_people()
    listing = people.clerk_a.get("/de-nghi/").content.decode()
    options = re.findall(r"<option [^>]*>([^<]+)</option>", listing)
    assert (
        "UBND huyện Bù Gia Mập: Sơ kết năm 2023, phong trào “Chuyển đổi số giai đoạn 2022 - 2025”"
        in [html.unescape(o) for o in options]
    )
    assert not [o for o in options if "bu-gia-map-cds" in o]
    pk = new_proposal(people.clerk_a)
    page = _text(people.clerk_a.get(f"/de-nghi/{pk}/").content.decode())
    assert (
        "Phong trào thi đua “Chuyển đổi số giai đoạn 2022 - 2025” của UBND huyện Bù Gia Mập "
        "(mã kế hoạch bu-gia-map-cds-2022-2025 ), đợt xét “Sơ kết năm 2023”" in page
    )
    listing = _text(people.clerk_a.get("/de-nghi/").content.decode())
    assert "Đề nghị 1 UBND huyện Bù Gia Mập: Sơ kết năm 2023, phong trào “Chuyển đổi" in listing


def test_an_empty_list_of_proposals_says_how_to_start_one() -> None:
    people = make_people()
    page = _text(people.clerk_a.get("/de-nghi/").content.decode())
    assert (
        "Chưa có đề nghị nào. Chọn kế hoạch và đợt xét ở trên rồi bấm “Tạo đề nghị”: trang của "
        "đề nghị có tệp Excel để điền và chỗ tải tệp đã điền lên." in page
    )
