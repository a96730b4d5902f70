"""Acronyms typed in the nominees' places (Quê quán, Nơi ở, Địa chỉ), which their reports print in
the text: written in full and said at the cell, as for a name; Nơi nhận keeps "UBND" by custom.
The place a document is dated at ("Địa danh", "Địa danh báo cáo") is printed as NĐ 30 writes it:
the place's own name without its level, but "Quận 1" and "Thành phố Hồ Chí Minh" in full."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import edit
from tests.doctext import lines
from tests.test_body_acronyms import ACRONYM, INFO, said
from tests.test_clerk_habits import docs, findings_at, put, put_form, section

PEOPLE, GROUPS = "Cá nhân", "Tập thể"


def _text(folder: Path, stem: str) -> str:
    """The text of the one document of the folder whose name ends with `stem`."""
    (path,) = folder.rglob(f"*{stem}.docx")
    return "\n".join(lines(path))


def test_acronyms_in_a_nominee_s_places_are_written_in_full_and_said(
    example, run_cli, tmp_path: Path
) -> None:
    path = example()
    with edit(path) as wb:
        home = put(wb, PEOPLE, "Quê quán", 2, "Khu tập thể UBND xã Đăk Ơ, huyện Bù Gia Mập")
        lives = put(wb, PEOPLE, "Nơi ở", 2, "Khu nhà công vụ HĐND huyện, xã Đa Kia")
        seat = put(wb, GROUPS, "Địa chỉ", 2, "Trụ sở HĐND và UBND huyện Bù Gia Mập, xã Phú Nghĩa")
        # Nơi nhận keeps its "các PCT UBND huyện" (the example's): NĐ 30 writes "UBND" there.
        noi_nhan = f"B{next(c.row for c in wb[INFO]['A'] if c.value == 'Nơi nhận')}"
        assert "UBND" in wb[INFO][noi_nhan].value
    result = run_cli("build", "--no-pdf", "-q", "-o", tmp_path / "out", path)
    assert result.code == 0, result.out
    assert said(result.out, path, PEOPLE, home).endswith(
        "“Quê quán” có chữ viết tắt “UBND”, mà văn bản ghi đầy đủ; hoso đã viết ra: "
        "“Khu tập thể Ủy ban nhân dân xã Đăk Ơ, huyện Bù Gia Mập”. Hãy sửa trong ô."
    )
    assert "“Nơi ở” có chữ viết tắt “HĐND”" in said(result.out, path, PEOPLE, lives)
    assert "“Địa chỉ” có chữ viết tắt “HĐND”, “UBND”" in said(result.out, path, GROUPS, seat)
    assert not [f for f in findings_at(result.out, path, INFO, noi_nhan) if "viết tắt" in f]
    folder = docs(tmp_path / "out")
    person = _text(folder, "ha-thi-lan")
    assert "Khu tập thể Ủy ban nhân dân xã Đăk Ơ, huyện Bù Gia Mập" in person
    assert "Khu nhà công vụ Hội đồng nhân dân huyện, xã Đa Kia" in person
    group = _text(folder, "phong-van-hoa-va-thong-tin-huyen-bu-gia-map")
    assert "Trụ sở Hội đồng nhân dân và Ủy ban nhân dân huyện Bù Gia Mập, xã Phú Nghĩa" in group
    assert ACRONYM.findall(person) == [] and ACRONYM.findall(group.split("\n", 3)[3]) == []
    assert "các PCT UBND huyện" in _text(folder, "to-trinh")  # Nơi nhận, as typed


def test_shortened_levels_in_a_nominee_s_places_are_written_in_full_and_said(
    example, run_cli, tmp_path: Path
) -> None:
    """A place typed "xã Đăk Ơ, h. Bù Gia Mập" or "TT. Thanh Bình": the report prints "huyện",
    "thị trấn" in full and the check says which shortening it wrote out, at the cell."""
    path = example()
    with edit(path) as wb:
        home = put(wb, PEOPLE, "Quê quán", 2, "xã Đăk Ơ, h. Bù Gia Mập, tỉnh Bình Phước")
        lives = put(wb, PEOPLE, "Nơi ở", 2, "TT. Thanh Bình, H.Bù Đốp, tỉnh Bình Phước")
    result = run_cli("build", "--no-pdf", "-q", "-o", tmp_path / "out", path)
    assert result.code == 0, result.out
    assert said(result.out, path, PEOPLE, home).endswith(
        "“Quê quán” có chữ viết tắt “h.”, mà văn bản ghi đầy đủ; hoso đã viết ra: "
        "“xã Đăk Ơ, huyện Bù Gia Mập, tỉnh Bình Phước”. Hãy sửa trong ô."
    )
    assert "“Nơi ở” có chữ viết tắt “TT.”, “H.”" in said(result.out, path, PEOPLE, lives)
    person = _text(docs(tmp_path / "out"), "ha-thi-lan")
    assert "xã Đăk Ơ, huyện Bù Gia Mập, tỉnh Bình Phước" in person
    assert "thị trấn Thanh Bình, huyện Bù Đốp, tỉnh Bình Phước" in person.replace(
        "Thị trấn", "thị trấn"
    )
    assert "h. Bù" not in person and "TT." not in person


NĐ30_PLACE = (
    "; theo Nghị định 30/2020/NĐ-CP địa danh ghi trước ngày tháng là tên riêng của nơi cơ quan "
    "đóng trụ sở, viết đủ, không kèm cấp hành chính (“Bù Gia Mập, ngày …”), trừ nơi đặt tên theo "
    "số hoặc tên người (“Quận 1”, “Thành phố Hồ Chí Minh”); hoso đã in: "
)


def test_shortenings_in_the_places_documents_are_dated_at_are_said_and_printed_as_nd30_writes(
    example, run_cli, tmp_path: Path
) -> None:
    """ "H. Bù Gia Mập" before the Tờ trình's date is printed "Bù Gia Mập, ngày …"; a report's
    place typed as its office ("UBND xã Phú Nghĩa") is that office's place; "TP.HCM" is the
    city named after a person, written in full with its level."""
    path = example()
    with edit(path) as wb:
        place = put_form(wb, INFO, "Địa danh", "H. Bù Gia Mập")
        person = put(wb, PEOPLE, "Địa danh báo cáo", 2, "UBND xã Phú Nghĩa")
        group = put(wb, GROUPS, "Địa danh báo cáo", 2, "TP.HCM")
    result = run_cli("build", "--no-pdf", "-q", "-o", tmp_path / "out", path)
    assert result.code == 0, result.out
    assert said(result.out, path, INFO, place).endswith(
        f"“Địa danh” có chữ viết tắt “H.”{NĐ30_PLACE}“Bù Gia Mập”. Hãy sửa trong ô."
    )
    assert said(result.out, path, PEOPLE, person).endswith(
        f"“Địa danh báo cáo” có chữ viết tắt “UBND”{NĐ30_PLACE}“Phú Nghĩa”. Hãy sửa trong ô."
    )
    assert said(result.out, path, GROUPS, group).endswith(
        f"“Địa danh báo cáo” có chữ viết tắt “TP.HCM”{NĐ30_PLACE}“Thành phố Hồ Chí Minh”. "
        "Hãy sửa trong ô."
    )
    folder = docs(tmp_path / "out")
    assert "| Bù Gia Mập, ngày tháng năm 2023" in _text(folder, "to-trinh")  # not yet numbered
    assert "| Phú Nghĩa, ngày 15 tháng 11 năm 2023" in _text(folder, "ha-thi-lan")
    group_text = _text(folder, "phong-van-hoa-va-thong-tin-huyen-bu-gia-map")
    assert "| Thành phố Hồ Chí Minh, ngày 15 tháng 11 năm 2023" in group_text


def test_a_place_written_out_before_a_date_is_not_said(example, run_cli, tmp_path: Path) -> None:
    """ "Quận 1" and "Bù Gia Mập" are what NĐ 30 prints: nothing about acronyms at the cell."""
    path = example()
    with edit(path) as wb:
        place = put_form(wb, INFO, "Địa danh", "Bù Gia Mập")
        person = put(wb, PEOPLE, "Địa danh báo cáo", 2, "Quận 1")
    result = run_cli("check", path)
    assert result.code == 0, result.out
    for sheet, cell in ((INFO, place), (PEOPLE, person)):
        assert not [f for f in findings_at(result.out, path, sheet, cell) if "viết tắt" in f]


_DATE_LINE = "(“…, ngày … tháng … năm …”); theo Nghị định 30/2020/NĐ-CP địa danh là tên riêng"


def test_a_place_before_a_date_typed_with_its_level_capitalised_is_said(example, run_cli) -> None:
    """ "Huyện Bù Gia Mập, ngày …" is the same mistake as "huyện Bù Gia Mập, ngày …": NĐ 30 prints
    the place's own name. A level that is part of the name ("Quận 1", "Thành phố Hồ Chí Minh")
    is right when capitalised; typed in lower case it is said with the name in full."""
    path = example()
    with edit(path) as wb:
        place = put_form(wb, INFO, "Địa danh", "Huyện Bù Gia Mập")
        people = {
            put(wb, PEOPLE, "Địa danh báo cáo", row, typed): (typed, word, name)
            for row, typed, word, name in (
                (2, "Xã Phú Nghĩa", "Xã", "Phú Nghĩa"),
                (3, "Tỉnh Bình Phước", "Tỉnh", "Bình Phước"),
                (4, "Thị xã Phước Long", "Thị xã", "Phước Long"),
            )
        }
        lower = put(wb, GROUPS, "Địa danh báo cáo", 2, "thành phố Hồ Chí Minh")
        named = [put(wb, GROUPS, "Địa danh báo cáo", 3, "Thành phố Hồ Chí Minh")]
        named.append(put(wb, GROUPS, "Địa danh báo cáo", 4, "Quận 1"))
    result = run_cli("check", path)
    assert result.code == 0, result.out
    warned = section(result.out, "Cảnh báo")
    for sheet, cell, (typed, word, name) in [
        (INFO, place, ("Huyện Bù Gia Mập", "Huyện", "Bù Gia Mập")),
        *((PEOPLE, cell, said_of) for cell, said_of in people.items()),
    ]:
        header = "Địa danh" if sheet == INFO else "Địa danh báo cáo"
        (line,) = findings_at(result.out, path, sheet, cell)
        assert line == (
            f"{path} › {sheet}!{cell}: “{header}” “{typed}” bắt đầu bằng cấp hành chính “{word}”, "
            f"mà văn bản in địa danh trước ngày tháng {_DATE_LINE} của nơi cơ quan đóng trụ sở, "
            "không kèm cấp hành chính (trừ nơi đặt tên theo số hoặc tên người: “Quận 1”, "
            f"“Thành phố Hồ Chí Minh”), ví dụ “{name}”."
        )
        assert line in warned
    assert findings_at(result.out, path, GROUPS, lower) == [
        f"{path} › {GROUPS}!{lower}: “Địa danh báo cáo” “thành phố Hồ Chí Minh” bắt đầu bằng “thành phố” viết thường, "
        f"mà văn bản in địa danh ở đầu dòng {_DATE_LINE} của nơi cơ quan đóng trụ sở, ví dụ "
        "“Thành phố Hồ Chí Minh”."
    ]
    for cell in named:
        assert findings_at(result.out, path, GROUPS, cell) == [], result.out


def test_a_place_before_a_date_in_lower_case_is_said_once(example, run_cli, tmp_path: Path) -> None:
    """ "quận 1" was said twice at its cell (its lower-case level, and all lower case): one
    message now, naming the place as NĐ 30 writes it and what hoso printed; "p. 3" and
    "tp. đồng xoài" were said as typed in lower case with a printed text they never had."""
    path = example()
    typed = {
        (INFO, "Địa danh"): "quận 1",
        (PEOPLE, 2): "phường 3",
        (PEOPLE, 3): "huyện bù gia mập",
        (PEOPLE, 4): "HUYỆN BÙ GIA MẬP",
        (PEOPLE, 5): "p. 3",
        (GROUPS, 2): "tp. đồng xoài",
        (GROUPS, 3): "thành phố hồ chí minh",
    }
    with edit(path) as wb:
        cells = {
            where: put_form(wb, INFO, where[1], text)
            if where[0] == INFO
            else put(wb, where[0], "Địa danh báo cáo", int(where[1]), text)
            for where, text in typed.items()
        }
    result = run_cli("build", "--no-pdf", "-q", "-o", tmp_path / "out", path)
    assert result.code == 0, result.out
    start = f"{_DATE_LINE} của nơi cơ quan đóng trụ sở"
    expected = {
        (INFO, "Địa danh"): f"“Địa danh” “quận 1” bắt đầu bằng “quận” viết thường, mà văn bản "
        f"in địa danh ở đầu dòng {start}, ví dụ “Quận 1”; hoso đã in: “Quận 1”.",
        (PEOPLE, 2): f"“Địa danh báo cáo” “phường 3” bắt đầu bằng “phường” viết thường, mà văn "
        f"bản in địa danh ở đầu dòng {start}, ví dụ “Phường 3”; hoso đã in: “Phường 3”.",
        (PEOPLE, 3): "“Địa danh báo cáo” “huyện bù gia mập” gõ toàn chữ thường và bắt đầu bằng "
        f"cấp hành chính “huyện”, mà văn bản in địa danh trước ngày tháng {start}, viết hoa chữ "
        "cái đầu mỗi âm tiết, không kèm cấp hành chính (trừ nơi đặt tên theo số hoặc tên người: "
        "“Quận 1”, “Thành phố Hồ Chí Minh”), ví dụ “Bù Gia Mập”; hoso đã in: “Huyện bù gia mập”.",
        (PEOPLE, 4): "“Địa danh báo cáo” “HUYỆN BÙ GIA MẬP” gõ toàn chữ in hoa và bắt đầu bằng "
        f"cấp hành chính “HUYỆN”, mà văn bản in địa danh trước ngày tháng {start}, viết hoa chữ "
        "cái đầu mỗi âm tiết, không kèm cấp hành chính (trừ nơi đặt tên theo số hoặc tên người: "
        "“Quận 1”, “Thành phố Hồ Chí Minh”), ví dụ “Bù Gia Mập”.",
        (PEOPLE, 5): f"“Địa danh báo cáo” có chữ viết tắt “p.”{NĐ30_PLACE}“Phường 3”. Hãy sửa "
        "trong ô.",
        (GROUPS, 2): f"“Địa danh báo cáo” có chữ viết tắt “tp.”{NĐ30_PLACE}“Đồng Xoài”. Hãy "
        "sửa trong ô.",
        (GROUPS, 3): "“Địa danh báo cáo” “thành phố hồ chí minh” bắt đầu bằng “thành phố” viết "
        f"thường, mà văn bản in địa danh ở đầu dòng {start}, ví dụ “Thành phố Hồ Chí Minh”; hoso "
        "đã in: “Thành phố hồ chí minh”.",
    }
    for where, cell in cells.items():
        sheet = where[0]
        assert findings_at(result.out, path, sheet, cell) == [
            f"{path} › {sheet}!{cell}: {expected[where]}"
        ], result.out
    folder = docs(tmp_path / "out")
    assert "| Quận 1, ngày tháng năm 2023" in _text(folder, "to-trinh")
    assert "| Phường 3, ngày 15 tháng 11 năm 2023" in _text(folder, "ha-thi-lan")
    group = _text(folder, "phong-van-hoa-va-thong-tin-huyen-bu-gia-map")
    assert "| Đồng Xoài, ngày 15 tháng 11 năm 2023" in group


def test_a_city_or_town_shortened_without_its_dot_is_said_and_printed_by_its_name(
    example, run_cli, tmp_path: Path
) -> None:
    """ "TP Đồng Xoài", "TT Thanh Bình" (no Vietnamese word is "tp" or "tt"): the place's own
    name is printed before the date, and the shortening said at the cell as typed."""
    path = example()
    with edit(path) as wb:
        place = put_form(wb, INFO, "Địa danh", "TP Đồng Xoài")
        person = put(wb, PEOPLE, "Địa danh báo cáo", 2, "Tt Thanh Bình")
    result = run_cli("build", "--no-pdf", "-q", "-o", tmp_path / "out", path)
    assert result.code == 0, result.out
    assert findings_at(result.out, path, INFO, place) == [
        f"{path} › {INFO}!{place}: “Địa danh” có chữ viết tắt “TP”{NĐ30_PLACE}“Đồng Xoài”. "
        "Hãy sửa trong ô."
    ]
    assert findings_at(result.out, path, PEOPLE, person) == [
        f"{path} › {PEOPLE}!{person}: “Địa danh báo cáo” có chữ viết tắt “Tt”{NĐ30_PLACE}"
        "“Thanh Bình”. Hãy sửa trong ô."
    ]
    folder = docs(tmp_path / "out")
    assert "| Đồng Xoài, ngày tháng năm 2023" in _text(folder, "to-trinh")
    assert "| Thanh Bình, ngày 15 tháng 11 năm 2023" in _text(folder, "ha-thi-lan")
