"""The period's manifest (OUT/manifest.json): every unit and office folder, every file made."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline import __version__
from pipeline.build.manifest import read_manifest
from pipeline.inputs.plans import Plan
from pipeline.period.check import PeriodCheck, status_label

PERIOD_MANIFEST = "manifest.json"
PERIOD_MANIFEST_VERSION = 1
EXTRAS_KEYS = "extras"
OFFICE_PREFIX = "tong-hop/"  # the office's part of the results (see pipeline.period.build)
_FORMATS = {".pdf": "PDF", ".docx": "Word", ".xlsx": "Excel", ".png": "ảnh PNG"}
_EXTRA_TITLES = {
    "thong-ke.xlsx": "Thống kê theo đơn vị, hình thức khen thưởng",
    "thong-ke.png": "Biểu đồ thống kê",
    "thong-ke.pdf": "Biểu đồ thống kê",
    "so-theo-doi-khen-thuong.xlsx": "Sổ theo dõi khen thưởng",
}


@dataclass(frozen=True)
class OfficeFile:
    """A file of the office's part of a period's results: its title, where it is, its format."""

    title: str
    path: str  # relative to the results folder, as the manifest has it
    pages: int | None = None

    @property
    def format(self) -> str:
        """The file's format as a person names it: PDF, Word, Excel."""
        return _FORMATS.get(Path(self.path).suffix, Path(self.path).suffix.lstrip("."))


def period_manifest(
    checked: PeriodCheck,
    out_dir: Path,
    folders: Iterable[Path],
    extras: Iterable[Path],
    keys: Mapping[str, str],
) -> bytes:
    """The manifest: units and their status, then every document (kind, sha256, pages), and the
    content keys of the period's other files (pipeline.period.extras)."""
    period = checked.period
    data: dict[str, Any] = {
        "manifest_version": PERIOD_MANIFEST_VERSION,
        "hoso_version": __version__,
        "plan": period.plan.id,
        "review": period.review.id,
        "units": [
            {
                "name": u.name,
                "status": u.status,
                "status_label": status_label(u),
                "workbook": u.file.name if u.file else None,
            }
            for u in checked.units
        ],
        # The office council's workbook the office's documents were made from (None: none).
        "council": (
            {"workbook": checked.council.file.name, "sha256": checked.council.sha256}
            if checked.council
            else None
        ),
        "documents": [d for folder in folders for d in _documents(folder, out_dir)],
        "files": [_file(path, out_dir) for path in extras],
        EXTRAS_KEYS: dict(keys),
    }
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"


def read_period_manifest(out_dir: Path) -> dict[str, Any]:
    """The period manifest a build left in `out_dir`, parsed; {} when none can be read."""
    try:
        data = json.loads((out_dir / PERIOD_MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _documents(folder: Path, out_dir: Path) -> list[dict[str, Any]]:
    """A batch folder's documents and dossiers as its own manifest lists them."""
    manifest = read_manifest(folder)
    if manifest is None:
        return []
    where = folder.relative_to(out_dir).as_posix()
    out = []
    for d in manifest.documents:
        entry = {"path": f"{where}/{d.path}", "kind": d.kind, "title": d.title, "sha256": d.sha256}
        if d.pdf is not None:
            entry["pdf"] = {"path": f"{where}/{d.pdf.path}", "sha256": d.pdf.sha256}
            entry["pdf"]["pages"] = d.pdf.pages
        out.append(entry)
    out += [
        {
            "path": f"{where}/{s.path}",
            "kind": "ho-so",
            "title": s.title,
            "sha256": s.sha256,
            "pages": s.pages,
        }
        for s in manifest.dossiers
    ]
    return out


def _file(path: Path, out_dir: Path) -> dict[str, Any]:
    """A file the period made besides the batches' (statistics, register, certificates)."""
    data = path.read_bytes()
    entry: dict[str, Any] = {
        "path": path.relative_to(out_dir).as_posix(),
        "kind": _kind(path),
        "sha256": hashlib.sha256(data).hexdigest(),
        "bytes": len(data),
    }
    if path.suffix == ".pdf":
        from pypdf import PdfReader  # only when the manifest is written, not at start-up

        entry["pages"] = len(PdfReader(path).pages)
    return entry


def _kind(path: Path) -> str:
    """The kind of an extra file, from its name: thong-ke, so-theo-doi, giay-khen, bang-khen…"""
    stem = path.stem.removesuffix("-xem-truoc")
    return {"so-theo-doi-khen-thuong": "so-theo-doi"}.get(stem, stem)


def office_files(out_dir: Path, plan: Plan) -> list[OfficeFile]:
    """The office's documents, dossiers and other files of a finished period build, as its
    manifest lists them (the units' own documents are in their dossiers); [] without one."""
    data = read_period_manifest(out_dir)
    files = []
    for d in data.get("documents", []):
        if not d["path"].startswith(OFFICE_PREFIX):
            continue
        if "pdf" in d:
            files.append(OfficeFile(d["title"], d["pdf"]["path"], d["pdf"]["pages"]))
        files.append(OfficeFile(d["title"], d["path"], d.get("pages")))
    for f in data.get("files", []):
        files.append(OfficeFile(_extra_title(f["path"], plan), f["path"], f.get("pages")))
    return files


def _extra_title(path: str, plan: Plan) -> str:
    """What a person calls one of the period's other files."""
    name = Path(path).name
    if name in _EXTRA_TITLES:
        return _EXTRA_TITLES[name]
    award = plan.award(Path(path).parent.name)
    what = award.name if award else Path(path).stem
    if name.endswith("-xem-truoc.pdf"):
        return f"{what}: bản xem trước trên khung phôi"
    return f"{what}: in trên phôi"
