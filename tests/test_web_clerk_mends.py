"""The clerk's pages in words a clerk reads: plans by their movement rather than their ids, and an
empty list that says what to do."""

from __future__ import annotations

import html
import re

import pytest

from tests.webtools import as_read, make_people, new_proposal

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("data_dir")]


def test_plans_are_offered_and_shown_by_their_movement_and_title_never_their_code() -> None:
    people = make_people()
    listing = people.clerk_a.get("/de-nghi/").content.decode()
    options = re.findall(r"<option [^>]*>([^<]+)</option>", listing)
    assert (
        "UBND huyện Bù Gia Mập: Sơ kết năm 2023, phong trào “Chuyển đổi số giai đoạn 2022 - 2025”"
        in [html.unescape(o) for o in options]
    )
    assert not [o for o in options if "bu-gia-map-cds" in o]
    pk = new_proposal(people.clerk_a)
    page = as_read(people.clerk_a.get(f"/de-nghi/{pk}/").content.decode())
    assert (
        "Kế hoạch phát động phong trào thi đua “Chuyển đổi số giai đoạn 2022 - 2025” trên địa "
        "bàn huyện Bù Gia Mập (UBND huyện Bù Gia Mập), đợt xét “Sơ kết năm 2023”" in page
    )
    assert "bu-gia-map-cds" not in page  # the code only in the title's tooltip
    listing = as_read(people.clerk_a.get("/de-nghi/").content.decode())
    assert "Đề nghị 1 UBND huyện Bù Gia Mập: Sơ kết năm 2023, phong trào “Chuyển đổi" in listing


def test_an_empty_list_of_proposals_says_how_to_start_one() -> None:
    people = make_people()
    page = as_read(people.clerk_a.get("/de-nghi/").content.decode())
    assert (
        "Chưa có đề nghị nào. Chọn kế hoạch và đợt xét ở trên rồi bấm “Tạo đề nghị”: trang của "
        "đề nghị có tệp Excel để điền và chỗ tải tệp đã điền lên." in page
    )


@pytest.mark.parametrize(
    ("name", "data", "said"),
    [
        # A list saved as CSV, under its own name: no "CSV named .xlsx", and the web's blank workbook.
        (
            "danh-sach.csv",
            "STT,Họ và tên\n1,Nguyễn Văn An\n".encode(),
            "Không nhận tệp: tệp CSV chỉ có chữ, không có các sheet của hoso; hãy điền vào tệp "
            "Excel do hoso tạo (“Tệp Excel trống” ở mục 2 của trang đề nghị) và lưu dạng .xlsx.",
        ),
        # The same text renamed .xlsx by hand: that its name says .xlsx is then true.
        ("danh-sach.xlsx", b"STT;Ho ten\n1;An\n", "đây là tệp CSV dù tên có đuôi “.xlsx”"),
        # The scan of the signed dossier: a PDF, not one "despite its name ending .pdf".
        (
            "ho-so-da-ky.pdf",
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n",
            "Không nhận tệp: không phải tệp Excel .xlsx: đây là tệp PDF (bản in hay bản quét của "
            "hồ sơ?); hoso cần chính tệp Excel đã điền",
        ),
    ],
    ids=["csv", "csv-named-xlsx", "pdf"],
)
def test_a_file_that_is_no_workbook_is_said_of_the_name_the_clerk_gave_it(
    name: str, data: bytes, said: str
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    people = make_people()
    pk = new_proposal(people.clerk_a)
    answer = people.clerk_a.post(
        f"/de-nghi/{pk}/tai-len/", {"file": SimpleUploadedFile(name, data)}, follow=True
    )
    page = as_read(answer.content.decode())
    assert said in page, page
    assert "hoso init" not in page and "dù tên có đuôi “.pdf”" not in page, page
