"""Signed submissions: each unit's signed PDFs (don-vi/<workbook>/) against the documents built
for it, saying which are unsigned, broken, or signed by someone else than their signer."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from pipeline.build.manifest import read_manifest
from pipeline.check import CheckResult
from pipeline.period.check import PeriodCheck, Status, UnitStatus
from pipeline.period.config import UNITS_OUT
from pipeline.period.steps import PERIOD_BUILD, VERIFY_ZIP
from pipeline.signing.matching import Candidate, Texts, candidates_of, match_document
from pipeline.signing.trust import Trust, load_trust
from pipeline.signing.verify import NOT_A_PDF, FileCheck, verify_pdf
from pipeline.steps import Advice
from pipeline.vietnamese import tone_key

# With a trust folder: signatures that are intact but cannot be relied on, and why (without one,
# every signature is "chua-xac-minh-goc" and only its integrity and signer are checked).
_DOUBTFUL = {
    "het-han": "dùng chứng thư số đã hết hạn khi ký",
    "chua-hieu-luc": "dùng chứng thư số chưa có hiệu lực khi ký",
    "khong-tin-cay": "không tin cậy (chứng thư số không dẫn tới chứng thư gốc nào của cơ quan)",
    "thu-hoi": "dùng chứng thư số đã bị thu hồi",
    "crl-cu": "chưa kiểm tra được thu hồi (danh sách thu hồi trong thư mục tin cậy đã quá hạn)",
    "dau-thoi-gian-hong": "có dấu thời gian bị hỏng (đã bị thay đổi hoặc không phải của chữ ký này)",
    "dau-thoi-gian-khong-tin-cay": (
        "có dấu thời gian của nơi cấp không dẫn tới chứng thư gốc nào trong thư mục tin cậy"
    ),
}
# How a signed PDF is checked: verify_pdf itself, or the web app's cache of its results.
Verifier = Callable[[Path, Trust | None], FileCheck]
# The documents whose signer the workbook names (the unit's signer of the Tờ trình).
SIGNED_BY_UNIT_SIGNER = ("to-trinh", "trich-ngang")


def signed_folder(result: CheckResult) -> Path:
    """Where a unit puts its signed PDFs: beside its workbook, a folder of the workbook's name."""
    return result.path.with_suffix("")


def with_signatures(
    checked: PeriodCheck,
    results_dir: Path,
    trust: Path | None = None,
    verify: Verifier = verify_pdf,
) -> PeriodCheck:
    """The period's check with each valid unit's signature problems in its status.

    The documents come from the last `hoso period build` (results_dir/don-vi/<workbook>/). The
    signers' certificates are checked against the trust folder of dot-xet.toml (else `trust`,
    else not at all); HosoError when that folder cannot be read.
    """
    folder = checked.period.trust_dir or trust
    roots = load_trust(folder) if folder is not None else None
    units = []
    for unit in checked.units:
        result = next((r for r in checked.results if r.path == unit.file), None)
        # A unit's second workbook is built nowhere: its signed documents are its unit's.
        if result is None or result.batch is None or checked.is_copy(result):
            units.append(unit)
            continue
        built = results_dir / UNITS_OUT / result.path.stem
        problems = tuple(unit_problems(result, built, roots, verify))
        units.append(_signed_status(unit, problems))
    return dataclasses.replace(checked, units=tuple(units))


def _signed_status(unit: UnitStatus, problems: tuple[str, ...]) -> UnitStatus:
    """A unit whose documents are not all signed, intact and by their signer cannot be
    consolidated: "chưa ký đủ" (a workbook error still says "có lỗi"), each problem an error."""
    if not problems:
        return unit
    status: Status = unit.status if unit.status == "co-loi" else "chua-ky"
    return dataclasses.replace(
        unit, status=status, signing=problems, errors=unit.errors + len(problems)
    )


