"""What the signing commands print: a signature made, verification results, files taken back, packages."""

from __future__ import annotations

import json
import shlex
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.build.signed import LeftBehind
from pipeline.signing.appearance import said_time
from pipeline.signing.package import PackageResult
from pipeline.signing.takeback import Accepted, IntoRenamed, TakebackReport
from pipeline.signing.verify import FileCheck
from pipeline.signing.verify_texts import file_json, file_lines

if TYPE_CHECKING:  # pyHanko, which pipeline.signing.sign loads, only for `hoso sign` (below)
    from pipeline.signing.sign import Signed


def signed_text(target: Path, done: Signed) -> str:
    """One signature made, and what to look at when something seems amiss."""
    from pipeline.signing.sign import field_label  # loaded by the signing already

    text = (
        f"✓ Đã ký {target}: {done.signer}, lúc {said_time(done.time)}, trang {done.page} "
        f"({field_label(done.field)})."
    )
    if done.stamped:
        authority, at = done.stamped
        text += f"\nDấu thời gian của {authority}: {said_time(at)}."
    return f"{text}\n{done.warning}" if done.warning else text


def _trust_note(trust: Path | None) -> str:
    """Which trust roots the chains were checked against."""
    if trust is None:
        return "Chưa kiểm tra chứng thư gốc: hãy chỉ thư mục chứng thư gốc tin cậy bằng --trust."
    return f"Chứng thư gốc tin cậy: {trust}."


def verify_text(checks: list[FileCheck], trust: Path | None) -> str:
    """Every file's signatures, then a summary line."""
    lines = [line for check in checks for line in file_lines(check)]
    bad = sum(c.failed for c in checks)
    lines += ["", _trust_note(trust)]
    if bad:
        lines.append(f"{len(checks)} tệp, {bad} tệp có vấn đề.")
    elif trust is None:
        # Anyone can make a certificate in any name: intact says nothing of who signed.
        lines.append(
            f"{len(checks)} tệp, nội dung đã ký còn nguyên, nhưng CHƯA xác minh người ký: ai cũng "
            "tự tạo được chứng thư số mang tên bất kỳ. Hãy kiểm tra lại với --trust THƯ_MỤC."
        )
    else:
        lines.append(f"{len(checks)} tệp, không có vấn đề.")
    return "\n".join(lines)


def verify_json(checks: list[FileCheck], trust: Path | None) -> str:
    """The same as JSON."""
    data = {"trust": str(trust) if trust else None, "files": [file_json(c) for c in checks]}
    return json.dumps(data, ensure_ascii=False, indent=2)


MAX_UNSIGNED = 20  # unsigned documents listed after a takeback; the rest are counted


def signed_add_text(report: TakebackReport, *, dropped: bool = False) -> str:
    """Each file taken back (and where it went), each file refused (and why); when any was
    refused, none is taken: the good ones are named as such, and what to do next. `dropped`:
    the files put into da-ky/ by hand that a build takes first (the build goes on after)."""
    if dropped and report.refused and not report.accepted:
        lines = [f"✗ {item.file}: từ chối, {item.reason}." for item in report.refused]
        lines.append(
            f"Không nhận {len(report.refused)} tệp đặt trong da-ky/: hãy bỏ các tệp đó, hoặc thay "
            "bằng bản đã ký đúng của văn bản; hoso tiếp tục tạo hồ sơ."
        )
        return "\n".join(lines)
    if report.held or (report.refused and not report.accepted):
        return _none_taken_text(report)
    lines = []
    if not report.accepted and not report.refused:  # no file named, none dropped in da-ky/
        lines.append(
            "Không có tệp nào để nhận: hãy nêu các tệp PDF đã ký sau thư mục kết quả (hoso signed "
            "add THƯ_MỤC_KẾT_QUẢ TỆP_ĐÃ_KÝ...), hoặc chép chúng vào thư mục da-ky/ của hồ sơ rồi "
            "chạy lại."
        )
    for item in report.accepted:
        # Said as a clerk checks it: the original kept whole, or a tool that rewrote the file.
        how = (
            "bản gốc còn nguyên, chỉ thêm chữ ký"
            if item.matched == "bytes"
            else "công cụ ký đã ghi lại cả tệp; nội dung chữ đúng bản gốc"
        )
        mark = "⚠" if item.warnings else "✓"  # taken, but its signer or time is not vouched for
        lines.append(
            f"{mark} {item.file} → {item.batch}/{item.stored}: “{item.document}”, "
            f"ký bởi {', '.join(item.signers)} ({how})"
        )
        lines += [f"  ⚠ {warning}." for warning in item.warnings]
        if item.set_aside is not None:
            lines.append(_replaced_text(item))
    # Only `hoso build` takes some files and refuses others: a file dropped by hand stays.
    lines += [f"✗ {item.file}: từ chối, {item.reason}." for item in report.refused]
    if report.unsigned:
        shown = list(report.unsigned[:MAX_UNSIGNED])
        more = len(report.unsigned) - len(shown)
        lines.append(f"Còn {len(report.unsigned)} văn bản chưa ký số:")
        lines += [f"  - {title}" for title in shown]
        lines += [f"  … và {more} văn bản khác."] if more else []
    else:
        lines.append("Mọi văn bản đều đã có bản ký số.")
    doubted = sum(bool(item.warnings) for item in report.accepted)
    lines.append(
        f"Nhận {len(report.accepted)} tệp"
        + (f" ({doubted} tệp có chữ ký chưa tin cậy, xem ⚠ ở trên)" if doubted else "")
        + f", từ chối {len(report.refused)} tệp."
    )
    lines += [_into_renamed_text(item) for item in report.renamed]
    return "\n".join(lines)


