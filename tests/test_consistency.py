"""One dossier tells one story: names, counts, award, numbers and dates agree across its documents.

Every plan's example is built (PDFs by the fake converter, so dossiers exist) and its documents
are read back as text: the Tờ trình, the danh sách, the Biên bản, the reports, the trích ngang and
the dossiers' file names must agree with each other and with the checked workbook model.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
import pytest

from pipeline.build import BuildOptions, build
from pipeline.check import check_file
from pipeline.check.model import Batch, Collective, Nominee
from pipeline.inputs.contract import COLLECTIVES, INDIVIDUALS
from pipeline.inputs.plans import all_plans
from pipeline.vietnamese import number_to_words, strip_diacritics, words_to_number
from tests import doctext
from tests.conftest import cell_of, edit, label_row
from tests.fakes import FakeConverter

PLANS = [plan.id for plan in all_plans()]
BGM = "bu-gia-map-cds-2022-2025"
MK = "muong-khuong-cds-2022-2025"
BMT = "buon-ma-thuot-cds-2023-2025"

# "05 (năm) tập thể", "07 (bảy) cá nhân" and the phrase joining them with "và".
COUNT = r"(\d+) \(([^()]+)\) (tập thể|cá nhân)"
PHRASE = r"\d+ \([^()]+\) (?:tập thể|cá nhân)(?: và \d+ \([^()]+\) (?:tập thể|cá nhân))?"
# Any number followed by its reading in brackets: "05 (năm)", "105 (một trăm linh năm)".
IN_WORDS = re.compile(r"(?<![\d/])(\d+) \(([a-zàáâãèéêìíòóôõùúýăđĩũơưạ-ỹ ]+)\)")
DATE = re.compile(r"ngày (\d{1,2}) tháng (\d{1,2}) năm (\d{4})")
SHORT_DATE = re.compile(r"ngày (\d{2})/(0[12]|[3-9]|1[0-2])/(\d{4})")  # months 1 and 2 padded only
# A date not yet given (the văn thư writes day and month when issuing) reads "ngày tháng năm 2023".
PLACE_DATE = re.compile(r"^(.+), (ngày (?:\d{2} )?tháng (?:\d{1,2} )?năm \d{4})$")
KIND_WORD = {"tap-the": "tập thể", "ca-nhan": "cá nhân"}

# The law in force by the Tờ trình's date, written down here independently of data/legal.toml.
LAW_2003 = "Luật Thi đua, khen thưởng ngày 26/11/2003"
LAW_2022 = "Luật Thi đua, khen thưởng ngày 15/6/2022"
DECREES = ("91/2017/NĐ-CP", "98/2023/NĐ-CP", "152/2025/NĐ-CP")


def expected_regime(day: dt.date) -> tuple[str, str]:
    """(law, decree number) a Tờ trình dated `day` must cite."""
    if day < dt.date(2024, 1, 1):
        return LAW_2003, "91/2017/NĐ-CP"
    if day < dt.date(2025, 7, 1):
        return LAW_2022, "98/2023/NĐ-CP"
    return LAW_2022, "152/2025/NĐ-CP"


# -- reading a built batch -------------------------------------------------------------------------


@dataclass
class Built:
    """A built example: the checked model, the output folder, its manifest and document texts."""

    batch: Batch
    folder: Path
    manifest: dict
    _lines: dict[str, list[str]] = field(default_factory=dict)

    def path(self, kind: str, nominee: str | None = None) -> Path | None:
        found = [
            d["path"]
            for d in self.manifest["documents"]
            if d["kind"] == kind and (nominee is None or d["nominee"] == nominee)
        ]
        assert len(found) <= 1, (kind, nominee, found)
        return self.folder / found[0] if found else None

    def need(self, kind: str, nominee: str | None = None) -> Path:
        path = self.path(kind, nominee)
        assert path is not None, f"no {kind} document for {nominee or 'the batch'}"
        return path

    def lines(self, path: Path) -> list[str]:
        key = str(path)
        if key not in self._lines:
            self._lines[key] = doctext.lines(path)
        return self._lines[key]

    def text(self, path: Path) -> str:
        return "\n".join(self.lines(path))

    def reports(self) -> dict[str, Path]:
        return {
            d["nominee"]: self.folder / d["path"]
            for d in self.manifest["documents"]
            if d["kind"] == "bao-cao-thanh-tich"
        }

    def all_docs(self) -> list[Path]:
        return [self.folder / d["path"] for d in self.manifest["documents"]]


def build_example(path: Path, out: Path, **options) -> Built:
    """Build one workbook (fake PDFs unless pdf=False) and read it back."""
    converter = FakeConverter() if options.get("pdf", True) else None
    report = build([path], BuildOptions(out_dir=out, **options), converter=converter)
    assert report.exit_code == 0, [r.error for r in report.results]
    batch = check_file(path).batch
    assert batch is not None
    folder = out / path.stem
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    return Built(batch, folder, manifest)


@pytest.fixture(scope="module")
def built(
    example_cache: Callable[[str], Path], tmp_path_factory: pytest.TempPathFactory
) -> Callable[[str], Built]:
    """Each plan's example, built once for this module."""
    made: dict[str, Built] = {}

    def get(plan_id: str) -> Built:
        if plan_id not in made:
            made[plan_id] = build_example(example_cache(plan_id), tmp_path_factory.mktemp("c"))
        return made[plan_id]

    return get


