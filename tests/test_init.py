"""`hoso plans` and `hoso init`: the presets, and the workbook a clerk receives."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from pipeline.inputs.contract import SHEETS
from pipeline.inputs.plans import all_plans

PLANS = [p.id for p in all_plans()]


def test_plans_lists_every_preset_one_per_line(run_cli) -> None:
    result = run_cli("plans")
    assert result.code == 0
    lines = result.out.strip().splitlines()
    assert [line.split("\t")[0] for line in lines] == sorted(PLANS)
    assert len(lines) == 6  # the five real plans and the fictional 2026 example


def test_plans_show_is_readable(run_cli) -> None:
    result = run_cli("plans", "show", "bu-gia-map-cds-2022-2025")
    assert result.code == 0
    assert (
        "Số lượng (Sơ kết năm 2023): tối đa 07 (bảy) tập thể và 15 (mười lăm) cá nhân" in result.out
    )
    assert "Biểu quyết của Hội đồng: từ 80% tổng số thành viên Hội đồng đồng ý" in result.out
    assert (
        "Lãnh đạo: cán bộ lãnh đạo, quản lý (từ Phó Trưởng phòng và tương đương trở lên) "
        "không quá 40% số cá nhân được đề nghị (khoản 5 Điều 11" in result.out
    )
    assert "Hồ sơ công việc được xử lý trên môi trường mạng (trừ hồ sơ mật): ≥ 90%" in result.out
    assert "  Thực hiện:\n    - " in result.out
    # A plan implementing no earlier document has no empty heading for it.
    assert "Thực hiện:" not in run_cli("plans", "show", "vi-du-xa-bu-gia-map-2026").out


def test_unknown_plan_is_a_clear_error(run_cli, tmp_path: Path) -> None:
    result = run_cli("init", "--plan", "khong-co", tmp_path / "x.xlsx")
    assert result.code == 1
    assert "Không có kế hoạch “khong-co”. Các kế hoạch có sẵn: " in result.err
    assert "bu-gia-map-cds-2022-2025" in result.err
    assert "Traceback" not in result.err and not (tmp_path / "x.xlsx").exists()


@pytest.mark.parametrize("plan_id", PLANS)
def test_example_of_every_preset_checks_clean(plan_id: str, run_cli, tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    assert run_cli("init", "--plan", plan_id, "--example", path).code == 0
    result = run_cli("check", path)
    assert result.code == 0, result.out
    assert f"✓ {path}: 0 lỗi" in result.out


@pytest.mark.parametrize("plan_id", PLANS)
def test_every_review_of_every_preset_gets_a_workbook(
    plan_id: str, run_cli, tmp_path: Path
) -> None:
    plan = next(p for p in all_plans() if p.id == plan_id)
    for review in plan.reviews:
        path = tmp_path / f"{review.id}.xlsx"
        assert run_cli("init", "--plan", plan_id, "--review", review.id, path).code == 0
        wb = openpyxl.load_workbook(path)
        assert wb["Thông tin chung"]["B3"].value == review.label


def test_blank_workbook_follows_the_contract(run_cli, tmp_path: Path) -> None:
    path = tmp_path / "de-nghi.xlsx"
    assert run_cli("init", "--plan", "bu-gia-map-cds-2022-2025", path).code == 0
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[0] == "Hướng dẫn"
    assert wb["Danh mục"].sheet_state == "hidden"
    for spec in SHEETS:
        ws = wb[spec.name]
        if spec.layout == "form":
            labels = [ws.cell(row, 1).value for row in range(2, 2 + len(spec.fields))]
            assert labels == [f.header for f in spec.fields]
            cells = [ws.cell(row, 1) for row in range(2, 2 + len(spec.fields))]
        else:
            cells = list(ws[1])[: len(spec.fields)]
            assert [c.value for c in cells] == [f.header for f in spec.fields]
        assert all(c.comment and c.comment.text for c in cells), spec.name
        assert ws.freeze_panes in ("A2", "B2", "C2")
    dropdowns = {dv.formula1 for ws in wb.worksheets for dv in ws.data_validations.dataValidation}
    for name in (
        "plans",
        "reviews",
        "awards",
        "authorities",
        "methods",
        "roles",
        "yesno",
        "genders",
        "criteria",
    ):
        assert f"=ds_{name}" in dropdowns
    lists = {name: wb.defined_names[name].attr_text for name in wb.defined_names}
    assert lists["ds_genders"] == "'Danh mục'!$H$2:$H$3"
    guide = "\n".join(str(c.value) for c in wb["Hướng dẫn"]["A"] if c.value)
    assert "tối đa 07 (bảy) tập thể và 15 (mười lăm) cá nhân" in guide
    assert "từ 80% tổng số thành viên Hội đồng" in guide
    listed = guide.split("Hồ sơ gồm\n")[1].split("\n")
    assert listed[:3] == [
        "- Tờ trình",
        "- Danh sách kèm theo Tờ trình",
        "- Biên bản họp Hội đồng Thi đua - Khen thưởng",
    ]  # one capitalised item a line, as the dossier's documents are named


def test_trich_ngang_is_offered_only_where_the_plan_allows_it(run_cli, tmp_path: Path) -> None:
    for plan_id, offered in (
        ("muong-khuong-cds-2022-2025", True),
        ("bac-kan-cds-2022-2025", False),
    ):
        path = tmp_path / f"{plan_id}.xlsx"
        run_cli("init", "--plan", plan_id, path)
        wb = openpyxl.load_workbook(path)
        values = [c.value for c in wb["Danh mục"]["I"][1:] if c.value]
        assert ("Trích ngang" in values) is offered
        assert ("Hội đồng" in wb.sheetnames) is not offered  # Mường Khương has no Biên bản


def test_init_never_overwrites_without_force(run_cli, tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    path.write_text("bản của văn thư")
    result = run_cli("init", "--plan", "bac-kan-cds-2022-2025", path)
    assert result.code == 1 and "đã có; dùng --force" in result.err
    assert path.read_text() == "bản của văn thư"
    assert run_cli("init", "--force", "--plan", "bac-kan-cds-2022-2025", path).code == 0


def test_unknown_review_is_a_clear_error(run_cli, tmp_path: Path) -> None:
    result = run_cli(
        "init", "--plan", "bac-kan-cds-2022-2025", "--review", "so-ket-2030", tmp_path / "x.xlsx"
    )
    assert result.code == 1
    assert "không có đợt xét “so-ket-2030”" in result.err and "so-ket-2023" in result.err


def test_a_name_that_is_only_its_extension_is_said_so(run_cli, tmp_path: Path) -> None:
    result = run_cli("init", "--plan", "bu-gia-map-cds-2022-2025", tmp_path / ".xlsx")
    assert result.code == 1
    assert (
        f"{tmp_path / '.xlsx'}: thiếu tên tệp trước đuôi .xlsx, ví dụ de-nghi.xlsx." in result.err
    )
    plain = run_cli("init", "--plan", "bu-gia-map-cds-2022-2025", tmp_path / "de-nghi")
    assert f"{tmp_path / 'de-nghi'}: tên tệp phải có đuôi .xlsx." in plain.err


def test_no_example_person_has_a_middle_name_equal_to_the_given_name() -> None:
    # "Nguyễn Minh Minh", "Hồ Ngọc Ngọc" read as typos to whoever checks the example documents.
    from pipeline.authoring.examples import example_values
    from pipeline.inputs.contract import INDIVIDUALS, MEMBERS
    from pipeline.period.examples import example_units

    names = []
    for plan in all_plans():
        for review in plan.reviews:
            _, _, units = example_units(plan, review)  # a period's, and `hoso init --example`'s
            for values in [example_values(plan, review), *(u.values or {} for u in units)]:
                names += [
                    p["name"] for sheet in (INDIVIDUALS, MEMBERS) for p in values.get(sheet, [])
                ]
    assert len(names) > 400
    doubled = [n for n in names if n.split()[-1] == n.split()[-2]]
    assert doubled == []


def test_the_commands_are_listed_in_the_order_of_the_work(run_cli) -> None:
    def listed(*args: str) -> list[str]:
        said = run_cli(*args, "--help").out.split("Lệnh:\n", 1)[1]
        # A command's name is indented two spaces; its description's wrapped lines, more.
        rows = [line for line in said.splitlines() if line.startswith("  ")]
        return [line.split()[0] for line in rows if not line.startswith("   ")]

    first = ["plans", "init", "check", "build", "lint", "templates", "period", "sign", "verify"]
    assert listed()[: len(first)] == first
    assert listed("period") == ["init", "check", "council", "build", "certificates"]
