"""Provinces merged on 01/7/2025 (data/legal.toml [[merged_provinces]]): a dossier dated after
the merger asks the successor province's authority for its award, one dated before the old
province's; the workbook's dropdown, the examples and a period's Quyết định follow the day."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

from tests.conftest import edit, label_row
from tests.doctext import normalized_text
from tests.test_period_issuer import change, decision_text

BAC_KAN = "bac-kan-cds-2022-2025"
BGM = "bu-gia-map-cds-2022-2025"
INFO = "Thông tin chung"
AWARD = "Hình thức khen thưởng"
OLD_AWARD = "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh Bắc Kạn"
NEW_AWARD = "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh Thái Nguyên"
SOURCE = (
    "Nghị quyết số 202/2025/QH15 ngày 12/6/2025 của Quốc hội về việc sắp xếp đơn vị hành chính "
    "cấp tỉnh năm 2025"
)


def init(run_cli, path: Path, plan: str, review: str, *more: str) -> Path:
    """`hoso init` of a plan's review, with the example data unless told otherwise."""
    made = run_cli("init", "--plan", plan, "--review", review, *more, path)
    assert made.code == 0, made.out + made.err
    return path


def to_trinh(run_cli, workbook: Path, out: Path) -> str:
    """The Tờ trình's text as built from the workbook (no PDF)."""
    built = run_cli("build", "--no-pdf", "-q", "-o", out, workbook)
    assert built.code == 0, built.out
    return normalized_text(out / workbook.stem / "van-ban" / "01-to-trinh.docx")


def put_info(path: Path, label: str, value: object) -> str:
    """Write a value beside its label on the general sheet; the cell, as the check names it."""
    with edit(path) as wb:
        cell = f"B{label_row(wb[INFO], label)}"
        wb[INFO][cell] = value
    return f"{INFO}!{cell}"


def test_the_tong_ket_after_the_merger_asks_thai_nguyen(run_cli, tmp_path) -> None:
    """Bắc Kạn's plan, reviewed in late 2025: the Tờ trình goes to Thái Nguyên's Chủ tịch for
    Thái Nguyên's Bằng khen, still citing the plan Bắc Kạn issued; the 2023 sơ kết stays Bắc Kạn's."""
    after = init(run_cli, tmp_path / "tk.xlsx", BAC_KAN, "tong-ket-2025", "--example")
    text = to_trinh(run_cli, after, tmp_path / "tk")
    assert "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Thái Nguyên" in text
    assert NEW_AWARD in text
    assert OLD_AWARD not in text and "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Bắc Kạn" not in text
    assert "của Ủy ban nhân dân tỉnh Bắc Kạn" in text  # the plan's own Căn cứ line, as issued
    before = init(run_cli, tmp_path / "sk.xlsx", BAC_KAN, "so-ket-2023", "--example")
    text = to_trinh(run_cli, before, tmp_path / "sk")
    assert "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Bắc Kạn" in text
    assert OLD_AWARD in text and "Thái Nguyên" not in text


def test_the_old_award_after_the_merger_is_an_error_naming_the_successor(run_cli, tmp_path):
    path = init(run_cli, tmp_path / "tk.xlsx", BAC_KAN, "tong-ket-2025", "--example")
    award = put_info(path, AWARD, OLD_AWARD)
    recipient = put_info(path, "Kính gửi", "Chủ tịch UBND tỉnh Bắc Kạn")
    said = run_cli("check", path)
    assert said.code == 1
    assert (
        f"{path} › {award}: “{OLD_AWARD}”: tỉnh Bắc Kạn đã sắp xếp vào tỉnh Thái Nguyên từ ngày "
        f"01/7/2025 ({SOURCE}); Tờ trình ngày 20/11/2025 hãy chọn “{NEW_AWARD}”."
    ) in said.out
    assert (
        f"{path} › {recipient}: “Kính gửi” là “Chủ tịch Ủy ban nhân dân tỉnh Bắc Kạn”, nhưng tỉnh "
        f"Bắc Kạn đã sắp xếp vào tỉnh Thái Nguyên từ ngày 01/7/2025 ({SOURCE}); Tờ trình ngày "
        "20/11/2025: hãy ghi “Chủ tịch Ủy ban nhân dân tỉnh Thái Nguyên” (hoặc tên cơ quan hiện nay)."
    ) in said.out  # named as printed: "UBND" is written out (and said) at the same cell
    assert "Traceback" not in said.err