def table_with(path: Path, *header: str) -> list[list[str]]:
    """The rows (without the header row) of the table whose first row starts with `header`."""
    for rows in doctext.tables(path):
        if rows and tuple(rows[0][: len(header)]) == header:
            return rows[1:]
    raise AssertionError(f"{path.name}: no table headed {header}")


def one(lines: list[str], pattern: str) -> re.Match[str]:
    """The single line matching a regular expression (searched), as a match."""
    found = [m for line in lines if (m := re.search(pattern, line))]
    assert len(found) == 1, f"{pattern!r} matched {len(found)} lines: {[m.string for m in found]}"
    return found[0]


def counts(phrase: str) -> dict[str, int]:
    """{"tập thể": 5, "cá nhân": 7} from "05 (năm) tập thể và 07 (bảy) cá nhân"; checks words."""
    found: dict[str, int] = {}
    for digits, words, kind in re.findall(COUNT, phrase):
        assert words_to_number(words) == int(digits), f"{digits} ≠ ({words}) in {phrase!r}"
        assert kind not in found, phrase
        found[kind] = int(digits)
    assert found, phrase
    return found


def model_counts(nominees: tuple[Nominee, ...]) -> dict[str, int]:
    found: dict[str, int] = {}
    for n in nominees:
        found[KIND_WORD[n.kind]] = found.get(KIND_WORD[n.kind], 0) + 1
    return found


def parse_date(text: str) -> dt.date:
    """The single "ngày dd tháng m năm yyyy" (or, in a citation, "ngày dd/mm/yyyy") in a text."""
    found = DATE.findall(text) + SHORT_DATE.findall(text)
    assert len(found) == 1, text
    day, month, year = map(int, found[0])
    return dt.date(year, month, day)


def printed_date(text: str) -> dt.date | None:
    """The date in a place-and-date line, None when its day and month are left blank."""
    return None if re.search(r"ngày tháng năm \d{4}$", text) else parse_date(text)


def header_cells(path: Path) -> list[str]:
    """The cells of a document's first (header) table."""
    return [cell for row in doctext.tables(path)[0] for cell in row]


def place_date(path: Path) -> str:
    """The "Địa danh, ngày … tháng … năm …" cell of a document's header table."""
    found = [c for c in header_cells(path) if PLACE_DATE.match(c)]
    assert len(found) == 1, (path.name, header_cells(path))
    return found[0]


def title_block(path: Path) -> list[str]:
    """A report's title block: from "BÁO CÁO THÀNH TÍCH" to before section I."""
    paras = doctext.paragraphs(path)
    start = paras.index("BÁO CÁO THÀNH TÍCH")
    end = next(i for i in range(start, len(paras)) if paras[i].startswith("I. "))
    return paras[start:end]


def ascii_slug(name: str) -> str:
    """The file-name form of a name, computed here without pipeline.vietnamese.slug."""
    return re.sub(r"[^a-z0-9]+", "-", strip_diacritics(name).lower()).strip("-")


