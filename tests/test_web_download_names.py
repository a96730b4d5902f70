"""A clerk's downloads are named for the period, as the office's are: the build's ZIP and each of
its files. A name that is not ASCII comes with an ASCII fallback and the UTF-8 original. A real
worker builds."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from urllib.parse import quote

import pytest
from django.http import HttpResponse

from pipeline.web.builds import queue
from pipeline.web.download_names import named
from pipeline.web.models import Build
from tests.webtools import unit_clerk

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.with_worker]


@pytest.mark.libreoffice
def test_a_clerk_s_zip_and_files_carry_the_period_s_slug(data_dir: Path, example) -> None:
    who = unit_clerk(data_dir)
    clerk, pk = who.clerk, who.pk
    who.upload(who.own(example()), "de-nghi.xlsx")
    clerk.post(f"/de-nghi/{pk}/tao-ho-so/")
    build = Build.objects.get()
    done = queue().wait(build.job_id, timeout=900)
    assert done.status == "done"

    archive = clerk.get(f"/ho-so/{build.pk}/tai-ve.zip")
    assert archive["Content-Disposition"] == (
        f'attachment; filename="ho-so-vi-du-{pk}-{build.pk}.zip"'
    )
    names = zipfile.ZipFile(io.BytesIO(archive.content)).namelist()
    assert any(n.endswith("/01-to-trinh.pdf") for n in names), names

    # The Tờ trình's PDF, by its row in the build's list (the page's "PDF" link beside it).
    index = done.documents.index("de-nghi/van-ban/01-to-trinh.pdf")
    got = clerk.get(f"/ho-so/{build.pk}/tep/{index}/")
    assert got["Content-Disposition"] == 'attachment; filename="vi-du-01-to-trinh.pdf"'
    assert b"".join(got.streaming_content).startswith(b"%PDF")


def test_a_name_that_is_not_ascii_has_an_ascii_fallback_and_its_utf8_original() -> None:
    name = "vi-du-Xã Lộc Hưng-ho-so-tong-hop.pdf"
    said = named(HttpResponse(), name, inline=True)["Content-Disposition"]
    assert said == (
        'inline; filename="vi-du-xa-loc-hung-ho-so-tong-hop.pdf"; '
        f"filename*=utf-8''{quote(name, safe='')}"
    )
    quoted = named(HttpResponse(), 'a "b".zip')["Content-Disposition"]
    assert quoted == 'attachment; filename="a \\"b\\".zip"'
