"""Today's administrative reality: an authority of a level of government that has ended cannot
decide, receive or propose (district level ended on 30/6/2025); the rule is data, not code."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pipeline.inputs.legal import LEGAL_FILE, ended_level
from tests.conftest import edit, label_row

INFO = "Thông tin chung"
DISTRICT_AWARD = "Giấy khen của Chủ tịch Ủy ban nhân dân huyện Bù Gia Mập"
DISTRICT_CHAIR = "Chủ tịch Ủy ban nhân dân huyện Bù Gia Mập"


def _district_proposal(path: Path, day: dt.datetime) -> dict[str, str]:
    """The example proposing the district's Giấy khen to its chairman, dated `day`."""
    with edit(path) as wb:
        ws = wb[INFO]
        cells = {label: f"B{label_row(ws, label)}" for label in (
            "Hình thức khen thưởng", "Kính gửi", "Ngày tờ trình", "Đợt xét", "Cơ quan trình khen"
        )}  # fmt: skip
        ws[cells["Hình thức khen thưởng"]] = DISTRICT_AWARD
        ws[cells["Kính gửi"]] = DISTRICT_CHAIR
        ws[cells["Ngày tờ trình"]] = day
        ws[cells["Đợt xét"]] = "Tổng kết giai đoạn 2022 - 2025"
    return cells


def test_a_district_award_after_june_2025_is_an_error_at_the_award(example, run_cli) -> None:
    path = example()
    cells = _district_proposal(path, dt.datetime(2025, 8, 15))
    result = run_cli("check", path)
    assert result.code == 1
    award = f"{path} › {INFO}!{cells['Hình thức khen thưởng']}: “{DISTRICT_AWARD}” do "
    (line,) = [ln.strip() for ln in result.out.splitlines() if ln.strip().startswith(award)]
    assert "cấp huyện không còn sau ngày 30/06/2025" in line
    assert "Tờ trình ngày 15/08/2025 hãy chọn hình thức khác: Giấy khen của Chủ tịch Ủy ban" in line
    recipient = f"{path} › {INFO}!{cells['Kính gửi']}: “Kính gửi” là “{DISTRICT_CHAIR}”, thuộc cấp"
    assert recipient in result.out
    unit = f"{path} › {INFO}!{cells['Cơ quan trình khen']}: “Cơ quan trình khen” là “Ủy ban"
    assert unit in result.out  # a warning: the unit's name is the clerk's to update


def test_the_same_award_before_july_2025_is_accepted(example, run_cli) -> None:
    path = example()
    _district_proposal(path, dt.datetime(2025, 6, 20))
    result = run_cli("check", path)
    assert result.code == 0, result.out
    assert "không còn sau ngày" not in result.out


def test_the_rule_is_read_from_the_legal_table(tmp_path: Path) -> None:
    day = dt.date(2025, 8, 1)
    assert ended_level("Chủ tịch Ủy ban nhân dân huyện Mường Khương", day) is not None
    assert ended_level("Chủ tịch Ủy ban nhân dân thành phố Buôn Ma Thuột", day) is not None
    assert ended_level("Chủ tịch Ủy ban nhân dân thành phố Hà Nội", day) is None  # a province
    assert ended_level("Chủ tịch Ủy ban nhân dân xã Bù Gia Mập", day) is None
    assert ended_level("Chủ tịch Ủy ban nhân dân tỉnh Đồng Nai", day) is None
    assert ended_level("Chủ tịch Ủy ban nhân dân huyện Mường Khương", dt.date(2025, 6, 30)) is None
    # Without the table's entry there is no such rule: nothing in code assumes a district ended.
    table = LEGAL_FILE.read_text(encoding="utf-8")
    own = tmp_path / "legal.toml"
    own.write_text(table[: table.index("[[ended_levels]]")], encoding="utf-8")
    assert ended_level("Chủ tịch Ủy ban nhân dân huyện Mường Khương", day, own) is None