def assert_slug(stem: str, index: int, name: str) -> None:
    """A file stem is "NN-" and the name in ASCII, cut (between words) to at most 60 characters."""
    expected = f"{index:02d}-{ascii_slug(name)}"
    assert expected.startswith(stem), (stem, expected)
    if stem != expected:
        assert expected[len(stem)] == "-" and 45 <= len(stem) - 3 <= 60, (stem, expected)


def workbook_names(path: Path, sheet: str) -> list[str]:
    wb = openpyxl.load_workbook(path, read_only=False)
    ws = wb[sheet]
    column = cell_of(ws, "Tên tập thể" if sheet == COLLECTIVES else "Họ và tên", 2)[0]
    return [
        str(ws[f"{column}{row}"].value).strip()
        for row in range(2, ws.max_row + 1)
        if ws[f"{column}{row}"].value
    ]


# -- names -------------------------------------------------------------------------------------------


def test_every_plan_is_covered() -> None:
    assert len(PLANS) >= 5 and {BGM, MK, BMT} <= set(PLANS)


@pytest.mark.parametrize("plan_id", PLANS)
def test_proposed_names_are_identical_everywhere(
    plan_id: str, built: Callable[[str], Built], example_cache: Callable[[str], Path]
) -> None:
    b = built(plan_id)
    batch = b.batch
    # The model holds the names exactly as typed in the workbook.
    assert [c.name for c in batch.collectives] == workbook_names(
        example_cache(plan_id), COLLECTIVES
    )
    assert [i.name for i in batch.individuals] == workbook_names(
        example_cache(plan_id), INDIVIDUALS
    )

    danh_sach = b.need("danh-sach")
    collectives = table_with(danh_sach, "STT", "Tên tập thể")
    individuals = table_with(danh_sach, "STT", "Họ và tên")
    assert [r[1] for r in collectives] == [c.name for c in batch.proposed_collectives]
    assert [r[1] for r in individuals] == [p.name for p in batch.proposed_individuals]
    assert [r[0] for r in collectives] == [str(i) for i in range(1, len(collectives) + 1)]
    assert [r[0] for r in individuals] == [str(i) for i in range(1, len(individuals) + 1)]

    bien_ban = b.path("bien-ban")
    results = {}
    if bien_ban is not None:
        rows = table_with(bien_ban, "STT", "Tên tập thể / Họ và tên")
        assert [r[1] for r in rows] == [n.name for n in batch.nominees]
        results = {r[1]: r[-1] for r in rows}

    short = b.path("trich-ngang")
    short_rows = table_with(short, "STT", "Tên tập thể / Họ và tên") if short else []
    assert [r[1] for r in short_rows] == [
        n.name for n in batch.proposed if n.report_type == "trich-ngang"
    ]

    dossiers = {d["nominee"]: d for d in b.manifest["dossiers"] if d["nominee"]}
    assert list(dossiers) == [n.id for n in batch.proposed]
    for index, nominee in enumerate(batch.proposed, start=1):
        if bien_ban is not None:
            assert results[nominee.name] == "Đạt", nominee.name
        report = b.path("bao-cao-thanh-tich", nominee.id)
        if nominee.report_type == "bao-cao-thanh-tich":
            assert report is not None, nominee.name
            block = title_block(report)
            assert nominee.name in block, (nominee.name, block)
            assert_slug(report.stem, index, nominee.name)
        else:
            assert report is None and nominee.name in [r[1] for r in short_rows]
        dossier = dossiers[nominee.id]
        assert dossier["title"] == f"Hồ sơ đề nghị khen thưởng – {nominee.name}"
        assert dossier["path"].startswith("ho-so/") and dossier["path"].endswith(".pdf")
        assert_slug(dossier["path"][len("ho-so/") : -len(".pdf")], index, nominee.name)
        assert (b.folder / dossier["path"]).is_file()


