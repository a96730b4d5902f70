"""A folder as zip bytes and back: what a job carries to a worker, and the output it brings back.

Workers may run on other machines with no shared disk, so a job sends the workbook (and the
user's templates) as bytes and receives the finished batch folder as one zip. The submitter's side
unpacks it through the build layer's writer: a staging folder swapped in atomically, under the
output folder's lock, exactly as `hoso build` itself commits a folder.
"""

from __future__ import annotations

import base64
import io
import zipfile
from pathlib import Path

from pipeline.build.foreign import Kept, carry_foreign
from pipeline.build.manifest import SetAsideEntry, read_manifest
from pipeline.build.output import BatchFolder, OutputLock
from pipeline.build.signed import carry_into

# A fixed timestamp for every member: the zip of an unchanged folder is the same bytes.
_EPOCH = (1980, 1, 1, 0, 0, 0)


def pack(folder: Path) -> bytes:
    """Every file under `folder` (relative POSIX names, sorted) as zip bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(path.relative_to(folder).as_posix(), _EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    return buffer.getvalue()


def names(data: bytes) -> list[str]:
    """The files a zip made by `pack` holds."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [i.filename for i in archive.infolist() if not i.is_dir()]


def extract(data: bytes, folder: Path) -> Path:
    """Unpack zip bytes into a new folder (inputs on the worker's side); every name is checked."""
    out = BatchFolder(folder)
    try:
        _unzip(data, out)
        out.commit()
    except BaseException:
        out.abort()
        raise
    return folder


def _unzip(data: bytes, out: BatchFolder) -> None:
    """Every file of zip bytes written into a staging folder."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            if not info.is_dir():
                out.write(info.filename, archive.read(info))


def install(
    data: bytes, out_dir: Path, name: str, *, wait: float = 600.0
) -> tuple[tuple[SetAsideEntry, ...], tuple[Kept, ...]]:
    """Swap the zipped batch folder in as out_dir/name, holding out_dir's lock (as a build does),
    with the signed copies and the user's files of the folder it replaces carried over; the
    copies set aside and the files kept."""
    with OutputLock(out_dir, wait=wait):
        out = BatchFolder(out_dir / name)
        try:
            _unzip(data, out)
            set_aside = carry_into(out)
            kept = carry_foreign(out.final, read_manifest(out.final), out)
            out.commit()
        except BaseException:
            out.abort()
            raise
        return set_aside, kept


def encode(data: bytes) -> str:
    """Bytes as text for a JSON message (Celery's JSON serializer carries no raw bytes)."""
    return base64.b64encode(data).decode("ascii")


def decode(text: str) -> bytes:
    """The bytes of `encode`."""
    return base64.b64decode(text.encode("ascii"))
