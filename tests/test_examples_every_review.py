"""Every plan's example, at every review, checks clean through the real CLI: a review after the
district level ended (30/6/2025) is proposed by bodies that still exist, and an example whose
award nobody can decide any more is refused with the reason, writing nothing."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest

from pipeline.authoring.examples import example_award, proposal_date
from pipeline.inputs.contract import COLLECTIVES, INDIVIDUALS, INFO, MEMBERS
from pipeline.inputs.legal import ended_level
from pipeline.inputs.plans import all_plans, get_plan, load_plan_file
from pipeline.resources import PLANS_DIR

CASES = [(p.id, r.id) for p in all_plans() for r in p.reviews]
MK = "muong-khuong-cds-2022-2025"
ENDED = "không còn sau ngày"
# What an example says on purpose: its rows are fictional, one person falls short of the votes.
EXAMPLE_WARNINGS = ("dữ liệu ví dụ (hư cấu)", "dưới mức")
# What a period example adds on purpose: one unit late, one that sent nothing.
PERIOD_WARNINGS = (*EXAMPLE_WARNINGS, "trễ 3 ngày so với hạn", "chưa nộp hồ sơ")


def findings(out: str) -> dict[str, list[str]]:
    """The findings a check printed, by heading ("Lỗi", "Cảnh báo")."""
    found: dict[str, list[str]] = {"Lỗi": [], "Cảnh báo": []}
    heading = None
    for line in out.splitlines():
        if line.strip() in ("Lỗi:", "Cảnh báo:"):
            heading = line.strip()[:-1]
        elif line.startswith("    ") and heading:
            found[heading].append(line.strip())
        else:
            heading = None
    return found


def ended_cells(path: Path, plan_id: str, review_id: str) -> list[str]:
    """Cells of an example workbook's filled sheets naming a body of an ended level of
    government on the review's Tờ trình date (its data, not the plan's own texts)."""
    review = get_plan(plan_id).review(review_id)
    assert review is not None
    day = proposal_date(review)
    wb = openpyxl.load_workbook(path)
    cells = [c for row in wb[INFO].iter_rows(min_col=2, max_col=2) for c in row]
    for sheet in (COLLECTIVES, INDIVIDUALS, MEMBERS):
        if sheet in wb.sheetnames:
            cells += [c for row in wb[sheet].iter_rows(min_row=2) for c in row]
    return [
        f"{c.parent.title}!{c.coordinate}: {c.value}"
        for c in cells
        if isinstance(c.value, str) and ended_level(c.value, day) is not None
    ]


@pytest.mark.parametrize(("plan_id", "review_id"), CASES)
def test_the_example_checks_clean(plan_id: str, review_id: str, run_cli, tmp_path) -> None:
    path = tmp_path / "vi-du.xlsx"
    made = run_cli("init", path, "--plan", plan_id, "--review", review_id, "--example")
    assert made.code == 0, made.err
    checked = run_cli("check", path)
    assert checked.code == 0, checked.out
    assert "0 lỗi" in checked.out and ENDED not in checked.out, checked.out
    said = findings(checked.out)
    assert said["Lỗi"] == []
    assert [w for w in said["Cảnh báo"] if not any(k in w for k in EXAMPLE_WARNINGS)] == []
    assert ended_cells(path, plan_id, review_id) == []


@pytest.mark.parametrize(("plan_id", "review_id"), CASES)
def test_the_period_example_has_only_its_deliberate_problems(
    plan_id: str, review_id: str, run_cli, tmp_path
) -> None:
    folder = tmp_path / "dot-xet"
    made = run_cli("period", "init", folder, "--plan", plan_id, "--review", review_id, "--example")
    assert made.code == 0, made.err
    checked = run_cli("period", "check", folder)
    assert ENDED not in checked.out, checked.out
    assert "Số đơn vị: chưa nộp 1, có lỗi 1, hợp lệ 2, trễ hạn 1" in checked.out, checked.out
    said = findings(checked.out)
    # The broken unit's one error: a birth date that does not exist.
    assert len(said["Lỗi"]) == 1 and "“31/02/1985” không tồn tại" in said["Lỗi"][0], said
    assert [w for w in said["Cảnh báo"] if not any(k in w for k in PERIOD_WARNINGS)] == []
    assert "Tổng cộng: 1 lỗi," in checked.out
    for unit in sorted((folder / "don-vi").glob("*.xlsx")):
        assert ended_cells(unit, plan_id, review_id) == [], unit.name


def test_a_review_after_the_reform_names_communes_and_the_province() -> None:
    # What a clerk reads in the example of Mường Khương's tổng kết: the new xã proposes the
    # province's Bằng khen to its Chủ tịch; nothing of huyện Mường Khương is left.
    from pipeline.authoring.examples import example_values

    plan = get_plan(MK)
    review = plan.review("tong-ket-2025")
    assert review is not None
    info = example_values(plan, review)[INFO]
    assert info["award"] == "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh Lào Cai"
    assert info["unit"] == "Ủy ban nhân dân xã Mường Khương"
    assert info["recipient"] == "Chủ tịch Ủy ban nhân dân tỉnh Lào Cai"
    before = plan.review("hang-nam-2024")
    assert before is not None
    assert example_values(plan, before)[INFO]["unit"] == "Phòng Văn hóa và Thông tin"


def test_a_cooperative_in_a_period_example_is_no_commune() -> None:
    # The "xã" of "Hợp tác xã" is no commune: its Tờ trình is dated at the commune it works in
    # and numbered …/TTr-HTX.
    from pipeline.period.examples import example_units

    plan = get_plan(MK)
    review = plan.review("tong-ket-2025")
    assert review is not None
    office, _, units = example_units(plan, review)
    assert office.name == "Ủy ban nhân dân xã Mường Khương"
    coop = next(u for u in units if u.name == "Hợp tác xã Nông nghiệp Thanh Bình")
    assert coop.values is not None
    info = coop.values[INFO]
    assert (info["place"], info["unit_code"]) == ("Mường Khương", "HTX")
    assert info["recipient"] == "Chủ tịch Ủy ban nhân dân xã Mường Khương"


def test_an_award_whose_decider_ended_gives_way_to_a_living_one() -> None:
    plan = get_plan(MK)
    late, early = plan.review("tong-ket-2025"), plan.review("hang-nam-2024")
    assert late is not None and early is not None
    assert example_award(plan, late, "giay-khen-huyen").id == "bang-khen-tinh"
    assert example_award(plan, early, "giay-khen-huyen").id == "giay-khen-huyen"


def _only_the_district_award(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An office's own copy of Mường Khương's plan, left with the district's Giấy khen only,
    as the plan `hoso init` and `hoso period init` read."""
    text = (PLANS_DIR / f"{MK}.toml").read_text(encoding="utf-8")
    text, n = re.subn(r'\[\[awards\]\]\nid = "bang-khen-tinh"\n.*?(?=\[\[awards\]\])', "", text,
                      flags=re.S)  # fmt: skip
    assert n == 1
    own = tmp_path / "ke-hoach" / f"{MK}.toml"
    own.parent.mkdir()
    own.write_text(text, encoding="utf-8")
    plan = load_plan_file(own)
    assert [a.id for a in plan.awards] == ["giay-khen-huyen"]
    for module in ("pipeline.cli.commands", "pipeline.cli.period"):
        monkeypatch.setattr(f"{module}.get_plan", lambda plan_id: plan)