@pytest.mark.parametrize("plan_id", PLANS)
def test_failed_nominees_appear_only_in_the_minutes(
    plan_id: str, built: Callable[[str], Built]
) -> None:
    b = built(plan_id)
    batch = b.batch
    failed = [n for n in batch.nominees if not n.passed]
    bien_ban = b.path("bien-ban")
    if batch.council is None:
        # No council, no vote: everybody is proposed and there are no minutes.
        assert not batch.info.plan.dossier.has_council
        assert bien_ban is None and not failed
        return
    assert bien_ban is not None and failed, "the example should have a nominee who failed"
    rows = table_with(bien_ban, "STT", "Tên tập thể / Họ và tên")
    size = batch.council.size
    threshold = batch.info.award.vote_threshold_percent
    for row in rows:  # counted from the right: a collective's name spans two cells
        votes, total = map(int, row[-3].split("/"))
        assert total == size
        assert row[-1] == ("Đạt" if votes * 100 >= threshold * size else "Không đạt"), row
    verdict = {r[1]: r[-1] for r in rows}
    proposal_docs = [b.need("to-trinh"), b.need("danh-sach"), *b.reports().values()]
    if b.path("trich-ngang"):
        proposal_docs.append(b.need("trich-ngang"))
    for nominee in failed:
        assert verdict[nominee.name] == "Không đạt"
        for path in proposal_docs:
            assert nominee.name not in b.text(path), f"{nominee.name} in {path.name}"
        assert nominee.id not in {d["nominee"] for d in b.manifest["documents"]}
        assert nominee.id not in {d["nominee"] for d in b.manifest["dossiers"]}


# -- counts, award, numbers in words ---------------------------------------------------------------


@pytest.mark.parametrize("plan_id", PLANS)
def test_counts_agree_across_documents(plan_id: str, built: Callable[[str], Built]) -> None:
    b = built(plan_id)
    batch = b.batch
    tt = doctext.paragraphs(b.need("to-trinh"))
    title = one(tt, rf"^Về việc đề nghị tặng .* cho ({PHRASE}) có thành tích").group(1)
    proposal = one(tt, rf" kính đề nghị .* cho ({PHRASE}) đã có thành tích").group(1)
    assert title == proposal
    proposed = counts(title)
    assert proposed == model_counts(batch.proposed)
    # "1. Tập thể: 05 (năm) tập thể;" / "2. Cá nhân: 07 (bảy) cá nhân."
    items = [line for line in tt if re.match(r"^\d\. (Tập thể|Cá nhân): ", line)]
    listed = {}
    for line in items:
        listed.update(counts(line))
    assert listed == proposed, items

    danh_sach = b.need("danh-sach")
    rows = {
        "tập thể": table_with(danh_sach, "STT", "Tên tập thể"),
        "cá nhân": table_with(danh_sach, "STT", "Họ và tên"),
    }
    assert {k: len(v) for k, v in rows.items() if v} == proposed
    headings = doctext.paragraphs(danh_sach)
    for kind, word in (("tập thể", "TẬP THỂ"), ("cá nhân", "CÁ NHÂN")):
        heading = one(headings, rf"^I{{1,2}}\. {word} \((\d+)\)$")
        assert int(heading.group(1)) == proposed[kind]

    reports = b.reports()
    short = b.path("trich-ngang")
    short_rows = table_with(short, "STT", "Tên tập thể / Họ và tên") if short else []
    assert len(reports) + len(short_rows) == sum(proposed.values())

    bien_ban = b.path("bien-ban")
    if bien_ban is None:
        return
    bb = doctext.paragraphs(bien_ban)
    conclusion = one(
        bb, rf"^Hội đồng thống nhất đề nghị .* cho ({PHRASE}) có kết quả “Đạt” nêu trên\.$"
    )
    assert conclusion.group(1) == title
    considered = one(bb, rf"tóm tắt thành tích của ({PHRASE}) được đề nghị xét tặng")
    assert counts(considered.group(1)) == model_counts(batch.nominees)
    passed = [r for r in table_with(bien_ban, "STT", "Tên tập thể / Họ và tên") if r[-1] == "Đạt"]
    assert len(passed) == sum(proposed.values())


