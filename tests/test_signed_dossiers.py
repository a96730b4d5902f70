"""Signed files taken back (`hoso signed add`) for all five plans, and the submission packages
(`hoso package`): signed originals byte for byte, in dossier order, unsigned ones listed."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from pipeline.build import BuildOptions, build
from pipeline.pdf.pool import LibreOfficePool
from tests import doctext, pki
from tests.conftest import cell_of, edit
from tests.pki import Keys

pytestmark = pytest.mark.libreoffice
PLANS = (
    "bac-kan-cds-2022-2025",
    "bu-gia-map-cds-2022-2025",
    "buon-ma-thuot-cds-2023-2025",
    "muong-khuong-cds-2022-2025",
    "so-vhttdl-binh-phuoc-cds-2022-2025",
)
REWRITTEN = "muong-khuong-cds-2022-2025"  # its danh sách is rewritten by the "signing tool"


@pytest.fixture(scope="module")
def five_built(
    example_cache: Callable[[str], Path], tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """The five real plans' examples built with real LibreOffice, side by side in one folder."""
    out = tmp_path_factory.mktemp("five")
    with LibreOfficePool(size=2) as pool:
        report = build([example_cache(p) for p in PLANS], BuildOptions(out_dir=out), converter=pool)
    assert report.exit_code == 0, [r.error for r in report.results]
    return out


def _manifest(folder: Path) -> dict:
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


def _pdf_of(folder: Path, kind: str) -> Path:
    return folder / next(
        d["pdf"]["path"] for d in _manifest(folder)["documents"] if d["kind"] == kind
    )


def _sign(run_cli, source: Path, target: Path, p12: Path, *extra: str | Path) -> Path:
    done = run_cli("sign", source, "-o", target, "--p12", p12, "--password", pki.PASSWORD, *extra)
    assert done.code == 0, done.out + done.err
    return target


def _rewritten(source: Path, target: Path) -> Path:
    """The PDF written anew by another program: other bytes, the same text."""
    writer = PdfWriter(clone_from=PdfReader(source))
    writer.add_metadata({"/Producer": "Công cụ ký số"})
    buffer = io.BytesIO()
    writer.write(buffer)
    target.write_bytes(buffer.getvalue())
    assert buffer.getvalue()[:2000] != source.read_bytes()[:2000]
    return target


def _signed_files(run_cli, keys: Keys, out: Path, incoming: Path) -> dict[str, dict[str, Path]]:
    """For each plan, the Tờ trình signed by the signer and the unit; one danh sách rewritten
    then signed by the unit as an attachment."""
    files: dict[str, dict[str, Path]] = {}
    for plan in PLANS:
        folder = out / plan
        first = _sign(
            run_cli, _pdf_of(folder, "to-trinh"), incoming / f"{plan}-1.pdf", keys.signer_p12
        )
        signed = _sign(
            run_cli, first, incoming / f"{plan}-to-trinh.pdf", keys.unit_p12, "--role", "co-quan"
        )
        files[plan] = {"to-trinh": signed}
        first.unlink()
    plain = _rewritten(_pdf_of(out / REWRITTEN, "danh-sach"), incoming / "viet-lai.pdf")
    files[REWRITTEN]["danh-sach"] = _sign(
        run_cli, plain, incoming / "danh-sach-da-ky.pdf", keys.unit_p12, "--role", "dinh-kem"
    )
    plain.unlink()
    return files


def _wrong_files(run_cli, keys: Keys, out: Path, incoming: Path) -> tuple[Path, Path]:
    """A signed PDF of no document (a page left out), and a signed Tờ trình changed afterwards."""
    reader = PdfReader(_pdf_of(out / PLANS[0], "to-trinh"))
    writer = PdfWriter()
    writer.add_page(reader.pages[-1])
    partial = incoming / "thieu-trang.pdf"
    writer.write(partial)
    stranger = _sign(run_cli, partial, incoming / "khong-khop.pdf", keys.signer_p12)
    partial.unlink()
    good = _sign(
        run_cli, _pdf_of(out / PLANS[1], "to-trinh"), incoming / "tam.pdf", keys.signer_p12
    )
    data = good.read_bytes()
    at = data.index(b"LibreOffice")
    changed = incoming / "bi-sua.pdf"
    changed.write_bytes(data[:at] + b"l" + data[at + 1 :])
    good.unlink()
    return stranger, changed


