"""Where a page draws its messages: a section's (or a unit row's) own in it, every other one at
the page's top, by one mechanism, `outside` the parts the view lists as drawn (templatetags/flash)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message

from pipeline.web.models import Build
from pipeline.web.signed import CLERK_PART
from pipeline.web.templatetags import flash
from tests.webtools import make_people, new_proposal, upload_file

TEMPLATES = Path(flash.__file__).resolve().parent.parent / "templates"


def test_the_pages_place_their_messages_with_in_section_and_outside_only() -> None:
    assert set(flash.register.filters) == {"in_section", "outside"}
    using = [p.name for p in TEMPLATES.rglob("*.html") if "out_of_section" in p.read_text()]
    assert using == []


def test_outside_leaves_a_part_s_message_to_the_part_only_when_the_page_draws_it() -> None:
    signing = Message(constants.SUCCESS, "Tờ trình đã ký.pdf: đã nhận", extra_tags=CLERK_PART)
    plain = Message(constants.ERROR, "Không tạo hồ sơ")
    assert flash.outside([signing, plain], [CLERK_PART]) == [plain]
    assert flash.outside([signing, plain], []) == [signing, plain]
    assert flash.in_section([signing, plain], CLERK_PART) == [signing]


@pytest.mark.django_db
@pytest.mark.usefixtures("data_dir")
def test_a_build_not_done_draws_no_signing_part_so_its_messages_go_to_the_top(example) -> None:
    people = make_people()
    pk = new_proposal(people.clerk_a)
    people.clerk_a.post(f"/de-nghi/{pk}/tai-len/", {"file": upload_file(example(), "a.xlsx")})
    people.clerk_a.post(f"/de-nghi/{pk}/tao-ho-so/")  # queued: no worker here
    build = Build.objects.get()
    page = people.clerk_a.get(f"/ho-so/{build.pk}/")
    assert page.context["drawn"] == []
    assert 'id="ky-so-ho-so"' not in page.content.decode()
