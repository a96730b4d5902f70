"""The verification report of a submission package (ket-qua-kiem-tra.txt), as a clerk or the
office reads it after downloading the package from a page: what the package is, whether it can be
submitted, what to do next on the page (never a command or an option of `hoso`), then each
document by its title. Every other file of the ZIP is kept byte for byte, with its date."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from pipeline.build.dossiers import BATCH_DOSSIER
from pipeline.signing.package import PackageResult
from pipeline.web.commands import signing_text
from pipeline.web.wording import unrooted

REPORT = "ket-qua-kiem-tra.txt"


@dataclass(frozen=True)
class Place:
    """Where a package's reader works: the page with the documents' PDFs, where signed files are
    uploaded, and the button that makes the documents again."""

    page: str
    upload: str
    remake: str


def for_web(result: PackageResult, place: Place, folder: Path) -> bytes:
    """The package ZIP with its report in the words of the `place` it came from, with no path
    of the server (`folder` is the batches' folder)."""
    source = zipfile.ZipFile(io.BytesIO(result.path.read_bytes()))
    listing = json.loads(source.read("manifest.json"))
    # Each signed file's lines as the signing stage made them, their steps still data.
    text = report_text(listing, dict(result.checked), place)
    text = unrooted(text, folder, log=False)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == REPORT:  # Notepad on Windows: a BOM and CRLF lines
                data = ("\ufeff" + text.replace("\n", "\r\n")).encode("utf-8")
            target.writestr(info, data)
    return buffer.getvalue()


def report_text(listing: dict, checked: Mapping[str, Sequence[str]], place: Place) -> str:
    """The report: the package, its verdict and the next step, then each document in order
    (a signed one with its lines in `checked`, by its file name in the package)."""
    documents = listing.get("documents", [])
    unsigned = [d for d in documents if not d.get("signed")]
    failed = [d for d in documents if d.get("signed") and not d["verification"].get("ok")]
    lines = ["KẾT QUẢ KIỂM TRA CHỮ KÝ SỐ CỦA GÓI", ""]
    lines += [f"Gói {listing.get('package', '')}: {_what(listing)} ({len(documents)} văn bản).", ""]
    if unsigned or failed:
        why = [f"còn {len(unsigned)}/{len(documents)} văn bản chưa ký số"] if unsigned else []
        why += [f"{len(failed)} văn bản có chữ ký không hợp lệ (dấu ✗ ở dưới)"] if failed else []
        lines += [f"CHƯA {_verb(documents).upper()} ĐƯỢC GÓI NÀY: {'; '.join(why)}.", ""]
        lines += ["Việc cần làm:", *_steps(bool(unsigned), bool(failed), place)]
    else:
        lines += [f"Mọi văn bản đã ký số, chữ ký còn nguyên: gói sẵn sàng để {_verb(documents)}."]
        lines += ["", f"Việc cần làm: {_send(documents)}", KEEP]
    lines += ["", "TỪNG VĂN BẢN (theo thứ tự hồ sơ)", ""]
    for d in documents:
        said = f"{d['file']} ({d['title']})"
        if not d.get("signed"):
            lines.append(f"✗ {said}: CHƯA KÝ SỐ")
            continue
        head, *rest = checked.get(d["file"]) or [f"✓ {d['file']}: đã ký số"]
        lines.append(head.replace(d["file"], said, 1))
        lines += [signing_text(line, place.remake) for line in rest]
    return "\n".join(lines) + "\n"


KEEP = (
    "Không sửa, không ghép, không in rồi quét lại các tệp PDF: làm vậy thì chữ ký số mất hiệu lực."
)


def _issued(documents: list[dict]) -> bool:
    """Whether the package is a Quyết định the office issues (not a dossier sent up)."""
    return any(d["title"].startswith("Quyết định") for d in documents)


def _verb(documents: list[dict]) -> str:
    """What is done with the package: a Quyết định is issued, a dossier submitted."""
    return "ban hành" if _issued(documents) else "nộp"


def _send(documents: list[dict]) -> str:
    """Where the signed package goes."""
    if _issued(documents):
        return (
            "gửi nguyên tệp ZIP này (hoặc các tệp PDF trong đó) tới các đơn vị và nơi nhận ghi "
            "trong Quyết định."
        )
    return "nộp nguyên tệp ZIP này (hoặc các tệp PDF trong đó) lên hệ thống nộp hồ sơ trực tuyến."


def _what(listing: dict) -> str:
    """Whose dossier the package is: the whole batch, or one nominee's (by their report)."""
    if listing.get("package") == Path(BATCH_DOSSIER).with_suffix(".zip").name:
        return "hồ sơ tổng hợp, gồm mọi văn bản"
    reports = [d["title"] for d in listing.get("documents", []) if " – " in d["title"]]
    whose = reports[-1].split(" – ", 1)[1] if reports else ""
    return f"hồ sơ của {whose}" if whose else "hồ sơ của một tập thể, cá nhân"


def _steps(unsigned: bool, failed: bool, place: Place) -> list[str]:
    """What to do on the page before the package can be submitted."""
    steps = []
    if unsigned:
        steps.append(
            f"1. Tải tệp PDF của từng văn bản “CHƯA KÝ SỐ” ở {place.page} và ký số bằng công cụ "
            "ký số của cơ quan (không ký trên tệp trong gói này)."
        )
    if failed:
        steps.append(
            f"{len(steps) + 1}. Văn bản có dấu ✗: đọc lý do ở dưới, rồi ký lại trên tệp PDF tải "
            f"ở {place.page} (nếu lý do nói cần tạo lại: bấm nút {place.remake} trước)."
        )
    steps.append(f"{len(steps) + 1}. Tải các tệp đã ký lên ở {place.upload}.")
    steps.append(f"{len(steps) + 1}. Tải lại gói: gói mới có các bản đã ký.")
    return steps