@pytest.mark.parametrize("plan_id", PLANS)
def test_award_name_is_the_same_string_everywhere(
    plan_id: str, built: Callable[[str], Built]
) -> None:
    b = built(plan_id)
    award = b.batch.info.award.name
    others = [a.name for a in b.batch.info.plan.awards if a.name not in award]
    tt = doctext.paragraphs(b.need("to-trinh"))
    assert one(tt, r"^Về việc đề nghị tặng ").string.startswith(
        f"Về việc đề nghị tặng {award} cho "
    )
    assert f"tặng {award} cho " in one(tt, " kính đề nghị ").string
    danh_sach = doctext.paragraphs(b.need("danh-sach"))
    assert any(line.endswith(f"đề nghị tặng {award}") for line in danh_sach), danh_sach[:4]
    if bien_ban := b.path("bien-ban"):
        rows = table_with(bien_ban, "STT", "Tên tập thể / Họ và tên")
        # The table's short form (counted from the right: a collective's name spans two cells).
        assert {r[-4] for r in rows} == {b.batch.info.award.short_name}
        assert f"xét đề nghị tặng {award} trong phong trào" in b.text(bien_ban)
        assert f" tặng {award} cho " in b.text(bien_ban)
    for report in b.reports().values():
        assert title_block(report)[1] == f"ĐỀ NGHỊ TẶNG {award.upper()}"
    if short := b.path("trich-ngang"):
        rows = table_with(short, "STT", "Tên tập thể / Họ và tên")
        assert {r[-1] for r in rows} == {b.batch.info.award.short_name}
        assert f"đề nghị tặng {award}" in b.text(short)
    for path in b.all_docs():
        text = b.text(path)
        for other in others:
            assert other not in text and other.upper() not in text, (path.name, other)


@pytest.mark.parametrize("plan_id", PLANS)
def test_numbers_in_words_are_the_toolkit_readings(
    plan_id: str, built: Callable[[str], Built]
) -> None:
    b = built(plan_id)
    seen = []
    for path in b.all_docs():
        for line in b.lines(path):
            for digits, words in IN_WORDS.findall(line):
                seen.append(int(digits))
                assert words == number_to_words(int(digits)), (path.name, line)
                assert words_to_number(words) == int(digits), (path.name, line)
                assert int(digits) > 0, f"a zero count is printed: {line}"
                assert len(digits) >= 2, f"counts have at least two digits: {line}"
    # Title, proposal, two list items (and the minutes): several readings per batch.
    assert len(seen) >= 6, seen


# -- dates and references ----------------------------------------------------------------------------


@pytest.mark.parametrize("plan_id", PLANS)
def test_dates_agree(plan_id: str, built: Callable[[str], Built]) -> None:
    b = built(plan_id)
    info, council = b.batch.info, b.batch.council
    to_trinh = b.need("to-trinh")
    where_when = place_date(to_trinh)
    # Number and date are given together when the văn thư issues it: the planned date is the
    # workbook's, printed only once the Tờ trình has its number.
    assert printed_date(where_when) == (info.date if info.number else None)
    assert where_when.endswith(f"năm {info.date.year}")
    tt_date = info.date
    assert where_when.startswith(f"{info.place}, ")
    reports = b.reports()
    assert reports or plan_id == MK
    latest = council.date if council is not None else tt_date
    nominees = {n.id: n for n in b.batch.nominees}
    for nominee_id, report in reports.items():
        nominee = nominees[nominee_id]
        written = place_date(report)
        # Each report is dated by its nominee, no later than the meeting that reviewed it.
        assert parse_date(written) == nominee.report_date <= latest, report.name
        assert written.startswith(f"{nominee.report_place}, "), report.name
    bien_ban = b.path("bien-ban")
    if bien_ban is None:
        assert council is None
        return
    assert council is not None
    bb_date = parse_date(place_date(bien_ban))
    assert bb_date == council.date and bb_date <= tt_date
    assert parse_date(one(doctext.paragraphs(bien_ban), r"^Thời gian: ").string) == bb_date
    cited = one(doctext.paragraphs(to_trinh), r"^Căn cứ Biên bản họp Hội đồng").string
    assert parse_date(cited) == bb_date


def number_line(path: Path) -> tuple[str, str]:
    """(number, code) from the Tờ trình's "Số: 05/TTr-UBND" (number blank until issued)."""
    cell = next(c for c in header_cells(path) if c.startswith("Số:"))
    match = re.fullmatch(r"Số: ?(\d*) ?/TTr-(\S+)", cell)
    assert match, cell
    return match.group(1), match.group(2)


