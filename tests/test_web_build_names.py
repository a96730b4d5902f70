"""A finished build as the clerk reads it: each document and dossier named by what it is (the
manifest's titles), the file name only beside it, on the build page and its preview. A real
worker builds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline.web.builds import queue
from pipeline.web.models import Build
from tests.webtools import as_read, make_people, new_proposal, upload_file

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.libreoffice,
    pytest.mark.with_worker,
]


def _cells(page: str) -> list[tuple[str, str]]:
    """The "Từng văn bản" table's rows as (what the clerk reads, the download links' labels)."""
    table = page.split('id="tung-tep"')[1].split("</table>")[0]
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", table, re.S):
        cells = re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)
        text = [as_read(c) for c in cells]
        rows.append(tuple(text) + ("",) * (2 - len(text)))
    return rows[1:]  # the header


def test_the_build_page_and_preview_name_documents_not_paths(data_dir: Path, example) -> None:
    people = make_people()
    pk = new_proposal(people.clerk_a)
    people.clerk_a.post(f"/de-nghi/{pk}/tai-len/", {"file": upload_file(example(), "de-nghi.xlsx")})
    people.clerk_a.post(f"/de-nghi/{pk}/tao-ho-so/")
    build = Build.objects.get()
    assert queue().wait(build.job_id, timeout=900).status == "done"
    page = people.clerk_a.get(f"/ho-so/{build.pk}/").content.decode()
    rows = _cells(page)
    assert rows[0] == ("Tờ trình 01-to-trinh", "PDF · Word")
    assert rows[1][0] == "Danh sách kèm theo Tờ trình 02-danh-sach"
    assert ("Báo cáo thành tích – Hà Thị Lan 06-ha-thi-lan", "PDF · Word") in rows
    dossiers = [r[0] for r in rows[rows.index(next(r for r in rows if "ghép sẵn" in r[0])) + 1 :]]
    assert dossiers[0].startswith("Hồ sơ đề nghị khen thưởng – Ủy ban nhân dân huyện Bù Gia Mập")
    assert "Hồ sơ đề nghị khen thưởng – Hà Thị Lan 06-ha-thi-lan" in dossiers
    said = as_read(page)  # what the clerk reads, not the addresses
    assert "van-ban/" not in said and "ho-so/" not in said and ".pdf" not in said
    # Each link downloads the file its row names.
    link = re.search(r'Tờ trình.*?<a href="([^"]+)">PDF</a>', page, re.S)
    assert link is not None
    got = people.clerk_a.get(link.group(1))
    assert got["Content-Disposition"].endswith('filename="01-to-trinh.pdf"')
    preview = people.clerk_a.get(f"/ho-so/{build.pk}/xem-truoc/").content.decode()
    assert re.findall(r"<h2>([^<]+)</h2>", preview)[0] == "Tờ trình"
    assert "(tệp 01-to-trinh.pdf)" in preview and "van-ban/" not in preview
