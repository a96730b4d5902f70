"""The new-period form after the reform: a province's Bằng khen decided here is issued under the
province's name; a body that cannot decide it is refused beside the field, in the form's words,
and no period is made (the edit page changes neither the awards decided nor the issuing body)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.period.config import load_period
from pipeline.period.issuer import issuing
from pipeline.web.models import Period
from tests.test_web_period_new import _answers, _field_errors
from tests.webtools import make_people

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("data_dir")]

XA = "Ủy ban nhân dân xã Bù Gia Mập"


def _tong_ket(**changes: object) -> dict[str, object]:
    """A commune's office, after 01/7/2025 (Bình Phước merged into Đồng Nai), at the district
    plan's final review."""
    answers = _answers(
        plan="bu-gia-map-cds-2022-2025",
        review="tong-ket-2025",
        office_name=XA,
        parent_body="",
        code="UBND",
        authority="TM.",
        signer_title="Chủ tịch",
        signer_name="Nguyễn Văn Bình",
        deadline="20/11/2025",
        decides=["bang-khen-tinh"],
        decision_body="",
        decision_signer_title="",
        decision_signer_name="",
        decision_number="",
        decision_date="",
    )
    answers.update(changes)
    return answers


def test_a_body_that_cannot_decide_is_refused_beside_its_field(data_dir: Path) -> None:
    office = make_people().office
    refused = office.post("/dot-xet/moi/", _tong_ket(decision_body=XA))
    assert refused.status_code == 200
    errors = _field_errors(refused.content.decode())
    said = " ".join(errors["decision_body"].split())
    assert "do Chủ tịch Ủy ban nhân dân tỉnh Đồng Nai quyết định" in said
    assert f"Quyết định của đợt sẽ do {XA} ban hành" in said
    assert "ghi “Cơ quan ban hành quyết định” là “Ủy ban nhân dân tỉnh Đồng Nai”" in said
    assert "decision.body" not in said and "decides" not in said
    assert not Period.objects.exists()
    assert not list(data_dir.glob("dot-xet/tong-ket-2025-*"))  # no folder left behind


def test_two_deciders_in_one_period_are_refused_at_the_awards(data_dir: Path) -> None:
    office = make_people().office
    both = _tong_ket(
        review="so-ket-2023",  # before the reform: the district's Giấy khen could be decided
        office_name="Ủy ban nhân dân huyện Bù Gia Mập",
        deadline="20/11/2023",
        decides=["bang-khen-tinh", "giay-khen-huyen"],
    )
    refused = office.post("/dot-xet/moi/", both)
    errors = _field_errors(refused.content.decode())
    said = " ".join(errors["decides"].split())
    assert "Mỗi đợt lập Quyết định của một cơ quan" in said
    # The district's office decides its own Giấy khen; the province's Bằng khen is the other's.
    assert "“Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh Bình Phước” do Chủ tịch" in said
    assert "decides" not in said and "[office]" not in said
    assert not Period.objects.exists()


def test_an_award_whose_decider_ended_is_refused_at_the_awards(data_dir: Path) -> None:
    office = make_people().office
    both = _tong_ket(decides=["bang-khen-tinh", "giay-khen-huyen"])
    refused = office.post("/dot-xet/moi/", both)
    errors = _field_errors(refused.content.decode())
    said = " ".join(errors["decides"].split())
    assert (
        "“Giấy khen của Chủ tịch Ủy ban nhân dân huyện Bù Gia Mập” do Chủ tịch Ủy ban nhân dân "
        "huyện Bù Gia Mập quyết định, nhưng cấp huyện không còn sau ngày 30/06/2025"
    ) in said
    assert "Mỗi đợt lập Quyết định của một cơ quan" not in said
    assert "decides" not in said and "decision_body" not in errors
    assert not Period.objects.exists()


def test_the_provinces_award_decided_here_is_issued_by_the_province(data_dir: Path) -> None:
    office = make_people().office
    form = " ".join(office.get("/dot-xet/moi/").content.decode().split())
    assert (
        "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh) mà cơ quan soạn Quyết định: để trống cơ quan "
        "ban hành và chức vụ, hoso ghi Ủy ban nhân dân đó và “Chủ tịch”; chỉ cần họ tên người ký."
    ) in form
    created = office.post("/dot-xet/moi/", _tong_ket())
    assert created.status_code == 302, _field_errors(created.content.decode())
    period = load_period(data_dir / Period.objects.get().folder)
    decision = issuing(period)
    assert (decision.body, decision.signer_title, decision.place) == (
        "Ủy ban nhân dân tỉnh Đồng Nai",
        "Chủ tịch",
        "Đồng Nai",
    )
    page = " ".join(office.get(created["Location"]).content.decode().split())
    assert (
        "Quyết định khen thưởng (Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh Đồng Nai) do Ủy "
        "ban nhân dân tỉnh Đồng Nai ban hành, cơ quan có thẩm quyền tặng; người ký: Chủ tịch "
        "(chưa ghi họ tên: ghi “Họ và tên người ký quyết định” ở trang “Sửa thông tin đợt xét”)."
    ) in page
    # The edit page says whose signer its decision's fields are, beside them.
    edit = " ".join(office.get(f"{created['Location']}sua/").content.decode().split())
    assert "do Ủy ban nhân dân tỉnh Đồng Nai ban hành, cơ quan có thẩm quyền tặng" in edit


def test_a_higher_bodys_signer_needs_only_a_name(data_dir: Path) -> None:
    office = make_people().office
    created = office.post("/dot-xet/moi/", _tong_ket(decision_signer_name="Trần Tuệ Hiền"))
    assert created.status_code == 302, _field_errors(created.content.decode())
    decision = issuing(load_period(data_dir / Period.objects.get().folder))
    assert (decision.body, decision.signer_title, decision.signer_name) == (
        "Ủy ban nhân dân tỉnh Đồng Nai",
        "Chủ tịch",
        "Trần Tuệ Hiền",
    )
    page = " ".join(office.get(created["Location"]).content.decode().split())
    assert "do Ủy ban nhân dân tỉnh Đồng Nai ban hành" in page
    assert "người ký: Chủ tịch Trần Tuệ Hiền." in page
    # The edit page takes a name alone too, for the same body.
    edit = f"{created['Location']}sua/"
    now = {"deadline": "20/11/2025", "place": "Bù Gia Mập", "authority": "TM."}
    now |= {"signer_title": "Chủ tịch", "signer_name": "Nguyễn Văn Bình"}
    now |= {"decision_signer_name": "Lê Văn Tám", "register_start": "1"}
    saved = office.post(edit, now)
    assert saved.status_code == 302, _field_errors(saved.content.decode())
    decision = issuing(load_period(data_dir / Period.objects.get().folder))
    assert (decision.signer_title, decision.signer_name) == ("Chủ tịch", "Lê Văn Tám")


def test_the_offices_own_decision_still_needs_its_signers_title(data_dir: Path) -> None:
    office = make_people().office
    own = _tong_ket(decides=["giay-khen-huyen"], office_name="Ủy ban nhân dân huyện Bù Gia Mập")
    refused = office.post("/dot-xet/moi/", own | {"decision_signer_name": "Trần Tuệ Hiền"})
    assert refused.status_code == 200
    errors = _field_errors(refused.content.decode())
    assert errors["decision_signer_title"].startswith("Ghi cả chức vụ và họ tên người ký")
    assert not Period.objects.exists()
