"""Signed copies survive every rebuild: kept with a document that says the same, else set aside."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from pipeline.jobs.archive import install, pack
from tests import pki
from tests.conftest import cell_of, edit
from tests.pki import Keys

pytestmark = pytest.mark.libreoffice


def _manifest(folder: Path) -> dict:
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _sign_all(run_cli, keys: Keys, out: Path, incoming: Path, kinds: set[str] | None = None):
    """Every document's PDF (of `kinds`, or all) signed and taken back; {title: signed file}."""
    incoming.mkdir()
    signed = {}
    for i, doc in enumerate(_manifest(out / "hoso")["documents"]):
        if kinds is not None and doc["kind"] not in kinds:
            continue
        target = incoming / f"{i:02d}.pdf"
        source = out / "hoso" / doc["pdf"]["path"]
        done = run_cli(
            "sign", source, "-o", target, "--p12", keys.signer_p12, "--password", pki.PASSWORD
        )
        assert done.code == 0, done.out + done.err
        signed[doc["title"]] = target
    assert run_cli("signed", "add", out, *signed.values()).code == 0
    return signed


def _built(run_cli, example, tmp_path: Path) -> tuple[Path, Path, Path]:
    """The example workbook built: (workbook, output folder, its batch folder)."""
    workbook, out = example(), tmp_path / "out"
    assert run_cli("build", "-q", "-o", out, workbook).code == 0
    return workbook, out, out / "hoso"


def test_a_forced_rebuild_keeps_every_signed_copy_whose_document_says_the_same(
    run_cli, keys: Keys, example, tmp_path: Path
) -> None:
    workbook, out, folder = _built(run_cli, example, tmp_path)
    signed = _sign_all(run_cli, keys, out, tmp_path / "ky")
    before = {d["title"]: d["sha256"] for d in _manifest(folder)["documents"]}
    with edit(workbook) as wb:  # one nominee's achievements change: their report must be re-signed
        ws = wb["Cá nhân"]
        ws[cell_of(ws, "Thành tích", 2)] = "Hoàn thành xuất sắc nhiệm vụ chuyển đổi số năm 2023."

    done = run_cli("build", "--force", "-o", out, workbook)

    assert done.code == 0, done.out + done.err
    manifest = _manifest(folder)
    changed = [d["title"] for d in manifest["documents"] if d["sha256"] != before[d["title"]]]
    assert len(changed) == 1 and changed[0].startswith("Báo cáo thành tích")
    for doc in manifest["documents"]:
        if doc["title"] in changed:
            assert doc["signed"] is None
        else:  # a new PDF with the same text keeps its signature
            assert doc["signed"]["sha256"] == _sha(signed[doc["title"]]), doc["title"]
            assert (folder / doc["signed"]["path"]).read_bytes() == signed[
                doc["title"]
            ].read_bytes()
    (aside,) = manifest["set_aside"]
    assert aside["title"] == changed[0] and aside["path"].startswith("da-ky/cu/")
    assert (folder / aside["path"]).read_bytes() == signed[changed[0]].read_bytes()
    assert f"Cần ký lại: {changed[0]}." in done.out
    assert "1 tệp đã ký" in done.out and str(folder / "da-ky" / "cu") in done.out