def test_the_successor_s_award_before_the_merger_is_an_error(run_cli, tmp_path) -> None:
    path = init(run_cli, tmp_path / "sk.xlsx", BAC_KAN, "so-ket-2023", "--example")
    award = put_info(path, AWARD, NEW_AWARD)
    said = run_cli("check", path)
    assert said.code == 1
    assert (
        f"{path} › {award}: “{NEW_AWARD}”: tỉnh Bắc Kạn sắp xếp vào tỉnh Thái Nguyên từ ngày "
        f"01/7/2025 ({SOURCE}), sau ngày Tờ trình; Tờ trình ngày 20/11/2023 hãy chọn “{OLD_AWARD}”."
    ) in said.out


def test_a_unit_of_the_old_province_is_a_warning(run_cli, tmp_path) -> None:
    path = init(run_cli, tmp_path / "tk.xlsx", BAC_KAN, "tong-ket-2025", "--example")
    unit = put_info(path, "Cơ quan chủ quản", "Ủy ban nhân dân tỉnh Bắc Kạn")
    said = run_cli("check", path)
    assert said.code == 0, said.out
    assert (
        f"{path} › {unit}: “Cơ quan chủ quản” là “Ủy ban nhân dân tỉnh Bắc Kạn”, nhưng tỉnh Bắc "
        f"Kạn đã sắp xếp vào tỉnh Thái Nguyên từ ngày 01/7/2025 ({SOURCE}); Tờ trình ngày "
        "20/11/2025: hãy ghi “Ủy ban nhân dân tỉnh Thái Nguyên” (hoặc tên cơ quan hiện nay)."
    ) in said.out


OWN_MERGER = """
# Fictional: an office's own legal file records a later merger the shipped table lacks.
[[merged_provinces]]
old = "Thái Nguyên"
into = "Việt Bắc"
last_day = 2026-06-30
source = "Nghị quyết giả định dùng để thử"
"""


def test_an_office_adds_a_merger_in_its_own_legal_file(run_cli, tmp_path) -> None:
    """A merger the office adds follows the shipped one: Bắc Kạn → Thái Nguyên → Việt Bắc."""
    own = tmp_path / "can-cu.toml"
    own.write_text(OWN_MERGER, encoding="utf-8")
    path = init(run_cli, tmp_path / "tk.xlsx", BAC_KAN, "tong-ket-2025", "--example")
    put_info(path, "Ngày tờ trình", dt.datetime(2026, 11, 20))
    assert run_cli("check", path).code == 0  # the shipped table alone: Thái Nguyên is right
    said = run_cli("check", "--legal", own, path)
    assert said.code == 1
    assert (
        f"“{NEW_AWARD}”: tỉnh Thái Nguyên đã sắp xếp vào tỉnh Việt Bắc từ ngày 01/7/2026 "
        "(Nghị quyết giả định dùng để thử); Tờ trình ngày 20/11/2026 hãy chọn “Bằng khen của "
        "Chủ tịch Ủy ban nhân dân tỉnh Việt Bắc”."
    ) in said.out
    put_info(path, AWARD, "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh Việt Bắc")
    put_info(path, "Kính gửi", "Chủ tịch Ủy ban nhân dân tỉnh Việt Bắc")
    said = run_cli("check", "--legal", own, path)
    assert said.code == 0, said.out


