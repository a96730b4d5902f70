"""Printed lines never break inside a name, a place name or a fixed phrase (real `hoso build`).

Each example workbook is given a five-word name, a long collective name and a long council
chair's name, built with LibreOffice, and the PDFs' printed lines (pdftotext -layout) are compared
with the DOCX text: every time a name or phrase occurs in a document, it occurs whole on one
printed line. A name wrapped as "Lương Quang / Minh" is found whole one time fewer in the PDF.
A body's or a place's name with its level may part at one joint only ("Ủy ban / nhân dân",
"tỉnh / Đắk Lắk"), a justified line's last resort (render.justified.HARD_STRETCH).
Place names are checked everywhere but in the Biên bản, whose 12 pt seven-column table has no room
left for "huyện Bù Gia Mập" once it holds a five-word name (its names still print whole).
The example period's office Biên bản, its results grouped under a heading row for each proposing
unit, is built too: every person's name, and every unit's name in its heading, prints whole.
"""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest

from pipeline import vietnamese as vn
from pipeline.render.columns import widen
from pipeline.vietnamese.typography import keep_always
from tests.conftest import BGM, cell_of, council_votes, edit
from tests.doctext import blocks
from tests.test_period import fix_broken_unit, units
from tests.test_period_council import OFFICE, minutes_by_unit, unit_headings

BMT = "buon-ma-thuot-cds-2023-2025"
LONG_PERSON = "Nguyễn Thị Phương Thảo Quỳnh"
LONG_CHAIR = "Hoàng Thị Bích Ngọc Quyên"
# A collective named at length; its place ("xã Phú Nghĩa") comes from the example's own name.
LONG_COLLECTIVE = "Trung tâm Dịch vụ nông nghiệp, Văn hóa, Thể thao và Truyền thanh {place}"
PLACE = re.compile(r"(?:xã|phường|thị trấn) \w+(?: \w+)*$")
# Places of each plan's examples, as printed in running text and in upper-case headers.
# A place's own name never parts ("Bù Gia Mập"); its level ("huyện Bù Gia Mập") parts from it
# only after the level word, where keeping them whole would stretch a justified line beyond
# render.justified.HARD_STRETCH (the last resort, tested in tests/test_justified_lines.py).
PLACES = {
    BGM: ("Bù Gia Mập", "Phú Nghĩa", "Đức Hạnh", "Bình Phước", "huyện Bù Gia Mập", "xã Phú Nghĩa"),
    BMT: ("Buôn Ma Thuột", "Tân Lợi", "Hòa Thắng", "Đắk Lắk", "phường Tân Lợi", "tỉnh Đắk Lắk"),
}
PHRASES = ("XÁC NHẬN", "sơ kết", "(Sở Nội vụ)")
HOSO = Path(sys.executable).with_name("hoso")


@dataclass(frozen=True)
class Built:
    """A built batch: its plan, its documents folder, the people it names, the long collective."""

    plan: str
    folder: Path
    people: tuple[str, ...]
    collective: str

    def documents(self, *skip: str) -> list[tuple[Path, Path]]:
        """(DOCX, PDF) of every document, but those whose file name starts with a skipped prefix."""
        docs = sorted(self.folder.glob("*.docx")) + sorted((self.folder / "bao-cao").glob("*.docx"))
        return [(d, d.with_suffix(".pdf")) for d in docs if not d.name.startswith(skip)]

    def document(self, prefix: str) -> tuple[Path, Path]:
        """(DOCX, PDF) of the one document whose file name starts with prefix."""
        (found,) = [d for d in self.documents() if d[0].name.startswith(prefix)]
        return found


