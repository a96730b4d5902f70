"""Example data left in a workbook: the fictional people and reports `hoso init --example` wrote.

The example workbook carries a mark per fictional row (pipeline.inputs.contract.example_mark);
a row whose values still match one is example data, whatever else the clerk has added or changed.
"""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.check.drafts import Draft
from pipeline.check.findings import Findings, Source
from pipeline.check.model import Council, Individual
from pipeline.inputs.contract import INDIVIDUALS, INFO, MEMBERS, example_mark
from pipeline.vietnamese import format_ranges

EXAMPLE_CODE = "example-data"


def check_examples(
    findings: Findings,
    marks: frozenset[str],
    signer: tuple[str, Source] | None,
    council: Council | None,
    drafts: Sequence[Draft],
) -> None:
    """One warning per sheet naming the rows that are still example data."""
    if not marks:
        return
    if signer is not None and example_mark(INFO, signer[0]) in marks:
        findings.warning(signer[1], _message(f"người ký “{signer[0]}”"), EXAMPLE_CODE)
    if council is not None:
        members = [m for m in council.members if example_mark(MEMBERS, m.name) in marks]
        if members:
            rows = [int("".join(c for c in m.source.cell or "" if c.isdigit())) for m in members]
            what = _who(rows, [m.name for m in members], "thành viên")
            findings.warning(members[0].source, _message(what), EXAMPLE_CODE)
    for sheet in dict.fromkeys(d.nominee.source.sheet for d in drafts):
        own = [d for d in drafts if d.nominee.source.sheet == sheet and _is_example(d, marks)]
        if own:
            noun = "tập thể" if own[0].nominee.kind == "tap-the" else "cá nhân"
            what = _who([int(d.row) for d in own], [d.who for d in own], noun)
            findings.warning(own[0].nominee.source, _message(what), EXAMPLE_CODE)


def _is_example(draft: Draft, marks: frozenset[str]) -> bool:
    n = draft.nominee
    if isinstance(n, Individual):
        birth = n.birth_date.isoformat() if n.birth_date else ""
        return example_mark(INDIVIDUALS, n.name, birth) in marks
    return example_mark(n.source.sheet or "", n.name, n.achievements) in marks


def _who(rows: list[int], names: list[str], noun: str) -> str:
    more = f" và {len(names) - 5} tên khác" if len(names) > 5 else ""
    shown = ", ".join(names[:5]) + more
    return f"{len(rows)} {noun} (dòng {format_ranges(rows)}: {shown})"


def _message(what: str) -> str:
    return (
        f"{what} là dữ liệu ví dụ (hư cấu) do hoso tạo; hãy thay bằng dữ liệu thật hoặc xóa "
        "trước khi tạo hồ sơ để in, ký và gửi."
    )
