"""What clerks paste and type that prints wrong: invisible characters, odd spaces, pasted bullets,
titles before names, text in the wrong case. Each function says what it changed, so the check can
tell the clerk at the cell.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

from pipeline.vietnamese._syllables import is_syllable

# Characters that print as nothing (or only at a line end) and so glue or split words unseen.
INVISIBLE: dict[str, str] = {
    "\u00ad": "gạch nối mềm",
    "\u200b": "khoảng trắng rộng 0",
    "\u200c": "ký tự nối rộng 0",
    "\u200d": "ký tự nối rộng 0",
    "\u2060": "ký tự nối từ",
    "\ufeff": "dấu BOM",
    "\u200e": "dấu hướng chữ",
    "\u200f": "dấu hướng chữ",
    "\u061c": "dấu hướng chữ",
    **dict.fromkeys([chr(c) for c in range(0x202A, 0x202F)], "dấu hướng chữ"),
    **dict.fromkeys([chr(c) for c in range(0x2066, 0x206A)], "dấu hướng chữ"),
}
# Spaces other than the plain one: pasted from web pages and Word, they stop line breaking or
# compare unequal. U+00A0 included: hoso puts its own where typography wants one.
_ODD_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE_RUN = re.compile("[" + "".join(INVISIBLE) + "]+")
# Line starts that Word and web pages use as bullets; the documents' own list style is "- ".
_BULLET = re.compile(r"^\s*(?:[•●▪■◦○·∙‣⁃*+–—‐‑−➢➤►✓✔\uf0b7\uf0a7\uf076\uf0d8]|o(?=\s)|-(?=\S))\s*")
# Emoji, pictographs, flags and private-use glyphs: Times New Roman and Liberation Serif have none
# of them, so a document prints a blank where the clerk saw a picture. The bullets above are not
# counted: a line that starts with one becomes the documents' own "- ".
_NO_GLYPH = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\ue000-\uf8ff\ufe0f\u20e3]")
_BULLET_SIGNS = frozenset("➢➤►✓✔\uf0b7\uf0a7\uf076\uf0d8")
_TITLES = (
    "đ/c",
    "đ/ c",
    "đc",
    "đồng chí",
    "gs.ts.",
    "pgs.ts.",
    "gs.",
    "pgs.",
    "ts.",
    "ths.",
    "ths",
    "ks.",
    "bs.",
    "cn.",
    "mr.",
    "mrs.",
    "ms.",
)
# Forms of address that are also rare surnames ("Ông Ích Khiêm"): dropped only when a common
# surname follows them.
_ADDRESS = ("ông", "bà", "anh", "chị", "cô", "thầy", "ông/bà")
SURNAMES = frozenset(
    """nguyễn trần lê phạm hoàng huỳnh phan vũ võ đặng bùi đỗ hồ ngô dương lý đinh lương triệu
    hà mai trương đào đoàn vương trịnh lâm phùng cao tạ quách thái tô tăng chu lưu hứa kiều thân
    khúc nông lò sầm vi lục ma hầu giàng thào sùng vàng mùa lã từ châu tôn kim khổng doãn
    âu đàm đồng giang lại mạc mạch ninh quản thạch tiêu trình ứng""".split()  # noqa: SIM905
)
Case = Literal["upper", "lower"]
# Cyrillic and Greek letters drawn like Latin ones. Pasted from a document typed on another
# keyboard (or a PDF), they print alike but compare unequal: "Lаn" is not "Lan", so a duplicate,
# a name on another sheet or the authority of "Kính gửi" would be missed.
_LOOKALIKES = str.maketrans(
    "аеорсухіјѕһԁԛԝАВЕКМНОРСТХУІЈЅΑΒΕΖΗΙΚΜΝΟΡΤΥΧοινα",
    "aeopcyxijshdqwABEKMHOPCTXYIJSABEZHIKMNOPTYXoiva",
)
_SCRIPTS = {"CYRILLIC": "Kirin (chữ Nga)", "GREEK": "Hy Lạp"}


def clean_invisible(text: str) -> tuple[str, tuple[str, ...]]:
    """The text without invisible characters, and what they were.

    Between two whole Vietnamese syllables an invisible character stood for the space the
    clerk saw ("Công\\u00adSơn" prints "CôngSơn"): it becomes a space; elsewhere it is dropped.

    >>> clean_invisible("Đinh Công\\u00adSơn")
    ('Đinh Công Sơn', ('gạch nối mềm',))
    >>> clean_invisible("chuyển\\u200b đổi số")
    ('chuyển đổi số', ('khoảng trắng rộng 0',))
    """
    found: list[str] = []

    def replace(match: re.Match[str]) -> str:
        found.extend(INVISIBLE[ch] for ch in match.group())
        before = re.search(r"[^\W\d_]+$", text[: match.start()])
        after = re.match(r"[^\W\d_]+", text[match.end() :])
        between = before and after and is_syllable(before.group()) and is_syllable(after.group())
        return " " if between else ""

    cleaned = _INVISIBLE_RUN.sub(replace, text)
    cleaned = "".join(ch for ch in cleaned if ch in "\n\t" or unicodedata.category(ch) != "Cc")
    if len(cleaned) != len(text) and not found:
        found.append("ký tự điều khiển")
    return cleaned, tuple(dict.fromkeys(found))


def latin_lookalikes(text: str) -> tuple[str, str, str]:
    """In a text with Latin letters, Cyrillic and Greek letters that look Latin made Latin; the
    text, the letters replaced (each once) and the alphabet they came from ("" when none).

    >>> latin_lookalikes("Hà Thị L\u0430n")
    ('Hà Thị Lan', '\u0430', 'Kirin (chữ Nga)')
    >>> latin_lookalikes("Москва")[1]
    ''
    """
    latin = any(ch.isalpha() and unicodedata.name(ch, "").startswith("LATIN") for ch in text)
    fixed = unicodedata.normalize("NFC", text.translate(_LOOKALIKES)) if latin else text
    if fixed == text:
        return text, "", ""
    found = "".join(dict.fromkeys(ch for ch in text if ch.translate(_LOOKALIKES) != ch))
    script = unicodedata.name(found[0], "").split(" ")[0]
    return fixed, found, _SCRIPTS.get(script, script)


# Icelandic Eth drawn like the Vietnamese Đ: text converted through a Western code page
# (Windows-1252 holds "Ð" where Windows-1258 holds "Đ") or typed with a wrong keyboard charset.
_ETH = str.maketrans("Ðð", "Đđ")


def vietnamese_d(text: str) -> tuple[str, str]:
    """The text with the Eth letters that stand for Đ and đ made Vietnamese, and those found.

    >>> vietnamese_d("\u00d0inh Công Sơn")
    ('Đinh Công Sơn', 'Ð')
    >>> vietnamese_d("Đinh Công Sơn")
    ('Đinh Công Sơn', '')
    """
    found = "".join(dict.fromkeys(ch for ch in text if ch in "Ðð"))
    return (text.translate(_ETH), found) if found else (text, "")


# What clerks type to hold a place they mean to fill later, or to mark "nothing": dots, dashes
# and the like ("...", "…", "-", "?"), a lone "x" or "0", or the words for "not yet".
_MARKS = re.compile(r"[\s.…\-‐‑‒–—―_?*/\\]+")
_NOT_YET = frozenset(
    (
        "chưa có",
        "chưa rõ",
        "đang cập nhật",
        "chưa cập nhật",
        "cập nhật sau",
        "đang bổ sung",
        "bổ sung sau",
        "sẽ bổ sung",
        "n/a",
        "tbd",
    )
)
# A form's own instruction left in the cell: "(ghi thành tích)", "[nhập họ tên]", "<điền vào>".
_INSTRUCTION = re.compile(r"[(\[<]\s*(?:ghi|nhập|điền)\b[^)\]>]*[)\]>]")


def placeholder(text: str) -> Literal["mark", "words"] | None:
    """Whether a text only holds a place: "mark" ("...", "-", "x", "0"), "words" ("đang cập
    nhật", "(ghi thành tích)"), None for a value.

    >>> placeholder("…"), placeholder("x"), placeholder("Đang cập nhật."), placeholder("Kinh")
    ('mark', 'mark', 'words', None)
    >>> placeholder("(Ghi tóm tắt thành tích)"), placeholder("Ghi chú (xem sau)")
    ('words', None)
    """
    low = " ".join(text.lower().split()).rstrip(".")
    if _MARKS.fullmatch(text) or low in ("x", "0"):
        return "mark"
    return "words" if low in _NOT_YET or _INSTRUCTION.fullmatch(low) else None


def unprintable(text: str) -> str:
    """The characters the documents' fonts cannot print (emoji, pictographs), each once, in order.

    >>> unprintable("Xuất sắc 👍🇻🇳"), unprintable("✓ Hoàn thành"), unprintable("Lê Thị Hoa")
    ('👍🇻🇳', '', '')
    """
    found = (ch for ch in _NO_GLYPH.findall(text) if ch not in _BULLET_SIGNS)
    return "".join(dict.fromkeys(found))


def plain_spaces(text: str) -> str:
    """Every kind of space as the plain one (tabs too), so words break and compare normally.

    >>> plain_spaces("Nguyễn\\u00a0Văn\\tAn")
    'Nguyễn Văn An'
    """
    return _ODD_SPACES.sub(" ", text).replace("\t", " ")


def dash_bullets(text: str) -> str:
    """Lines that start with a pasted bullet (•, –, +, *, …) start with "- " instead.

    >>> dash_bullets("Kết quả:\\n• Số hóa 95%\\n–Ký số 100%")
    'Kết quả:\\n- Số hóa 95%\\n- Ký số 100%'
    """
    return "\n".join(
        _BULLET.sub("- ", line, count=1) if _BULLET.match(line) else line
        for line in text.split("\n")
    )


def strip_title(name: str) -> tuple[str, str | None]:
    """A person's name without a form of address, rank or degree before it, and what that was.

    >>> strip_title("Đ/c Nguyễn Văn An"), strip_title("ThS. Lê Thị Hoa"), strip_title("Ông Ích Khiêm")
    (('Nguyễn Văn An', 'Đ/c'), ('Lê Thị Hoa', 'ThS.'), ('Ông Ích Khiêm', None))
    """
    lower = name.lower()
    for title in sorted(_TITLES, key=len, reverse=True):
        if lower.startswith(title) and (len(name) == len(title) or not name[len(title)].isalpha()):
            rest = name[len(title) :].strip(" .:-")
            if rest:
                return rest, name[: len(title)].strip()
    first, _, rest = name.partition(" ")
    if first.lower() in _ADDRESS and rest.split(" ", 1)[0].lower() in SURNAMES:
        return rest, first
    return name, None


def odd_in_name(name: str) -> str | None:
    """The first character a person's name cannot have (digits, brackets, …), or None.

    >>> odd_in_name("Nguyễn Văn An (ví dụ)"), odd_in_name("H'Hen Niê"), odd_in_name("Lê Thị Hoa")
    ('(', None, None)
    """
    for ch in name:
        # A letter of another alphabet (Chinese, Cyrillic) is no letter of a Vietnamese name.
        latin = ch.isalpha() and unicodedata.name(ch, "").startswith("LATIN")
        if not (latin or ch in " -'’"):
            return ch
    return None


def case_of(text: str) -> Case | None:
    """ "upper" or "lower" when text of two or more words is typed all in one case, else None.

    >>> case_of("ỦY BAN NHÂN DÂN XÃ"), case_of("phòng văn hóa"), case_of("Phòng Văn hóa"), case_of("VHTT")
    ('upper', 'lower', None, None)
    """
    letters = [ch for ch in text if ch.isalpha()]
    if len(text.split()) < 2 or not letters:
        return None
    if all(ch.isupper() for ch in letters):
        return "upper"
    if all(ch.islower() for ch in letters):
        return "lower"
    return None


def sentence_case(text: str) -> str:
    """The first letter upper case, the rest lower: "CHUYÊN VIÊN" → "Chuyên viên".

    >>> sentence_case("CHUYÊN VIÊN CHÍNH"), sentence_case("kinh")
    ('Chuyên viên chính', 'Kinh')
    """
    return text[:1].upper() + text[1:].lower()
