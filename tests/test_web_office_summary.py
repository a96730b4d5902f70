"""The period page's figures: the summary at the top, the units' table, the quota section and the
findings' list say the same numbers, and a unit in two statuses counts under both."""

from __future__ import annotations

import html
import re
from collections import Counter
from pathlib import Path

import pytest

from pipeline.period.check import check_period
from pipeline.period.config import load_period
from pipeline.web.accounts import add_user
from pipeline.web.demo import DECIDED_PLAN, add_period
from tests.webtools import PASSWORD, login, statuses

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("data_dir")]


def _part(page: str, start: str, end: str) -> str:
    return page.split(start, 1)[1].split(end, 1)[0]


def _numbers(cells: str, tag: str = "td") -> list[int]:
    return [int(n) for n in re.findall(rf"<{tag}>(\d+)</{tag}>", cells)]


def _figures(page: str) -> dict[str, object]:
    """Every figure of the page, read from where a person reads it."""
    top = _part(page, 'id="tom-tat"', "</div>")
    table = _part(page, 'id="don-vi"', "</table>")
    rows = table.split("</tr>")[1:-2]  # the header row and the total row left out
    general = _part(page, 'id="loi-chung"', "<h2")
    quota = _part(page, "Số lượng so với chỉ tiêu của đợt", "<h2")
    total = _part(table, 'id="cong"', "</tr>")
    errors = re.search(
        r"<strong>(\d+) lỗi, (\d+) cảnh báo</strong>: (\d+) lỗi, (\d+) cảnh báo trong hồ sơ các "
        r"đơn vị \(bảng dưới\); (\d+) lỗi, (\d+) cảnh báo chung của đợt",
        top,
    )
    assert errors, top
    nominees = re.search(r"trong các tệp đã nộp: (\d+) tập thể, (\d+) cá nhân", top)
    assert nominees, top
    # "–": nothing counted (nothing sent, or no one proposed yet in a workbook with errors).
    per_row = [
        [int(n) if n != "–" else 0 for n in re.findall(r"<td>(\d+|–)</td>", r)] for r in rows
    ]
    return {
        "units": int(re.search(r"<strong>(\d+) đơn vị</strong>", top)[1]),  # type: ignore[index]
        "statuses": {
            k: int(n) for k, n in re.findall(r'status ([a-z-]+) tong">[^<]+</span> (\d+)', top)
        },
        "badges": Counter(re.findall(r'<span class="status ([a-z-]+)">', "".join(rows))),
        "rows": len(rows),
        "errors": [int(n) for n in errors.groups()],
        "nominees": [int(n) for n in nominees.groups()],
        "column sums": [sum(r[i] for r in per_row if r) for i in range(4)],
        "total row": _numbers(total, "th"),
        # One line may say several findings (the units that sent nothing): its data-n says how many.
        "general": [
            sum(int(n) for n in re.findall(rf'class="finding {kind}" data-n="(\d+)"', general))
            for kind in ("error", "warning")
        ],
        "quota": [
            sum(int(n) for n in re.findall(r"tập thể: <strong>(\d+)/", quota))
            + sum(int(n) for n in re.findall(r"<strong>(\d+) tập thể", quota)),
            sum(int(n) for n in re.findall(r"cá nhân: <strong>(\d+)/", quota))
            + sum(int(n) for n in re.findall(r"(\d+) cá nhân</strong>", quota)),
        ],
    }


@pytest.mark.parametrize("plan", ["bu-gia-map-cds-2022-2025", DECIDED_PLAN])
def test_every_figure_of_the_demo_period_page_agrees(data_dir: Path, plan: str) -> None:
    period = add_period("vi-du", plan, None, example=True)
    add_user("office", "thi-dua", PASSWORD)
    page = login("office").get("/dot-xet/vi-du/").content.decode()
    shown = _figures(page)
    checked = check_period(load_period(data_dir / period.folder))  # as `hoso period check`
    total, warnings, unit_errors, unit_warnings, general_errors, general_warnings = shown["errors"]
    assert (total, warnings) == (checked.errors, checked.warnings) == (1, 23)
    assert [unit_errors, unit_warnings] == shown["column sums"][:2] == shown["total row"][:2]
    assert [general_errors, general_warnings] == shown["general"] == [0, 2]
    assert (unit_errors + general_errors, unit_warnings + general_warnings) == (total, warnings)
    assert shown["nominees"] == shown["column sums"][2:] == shown["total row"][2:]
    assert shown["nominees"] == shown["quota"] == [3, 9]
    assert shown["units"] == shown["rows"] == len(checked.units) == 5
    assert shown["statuses"] == shown["badges"]
    assert shown["statuses"] == {"da-nop": 4, "tre-han": 1, "co-loi": 1, "chua-nop": 1}
    # What is wrong with the units that sent is said within "đã nộp": the figures add up to 5.
    assert re.search(r"đã nộp</span> 4 \(trong đó: .*trễ hạn</span> 1, .*có lỗi</span> 1\)", page)
    # What the period says of one unit is in that unit's row, not again in the period's list.
    late = _part(_part(page, 'id="don-vi"', "</table>"), 'class="status tre-han"', "</tr>")
    assert "nộp ngày 28/11/" in late and "trễ 3 ngày" in late
    assert "trễ 3 ngày" not in _part(page, 'id="loi-chung"', "<h2")


