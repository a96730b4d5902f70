"""The Vietnamese filters a template may use and the rows of a long table split into tables:
without Jinja, so the CLI lists the filters without loading it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pipeline import vietnamese as vn

# Filters a template author may use on a number or a date of the context; each is a function of
# the Vietnamese toolkit, so documents read numbers and dates one way only.
FILTERS: dict[str, tuple[Any, str]] = {
    "so_chu": (vn.number_to_words, "số bằng chữ: 1015 → “một nghìn không trăm mười lăm”"),
    "so_luong": (vn.count_with_words, "số lượng trong câu: 7 → “07 (bảy)”"),
    "tien": (vn.format_money, "số tiền: 2340000 → “2.340.000”"),
    "tien_chu": (vn.money_to_words, "số tiền bằng chữ: “Hai triệu ba trăm bốn mươi nghìn đồng”"),
    "phan_tram": (vn.format_percent, "tỷ lệ: 85.714 → “85,7%”"),
    "so_thap_phan": (vn.format_decimal, "số thập phân: 62.5 → “62,5”"),
    "ngay": (vn.format_date, "ngày: “ngày 05 tháng 10 năm 2023”"),
    "ngay_ngan": (vn.format_short_date, "ngày ngắn: “05/10/2023”"),
    "chia_bang": (
        lambda rows, size, group="": split_rows(rows, size, group),  # defined below
        'danh sách dài in thành nhiều bảng: ket_qua|chia_bang(500, "muc") — mỗi bảng 500 dòng; '
        "bảng bắt đầu giữa một nhóm thì in lại dòng tiêu đề của nhóm (dòng có muc), "
        "thêm “(tiếp theo)”",
    ),
    "giu_lien": (
        vn.keep_whole,
        "họ tên in liền một dòng, không ngắt giữa các chữ: “Nguyễn Văn An”",
    ),
}


CONTINUED = " (tiếp theo)"  # after a group's heading repeated at the top of the next table


def split_rows(rows: Sequence[Any], size: int, group: str = "") -> list[list[Any]]:
    """A long table's rows as tables of `size` rows, as Jinja's batch does; with `group`, the key
    of the rows heading a group (its value not empty), a table starting inside a group begins
    with that group's heading again, "(tiếp theo)" after it, and no table ends with a heading."""
    tables = [list(rows[i : i + size]) for i in range(0, len(rows), size)]
    if not group:
        return tables

    def heads(row: Any) -> bool:
        return isinstance(row, Mapping) and bool(row.get(group))

    last = None
    for index, table in enumerate(tables):
        if index and table and not heads(table[0]) and last is not None:
            table.insert(0, {**last, group: str(last[group]) + CONTINUED})
        while index + 1 < len(tables) and table and heads(table[-1]):
            tables[index + 1].insert(0, table.pop())  # a heading goes down with its rows
        last = next((row for row in reversed(table) if heads(row)), last)
    return [table for table in tables if table]
