"""The place the office's own documents print before their date (dot-xet.toml's office.place and
decision.place): typed with its administrative level ("Huyện Bù Gia Mập") it is said at its key,
as a workbook's "Địa danh" is, by `hoso period check`."""

from __future__ import annotations

from pathlib import Path

import pytest

NĐ30 = (
    "(“…, ngày … tháng … năm …”); theo Nghị định 30/2020/NĐ-CP địa danh là tên riêng của nơi "
    "cơ quan đóng trụ sở"
)


def _places(folder: Path, office: str, decision: str | None) -> None:
    """Set office.place, and decision.place unless None, in the period's dot-xet.toml."""
    config = folder / "dot-xet.toml"
    text = config.read_text(encoding="utf-8")
    typed = 'place = "Bù Gia Mập"  # địa danh ghi trước ngày tháng\n'
    assert typed in text
    text = text.replace(typed, f'place = "{office}"\n', 1)
    if decision is not None:
        text = text.replace("[decision]\n", f'[decision]\nplace = "{decision}"\n', 1)
    config.write_text(text, encoding="utf-8")


def _said(out: str, key: str) -> list[str]:
    """The findings at a key of dot-xet.toml, each on one line."""
    lines = " ".join(out.split()).split("dot-xet.toml › ")[1:]
    return [line for line in lines if line.startswith(f"{key}:")]


def test_the_office_s_place_typed_with_its_level_is_said_at_its_key(period, run_cli) -> None:
    folder = period()
    _places(folder, "Huyện Bù Gia Mập", "thị xã Phước Long")
    result = run_cli("period", "check", folder)
    assert "Traceback" not in result.err
    (office,) = _said(result.out, "office.place")
    assert office.startswith(
        "office.place: “Địa danh” “Huyện Bù Gia Mập” bắt đầu bằng cấp hành chính “Huyện”, mà "
        f"văn bản in địa danh trước ngày tháng {NĐ30}, không kèm cấp hành chính (trừ nơi đặt "
        "tên theo số hoặc tên người: “Quận 1”, “Thành phố Hồ Chí Minh”), ví dụ “Bù Gia Mập”."
    ), result.out
    (decision,) = _said(result.out, "decision.place")
    assert decision.startswith(
        "decision.place: “Địa danh” “thị xã Phước Long” bắt đầu bằng “thị xã” viết thường, mà "
        f"văn bản in địa danh ở đầu dòng {NĐ30}, ví dụ “Phước Long”."
    ), result.out
    warnings = result.out[result.out.index("Cảnh báo") :]
    assert "Huyện Bù Gia Mập" in " ".join(warnings.split())


def test_a_place_whose_level_is_its_name_is_not_said(period, run_cli) -> None:
    folder = period()
    _places(folder, "Thành phố Hồ Chí Minh", "Quận 1")
    result = run_cli("period", "check", folder)
    assert _said(result.out, "office.place") == [], result.out
    assert _said(result.out, "decision.place") == [], result.out


SHORTENED = (
    "mà văn bản in đúng như đã ghi; theo Nghị định 30/2020/NĐ-CP địa danh ghi trước ngày tháng "
    "là tên riêng của nơi cơ quan đóng trụ sở, viết đủ, không kèm cấp hành chính (“Bù Gia Mập, "
    "ngày …”), trừ nơi đặt tên theo số hoặc tên người (“Quận 1”, “Thành phố Hồ Chí Minh”): "
)


@pytest.mark.parametrize(
    ("office", "decision", "said_office", "said_decision"),
    [
        ("TP. Đồng Xoài", "H. Bù Gia Mập", "“TP.”", "“H.”"),
        ("Tp Đồng Xoài", "UBND xã Phú Nghĩa", "“Tp”", "“UBND”"),
    ],
)
def test_the_office_s_place_shortened_is_said_at_its_key(
    period, run_cli, office: str, decision: str, said_office: str, said_decision: str
) -> None:
    """ "TP. Đồng Xoài" in dot-xet.toml is printed as written by the office's Tờ trình and
    Quyết định: said at its key, as a workbook's "Địa danh" is, with what to write instead."""
    folder = period()
    _places(folder, office, decision)
    result = run_cli("period", "check", folder)
    assert "Traceback" not in result.err
    (said,) = _said(result.out, "office.place")
    assert said.startswith(
        f"office.place: “Địa danh” “{office}” có chữ viết tắt {said_office}, {SHORTENED}"
        "hãy ghi “Đồng Xoài”."
    ), result.out
    (said,) = _said(result.out, "decision.place")
    name = "Bù Gia Mập" if said_decision == "“H.”" else "Phú Nghĩa"
    assert said.startswith(
        f"decision.place: “Địa danh” “{decision}” có chữ viết tắt {said_decision}, {SHORTENED}"
        f"hãy ghi “{name}”."
    ), result.out
    warnings = " ".join(result.out[result.out.index("Cảnh báo") :].split())
    assert f"office.place: “Địa danh” “{office}”" in warnings