def attached_line(path: Path) -> re.Match[str]:
    return one(
        doctext.paragraphs(path),
        r"^\(Kèm theo Tờ trình số ?(\d*) ?/TTr-(\S+) (ngày (?:\d{2} )?tháng (?:\d{1,2} )?năm \d{4}) "
        r"của (.+)\)$",
    )


def assert_attachments_quote_the_to_trinh(b: Built) -> None:
    number, code = number_line(b.need("to-trinh"))
    when = PLACE_DATE.match(place_date(b.need("to-trinh")))
    assert when is not None
    assert code == b.batch.info.unit_code
    attached = [b.need("danh-sach")] + ([b.need("trich-ngang")] if b.path("trich-ngang") else [])
    for path in attached:
        match = attached_line(path)
        assert match.groups() == (number, code, when.group(2), b.batch.info.unit), path.name


@pytest.mark.parametrize("plan_id", PLANS)
def test_attachments_quote_the_number_and_date_of_the_to_trinh(
    plan_id: str, built: Callable[[str], Built]
) -> None:
    assert_attachments_quote_the_to_trinh(built(plan_id))


@pytest.mark.parametrize("plan_id", [BGM, MK])
def test_an_issued_number_is_quoted_by_the_attachments(
    plan_id: str, example: Callable[..., Path], tmp_path: Path
) -> None:
    path = example(plan_id)
    with edit(path) as wb:
        ws = wb["Thông tin chung"]
        ws[f"B{label_row(ws, 'Số tờ trình')}"] = 17
    b = build_example(path, tmp_path / "out", pdf=False)
    assert number_line(b.need("to-trinh")) == ("17", b.batch.info.unit_code)
    assert_attachments_quote_the_to_trinh(b)
    assert attached_line(b.need("danh-sach")).group(1) == "17"
    # Issued: the Tờ trình and its attachments carry its date, as the workbook gives it.
    assert printed_date(place_date(b.need("to-trinh"))) == b.batch.info.date
    assert parse_date(attached_line(b.need("danh-sach")).group(3)) == b.batch.info.date


@pytest.mark.parametrize("plan_id", [BGM, MK])
def test_a_to_trinh_without_its_number_leaves_its_date_to_the_van_thu(
    plan_id: str, built: Callable[[str], Built]
) -> None:
    b = built(plan_id)
    assert b.batch.info.number is None  # the examples leave the number to the văn thư
    year = b.batch.info.date.year
    assert place_date(b.need("to-trinh")).endswith(f"ngày tháng năm {year}")
    assert attached_line(b.need("danh-sach")).group(3) == f"ngày tháng năm {year}"


def assert_legal_basis(b: Built) -> None:
    to_trinh = doctext.paragraphs(b.need("to-trinh"))
    day = b.batch.info.date  # the planned date when the văn thư has not dated it yet
    assert printed_date(place_date(b.need("to-trinh"))) in (day, None)
    law, decree = expected_regime(day)
    bases = [line for line in to_trinh if line.startswith("Căn cứ ")]
    assert bases[0].startswith(f"Căn cứ {law}")
    assert bases[1].startswith(f"Căn cứ Nghị định số {decree} ngày ")
    assert bases[1].endswith(
        "của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;"
    )
    text = b.text(b.need("to-trinh"))
    for other in DECREES:
        assert (other in text) == (other == decree), (day, other)
    assert (LAW_2003 in text) == (law == LAW_2003)
    assert all(line.endswith(";") for line in bases[:-1]) and bases[-1].endswith(","), bases


@pytest.mark.parametrize("plan_id", PLANS)
def test_legal_basis_follows_the_date_of_the_to_trinh(
    plan_id: str, built: Callable[[str], Built]
) -> None:
    b = built(plan_id)
    year = b.batch.info.date.year
    assert year == {BMT: 2024, "vi-du-xa-bu-gia-map-2026": 2026}.get(plan_id, 2023)
    assert_legal_basis(b)


