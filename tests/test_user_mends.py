"""What a new user meets walking through the README: paths, words and hints as the user reads them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_readme_names_the_folder_the_certificates_are_written_to(period, run_cli) -> None:
    line = next(
        ln for ln in README.splitlines() if ln.startswith("hoso period certificates dot-xet-2023  ")
    )
    said = re.search(r"# (\S+)/<mã hình thức>/(\S+\.pdf)", line)
    assert said, line
    folder = period("vi-du-xa-bu-gia-map-2026")  # decides its Giấy khen, after its council
    assert run_cli("period", "certificates", folder).code == 0
    written = list((folder / said[1]).glob(f"*/{said[2]}"))
    assert written, f"{said[1]}/…/{said[2]} not written"


# Words a clerk would read as English in a workbook's comments and input messages.
ENGLISH = re.compile(r"\b(preset|the|of|and|for|with|value|select|invalid|list)\b", re.I)


def test_the_workbook_s_comments_and_input_messages_have_no_english(run_cli, tmp_path) -> None:
    import openpyxl

    path = tmp_path / "de-nghi.xlsx"
    assert run_cli("init", "--plan", "bu-gia-map-cds-2022-2025", path).code == 0
    wb = openpyxl.load_workbook(path)
    assert wb["Thông tin chung"]["A2"].comment.text.startswith("Mã kế hoạch của hoso")
    said = [c.comment.text for ws in wb for row in ws.iter_rows() for c in row if c.comment]
    for ws in wb:
        for dv in ws.data_validations.dataValidation:
            said += [t for t in (dv.prompt, dv.promptTitle, dv.error, dv.errorTitle) if t]
    assert [t for t in said if ENGLISH.search(t)] == []


def test_plans_show_names_the_documents_of_the_dossier_in_vietnamese(run_cli) -> None:
    shown = run_cli("plans", "show", "bu-gia-map-cds-2022-2025").out
    assert (
        "  Hồ sơ: Tờ trình, Danh sách kèm theo Tờ trình, Biên bản họp Hội đồng Thi đua - Khen "
        "thưởng, Báo cáo thành tích; trích ngang: không\n"
    ) in shown


@pytest.mark.django_db
@pytest.mark.usefixtures("data_dir")
def test_the_proposal_page_names_the_review_not_its_code() -> None:
    from tests.webtools import make_people, new_proposal

    people = make_people()
    pk = new_proposal(people.clerk_a)
    page = people.clerk_a.get(f"/de-nghi/{pk}/").content.decode()
    said = page.split("<h1>", 1)[1].split("</p>", 1)[0]
    assert "đợt xét “Sơ kết năm 2023”" in said and "so-ket-2023" not in said


@pytest.mark.django_db
@pytest.mark.usefixtures("data_dir")
def test_the_demo_accounts_are_listed_with_their_roles_in_vietnamese(capsys) -> None:
    from pipeline.cli.web import _demo

    _demo()
    listed = capsys.readouterr().out
    assert "  thidua   Thường trực thi đua\n" in listed
    assert "  quantri  Quản trị\n" in listed
    assert "  vanthu   Văn thư đơn vị, " in listed
    assert not re.search(r"van-thu|thi-dua|quan-tri", listed)
