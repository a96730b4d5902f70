"""A value missing from a nominee's row is said with whose row it is: the clerk finds the person,
not only a cell reference (the warnings about a row already name the person)."""

from __future__ import annotations

from tests.conftest import cell_of, edit


def test_a_missing_value_names_the_nominee_of_its_row(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        people, groups = wb["Cá nhân"], wb["Tập thể"]
        person = people[cell_of(people, "Họ và tên", 2)].value
        group = groups[cell_of(groups, "Tên tập thể", 3)].value
        achievements = cell_of(people, "Thành tích", 2)
        people[achievements].value = None
        groups[cell_of(groups, "Thành tích", 3)].value = None
        unnamed = cell_of(people, "Họ và tên", 3)
        people[unnamed].value = None  # no name to give: the cell alone
    result = run_cli("check", path)
    assert result.code == 1
    assert f"{path} › Cá nhân!{achievements}: {person}: thiếu “Thành tích”." in result.out
    assert f"{group}: thiếu “Thành tích”." in result.out
    assert f"{path} › Cá nhân!{unnamed}: thiếu “Họ và tên”." in result.out