@pytest.mark.parametrize(
    ("day", "decree"),
    [
        (dt.date(2023, 12, 31), "91/2017/NĐ-CP"),
        (dt.date(2024, 1, 1), "98/2023/NĐ-CP"),
        (dt.date(2025, 6, 30), "98/2023/NĐ-CP"),
        (dt.date(2025, 7, 1), "152/2025/NĐ-CP"),
        (dt.date(2025, 11, 20), "152/2025/NĐ-CP"),
    ],
)
def test_legal_basis_of_a_redated_dossier(
    day: dt.date, decree: str, example: Callable[..., Path], tmp_path: Path
) -> None:
    path = example()
    with edit(path) as wb:
        ws = wb["Thông tin chung"]
        ws[f"B{label_row(ws, 'Ngày tờ trình')}"] = dt.datetime.combine(day, dt.time())
        ws[f"B{label_row(ws, 'Số tờ trình')}"] = 9  # issued, so the date is printed
        if day > dt.date(2025, 6, 30):  # Bình Phước merged into Đồng Nai (data/legal.toml)
            for label in ("Hình thức khen thưởng", "Kính gửi"):
                cell = f"B{label_row(ws, label)}"
                ws[cell] = ws[cell].value.replace("tỉnh Bình Phước", "tỉnh Đồng Nai")
        council = wb["Hội đồng"]
        meeting = day - dt.timedelta(days=3)
        council[f"B{label_row(council, 'Ngày họp')}"] = dt.datetime.combine(meeting, dt.time())
    b = build_example(path, tmp_path / "out", pdf=False)
    assert expected_regime(day)[1] == decree
    assert parse_date(place_date(b.need("to-trinh"))) == day
    assert_legal_basis(b)
    cited = one(doctext.paragraphs(b.need("to-trinh")), r"^Căn cứ Biên bản họp Hội đồng").string
    assert parse_date(cited) == meeting == parse_date(place_date(b.need("bien-ban")))


# -- what cells may contain ----------------------------------------------------------------------------

TRICKY_NAME = "Tổ A & B <số 1> {{ 7*7 }} {% if x %}có{% endif %}"
TRICKY_LINES = [
    "Đạt 100% chỉ tiêu & vượt <kế hoạch> đề ra.",
    "- Lần thứ {{ 7*7 }} được ghi nhận; {% if True %}hiện{% endif %} {%p if x %}",
    "- Mục {# chú thích #} & {{ ten }} <w:t>không phải mã</w:t>",
]
TRICKY_NOTE = "Ghi chú <&> {{ ho_ten }} {% for x in y %}"


def test_markup_and_template_syntax_in_cells_print_literally(
    example: Callable[..., Path], tmp_path: Path
) -> None:
    path = example()
    with edit(path) as wb:
        ws = wb[COLLECTIVES]
        old = ws[cell_of(ws, "Tên tập thể", 2)].value
        ws[cell_of(ws, "Tên tập thể", 2)] = TRICKY_NAME
        ws[cell_of(ws, "Thành tích", 2)] = "\n".join(TRICKY_LINES)
        for row in wb["Chỉ tiêu"].iter_rows(min_row=2, max_col=1):
            if row[0].value == old:
                row[0].value = TRICKY_NAME
        people = wb[INDIVIDUALS]
        people[cell_of(people, "Ghi chú", 2)] = TRICKY_NOTE
    b = build_example(path, tmp_path / "out")
    collective = b.batch.proposed_collectives[0]
    assert collective.name == TRICKY_NAME
    danh_sach = b.need("danh-sach")
    assert table_with(danh_sach, "STT", "Tên tập thể")[0][1] == TRICKY_NAME
    assert table_with(danh_sach, "STT", "Họ và tên")[0][-1] == TRICKY_NOTE
    rows = table_with(b.need("bien-ban"), "STT", "Tên tập thể / Họ và tên")
    assert rows[0][1] == TRICKY_NAME and rows[0][-1] == "Đạt"
    report = b.need("bao-cao-thanh-tich", collective.id)
    assert TRICKY_NAME in title_block(report)
    assert TRICKY_NAME.upper() in header_cells(report)[0].split(doctext.PARA_SEP)
    paras = doctext.paragraphs(report)
    start = paras.index("II. THÀNH TÍCH ĐẠT ĐƯỢC") + 1
    assert paras[start : start + len(TRICKY_LINES)] == TRICKY_LINES
    evaluated = ("A & B <số 1> 49", "Lần thứ 49 ", "{% if", "{%p if x %}", "{# chú thích #}")
    everything = "\n".join(b.text(doc) for doc in b.all_docs())
    for literal in evaluated[2:]:
        assert literal in everything  # printed as typed, not consumed as template syntax
    for result in evaluated[:2]:
        assert result not in everything  # {{ 7*7 }} was never evaluated


