"""Orchestration around the converter (a fake one): dossiers, bookmarks, duplex, incremental builds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from pipeline.build import BuildOptions, build
from pipeline.build.output import LOCK_NAME
from pipeline.vietnamese import slug
from tests.conftest import cell_of, edit
from tests.doctext import pdf_outline as outline
from tests.fakes import FakeConverter


def _manifest(folder: Path) -> dict:
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


def _labels(fake: FakeConverter) -> list[str]:
    return [job.label for batch in fake.batches for job in batch]


@pytest.fixture
def built(example, tmp_path: Path):
    """The Bù Gia Mập example built once with the fake converter."""
    path = example()
    fake = FakeConverter()
    report = build([path], BuildOptions(out_dir=tmp_path / "out"), converter=fake)
    assert report.exit_code == 0, [r.error for r in report.results]
    return path, tmp_path / "out" / "hoso", fake


def test_each_distinct_docx_is_converted_once(built) -> None:
    _, _, fake = built
    labels = _labels(fake)
    assert labels.count("Tờ trình") == 1
    assert labels.count("Danh sách kèm theo Tờ trình") == 1
    assert labels.count("Biên bản họp Hội đồng Thi đua - Khen thưởng") == 1
    assert len(labels) == len(set(labels)) == 3 + 12


def test_nominee_dossier_is_the_shared_documents_plus_their_report(built) -> None:
    _, folder, _ = built
    manifest = _manifest(folder)
    dossiers = [d for d in manifest["dossiers"] if d["nominee"]]
    passed = [n for n in manifest["nominees"] if n["passed"]]
    assert [d["nominee"] for d in dossiers] == [n["id"] for n in passed]
    first = passed[5]  # the first individual
    entry = next(d for d in dossiers if d["nominee"] == first["id"])
    assert entry["path"] == f"ho-so/06-{slug(first['name'])}.pdf"
    reader = PdfReader(folder / entry["path"])
    parts = [
        d
        for d in manifest["documents"]
        if d["kind"] != "bao-cao-thanh-tich" or d["nominee"] == first["id"]
    ]
    assert len(reader.pages) == entry["pages"] == sum(d["pdf"]["pages"] for d in parts) == 4
    assert outline(reader) == [
        (0, "Tờ trình", 0),
        (0, "Danh sách kèm theo Tờ trình", 1),
        (0, "Biên bản họp Hội đồng Thi đua - Khen thưởng", 2),
        (0, f"Báo cáo thành tích – {first['name']}", 3),
    ]
    assert reader.metadata["/Title"] == f"Hồ sơ đề nghị khen thưởng – {first['name']}"
    assert reader.metadata["/Author"] == "Ủy ban nhân dân huyện Bù Gia Mập"
    assert reader.metadata["/Subject"] == "Chuyển đổi số giai đoạn 2022 - 2025"
    # Joined with pypdf, a dossier has lost any signature: it says it is for printing.
    assert reader.metadata["/Keywords"].startswith(
        "Bản ghép để in, không có giá trị nộp trực tuyến"
    )
    assert reader.trailer["/Root"]["/PageMode"] == "/UseOutlines"


def test_batch_dossier_has_every_document_once_with_a_nested_outline(built) -> None:
    _, folder, _ = built
    manifest = _manifest(folder)
    reader = PdfReader(folder / "ho-so-tong-hop.pdf")
    assert len(reader.pages) == len(manifest["documents"]) == 15
    marks = outline(reader)
    assert marks[:4] == [
        (0, "Tờ trình", 0),
        (0, "Danh sách kèm theo Tờ trình", 1),
        (0, "Biên bản họp Hội đồng Thi đua - Khen thưởng", 2),
        (0, "Báo cáo thành tích", 3),
    ]
    names = [n["name"] for n in manifest["nominees"] if n["passed"]]
    assert marks[4:] == [(1, name, 3 + i) for i, name in enumerate(names)]


def test_duplex_starts_every_document_on_a_right_hand_page(example, tmp_path: Path) -> None:
    report = build(
        [example()], BuildOptions(out_dir=tmp_path / "out", duplex=True), converter=FakeConverter()
    )
    assert report.exit_code == 0
    reader = PdfReader(next((tmp_path / "out" / "hoso" / "ho-so").glob("01-*.pdf")))
    assert len(reader.pages) == 8  # four one-page documents, each followed by a blank page
    assert [page for _, _, page in outline(reader)] == [0, 2, 4, 6]


def test_rebuild_after_editing_one_nominee_redoes_only_what_changed(built) -> None:
    path, folder, _ = built
    before = _manifest(folder)
    with edit(path) as wb:
        ws = wb["Cá nhân"]
        ws[cell_of(ws, "Thành tích", 3)] = (
            "Thành tích mới của năm, viết lại sau khi Hội đồng góp ý."
        )
    fake = FakeConverter()
    report = build([path], BuildOptions(out_dir=folder.parent), converter=fake)
    assert report.exit_code == 0
    name = next(n["name"] for n in before["nominees"] if n["id"] == "ca-nhan-02")
    assert _labels(fake) == [f"Báo cáo thành tích – {name}"]
    after = _manifest(folder)
    changed = {d["path"] for d in after["documents"]} - {d["path"] for d in before["documents"]}
    assert not changed
    same = [
        a
        for a, b in zip(after["documents"], before["documents"], strict=True)
        if a["sha256"] == b["sha256"]
    ]
    assert len(same) == len(before["documents"]) - 1
    redone = [
        a["path"]
        for a, b in zip(after["dossiers"], before["dossiers"], strict=True)
        if a["key"] != b["key"]
    ]
    own = next(d["path"] for d in after["dossiers"] if d["nominee"] == "ca-nhan-02")
    assert sorted(redone) == sorted(["ho-so-tong-hop.pdf", own])
    result = report.results[0]
    assert (result.made, result.reused) == (1, 14)


def test_renaming_a_nominee_redoes_the_list_and_the_minutes_not_the_proposal(built) -> None:
    path, folder, _ = built
    with edit(path) as wb:
        ws = wb["Cá nhân"]
        ws[cell_of(ws, "Họ và tên", 2)] = "Nguyễn Thị Thanh Tâm"
    fake = FakeConverter()
    assert build([path], BuildOptions(out_dir=folder.parent), converter=fake).exit_code == 0
    labels = _labels(fake)
    assert "Tờ trình" not in labels
    assert "Danh sách kèm theo Tờ trình" in labels
    assert "Biên bản họp Hội đồng Thi đua - Khen thưởng" in labels
    assert "Báo cáo thành tích – Nguyễn Thị Thanh Tâm" in labels


def test_unchanged_workbook_is_not_touched_and_force_redoes_all(built) -> None:
    path, folder, _ = built
    stamp = (folder / "ho-so-tong-hop.pdf").stat().st_mtime_ns
    fake = FakeConverter()
    report = build([path], BuildOptions(out_dir=folder.parent), converter=fake)
    assert report.results[0].unchanged and fake.batches == []
    assert (folder / "ho-so-tong-hop.pdf").stat().st_mtime_ns == stamp
    forced = FakeConverter()
    report = build([path], BuildOptions(out_dir=folder.parent, force=True), converter=forced)
    assert not report.results[0].unchanged and len(_labels(forced)) == 15


def test_a_deleted_output_file_is_rebuilt(built) -> None:
    path, folder, _ = built
    (folder / "van-ban" / "01-to-trinh.pdf").unlink()
    fake = FakeConverter()
    assert build([path], BuildOptions(out_dir=folder.parent), converter=fake).exit_code == 0
    assert _labels(fake) == ["Tờ trình"]
    assert (folder / "van-ban" / "01-to-trinh.pdf").is_file()


def test_a_document_that_cannot_be_converted_keeps_previous_output(built, example) -> None:
    path, folder, _ = built
    other = example(name="khac.xlsx")
    before = _manifest(folder)
    with edit(path) as wb:
        ws = wb["Cá nhân"]
        ws[cell_of(ws, "Họ và tên", 3)] = "Nguyễn Văn Treo"
    label = "Báo cáo thành tích – Nguyễn Văn Treo"
    fake = FakeConverter(hang={label})
    report = build([path, other], BuildOptions(out_dir=folder.parent), converter=fake)
    assert report.exit_code == 1
    error = report.results[0].error or ""
    assert f"“{label}”" in error and "quá thời gian chờ" in error and "đã thử 3 lần" in error
    assert _manifest(folder) == before
    assert report.results[1].folder is not None and report.results[1].error is None
    assert not [p for p in folder.parent.iterdir() if p.name.startswith(".hoso-")]


def test_interruption_leaves_previous_output_and_no_staging(built) -> None:
    path, folder, _ = built
    before = _manifest(folder)

    class Interrupted(FakeConverter):
        def convert(self, jobs, on_result=None):
            raise KeyboardInterrupt

    with edit(path) as wb:
        wb["Thông tin chung"]["B9"] = 8
    with pytest.raises(KeyboardInterrupt):
        build([path], BuildOptions(out_dir=folder.parent), converter=Interrupted())
    assert _manifest(folder) == before
    assert sorted(p.name for p in folder.parent.iterdir()) == [LOCK_NAME, "hoso"]


def test_progress_is_told_about_every_document(example, tmp_path: Path) -> None:
    events: list[tuple] = []

    class Recorder:
        def busy(self, said):
            events.append(("busy",))

        def start(self, workbooks):
            events.append(("start", workbooks))

        def planned(self, documents):
            events.append(("planned", documents))

        def document_done(self):
            events.append(("doc",))

        def workbook_done(self, label, ok):
            events.append(("workbook", ok))

        def finish(self):
            events.append(("finish",))

    build(
        [example()],
        BuildOptions(out_dir=tmp_path / "out"),
        converter=FakeConverter(),
        progress=Recorder(),
    )
    assert events[:2] == [("start", 1), ("planned", 15)]
    assert events.count(("doc",)) == 15
    assert events[-2:] == [("workbook", True), ("finish",)]