def test_signed_files_are_taken_back_for_all_five_plans_and_packaged_byte_for_byte(
    run_cli, keys: Keys, five_built: Path, tmp_path: Path
) -> None:
    out = tmp_path / "output"
    shutil.copytree(five_built, out)
    incoming = tmp_path / "da-ky"
    incoming.mkdir()
    signed = _signed_files(run_cli, keys, out, incoming)
    stranger, changed = _wrong_files(run_cli, keys, out, incoming)
    files = [path for plan in PLANS for path in signed[plan].values()]

    before = {p: p.read_bytes() for p in out.rglob("manifest.json")}
    refused = run_cli("signed", "add", out, *files, stranger, changed)
    assert refused.code == 1  # two files refused: none is taken
    assert f"✗ {stranger}: từ chối, không khớp với văn bản nào của hồ sơ" in refused.out
    assert f"✗ {changed}: từ chối, chữ ký của {pki.SIGNER} bị hỏng" in refused.out
    assert f"Không nhận tệp nào: từ chối 2 tệp, {len(files)} tệp hợp lệ chưa nhận." in refused.out
    assert {p: p.read_bytes() for p in out.rglob("manifest.json")} == before
    assert not list(out.glob("*/da-ky"))
    done = run_cli("signed", "add", out, *files)
    assert done.code == 0, done.out
    assert done.out.rstrip().endswith(f"Nhận {len(files)} tệp, từ chối 0 tệp.")
    for plan in PLANS:
        for kind, path in signed[plan].items():
            manifest = _manifest(out / plan)
            entry = next(d for d in manifest["documents"] if d["kind"] == kind)
            assert entry["signed"]["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
            assert entry["signed"]["matched"] == (
                "text" if path.name.startswith("danh") else "bytes"
            )
            assert entry["signed"]["path"] == f"da-ky/{entry['pdf']['path']}"
            assert (out / plan / entry["signed"]["path"]).read_bytes() == path.read_bytes()
            assert f"✓ {path} → {plan}/da-ky/{entry['pdf']['path']}: “{entry['title']}”" in done.out

    packaged = run_cli("package", out, "--trust", keys.trust)
    assert packaged.code == 0, packaged.err
    for plan in PLANS:
        _check_packages(out / plan, signed[plan])
    # A PDF changed after hoso made it (here: replaced by another file) is never packaged.
    unsigned = [d for d in _manifest(out / PLANS[0])["documents"] if not d["signed"]]
    some = unsigned[0]["pdf"]["path"]
    (out / PLANS[0] / some).write_bytes(b"garbage")
    refused = run_cli("package", out)
    assert refused.code == 1 and "Traceback" not in refused.err
    said = f"{out / PLANS[0]}: {some} đã bị sửa hoặc thay sau khi hoso tạo"
    assert said in refused.err, refused.err


def test_a_build_without_pdfs_has_nothing_to_package(run_cli, example, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run_cli("build", "--no-pdf", "-q", "-o", out, example()).code == 0
    done = run_cli("package", out)
    assert done.code == 1
    assert "hồ sơ này được tạo không có PDF (hoso build --no-pdf): hãy tạo lại có PDF" in done.err


def _check_packages(folder: Path, signed: dict[str, Path]) -> None:
    """Every nominee's package follows its dossier's order; signed files are byte-identical."""
    manifest = _manifest(folder)
    by_kind = {d["kind"]: d for d in manifest["documents"]}
    digests = {
        by_kind[k]["title"]: hashlib.sha256(p.read_bytes()).hexdigest() for k, p in signed.items()
    }
    for dossier in manifest["dossiers"]:
        package = folder / "goi-nop" / (Path(dossier["path"]).stem + ".zip")
        with zipfile.ZipFile(package) as archive:
            listing = json.loads(archive.read("manifest.json"))
            report = archive.read("ket-qua-kiem-tra.txt").decode("utf-8")
            names = archive.namelist()
            contents = {n: archive.read(n) for n in names if n.endswith(".pdf")}
        titles = [d["title"] for d in listing["documents"]]
        assert titles == _dossier_order(folder / dossier["path"])
        assert names[: len(titles)] == [d["file"] for d in listing["documents"]]
        for document in listing["documents"]:
            data = contents[document["file"]]
            if document["title"] in digests:
                assert (
                    document["signed"]
                    and hashlib.sha256(data).hexdigest() == digests[document["title"]]
                )
                assert document["verification"]["ok"]
            else:
                assert not document["signed"]
                assert f"CHƯA KÝ: {document['file']} ({document['title']})" in report
        assert listing["unsigned"] == [d["file"] for d in listing["documents"] if not d["signed"]]
        assert f"Có {len(listing['unsigned'])} văn bản CHƯA KÝ SỐ:" in report


def _dossier_order(dossier: Path) -> list[str]:
    """The documents of a dossier PDF in order, by their bookmarks (the batch dossier groups the
    reports under one bookmark, each named by its nominee)."""
    titles = []
    for depth, title, _ in doctext.pdf_outline(PdfReader(dossier)):
        if depth == 0 and title == "Báo cáo thành tích":
            continue
        titles.append(f"Báo cáo thành tích – {title}" if depth == 1 else title)
    return titles


def test_a_rebuild_keeps_the_signed_copy_of_an_unchanged_document(
    run_cli, keys: Keys, example, tmp_path: Path
) -> None:
    workbook = example()
    out = tmp_path / "out"
    assert run_cli("build", "-q", "-o", out, workbook).code == 0
    folder = out / "hoso"
    signed = _sign(run_cli, _pdf_of(folder, "to-trinh"), tmp_path / "ky.pdf", keys.signer_p12)
    assert run_cli("signed", "add", out, signed).code == 0
    with edit(workbook) as wb:  # one report changes; the Tờ trình does not
        ws = wb["Cá nhân"]
        ws[cell_of(ws, "Thành tích", 2)] = "Hoàn thành xuất sắc nhiệm vụ chuyển đổi số năm 2023."
    assert run_cli("build", "-q", "-o", out, workbook).code == 0
    documents = _manifest(folder)["documents"]
    to_trinh = next(d for d in documents if d["kind"] == "to-trinh")
    assert to_trinh["signed"]["sha256"] == hashlib.sha256(signed.read_bytes()).hexdigest()
    assert (folder / to_trinh["signed"]["path"]).read_bytes() == signed.read_bytes()
    assert all(d["signed"] is None for d in documents if d["kind"] != "to-trinh")


def test_a_results_folder_whose_manifest_is_damaged_says_so(run_cli, tmp_path: Path) -> None:
    batch = tmp_path / "out" / "de-nghi"
    batch.mkdir(parents=True)
    (batch / "manifest.json").write_text("{ hỏng", encoding="utf-8")
    done = run_cli("package", tmp_path / "out")
    assert done.code == 1
    assert (
        f"danh mục văn bản của hồ sơ ({batch / 'manifest.json'}) không đọc được (tệp hỏng hoặc "
        "bị sửa); hãy chạy lại hoso build cho thư mục đó."
    ) in done.err