def awards_listed(path: Path) -> list[str]:
    """The award dropdown's items, as the hidden lists sheet holds them."""
    ws = openpyxl.load_workbook(path)["Danh mục"]
    column = next(c for c in ws.iter_cols(values_only=True) if c[0] == AWARD)
    return [v for v in column[1:] if v]


def test_the_dropdown_of_a_post_reform_review_lists_only_living_authorities(run_cli, tmp_path):
    """Bù Gia Mập's tổng kết of 2025: no district Giấy khen, no Bình Phước; the sơ kết of 2023
    lists the plan's awards as issued."""
    path = init(run_cli, tmp_path / "tk.xlsx", BGM, "tong-ket-2025")
    assert awards_listed(path) == [
        "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh Đồng Nai",
        "Giấy khen của Thủ trưởng cơ quan, đơn vị, doanh nghiệp",
    ]
    guide = "\n".join(
        str(c.value) for c in openpyxl.load_workbook(path)["Hướng dẫn"]["A"] if c.value
    )
    assert "- Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh Đồng Nai: " in guide
    assert "Giấy khen của Chủ tịch Ủy ban nhân dân huyện" not in guide
    assert "tỉnh Bình Phước:" not in guide
    before = awards_listed(init(run_cli, tmp_path / "sk.xlsx", BGM, "so-ket-2023"))
    assert "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh Bình Phước" in before
    assert "Giấy khen của Chủ tịch Ủy ban nhân dân huyện Bù Gia Mập" in before


def test_a_post_merger_period_decides_under_the_successor_s_name(run_cli, tmp_path) -> None:
    """Xã Ba Bể's period of the tổng kết decides the province's Bằng khen: the Quyết định is
    Thái Nguyên's (header, place, the title it is decided under), not Bắc Kạn's."""
    folder = tmp_path / "dot-xet"
    made = run_cli("period", "init", folder, "--plan", BAC_KAN, "--review", "tong-ket-2025",
                   "--example")  # fmt: skip
    assert made.code == 0, made.out + made.err
    change(
        folder,
        ("decides = []", 'decides = ["bang-khen-tinh"]'),
        ('# signer_name = ""', 'signer_name = "Trần Tuệ Hiền"'),
    )
    run_cli("period", "build", "--no-pdf", "-q", folder)
    lines = decision_text(folder)
    assert lines[0] == "ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN"
    assert "Thái Nguyên, ngày     tháng     năm 2025" in lines
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN" in lines
    assert any(line.startswith(f"Điều 1. Tặng {NEW_AWARD} cho") for line in lines)
    assert not any("BẮC KẠN" in line or OLD_AWARD in line for line in lines)

    config = change(folder, ('# body = "Ủy ban nhân dân xã …"', 'body = "UBND tỉnh Bắc Kạn"'))
    said = run_cli("period", "check", folder)
    assert said.code == 1
    assert (
        f"{config} › decision.body: “UBND tỉnh Bắc Kạn”: tỉnh Bắc Kạn đã sắp xếp vào tỉnh Thái "
        f"Nguyên từ ngày 01/7/2025 ({SOURCE}); đợt xét này (28/11/2025) hãy ghi “UBND tỉnh Thái "
        "Nguyên” (hoặc tên cơ quan hiện nay)."
    ) in said.out
    assert said.out.count("› decision.body") == 1


def test_the_so_s_tong_ket_after_the_merger_is_dong_nai_s(run_cli, tmp_path) -> None:
    """Bình Phước's Sở VHTTDL in late 2025: under Đồng Nai's Ủy ban nhân dân, to its Chủ tịch,
    for its Bằng khen; the plan cited is still the one the Sở of Bình Phước issued."""
    path = init(run_cli, tmp_path / "so.xlsx", "so-vhttdl-binh-phuoc-cds-2022-2025",
                "tong-ket-2025", "--example")  # fmt: skip
    text = to_trinh(run_cli, path, tmp_path / "out")
    assert "ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI ¶ SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH" in text
    assert "Đồng Nai, ngày tháng năm 2025" in text
    assert "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Đồng Nai" in text
    assert "tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh Đồng Nai cho" in text
    assert "Căn cứ Kế hoạch của Sở Văn hóa, Thể thao và Du lịch tỉnh Bình Phước" in text
    assert text.count("Bình Phước") == 1