def _none_taken_text(report: TakebackReport) -> str:
    """A command of which some file was refused: each refused file and why, each good one, and
    that nothing was taken (hoso takes the files of one command all together or not at all)."""
    lines = [f"✗ {item.file}: từ chối, {item.reason}." for item in report.refused]
    lines += [
        f"· {item.file}: hợp lệ (“{item.document}” của {item.batch}), chưa nhận."
        for item in report.held
    ]
    lines.append(
        f"Không nhận tệp nào: từ chối {len(report.refused)} tệp"
        + (f", {len(report.held)} tệp hợp lệ chưa nhận" if report.held else "")
        + ". Hãy bỏ hoặc thay các tệp bị từ chối (✗) rồi chạy lại lệnh"
        + ("; hoso chỉ nhận khi mọi tệp đều hợp lệ." if report.held else ".")
    )
    return "\n".join(lines)


def _into_renamed_text(item: IntoRenamed) -> str:
    """Signed copies just stored in a renamed workbook's old folder: where the build now makes
    that dossier, and how to take them back there."""
    old = item.renamed
    if old.successor is not None:
        now = (
            f"hoso build nay tạo hồ sơ của bảng tính {old.successor_workbook} trong {old.successor}"
        )
    else:
        now = "hoso build nay tạo hồ sơ ở thư mục mới theo tên mới của bảng tính"
    target = str(old.successor) if old.successor else "THƯ_MỤC_HỒ_SƠ_MỚI"
    files = " ".join(shlex.quote(str(f)) for f in item.stored)
    return (
        f"⚠ {old.folder}: thư mục kết quả cũ của bảng tính {old.workbook}, bảng tính này không "
        f"còn ở {old.was} (đã đổi tên hay chuyển đi?). {len(item.stored)} bản đã ký vừa nhận "
        f"({_named(item.titles)}) nằm trong {old.folder}/da-ky/, nhưng {now}, không dùng các "
        "bản này. Nếu hồ sơ mới vẫn là các văn bản đó, nhận lại bản đã ký cho hồ sơ mới: "
        f"hoso signed add {shlex.quote(target)} {files}"
    )


def left_behind_text(item: LeftBehind) -> str:
    """Where the signed copies of a renamed (or moved) workbook's old folder are, and how to take
    them back for the new folder: they are never deleted nor moved by hoso."""
    titles = _named(item.titles)
    text = (
        f"⚠ {item.folder}: thư mục kết quả cũ của bảng tính {item.workbook}, không còn thấy bảng "
        f"tính này cạnh các bảng tính vừa tạo (đã đổi tên hay chuyển đi?), vẫn giữ "
        f"{len(item.files)} bản đã ký ({titles}) trong {item.folder}/da-ky/. hoso không xóa và "
        "không tự chuyển các bản này sang hồ sơ mới."
    )
    target = str(item.successor) if item.successor else "THƯ_MỤC_HỒ_SƠ_MỚI"
    files = " ".join(shlex.quote(str(f)) for f in item.files)
    return (
        f"{text} Nếu hồ sơ mới vẫn là các văn bản đó, nhận lại bản đã ký cho hồ sơ mới: "
        f"hoso signed add {shlex.quote(target)} {files}"
    )


def _replaced_text(item: Accepted) -> str:
    """Where the signed copy a newly taken file replaced went: it is kept, never dropped."""
    who = f" (ký bởi {', '.join(item.earlier_signers)})" if item.earlier_signers else ""
    return (
        f"  ⚠ bản đã ký nhận trước đó{who} được thay bằng tệp này và chuyển vào "
        f"{item.batch}/{item.set_aside} (không xóa)"
    )


MAX_NAMED = 3  # unsigned files named on a package's line; the rest are counted


def package_text(results: list[PackageResult], out: Path) -> str:
    """Each package written, naming its unsigned documents and those failing verification; the
    next commands on `out`, the folder packaged, when some are unsigned."""
    lines = []
    for result in results:
        mark = "✗" if result.failed else ("⚠" if result.unsigned else "✓")
        notes = [f"{result.documents} văn bản"]
        if result.unsigned:
            notes.append(f"{len(result.unsigned)} chưa ký: {_named(result.unsigned)}")
        notes += [f"chữ ký có vấn đề: {', '.join(result.failed)}"] if result.failed else []
        lines.append(f"{mark} {result.path}: {'; '.join(notes)}")
    lines.append(
        f"{len(results)} gói hồ sơ; danh sách văn bản chưa ký và kết quả kiểm tra chữ ký nằm "
        "trong tệp ket-qua-kiem-tra.txt của mỗi gói."
    )
    if any(r.unsigned for r in results):
        lines.append(
            "Gói còn văn bản chưa ký thì gửi đi sẽ thiếu chữ ký số: ký các văn bản đó, nhận lại "
            f"bằng “hoso signed add {out} TỆP_ĐÃ_KÝ...”, rồi chạy lại “hoso package {out}”."
        )
    return "\n".join(lines)


def _named(names: tuple[str, ...]) -> str:
    """A few file names, then how many more."""
    more = len(names) - MAX_NAMED
    return ", ".join(names[:MAX_NAMED]) + (f" và {more} văn bản khác" if more > 0 else "")
