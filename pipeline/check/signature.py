"""The signature block's lines per NĐ 30 (TM., KT., Q., TL., TUQ.), and the "TM." line of a
collective body (Ủy ban, Hội đồng nhân dân) that a workbook's and the office's Tờ trình share."""

from __future__ import annotations

from pipeline.vietnamese import tone_key
from pipeline.vietnamese.authorities import authority_key, spell_out, without_place


def works_collectively(unit: str) -> bool:
    """True for a body whose documents are signed on behalf of it as a whole ("TM."): a Ủy ban
    nhân dân or a Hội đồng nhân dân.

    >>> works_collectively("UBND xã Bù Gia Mập"), works_collectively("Phòng Văn hóa và Thông tin")
    (True, False)
    """
    return authority_key(unit).startswith(("ủy ban nhân dân", "hội đồng nhân dân"))


def body_line(unit: str) -> str:
    """The "TM." line of unit's signature block: the body without its place, its acronyms
    written in full, as NĐ 30 prints it ("UBND xã B" → "TM. ỦY BAN NHÂN DÂN").

    >>> body_line("UBND xã B"), body_line("HĐND huyện X")
    ('TM. ỦY BAN NHÂN DÂN', 'TM. HỘI ĐỒNG NHÂN DÂN')
    """
    # Spelt out first: the place is found on the full name ("UBND" alone has none).
    return f"TM. {without_place(spell_out(unit)[0]).upper()}"


def signature_lines(authority: str, title: str, unit: str) -> tuple[str, ...] | str:
    """The signature block's upper-case lines per NĐ 30 (TM., KT., Q., TL., TUQ.), or the problem.
    "KT." alone is a head's own signature (a Chủ tịch's Quyết định); a Tờ trình of a Ủy ban
    nhân dân gets its "TM." line from collective_lines.

    >>> signature_lines("KT.", "Phó Chủ tịch", "Ủy ban nhân dân huyện A")
    ('KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH')
    >>> signature_lines("TM.", "Chủ tịch", "Ủy ban nhân dân xã B")
    ('TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH')
    >>> signature_lines("TM.", "Phó Chủ tịch", "Ủy ban nhân dân xã B")
    ('TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH')
    >>> signature_lines("TM.", "Chủ tịch\\nPhó Chủ tịch", "Ủy ban nhân dân xã B")
    ('TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH')
    """
    parts = [p.strip() for p in title.split("\n") if p.strip()]
    if not parts:
        return ()
    upper = [p.upper() for p in parts]
    collective = body_line(unit)  # the header names it in full, place included
    if len(parts) == 2 and authority == "TM.":  # head, then the deputy signing for them
        return (collective, f"KT. {upper[0]}", upper[1])
    if len(parts) == 2:
        return (f"{authority} {upper[0]}".strip(), upper[1])
    if authority == "TM." and tone_key(parts[0]).startswith("phó "):
        # A deputy signing for a collective body signs for its head too (NĐ 30, Phụ lục I).
        return (collective, f"KT. {parts[0][4:].strip().upper()}", upper[0])
    if authority == "TM.":
        return (collective, upper[0])
    if authority == "KT.":
        if not tone_key(parts[0]).startswith("phó "):
            return "ký thay (KT.) thì chức vụ người ký là cấp phó, ví dụ “Phó Chủ tịch”."
        return (f"KT. {parts[0][4:].strip().upper()}", upper[0])
    if authority == "Q.":
        return (f"Q. {upper[0]}",)
    if authority in ("TL.", "TUQ."):
        return f"{authority}: ghi 2 dòng trong ô: chức vụ người đứng đầu, rồi chức vụ người ký."
    return (upper[0],)


def signs_for_body(authority: str, unit: str) -> bool:
    """True when a deputy's "KT." signature of unit's Tờ trình is also one on behalf of the body
    ("TM."): a collective body's deputy signs for the body and for its head (NĐ 30, Phụ lục I)."""
    return authority == "KT." and works_collectively(unit)


def collective_lines(authority: str, title: str, unit: str) -> tuple[str, ...] | str:
    """A Tờ trình's signature lines, or the problem: signature_lines with the "TM." line a
    collective body's deputy signing "KT." also signs.

    >>> collective_lines("KT.", "Phó Chủ tịch", "Ủy ban nhân dân xã B")
    ('TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH')
    >>> collective_lines("KT.", "Phó Trưởng phòng", "Phòng Văn hóa và Thông tin")
    ('KT. TRƯỞNG PHÒNG', 'PHÓ TRƯỞNG PHÒNG')
    """
    lines = signature_lines(authority, title, unit)
    if isinstance(lines, str) or not lines or not signs_for_body(authority, unit):
        return lines
    return (body_line(unit), *lines)


def collective_note(unit: str, lines: tuple[str, ...], remedy: str) -> str:
    """The warning that a collective body's deputy signs "TM." too: what prints (lines, with
    its "TM." line), then remedy, how to make the warning go (a cell's choice, a config key).
    The body is named in full, as its "TM." line prints it ("UBND xã B" → "Ủy ban nhân dân")."""
    body = without_place(spell_out(unit)[0])
    return (
        f"{unit} làm việc theo chế độ tập thể: cấp phó ký thay người đứng đầu thì cũng ký "
        f"thay mặt {body} (Nghị định 30/2020/NĐ-CP, Phụ lục I), nên chữ ký in "
        f"“{' / '.join(lines)}”. {remedy}"
    )
