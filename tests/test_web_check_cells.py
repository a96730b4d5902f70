"""The clerk's page after an upload marks every cell a finding concerns: each empty cell of a
half-filled row (said once), and a council member proposed at both sheets' cells."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client

from tests.conftest import cell_of, edit
from tests.webtools import make_people, new_proposal, upload_file

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("data_dir")]


def _marked(page: str, sheet: str, cell: str) -> str:
    """The opening of the cell's <td>: its class and title."""
    drawn = page.split(f'data-sheet="{sheet}"')[1].split("</table>")[0]
    return drawn.split(f'data-cell="{cell}"')[0].rsplit("<td", 1)[1]


def _upload(client: Client, pk: int, path: Path) -> str:
    response = client.post(f"/de-nghi/{pk}/tai-len/", {"file": upload_file(path)}, follow=True)
    assert response.status_code == 200
    return response.content.decode()


def test_every_cell_of_a_finding_is_marked_on_the_page(example) -> None:
    people = make_people()
    pk = new_proposal(people.clerk_a)
    path = example()
    with edit(path) as wb:
        ind, members = wb["Cá nhân"], wb["Thành viên HĐ"]
        row = ind.max_row + 1
        ind.cell(row, 2, "Trần Văn Bình")
        empty = [
            cell_of(ind, h, row - 1).replace(str(row - 1), str(row))
            for h in ("Ngày sinh", "Thành tích")
        ]
        member = cell_of(members, "Họ và tên", 3)
        nominee = cell_of(ind, "Họ và tên", 2)
        ind[nominee] = members[member].value
    page = _upload(people.clerk_a, pk, path)
    assert "Trần Văn Bình: thiếu “Giới tính”, “Ngày sinh”" in page
    for cell in empty:
        marked = _marked(page, "Cá nhân", cell)
        assert marked.startswith(' class="error"') and 'title="Trần Văn Bình: thiếu' in marked
    for sheet, cell in (("Cá nhân", nominee), ("Thành viên HĐ", member)):
        assert "cũng là thành viên Hội đồng" in _marked(page, sheet, cell), (sheet, cell)