def test_signed_files_of_an_unreadable_manifest_or_put_by_hand_are_set_aside_never_dropped(
    run_cli, keys: Keys, example, tmp_path: Path
) -> None:
    workbook, out, folder = _built(run_cli, example, tmp_path)
    (to_trinh,) = _sign_all(run_cli, keys, out, tmp_path / "ky", {"to-trinh"}).values()
    stored = next(d["signed"]["path"] for d in _manifest(folder)["documents"] if d["signed"])
    (folder / "da-ky" / "ghi-chu.txt").write_text("Bản ký của đồng chí Chủ tịch", encoding="utf-8")
    manifest = _manifest(folder) | {"manifest_version": 0}  # as after an upgrade of hoso
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")

    done = run_cli("build", "-o", out, workbook)

    assert done.code == 0, done.out + done.err
    kept = folder / "da-ky" / "cu" / Path(stored).relative_to("da-ky")
    assert kept.read_bytes() == to_trinh.read_bytes()
    assert (folder / "da-ky" / "cu" / "ghi-chu.txt").read_text(encoding="utf-8").startswith("Bản")
    assert [a["title"] for a in _manifest(folder)["set_aside"]] == [None, None]
    assert "2 tệp không phải bản ký của văn bản nào hoso đã tạo cho thư mục này." in done.out
    assert "manifest" not in done.out  # no file-format jargon for the clerk

    again = run_cli("build", "--force", "-q", "-o", out, workbook)  # aside stays aside, unreported

    assert again.code == 0 and "da-ky" not in again.out
    assert kept.read_bytes() == to_trinh.read_bytes()
    assert _manifest(folder)["set_aside"] == []
    assert sorted(p.name for p in (folder / "da-ky").rglob("*") if p.is_file()) == [
        kept.name,
        "ghi-chu.txt",
    ]


def test_a_folder_built_by_a_worker_keeps_the_signed_copies_of_the_folder_it_replaces(
    run_cli, keys: Keys, example, tmp_path: Path
) -> None:
    workbook, out, _ = _built(run_cli, example, tmp_path)
    elsewhere = tmp_path / "may-khac"
    (to_trinh,) = _sign_all(run_cli, keys, out, tmp_path / "ky", {"to-trinh"}).values()
    assert run_cli("build", "-q", "-o", elsewhere, workbook).code == 0  # no signed copies there

    set_aside, _ = install(pack(elsewhere / "hoso"), out, "hoso")

    assert set_aside == ()
    (doc,) = [d for d in _manifest(out / "hoso")["documents"] if d["signed"]]
    assert doc["kind"] == "to-trinh"
    assert (out / "hoso" / doc["signed"]["path"]).read_bytes() == to_trinh.read_bytes()


def test_signed_pdfs_dropped_into_da_ky_are_taken_back_by_signed_add_and_by_build(
    run_cli, keys: Keys, example, tmp_path: Path
) -> None:
    workbook, out, folder = _built(run_cli, example, tmp_path)
    pdfs = {d["kind"]: folder / d["pdf"]["path"] for d in _manifest(folder)["documents"]}
    inbox = folder / "da-ky"
    inbox.mkdir()
    signed = inbox / "to-trinh-ky-xong.pdf"
    done = run_cli(
        "sign", pdfs["to-trinh"], "-o", signed, "--p12", keys.signer_p12, "--password", pki.PASSWORD
    )
    assert done.code == 0, done.err
    data = signed.read_bytes()
    unsigned = inbox / "chua-ky.pdf"
    unsigned.write_bytes(pdfs["bien-ban"].read_bytes())

    taken = run_cli("signed", "add", out)

    assert taken.code == 1
    assert f"✓ {signed} → hoso/da-ky/" in taken.out
    assert f"✗ {unsigned}: từ chối, là “" in taken.out and "chưa có chữ ký số" in taken.out
    documents = _manifest(folder)["documents"]
    assert f"Còn {len(documents) - 1} văn bản chưa ký số:" in taken.out
    assert "  - hoso: Danh sách kèm theo Tờ trình\n" in taken.out
    assert "  - hoso: Tờ trình\n" not in taken.out
    (record,) = [d["signed"] for d in _manifest(folder)["documents"] if d["signed"]]
    assert (folder / record["path"]).read_bytes() == data and not signed.exists()
    assert unsigned.exists()  # refused: left where the user put it

    second = inbox / "danh-sach.pdf"
    done = run_cli(
        "sign", pdfs["danh-sach"], "-o", second, "--p12", keys.unit_p12,
        "--password", pki.PASSWORD, "--role", "dinh-kem",
    )  # fmt: skip
    assert done.code == 0, done.err

    built = run_cli("build", "-o", out, workbook)

    assert built.code == 0 and f"✓ {second} → hoso/da-ky/" in built.out
    kinds = {d["kind"] for d in _manifest(folder)["documents"] if d["signed"]}
    assert kinds == {"to-trinh", "danh-sach"} and not second.exists()