def test_five_pages_of_achievements_build_whole_and_in_order(
    example: Callable[..., Path], tmp_path: Path
) -> None:
    lines = [
        f"{'- ' if i % 3 == 0 else ''}Đoạn {i:02d}: trong năm, đồng chí đã chủ trì triển khai "
        f"nhiệm vụ chuyển đổi số số {i}, hướng dẫn {i * 37} người dân sử dụng dịch vụ công "
        "trực tuyến, số hóa hồ sơ, tài liệu lưu trữ và cập nhật đầy đủ vào cơ sở dữ liệu dùng "
        "chung; phối hợp với các phòng, ban, đơn vị liên quan tổ chức tuyên truyền, bồi dưỡng "
        "kỹ năng số cho cán bộ, công chức, viên chức và Nhân dân trên địa bàn."
        for i in range(1, 49)
    ]
    text = "\n".join(lines)
    assert len(text) > 17000  # over 5 A4 pages: the report grows from 2 to 8 pages in PDF
    path = example()
    with edit(path) as wb:
        ws = wb[INDIVIDUALS]
        ws[cell_of(ws, "Thành tích", 2)] = text
    b = build_example(path, tmp_path / "out", pdf=False)
    person = b.batch.proposed_individuals[0]
    paras = doctext.paragraphs(b.need("bao-cao-thanh-tich", person.id))
    start = paras.index("II. THÀNH TÍCH ĐẠT ĐƯỢC") + 1
    assert paras[start : start + len(lines)] == lines
    assert sum(p in lines for p in paras) == len(lines)  # each once, none repeated elsewhere


LONG_UNIT = (
    "Trung tâm Văn hóa - Thể thao, Du lịch và Truyền thanh - Truyền hình huyện Bù Gia Mập, "
    "tỉnh Bình Phước (đơn vị sự nghiệp)"
)


def test_a_120_character_unit_name_appears_whole(
    example: Callable[..., Path], tmp_path: Path
) -> None:
    assert len(LONG_UNIT) == 120
    path = example()
    with edit(path) as wb:
        ws = wb["Thông tin chung"]
        ws[f"B{label_row(ws, 'Cơ quan trình khen')}"] = LONG_UNIT
        ws[f"B{label_row(ws, 'Cơ quan chủ quản')}"] = "Ủy ban nhân dân huyện Bù Gia Mập"
    b = build_example(path, tmp_path / "out", pdf=False)
    to_trinh = b.need("to-trinh")
    top_left = header_cells(to_trinh)[0].split(doctext.PARA_SEP)
    assert top_left == ["ỦY BAN NHÂN DÂN HUYỆN BÙ GIA MẬP", LONG_UNIT.upper()]
    assert one(doctext.paragraphs(to_trinh), rf"^{re.escape(LONG_UNIT)} kính đề nghị ")
    assert attached_line(b.need("danh-sach")).group(4) == LONG_UNIT
    assert header_cells(b.need("danh-sach"))[0].split(doctext.PARA_SEP)[1] == LONG_UNIT.upper()


def test_reports_of_collectives_and_individuals_differ_in_their_title_block(
    built: Callable[[str], Built],
) -> None:
    """The title block of a report names the nominee, and an individual's position under it."""
    b = built(BGM)
    for nominee in b.batch.proposed:
        block = title_block(b.need("bao-cao-thanh-tich", nominee.id))
        if isinstance(nominee, Collective):
            assert block[3:] == [nominee.name]
        else:
            assert block[3:] == [nominee.name, f"{nominee.position}, {nominee.workplace}"]