def test_a_unit_late_and_with_errors_or_unsigned_counts_under_each(data_dir: Path, run_cli) -> None:
    period = add_period("vi-du", "bu-gia-map-cds-2022-2025", None, example=True)
    config = load_period(data_dir / period.folder).config_path
    text = config.read_text(encoding="utf-8").replace("# signed = true", "signed = true")
    # The unit whose workbook has an error is late too.
    text = text.replace(
        'file = "03-uy-ban-nhan-dan-xa-phu-nghia.xlsx"\nreceived = 2023-11-22',
        'file = "03-uy-ban-nhan-dan-xa-phu-nghia.xlsx"\nreceived = 2023-11-27',
    )
    config.write_text(text, encoding="utf-8")
    add_user("office", "thi-dua", PASSWORD)
    page = login("office").get("/dot-xet/vi-du/").content.decode()
    shown = _figures(page)
    # No build yet: no valid unit's documents are signed; two units came after the deadline.
    assert shown["statuses"] == {
        "da-nop": 4,
        "tre-han": 2,
        "chua-ky": 3,
        "co-loi": 1,
        "chua-nop": 1,
    }
    assert shown["statuses"] == shown["badges"]
    assert "một đơn vị có thể ở hai tình trạng" in page
    table = _part(page, 'id="don-vi"', "</table>")  # (the example-data notice names units too)
    office_row = _part(table, "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện", "</tr>")
    assert re.search(r"chưa ký đủ</span> <span class=\"status tre-han\">trễ hạn</span>", office_row)
    erring = _part(table, "Ủy ban nhân dân xã Phú Nghĩa", "</tr>")
    assert re.search(r"có lỗi</span> <span class=\"status tre-han\">trễ hạn</span>", erring)
    assert "trễ 2 ngày" in erring
    assert statuses(page)["Ủy ban nhân dân xã Phú Nghĩa"] == "đã nộp, có lỗi, trễ hạn"
    checked = check_period(load_period(data_dir / period.folder))
    late = {u.name for u in checked.units if "tre-han" in u.statuses}
    assert late == {
        "Ủy ban nhân dân xã Phú Nghĩa",
        "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện Bù Gia Mập",
    }
    # `hoso period check` counts the same way.
    said = run_cli("period", "check", data_dir / period.folder).out
    assert "Số đơn vị: chưa nộp 1, có lỗi 1, chưa ký đủ 3, hợp lệ 0, trễ hạn 2" in said, said


def test_the_units_that_sent_nothing_are_one_line_of_the_periods_findings(data_dir: Path) -> None:
    period = add_period("vi-du", "bu-gia-map-cds-2022-2025", None, example=True)
    folder = load_period(data_dir / period.folder)
    for sent in sorted(folder.units_dir.glob("*.xlsx"))[:2]:
        sent.unlink()  # two more units have sent nothing: three in all
    add_user("office", "thi-dua", PASSWORD)
    page = html.unescape(login("office").get("/dot-xet/vi-du/").content.decode())
    shown = _figures(page)
    checked = check_period(load_period(data_dir / period.folder))
    assert (shown["errors"][0], shown["errors"][1]) == (checked.errors, checked.warnings)
    assert shown["general"] == shown["errors"][4:]  # the list says as many as the summary
    general = _part(page, 'id="loi-chung"', "<h2")
    assert general.count("chưa nộp hồ sơ") == 1
    assert re.search(
        r'data-n="3">3 đơn vị chưa nộp hồ sơ \(xem bảng “Các đơn vị”\): Phòng Văn hóa và Thông '
        r"tin huyện Bù Gia Mập; Văn phòng Hội đồng nhân dân .*; Trung tâm Văn hóa, Thể thao và "
        r"Truyền thanh huyện Bù Gia Mập\.",
        general,
    ), general
