"""dot-xet.toml changed in place: the office's comments kept, commented examples filled, checked."""

from __future__ import annotations

import datetime as dt
import tomllib

import pytest

from pipeline.errors import PlanError
from pipeline.period.config import load_period
from pipeline.period.config_edit import (
    edited_config,
    save_config,
    save_unit_keys,
    with_units,
    without_units,
)

TEXT = """# Đợt xét
plan = "x"  # kế hoạch
deadline = 2026-11-25

[office]
name = "Cơ quan"
# date = 2025-12-15  # ngày Tờ trình tổng hợp
distribution = [
  "Như trên",
  "Lưu: VT",
]

# Quyết định: số và ngày khi đã có.
[decision]
number = ""  # ví dụ "125/QĐ-UBND"

[[units]]
name = "A"
"""


def test_a_key_goes_on_its_commented_example_line_and_every_other_line_stays() -> None:
    changed = edited_config(
        TEXT,
        {
            ("office", "date"): dt.date(2026, 12, 1),
            ("decision", "number"): "125/QĐ-UBND",
            ("", "deadline"): dt.date(2026, 11, 30),
        },
    )
    assert changed == (
        TEXT.replace("# date = 2025-12-15  #", "date = 2026-12-01  #")
        .replace('number = ""', 'number = "125/QĐ-UBND"')
        .replace("2026-11-25", "2026-11-30")
    )


def test_a_key_without_an_example_follows_the_table_s_last_key_and_a_table_is_added() -> None:
    changed = edited_config(TEXT, {("decision", "date"): dt.date(2026, 12, 20)})
    assert 'number = ""  # ví dụ "125/QĐ-UBND"\ndate = 2026-12-20\n' in changed
    without = TEXT.replace(
        '# Quyết định: số và ngày khi đã có.\n[decision]\nnumber = ""  # ví dụ "125/QĐ-UBND"\n', ""
    )
    added = edited_config(without, {("decision", "number"): "1/QĐ"})
    assert added.endswith('\n[decision]\nnumber = "1/QĐ"\n')
    assert "\n[office]\nname" in added and "distribution = [" in added


def test_removing_a_key_and_adding_units() -> None:
    changed = edited_config(TEXT, {("decision", "number"): None})
    assert "number =" not in changed and "# Quyết định: số và ngày khi đã có." in changed
    more = with_units(TEXT, ["B", "Trường Mầm non Hoa Sen"])
    assert more.endswith(
        '[[units]]\nname = "A"\n\n[[units]]\nname = "B"\n\n[[units]]\nname = "Trường Mầm non Hoa Sen"\n'
    )


def test_units_are_removed_by_their_name_as_typed_in_any_case() -> None:
    more = with_units(TEXT, ["Trường Mầm non Hoa Sen", "C"])
    fewer = without_units(more, ["TRƯỜNG MẦM NON HOA SEN"])
    assert "Hoa Sen" not in fewer and fewer.count("[[units]]") == 2
    assert tomllib.loads(without_units(fewer, ["a", "c"])).get("units") is None
    assert without_units(TEXT, []) == TEXT


def test_a_changed_file_is_checked_and_kept(period) -> None:
    folder = period()
    config = folder / "dot-xet.toml"
    before = config.read_text(encoding="utf-8")
    loaded = load_period(folder)
    with pytest.raises(PlanError) as refused:
        save_config(loaded, {("decision", "register_start"): 0}, "1")
    assert "decision.register_start: phải từ 1 trở lên" in str(refused.value)
    assert config.read_text(encoding="utf-8") == before and not (folder / "dot-xet-cu").exists()
    saved = save_config(loaded, {("office", "date"): dt.date(2023, 11, 30)}, "2")
    assert saved.config.office.date == dt.date(2023, 11, 30)
    assert (folder / "dot-xet-cu" / "dot-xet-2.toml").read_text(encoding="utf-8") == before
    # A layout hoso does not write (the decision as an inline table) is left to the person.
    start, end = before.index("[decision]"), before.index("[[units]]")
    inline = before[:start] + before[end:]
    inline = inline.replace("\n[office]", 'decision = { number = "" }\n\n[office]', 1)
    config.write_text(inline, encoding="utf-8")
    with pytest.raises(PlanError) as refused:
        save_config(load_period(folder), {("decision", "date"): dt.date(2023, 12, 1)}, "3")
    assert "hoso không sửa tự động được tệp này" in str(refused.value)
    assert config.read_text(encoding="utf-8") == inline


def test_a_unit_s_receipt_is_written_by_the_same_reader_and_writer(period) -> None:
    # The web's receipt form and the period's edit page change dot-xet.toml through one reader
    # in pipeline.period (checked, the replaced version kept), not each its own.
    folder = period()
    config = folder / "dot-xet.toml"
    before = config.read_text(encoding="utf-8")
    loaded = load_period(folder)
    name = loaded.config.units[0].name
    day = dt.date(2023, 11, 20)
    saved = save_unit_keys(loaded, name.upper(), {"received": day, "to_trinh": None}, "1")
    assert saved.config.units[0].received == day
    assert (folder / "dot-xet-cu" / "dot-xet-1.toml").read_text(encoding="utf-8") == before
    comments = [line for line in before.splitlines() if line.startswith("#")]
    assert all(line in config.read_text(encoding="utf-8") for line in comments)
    with pytest.raises(PlanError) as refused:
        save_unit_keys(saved, "Đơn vị không có", {"received": day}, "2")
    assert "hãy nhờ người quản trị máy chủ ghi ngày nhận" in str(refused.value)
    assert not (folder / "dot-xet-cu" / "dot-xet-2.toml").exists()