def test_the_guide_of_a_review_under_nd_152_does_not_name_mau_so_07(run_cli, tmp_path) -> None:
    import openpyxl

    texts = {}
    for review in ("so-ket-2023", "tong-ket-2025"):
        path = tmp_path / f"{review}.xlsx"
        result = run_cli("init", "--plan", "bu-gia-map-cds-2022-2025", "--review", review, path)
        assert result.code == 0, result.err
        guide = openpyxl.load_workbook(path)["Hướng dẫn"]
        texts[review] = "\n".join(str(c.value) for row in guide.iter_rows() for c in row if c.value)
    assert "Mẫu số 07 ban hành kèm theo Nghị định số 91/2017/NĐ-CP" in texts["so-ket-2023"]
    assert "Mẫu số 07" not in texts["tong-ket-2025"]
    assert (
        "Báo cáo thành tích đề nghị khen thưởng thi đua theo chuyên đề (Nghị định số 152/2025/NĐ-CP)"
        in texts["tong-ket-2025"]
    )


DONG_NAI_AWARD = "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh Đồng Nai"
OWN_REGIME = """
[[regimes]]
id = "luat-sua-doi-2026"
start = 2026-10-01
decree = "Nghị định số 999/2026/NĐ-CP"
report_form = ""
verified = false
bases = ["Luật Thi đua, khen thưởng (sửa đổi) do văn phòng tự thêm để thử"]
"""


def test_an_office_adds_a_later_regime_in_its_own_legal_file(example, run_cli, tmp_path) -> None:
    from tests.doctext import normalized_text

    own = tmp_path / "can-cu.toml"
    own.write_text(OWN_REGIME, encoding="utf-8")
    path = example()
    with edit(path) as wb:
        ws = wb[INFO]
        ws[f"B{label_row(ws, 'Ngày tờ trình')}"] = dt.datetime(2026, 11, 20)
        ws[f"B{label_row(ws, 'Đợt xét')}"] = "Tổng kết giai đoạn 2022 - 2025"
        # Bình Phước merged into Đồng Nai on 01/7/2025: a 2026 Tờ trình asks Đồng Nai's head.
        ws[f"B{label_row(ws, 'Hình thức khen thưởng')}"] = DONG_NAI_AWARD
        ws[f"B{label_row(ws, 'Kính gửi')}"] = "Chủ tịch Ủy ban nhân dân tỉnh Đồng Nai"
    plain = run_cli("build", "--no-pdf", "-q", "-o", tmp_path / "a", path)
    assert plain.code == 0, plain.out
    text = normalized_text(tmp_path / "a" / "hoso" / "van-ban" / "01-to-trinh.docx")
    assert "Căn cứ Nghị định số 152/2025/NĐ-CP" in text and "tự thêm để thử" not in text
    mine = run_cli("build", "--no-pdf", "-q", "--legal", own, "-o", tmp_path / "b", path)
    assert mine.code == 0, mine.out
    text = normalized_text(tmp_path / "b" / "hoso" / "van-ban" / "01-to-trinh.docx")
    assert "Căn cứ Luật Thi đua, khen thưởng (sửa đổi) do văn phòng tự thêm để thử;" in text
    again = run_cli("build", "--no-pdf", "-q", "-o", tmp_path / "b", path)  # the file is in the key
    assert "(không thay đổi)" not in again.out


def test_a_broken_own_legal_file_names_file_and_key(example, run_cli, tmp_path) -> None:
    own = tmp_path / "can-cu.toml"
    own.write_text(OWN_REGIME.replace("start =", "bat_dau ="), encoding="utf-8")
    result = run_cli("check", "--legal", own, example())
    assert result.code != 0
    assert "can-cu.toml › regimes[0].bat_dau: khóa không được hỗ trợ (gõ nhầm?)" in result.err
    assert "Traceback" not in result.err
