"""The period pages' check cache: an unchanged workbook keeps its result, any change is checked."""

from __future__ import annotations

import shutil
from pathlib import Path

from pipeline.check import check_files
from pipeline.web.check_cache import CheckCache
from tests.conftest import cell_of, edit


def test_an_unchanged_workbook_keeps_its_result_and_a_changed_one_is_checked_again(
    example, tmp_path: Path
) -> None:
    cache = CheckCache()
    path = example()
    (first,) = cache([path])
    assert first.findings == check_files([path])[0].findings and not first.errors
    (again,) = cache([path])
    assert again is first
    with edit(path) as wb:
        ws = wb["Cá nhân"]
        cell = cell_of(ws, "Ngày sinh", 2)
        ws[cell] = "31/02/1985"
    (changed,) = cache([path])
    assert [f.source.cell for f in changed.errors] == [cell]
    copy = tmp_path / "ban-sao.xlsx"
    shutil.copy(path, copy)
    (other,) = cache([copy])
    assert other is not changed and other.label.endswith("ban-sao.xlsx")


def test_the_oldest_results_go_first_when_the_cache_is_full(example, tmp_path: Path) -> None:
    cache = CheckCache(size=2)
    paths = [shutil.copy(example(), tmp_path / f"{i}.xlsx") for i in range(3)]
    first = cache([Path(p) for p in paths])
    again = cache([Path(p) for p in paths[1:]])
    assert again == first[1:] and all(a is b for a, b in zip(again, first[1:], strict=True))
    assert cache([Path(paths[0])])[0] is not first[0]