def unit_problems(
    result: CheckResult, built: Path, trust: Trust | None = None, verify: Verifier = verify_pdf
) -> list[str]:
    """What is wrong with one unit's signed documents (empty: all signed, intact, by their signer)."""
    manifest = read_manifest(built)
    if manifest is None:
        return [
            Advice(
                "chưa tạo hồ sơ của đơn vị (",
                PERIOD_BUILD,
                ") nên chưa đối chiếu được văn bản đã ký",
            )
        ]
    if result.batch is not None and manifest.workbook_sha256 != result.batch.sha256:
        return [
            Advice(
                "tệp Excel của đơn vị đã thay đổi sau lần tạo hồ sơ gần nhất (",
                PERIOD_BUILD,
                "): tạo lại để đối chiếu văn bản đã ký",
            )
        ]
    candidates, texts = candidates_of(built, manifest), Texts()
    signed: dict[str, list[tuple[str, FileCheck]]] = {}
    problems = []
    folder = signed_folder(result)
    files = sorted(p for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []
    for path in (p for p in files if p.suffix.lower() == ".zip"):
        problems.append(
            Advice(
                f"{path.name}: tệp ZIP không được đọc; hãy giải nén các tệp PDF đã ký trong đó vào "
                f"thư mục {folder.name}/",
                VERIFY_ZIP,
                file=path.name,
            )
        )
    # Windows tools name files .PDF as often as .pdf.
    for path in (p for p in files if p.suffix.lower() == ".pdf"):
        data = path.read_bytes()
        if b"%PDF-" not in data[:1024]:  # no PDF at all (a picture renamed): as hoso verify says
            problems.append(f"{path.name}: {verify(path, trust).error or NOT_A_PDF}")
            continue
        match = match_document(data, candidates, texts)
        if match is None:
            problems.append(f"{path.name}: không khớp với văn bản nào của đơn vị")
            continue
        signed.setdefault(match[0].entry.path, []).append((path.name, verify(path, trust)))
    signer = result.batch.info.signer.name if result.batch else ""
    for candidate in candidates:
        problems += _document_problems(candidate, signed.get(candidate.entry.path, []), signer)
    return problems


def _document_problems(
    candidate: Candidate, copies: list[tuple[str, FileCheck]], signer: str
) -> list[str]:
    """One document: unsigned, broken, or not signed by the person the workbook names. With a
    good copy, another copy's problem is that file's (named); without one, each copy's."""
    title = candidate.entry.title
    if not copies:
        return [f"{title}: chưa ký số"]
    said = [(name, _copy_problem(candidate, check, signer)) for name, check in copies]
    if any(problem is None for _, problem in said):
        return [
            f"{name}: một bản khác của {title}, {problem}; hãy bỏ tệp này"
            for name, problem in said
            if problem is not None
        ]
    return [f"{title} ({name}): {problem}" for name, problem in said]


def _copy_problem(candidate: Candidate, check: FileCheck, signer: str) -> str | None:
    """What is wrong with one signed copy of a document, or None."""
    signatures = check.signatures
    if not signatures:
        return "chưa ký số"
    broken = [s for s in signatures if s.status in ("hong", "mot-phan")]
    if broken:
        if broken[0].status == "hong":
            return f"chữ ký của {broken[0].signer} bị hỏng"
        return f"chữ ký của {broken[0].signer} không bao trùm cả tệp ({broken[0].added_after})"
    doubtful = [s for s in signatures if s.status in _DOUBTFUL]
    if doubtful:
        return f"chữ ký của {doubtful[0].signer} {_DOUBTFUL[doubtful[0].status]}"
    by_signer = any(tone_key(s.signer) == tone_key(signer) for s in signatures)
    if candidate.entry.kind in SIGNED_BY_UNIT_SIGNER and signer and not by_signer:
        return f"ký bởi {', '.join(s.signer for s in signatures)}, không phải người ký {signer}"
    return None