def test_a_build_without_pdfs_keeps_the_signed_copies_for_the_next_build_with_pdfs(
    run_cli, keys: Keys, example, tmp_path: Path
) -> None:
    workbook, out, folder = _built(run_cli, example, tmp_path)
    (to_trinh,) = _sign_all(run_cli, keys, out, tmp_path / "ky", {"to-trinh"}).values()

    for options in (["--no-pdf"], []):
        done = run_cli("build", "-q", *options, "-o", out, workbook)
        assert done.code == 0 and "da-ky" not in done.out, done.out + done.err
        (doc,) = [d for d in _manifest(folder)["documents"] if d["signed"]]
        assert doc["kind"] == "to-trinh" and _manifest(folder)["set_aside"] == []
        assert (folder / doc["signed"]["path"]).read_bytes() == to_trinh.read_bytes()


def test_a_signed_report_of_a_nominee_no_longer_proposed_is_not_said_to_need_signing_again(
    run_cli, keys: Keys, example, tmp_path: Path
) -> None:
    workbook, out, folder = _built(run_cli, example, tmp_path)
    signed = _sign_all(run_cli, keys, out, tmp_path / "ky", {"bao-cao-thanh-tich"})
    gone = list(signed)[-1]  # "Báo cáo thành tích – <name>": that nominee withdrawn
    with edit(workbook) as wb:
        ws = wb["Cá nhân"]
        names = [ws[cell_of(ws, "Họ và tên", r)].value for r in range(1, ws.max_row + 1)]
        ws.delete_rows(names.index(gone.split(" – ")[-1]) + 1)

    done = run_cli("build", "-o", out, workbook)

    assert done.code == 0, done.out + done.err
    said = next(line for line in done.out.splitlines() if "không còn khớp" in line)
    assert said.endswith(f" Không còn trong hồ sơ mới (không cần ký lại): {gone}.")
    assert gone not in said.split("Không còn")[0]  # not among those to sign again
    aside = {a["title"]: a["path"] for a in _manifest(folder)["set_aside"]}
    assert (folder / aside[gone]).read_bytes() == signed[gone].read_bytes()


def _renumbered(folder: Path, doc: dict, old: str) -> None:
    """Make `folder` look built by an earlier hoso that numbered `doc` as `old`-…: files and manifest."""
    manifest = _manifest(folder)
    new = doc["path"].rsplit("/", 1)[1].split("-", 1)[0]
    for entry in manifest["documents"]:
        if entry["path"] != doc["path"]:
            continue
        for part in (entry, entry["pdf"], entry["signed"]):
            moved = part["path"].replace(f"/{new}-", f"/{old}-")
            (folder / part["path"]).rename(folder / moved)
            part["path"] = moved
    # An earlier hoso's code gave other keys: the next build remakes every document.
    manifest["hoso_version"], manifest["fast_key"] = "0.0.1", "0" * 64
    for entry in manifest["documents"]:
        entry["key"] = "0" * 64
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), "utf-8")


def test_a_signed_copy_of_a_document_an_earlier_hoso_numbered_otherwise_follows_it(
    run_cli, keys: Keys, example, tmp_path: Path
) -> None:
    workbook, out, folder = _built(run_cli, example, tmp_path)
    (listing,) = _sign_all(run_cli, keys, out, tmp_path / "ky", {"danh-sach"}).values()
    (doc,) = [d for d in _manifest(folder)["documents"] if d["kind"] == "danh-sach"]
    _renumbered(folder, doc, "09")

    done = run_cli("build", "-o", out, workbook)

    assert done.code == 0, done.out + done.err
    (now,) = [d for d in _manifest(folder)["documents"] if d["kind"] == "danh-sach"]
    assert now["path"] == doc["path"] and now["signed"]["path"] == doc["signed"]["path"]
    assert (folder / now["signed"]["path"]).read_bytes() == listing.read_bytes()
    assert _manifest(folder)["set_aside"] == [] and "Cần ký lại" not in done.out
    left = [*folder.glob("van-ban/09-*"), *folder.glob("da-ky/van-ban/09-*")]
    assert left == [], left  # the earlier numbering's files are gone, none kept beside the new ones