def test_an_office_s_own_entry_replaces_the_shipped_one(run_cli, tmp_path) -> None:
    """An entry of the same old province (written with "tỉnh", any case) replaces the shipped
    one: a merger on 01/01/2026 makes Thái Nguyên's award too early for a November 2025 Tờ trình."""
    own = tmp_path / "can-cu.toml"
    own.write_text(
        '[[merged_provinces]]\nold = "Tỉnh Bắc Kạn"\ninto = "Thái Nguyên"\n'
        'last_day = 2025-12-31\nsource = "văn bản của tỉnh"\n',
        encoding="utf-8",
    )
    path = init(run_cli, tmp_path / "tk.xlsx", BAC_KAN, "tong-ket-2025", "--example")
    said = run_cli("check", "--legal", own, path)
    assert said.code == 1
    assert (
        f"“{NEW_AWARD}”: tỉnh Bắc Kạn sắp xếp vào tỉnh Thái Nguyên từ ngày 01/01/2026 (văn bản "
        f"của tỉnh), sau ngày Tờ trình; Tờ trình ngày 20/11/2025 hãy chọn “{OLD_AWARD}”."
    ) in said.out


def test_votes_under_the_old_name_carry_over_to_the_successor_s(run_cli, tmp_path) -> None:
    """A council workbook whose votes name Bắc Kạn's award (typed before the merger was known):
    said at each cell with the award to choose; `hoso period council` rewrites the rows under
    Thái Nguyên's name and keeps their votes."""
    folder = tmp_path / "dot-xet"
    made = run_cli("period", "init", folder, "--plan", BAC_KAN, "--review", "tong-ket-2025",
                   "--example")  # fmt: skip
    assert made.code == 0, made.out + made.err
    council = folder / "hoi-dong.xlsx"
    with edit(council) as wb:
        ws = wb["Biểu quyết"]
        votes = [(r[3].value, r[6].value) for r in ws.iter_rows(min_row=2) if r[3].value]
        assert ws["F2"].value == NEW_AWARD
        for row in ws.iter_rows(min_row=2, min_col=6, max_col=6):
            row[0].value = OLD_AWARD if row[0].value == NEW_AWARD else row[0].value
    said = run_cli("period", "check", folder).out
    assert (
        f"{council} › Biểu quyết!F2: “Hình thức khen thưởng” không hợp lệ: “{OLD_AWARD}”"
    ) in said
    assert f"Có phải là “{NEW_AWARD}”?" in said
    run_cli("period", "council", folder)
    ws = openpyxl.load_workbook(council)["Biểu quyết"]
    assert [(r[3].value, r[6].value) for r in ws.iter_rows(min_row=2) if r[3].value] == votes
    assert ws["F2"].value == NEW_AWARD
    assert "hoi-dong.xlsx › Biểu quyết" not in run_cli("period", "check", folder).out


def test_a_misspelt_award_is_told_both_names_of_the_renamed_award(run_cli, tmp_path) -> None:
    path = init(run_cli, tmp_path / "tk.xlsx", BAC_KAN, "tong-ket-2025", "--example")
    award = put_info(path, AWARD, "Bằng khen Chủ tịch UBND tỉnh Thái Nguyên")
    said = run_cli("check", path).out
    assert (
        f"{path} › {award}: “Hình thức khen thưởng” không có trong kế hoạch: “Bằng khen Chủ tịch "
        f"UBND tỉnh Thái Nguyên”. Có phải là “{NEW_AWARD}”? Kế hoạch có: “{OLD_AWARD}”; "
    ) in said
    assert f"; “{NEW_AWARD}”." in said