def test_an_example_nobody_can_decide_is_refused_and_nothing_is_written(
    run_cli, tmp_path, monkeypatch
) -> None:
    _only_the_district_award(tmp_path, monkeypatch)
    path, folder = tmp_path / "vi-du.xlsx", tmp_path / "dot-xet"
    one = run_cli("init", path, "--plan", MK, "--review", "tong-ket-2025", "--example")
    many = run_cli("period", "init", folder, "--plan", MK, "--review", "tong-ket-2025", "--example")
    for refused in (one, many):
        assert refused.code == 1 and refused.out == ""
        assert "Traceback" not in refused.err
        said = " ".join(refused.err.split())
        assert said.startswith(
            "Lỗi: Không tạo được dữ liệu ví dụ cho đợt “Tổng kết giai đoạn 2022 - 2025” của kế "
            f"hoạch {MK}: Tờ trình của đợt này đề ngày 20/11/2025, mà cấp huyện không còn sau "
            "ngày 30/06/2025"
        ), said
        assert (
            "nên không còn đề nghị được “Giấy khen của Chủ tịch Ủy ban nhân dân huyện Mường "
            "Khương” do Chủ tịch Ủy ban nhân dân huyện Mường Khương quyết định" in said
        )
        assert (
            "Hình thức hiện nay: Giấy khen của Chủ tịch Ủy ban nhân dân xã, phường, đặc khu hoặc "
            "của Thủ trưởng cơ quan, đơn vị; Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh" in said
        )
        assert "Chưa ghi tệp nào." in said
    assert not path.exists() and not folder.exists()
    # The same plan's earlier review, while the district still decided, still has its example.
    early = run_cli("init", path, "--plan", MK, "--review", "hang-nam-2024", "--example")
    assert early.code == 0, early.err
    assert run_cli("check", path).code == 0


def test_a_larger_batch_after_the_reform_adds_village_teams_not_village_committees(
    run_cli, tmp_path
) -> None:
    # A benchmark's batch asks for more collectives than the commune's own bodies: its villages
    # have no Ủy ban nhân dân, so their community digital teams are proposed.
    from pipeline.authoring.examples import example_marks, example_values
    from pipeline.authoring.scaffold import write_workbook

    plan = get_plan("bu-gia-map-cds-2022-2025")
    review = plan.review("tong-ket-2025")
    assert review is not None
    values = example_values(plan, review, collectives=8, individuals=12)
    names = [c["name"] for c in values[COLLECTIVES]]
    assert names[5:] == [
        "Tổ Công nghệ số cộng đồng thôn Khắc Khoan",
        "Tổ Công nghệ số cộng đồng thôn Phú Lâm",
        "Tổ Công nghệ số cộng đồng thôn Phú Tâm",
    ]
    path = tmp_path / "lon.xlsx"
    write_workbook(path, plan, review, values, example_marks(values))
    checked = run_cli("check", path)
    assert checked.code == 0 and "0 lỗi" in checked.out and ENDED not in checked.out, checked.out
    assert ended_cells(path, plan.id, review.id) == []