def _one_line(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def printed_lines(pdf: Path) -> list[str]:
    """The PDF's printed lines, as pdftotext lays them out, whitespace collapsed."""
    out = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [_one_line(line) for line in out.splitlines()]


def whole_in_pdf(pdf: Path, text: str) -> int:
    """How many times a text occurs whole on one printed line of a PDF."""
    return sum(line.count(text) for line in printed_lines(pdf))


def in_docx(docx: Path, text: str) -> int:
    """How many times a text occurs in a DOCX's paragraphs and table cells."""
    return sum(_one_line(block).count(text) for block in blocks(docx))


def split_occurrences(
    pairs: list[tuple[Path, Path]],
    texts: tuple[str, ...],
    at_joint: bool = False,
    inside: bool = False,
) -> dict[str, int]:
    """ "document: text" → how many of its occurrences print broken across lines (none: empty);
    `at_joint`: but those parted at the one joint a justified line may part them at as its last
    resort (typography.keep_always: "Ủy ban / nhân dân", "tỉnh / Đắk Lắk"); `inside`: or, a
    place's name, at any of its spaces, the very last resort (render.justified._unglued:
    "thành phố Buôn Ma / Thuột" rather than a line of gaps; tests/test_documents_justified.py)."""
    found = {}
    for docx, pdf in pairs:
        lines = printed_lines(pdf)
        for text in texts:
            missing = in_docx(docx, text) - sum(line.count(text) for line in lines)
            if inside and missing:
                missing -= _parted_anywhere(lines, text)
            elif at_joint and missing:
                missing -= _parted_at_joint(lines, text)
            if missing:
                found[f"{docx.name}: {text}"] = missing
    return found


def _parted_at_joint(lines: list[str], text: str) -> int:
    """How many times a text prints parted at its last-resort joint: the end of one line, the
    start of the next."""
    glued = vn.keep_phrases(text)
    joints = [i for i, c in enumerate(glued) if c == vn.NBSP and keep_always(glued)[i] == " "]
    if len(joints) != 1:
        return 0
    head, tail = text[: joints[0]], text[joints[0] + 1 :]
    return sum(a.endswith(head) and b.startswith(tail) for a, b in itertools.pairwise(lines))


def _parted_anywhere(lines: list[str], text: str) -> int:
    """How many times a text prints parted at one of its spaces across two lines."""
    words = text.split(" ")
    return sum(
        a.endswith(" ".join(words[:k])) and b.startswith(" ".join(words[k:]))
        for a, b in itertools.pairwise(lines)
        for k in range(1, len(words))
    )


def _rename(wb, old: str, new: str) -> None:
    """A name changed in every sheet that holds it (nominee rows, criteria rows)."""
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value == old:
                    cell.value = new


def _column(ws, header: str) -> list[str]:
    return [
        ws[cell_of(ws, header, r)].value
        for r in range(2, ws.max_row + 1)
        if ws[cell_of(ws, header, r)].value
    ]


def _lengthen(path: Path) -> tuple[tuple[str, ...], str]:
    """A long individual, collective and chair name; returns everyone named, and the collective."""
    with edit(path) as wb:
        people, units, members = wb["Cá nhân"], wb["Tập thể"], wb["Thành viên HĐ"]
        _rename(wb, people[cell_of(people, "Họ và tên", 2)].value, LONG_PERSON)
        name = next(n for n in _column(units, "Tên tập thể") if PLACE.search(n))
        collective = LONG_COLLECTIVE.format(place=PLACE.search(name).group(0))
        _rename(wb, name, collective)
        roles = dict(zip(_column(members, "Vai trò"), _column(members, "Họ và tên"), strict=True))
        _rename(wb, roles["Chủ tịch"], LONG_CHAIR)
        info = wb["Thông tin chung"]
        signer = next(r[1] for r in info.iter_rows(values_only=True) if r[0] == "Họ tên người ký")
        named = (*_column(people, "Họ và tên"), *_column(members, "Họ và tên"), signer)
    return tuple(sorted(set(named))), collective


@pytest.fixture(scope="module", params=[BGM, BMT])
def built(request, example_cache, tmp_path_factory) -> Built:
    """A plan's example, lengthened, built by the real `hoso build` with LibreOffice."""
    plan = request.param
    root = tmp_path_factory.mktemp(plan)
    workbook = root / "hoso.xlsx"
    shutil.copy(example_cache(plan), workbook)
    people, collective = _lengthen(workbook)
    done = subprocess.run(
        [str(HOSO), "build", "-q", "-o", str(root), str(workbook)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return Built(plan, root / "hoso" / "van-ban", people, collective)


def test_names_of_people_print_whole_on_one_line(built: Built) -> None:
    assert LONG_PERSON in built.people and LONG_CHAIR in built.people
    for prefix in ("02-danh-sach", "03-bien-ban"):
        docx, pdf = built.document(prefix)
        assert in_docx(docx, LONG_PERSON) == 1, prefix
        assert whole_in_pdf(pdf, LONG_PERSON) == 1, printed_lines(pdf)
    assert split_occurrences(built.documents(), built.people) == {}


def test_place_names_print_whole_on_one_line(built: Built) -> None:
    places = PLACES[built.plan]
    texts = (*places, *(p.upper() for p in places))
    docx, _ = built.document("02-danh-sach")
    assert all(in_docx(docx, p) for p in places[:2]), "the list names the batch's places"
    # Not the Biên bản: with a five-word name in its 12 pt table, the "Chức vụ, đơn vị" column
    # has no room left for "huyện Bù Gia Mập" and wraps at words (see pipeline.render.columns).
    assert split_occurrences(built.documents("03-bien-ban"), texts, inside=True) == {}


def test_fixed_phrases_print_whole_on_one_line(built: Built) -> None:
    if built.plan == BGM:
        every = " ".join(b for d, _ in built.documents() for b in blocks(d))
        assert all(p in every for p in PHRASES), "the Bù Gia Mập example has every phrase"
    assert split_occurrences(built.documents(), PHRASES) == {}


def test_the_bodys_name_prints_whole_on_one_line(built: Built) -> None:
    # "Ủy ban nhân / dân" split the name of the body in the Tờ trình, its list and the reports.
    # Not the Biên bản: the lengthened names leave its "Chức vụ, đơn vị" column too narrow.
    # "Ủy ban / nhân dân" is the last resort of a justified line (tests/test_justified_lines.py).
    found = split_occurrences(built.documents("03-bien-ban"), ("Ủy ban nhân dân",), at_joint=True)
    assert found == {}


def test_a_long_collective_name_breaks_before_its_place(built: Built) -> None:
    place = PLACE.search(built.collective).group(0)
    docx, pdf = built.document("02-danh-sach")
    assert in_docx(docx, built.collective) >= 1
    assert in_docx(docx, place) >= 1
    assert whole_in_pdf(pdf, place) == in_docx(docx, place), printed_lines(pdf)
    # Its report's header prints it in capitals in the 40 % column: "… TRUYỀN THANH / XÃ PHÚ NGHĨA".
    report, report_pdf = next(
        d for d in built.documents() if in_docx(d[0], built.collective.upper())
    )
    assert in_docx(report, place.upper()) >= 1
    assert whole_in_pdf(report_pdf, place.upper()) == in_docx(report, place.upper())


@pytest.fixture(scope="module")
def office_minutes(period_cache, tmp_path_factory) -> tuple[Path, Path]:
    """The example period's office Biên bản, a person of its second unit given a five-word name,
    built by the real `hoso period build` with LibreOffice: (DOCX, PDF)."""
    folder = tmp_path_factory.mktemp("period") / "dot-xet"
    shutil.copytree(period_cache(BGM), folder)
    fix_broken_unit(folder)  # all four units that sent a workbook
    with edit(units(folder)[1]) as wb:
        people = wb["Cá nhân"]
        _rename(wb, people[cell_of(people, "Họ và tên", 2)].value, LONG_PERSON)
    council_votes(folder)
    done = subprocess.run([str(HOSO), "period", "build", "-q", str(folder)], capture_output=True)
    assert done.returncode == 0, done.stdout.decode() + done.stderr.decode()
    docx = folder.joinpath(*OFFICE, "03-bien-ban.docx")
    return docx, docx.with_suffix(".pdf")


def test_names_and_units_in_the_office_minutes_print_whole(office_minutes) -> None:
    docx, pdf = office_minutes
    rows = minutes_by_unit(docx)
    # A person's row has its position cell; a collective's name spans that cell.
    people = tuple(sorted({row[1] for _, row in rows if len(row) == 7}))
    assert LONG_PERSON in people and len(people) == 12
    assert split_occurrences([(docx, pdf)], people) == {}
    # "2. Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện Bù Gia Mập (01 tập thể, 03 cá
    # nhân)" is too long for one line: it wraps before its counts, never in the unit's name,
    # and the counts print whole, in the Biên bản as in the list.
    headings = [heading.split(" (")[0] for heading in unit_headings(docx)]
    assert len(headings) == 4
    assert {h: whole_in_pdf(pdf, h) for h in headings} == dict.fromkeys(headings, 1), printed_lines(
        pdf
    )
    for document in (docx, docx.with_name("02-danh-sach.docx")):
        counts = ["(" + h.split(" (", 1)[1] for h in unit_headings(document)]
        assert len(counts) == 4
        printed = document.with_suffix(".pdf")
        whole = {c: whole_in_pdf(printed, c) for c in counts}
        assert whole == {c: counts.count(c) for c in counts}, printed_lines(printed)


# -- where the typography glues words (no LibreOffice needed) -------------------------------------


@pytest.mark.parametrize(
    ("text", "glued"),
    [
        ("UBND HUYỆN BÙ GIA MẬP", "UBND HUYỆN_BÙ_GIA_MẬP"),
        ("ỦY BAN NHÂN DÂN THÀNH PHỐ BUÔN MA THUỘT", "ỦY_BAN_NHÂN_DÂN THÀNH_PHỐ BUÔN_MA_THUỘT"),
        ("Chủ tịch Ủy ban nhân dân tỉnh Bình Phước", "Chủ tịch Ủy_ban_nhân_dân tỉnh_Bình_Phước"),
        ("Văn phòng Hội đồng nhân dân và", "Văn phòng Hội_đồng_nhân_dân và"),
        ("Thôn 2, xã Hòa Thắng, tỉnh Đắk Lắk", "Thôn 2, xã_Hòa_Thắng, tỉnh_Đắk_Lắk"),
        ("Ban Thi đua - Khen thưởng (Sở Nội vụ);", "Ban_Thi đua_- Khen_thưởng (Sở_Nội_vụ);"),
        ("sơ kết năm 2023 của", "sơ_kết năm_2023 của"),
        ("Đồng chí Y Moan Niê, Chủ tịch", "Đồng chí Y_Moan_Niê, Chủ tịch"),
        ("Văn hóa - Xã hội, quản lý ở xã, huyện", "Văn hóa_- Xã hội, quản lý ở xã, huyện"),
        (
            "Tổng Kết Năm Hai Nghìn Không Trăm Hai Mươi",
            "Tổng_Kết Năm Hai Nghìn Không Trăm Hai Mươi",
        ),
    ],
)
def test_keep_phrases_glues_names_places_and_phrases(text: str, glued: str) -> None:
    assert vn.keep_phrases(text).replace(vn.NBSP, "_") == glued


def test_a_column_too_narrow_takes_width_from_the_empty_column_first() -> None:
    # STT, name (needs 150 more), position, Ghi chú (empty, 100 to spare)
    assert widen([300, 900, 1500, 400], [300, 1050, 600, 300], [False] * 3 + [True]) == [
        300,
        1050,
        1450,
        300,
    ]
