"""Legacy Vietnamese encodings (TCVN3/ABC, VNI-Windows) pasted into cells: detection, conversion.

Legacy text reaches a cell as the Windows code page's reading of its bytes, so every legacy
character is in U+00A1..U+00FF ("NguyÔn V¨n An"). Detection is conservative; see decode_legacy.

TCVN3 capitals: the .VnTime fonts (TCVN 5712 VN3) have their own codes only for Ă Â Ê Ô Ơ Ư Đ;
a capital with a tone mark (Ễ, Ủ, Á...) has no code, so it was typed with the lower-case code and
shown in capitals by a separate font (.VnTimeH). Converted text therefore gets its case back by
rules, documented in decode_legacy.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from pipeline.vietnamese._syllables import is_syllable

# TCVN3 (ABC, TCVN 5712:1993 VN3), code → Unicode. Checked against GNU libiconv's TCVN-5712 table.
# 0xAD is "ư" (it looks like a soft hyphen); the ASCII hyphen 0x2D is never remapped.
_TCVN3_CAPITALS = dict(zip("\xa1\xa2\xa3\xa4\xa5\xa6\xa7", "ĂÂÊÔƠƯĐ", strict=True))
_TCVN3_TABLE = (
    ("a", "\xb5\xb6\xb7\xb8\xb9", "àảãáạ"),
    ("ă", "\xa8\xbb\xbc\xbd\xbe\xc6", "ăằẳẵắặ"),
    ("â", "\xa9\xc7\xc8\xc9\xca\xcb", "âầẩẫấậ"),
    ("đ", "\xae", "đ"),
    ("e", "\xcc\xce\xcf\xd0\xd1", "èẻẽéẹ"),
    ("ê", "\xaa\xd2\xd3\xd4\xd5\xd6", "êềểễếệ"),
    ("i", "\xd7\xd8\xdc\xdd\xde", "ìỉĩíị"),
    ("o", "\xdf\xe1\xe2\xe3\xe4", "òỏõóọ"),
    ("ô", "\xab\xe5\xe6\xe7\xe8\xe9", "ôồổỗốộ"),
    ("ơ", "\xac\xea\xeb\xec\xed\xee", "ơờởỡớợ"),
    ("u", "\xef\xf1\xf2\xf3\xf4", "ùủũúụ"),
    ("ư", "\xad\xf5\xf6\xf7\xf8\xf9", "ưừửữứự"),
    ("y", "\xfa\xfb\xfc\xfd\xfe", "ỳỷỹýỵ"),
)
TCVN3: dict[str, str] = {
    code: uni for _, codes, unis in _TCVN3_TABLE for code, uni in zip(codes, unis, strict=True)
} | _TCVN3_CAPITALS

# VNI-Windows: a base letter followed by a mark character; a few letters are single characters.
# Marks in the order none, sắc, huyền, hỏi, ngã, nặng.
_TONES = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")
_VNI_TONES = dict(zip("ùøûõï", _TONES[1:], strict=True))
_VNI_CIRCUMFLEX = dict(zip("âáàåãä", _TONES, strict=True))  # â ấ ầ ẩ ẫ ậ after a, e, o
_VNI_BREVE = dict(zip("êéèúüë", _TONES, strict=True))  # ă ắ ằ ẳ ẵ ặ after a
# Single characters: í ì ỉ ĩ ị, ỵ, đ, ơ, ư.
_VNI_SINGLE = dict(zip("íìæóòîñôö", "íìỉĩịỵđơư", strict=True))


def _build_vni() -> dict[str, str]:
    table: dict[str, str] = {}
    for case in (str.lower, str.upper):
        for code, uni in _VNI_SINGLE.items():
            table[case(code)] = case(uni)
        for base in "aeouyôö":
            marks = dict(_VNI_TONES)
            if base in "aeo":
                marks |= {m: "\u0302" + t for m, t in _VNI_CIRCUMFLEX.items()}
            if base == "a":
                marks |= {m: "\u0306" + t for m, t in _VNI_BREVE.items()}
            letter = _VNI_SINGLE.get(base, base)
            for mark, combining in marks.items():
                table[case(base + mark)] = case(unicodedata.normalize("NFC", letter + combining))
    del table["yï"], table["YÏ"]  # VNI writes ỵ as the single character î
    return table


VNI: dict[str, str] = _build_vni()

_TOKEN = re.compile(r"[A-Za-z\u00a1-\u00ff]+")
_TOKEN_SPLIT = re.compile(f"({_TOKEN.pattern})")
_LATIN1 = re.compile(r"[\u00a1-\u00ff]")
_TCVN3_TONED = frozenset(c for c in TCVN3 if c >= "\xb5")  # toned vowels: no capital code
Decoder = Callable[[str], "str | None"]
Piece = tuple[str, str, bool]  # (original, converted, is a legacy token)


def _decode_tcvn3(token: str) -> str | None:
    out = []
    for ch in token:
        if ch in TCVN3:
            out.append(TCVN3[ch])
        elif ch.isascii():
            out.append(ch)
        else:
            return None
    return "".join(out)


def _decode_vni(token: str) -> str | None:
    out, i = [], 0
    while i < len(token):
        pair = token[i : i + 2]
        # a mark of the other case is accepted (hand-edited cells); the base letter sets the case
        for candidate in (pair, pair[:1] + pair[1:].swapcase()):
            if len(candidate) == 2 and candidate in VNI:
                uni = VNI[candidate]
                out.append(uni.upper() if candidate[0].isupper() else uni.lower())
                i += 2
                break
        else:
            ch = token[i]
            if ch in VNI:
                out.append(VNI[ch])
            elif ch.isascii():
                out.append(ch)
            else:
                return None
            i += 1
    return "".join(out)


def _pieces(s: str) -> list[str]:
    """s cut into separators and tokens, alternating, starting and ending with a separator."""
    return _TOKEN_SPLIT.split(s)


def _convert(s: str, decode: Decoder) -> list[Piece] | None:
    """Every piece of s with its conversion, or None if a token with legacy characters does not
    decode to a Vietnamese syllable, or the evidence is too thin (a single legacy character
    standing alone, such as "©")."""
    pieces: list[Piece] = []
    legacy, long_token = 0, False
    for k, piece in enumerate(_pieces(s)):
        if k % 2 == 0 or piece.isascii():
            pieces.append((piece, piece, False))
            continue
        decoded = decode(piece)
        if decoded is None or not is_syllable(decoded):
            return None
        legacy += 1
        long_token = long_token or len(piece) > 1
        pieces.append((piece, decoded, True))
    return pieces if long_token or legacy >= 2 else None


def _capital(c: str) -> bool:
    """Whether a TCVN3 character is certainly a capital (an ASCII capital or a dedicated code)."""
    return (c.isascii() and c.isupper()) or c in _TCVN3_CAPITALS


def _has_ascii_lower(s: str) -> bool:
    return any(c.isascii() and c.islower() for c in s)


def _tcvn3_case(pieces: list[Piece], caps: bool | None) -> str:
    """The converted text with the capitals TCVN3 cannot encode restored (see decode_legacy)."""
    if caps is not None:
        text = "".join(new for _, new, _ in pieces)
        return text.upper() if caps else text
    tokens = [old for k, (old, _, _) in enumerate(pieces) if k % 2]
    capitalised = [sum(map(_capital, t)) >= 2 and not _has_ascii_lower(t) for t in tokens]
    if any(capitalised) and not any(_has_ascii_lower(t) for t in tokens):
        return "".join(new for _, new, _ in pieces).upper()
    out = []
    for k, (old, new, is_legacy) in enumerate(pieces):
        if is_legacy and capitalised[k // 2]:
            new = new.upper()
        elif is_legacy and old[0] in _TCVN3_TONED and len(tokens) > 1:
            others = tokens[: k // 2] + tokens[k // 2 + 1 :]
            if all(_capital(o[0]) for o in others):
                new = new[0].upper() + new[1:]
        out.append(new)
    return "".join(out)


def decode_legacy(s: str, *, caps: bool | None = None) -> tuple[str, str | None]:
    """Detect text typed in TCVN3 (ABC) or VNI-Windows and convert it to Unicode (NFC).

    Returns (text, "TCVN3" | "VNI") when converted, else (s unchanged, None). Conservative: the text
    is left alone when it is ASCII, contains any Vietnamese Unicode letter or combining mark, or
    already reads as Vietnamese ("Hà", "Tú"); it is converted only when every token with legacy
    characters decodes to a valid Vietnamese syllable in exactly one encoding, with some evidence (a
    legacy token longer than one character, or at least two legacy tokens). The hyphen
    stays a hyphen (TCVN3 "ư" is 0xAD, the soft hyphen, never "-").

    TCVN3 capitals (caps=None): the whole text is upper-cased when it has no ASCII lower-case
    letter and some word has at least two certain capitals (ASCII capitals or the dedicated codes
    of Ă Â Ê Ô Ơ Ư Đ): "CéNG HßA" → "CỘNG HÒA"; otherwise each such word is upper-cased, and a word
    starting with a toned vowel is capitalised when every other word starts with a capital (names:
    "Lª ót" → "Lê Út"). caps=True upper-cases everything (a column typed in .VnTimeH), caps=False
    keeps the decoded case. Texts too short to tell ("Hå Hµ") stay in lower case after the
    initials: "Hồ Hà".

    >>> decode_legacy("NguyÔn V¨n An"), decode_legacy("Hà Nội")
    (('Nguyễn Văn An', 'TCVN3'), ('Hà Nội', None))
    """
    if s.isascii() or not _LATIN1.search(s):
        return s, None
    for ch in s:
        if ord(ch) > 0xFF and (ch.isalpha() or unicodedata.combining(ch)):
            return s, None
    if all(is_syllable(t) for t in _TOKEN.findall(s) if not t.isascii()):
        return s, None  # already reads as Vietnamese: "Hà", "Tú", "Bình"
    found: dict[str, str] = {}
    if (pieces := _convert(s, _decode_tcvn3)) is not None:
        found["TCVN3"] = _tcvn3_case(pieces, caps)
    if (pieces := _convert(s, _decode_vni)) is not None:
        found["VNI"] = "".join(new for _, new, _ in pieces)
    if len(found) != 1:
        return s, None
    ((encoding, text),) = found.items()
    return unicodedata.normalize("NFC", text), encoding


def encode_legacy(text: str, encoding: str) -> str:
    """Unicode text as it would be typed in "TCVN3" (capitals with tones as their lower-case
    codes, as Unikey writes them) or "VNI"; characters without a code are kept. For tests and
    sample files.

    >>> encode_legacy("Nguyễn Văn An", "TCVN3"), encode_legacy("Đức", "VNI")
    ('NguyÔn V¨n An', 'Ñöùc')
    """
    text = unicodedata.normalize("NFC", text)
    if encoding == "VNI":
        inverse = {uni: code for code, uni in VNI.items()}
        return "".join(inverse.get(c, c) for c in text)
    if encoding == "TCVN3":
        inverse = {uni: code for code, uni in TCVN3.items()}
        return "".join(inverse.get(c, inverse.get(c.lower(), c)) for c in text)
    raise ValueError(f"Bảng mã không hỗ trợ: “{encoding}” (chỉ có TCVN3 và VNI).")
