"""Where a printed Vietnamese line may break: names, place names and fixed phrases kept whole.

A space a line must not break at becomes a non-breaking space (U+00A0). Word and LibreOffice then
move the whole group to the next line: "Lương Quang Minh" never prints as "Lương Quang / Minh",
"huyện Bù Gia Mập" never as "huyện Bù Gia / Mập", a number never apart from what it counts ("03 /
cá nhân"), and a long unit name breaks before its level word ("ỦY BAN NHÂN DÂN / HUYỆN BÙ GIA
MẬP"). Input cells never carry U+00A0 (hygiene turns it into a
space): these are applied when a document is rendered.

Three tiers, for a justified line that would stretch (render.justified): keep_phrases glues all
of these; keep_strict the joints a line parts only where keeping them stretches it past its
aim; keep_always the joints it never parts, not even as the last resort (a person's name, a
number and what it counts, "ngày 08/10/2020", "số 26/2020/QĐ-UBND", "Điều 1", a range of years,
a blank), so a body's or a place's name may then part at one joint: "Ủy ban / nhân dân",
"tỉnh / Bình Phước".
"""

from __future__ import annotations

import re
from functools import lru_cache

NBSP = "\u00a0"
# Levels of government, longest first; a place name follows them ("xã Phú Nghĩa").
LEVELS = ("thành phố", "thị trấn", "thị xã", "tỉnh", "huyện", "quận", "xã", "phường")
# Short fixed phrases a reader takes as one word; matched whole, in any case.
PHRASES = (
    "sơ kết",
    "tổng kết",
    "xác nhận",
    "bằng khen",
    "giấy khen",
    "khen thưởng",
    "nội vụ",
    "không đạt",
    "chưa đạt",
    "ủy ban nhân dân",  # never "Ủy ban nhân / dân": the body's name is one word to a reader
    "uỷ ban nhân dân",
    "hội đồng nhân dân",
    "hợp tác xã",  # a cooperative: never "Hợp / tác xã", and its "xã" is no commune
)
# Words of two syllables that name offices, fields and positions ("Văn phòng", "Truyền thanh",
# "Chuyên viên"). In running text a line may break between syllables, as Vietnamese is typeset;
# in a narrow table cell "Văn / phòng" reads as two words, so cells keep these whole (keep_words).
WORDS = (
    "văn phòng", "trung tâm", "truyền thanh", "truyền hình", "truyền thông", "thông tin",
    "văn hóa", "văn hoá", "thể thao", "du lịch", "xã hội", "nội vụ", "tư pháp", "tài chính",
    "kế hoạch", "đầu tư", "giáo dục", "đào tạo", "y tế", "nông nghiệp", "phát triển",
    "nông thôn", "tài nguyên", "môi trường", "lao động", "thương binh", "công thương",
    "kinh tế", "hạ tầng", "quản lý", "quản lí", "dân tộc", "thanh tra", "chuyên viên",
    "giám đốc", "trưởng phòng", "chủ tịch", "cán bộ", "công chức", "viên chức", "nhân viên",
    "kỹ thuật", "kĩ thuật", "kế toán", "thi đua", "khen thưởng", "mặt trận", "tổ quốc",
    "hội đồng", "ủy ban", "uỷ ban", "nhân dân", "bí thư", "đảng ủy", "đảng uỷ", "công an",
    "quân sự", "biên tập", "phóng viên", "giáo viên", "hiệu trưởng", "tiểu học", "mầm non",
    "trung học", "cơ sở", "phổ thông", "bệnh viện", "công tác", "đơn vị", "thống kê",
    "địa chính", "xây dựng", "giao thông", "vận tải", "khoa học", "công nghệ", "kiểm lâm",
    "thường trực", "phụ trách", "chánh án", "kiểm sát", "thủ quỹ", "văn thư", "lưu trữ",
    "thư viện", "bảo tàng", "phục vụ", "dịch vụ", "hành chính",
)  # fmt: skip
# Words of two syllables a table's column headers and a document's centred title are made of
# ("Yêu cầu của kế hoạch", "Số phiếu đồng ý", "… trong phong trào thi đua"). A header or a centred
# line is a label, not running text: "của kế / hoạch" or "phong / trào" reads as a slip, so they
# keep these and WORDS whole in any case (keep_label_words).
LABEL_WORDS = (
    "yêu cầu", "đồng ý", "số phiếu", "hình thức", "đề nghị", "tỷ lệ", "tỉ lệ", "kết quả",
    "ghi chú", "chỉ tiêu", "đăng ký", "đăng kí", "đạt được", "đánh giá", "giới tính", "năm sinh",
    "ngày sinh", "chức vụ", "tiền thưởng", "thành tích", "tóm tắt", "danh hiệu", "tập thể",
    "cá nhân", "số lượng", "nội dung", "thời gian", "số tiền", "địa chỉ", "quê quán", "trình độ",
    "chuyên môn", "họ và tên", "số thứ tự", "mức thưởng", "số quyết định", "phong trào",
    "xuất sắc", "chuyển đổi", "chương trình", "đẩy mạnh", "về việc", "thực hiện", "hoàn thành",
    "nhiệm vụ", "danh sách", "tờ trình", "biên bản", "quyết định", "báo cáo", "kèm theo",
    "xem xét", "sơ kết", "tổng kết", "giai đoạn", "người ký", "ký tên", "đóng dấu",
)  # fmt: skip
# A blank left for the văn thư ("số      /TTr-UBND ngày      tháng      năm 2023") is a run of
# spaces; in a justified line plain spaces stretch, each gap differently. Non-breaking spaces
# keep their width in LibreOffice and Word, so every blank prints as wide as it was typed.
_GAP = re.compile(r" {2,}")
MAX_PLACE_WORDS = 4  # "Bù Gia Mập", "Buôn Ma Thuột", "Đăk Ơ": at most four syllables
MAX_GLUED = 20  # "HUYỆN BÙ GIA MẬP" stays whole; a longer level and place may part
MAX_NAME_WORDS = 6  # a run of capitalised words longer than this is a title, not a name
MAX_ASIDE_WORDS = 4  # "(Sở Nội vụ)": a short aside in brackets stays whole
# Words that end an upper-case place name ("XÃ PHÚ NGHĨA VÀ …", "… HUYỆN X - TỈNH Y").
_STOPS = {"VÀ", "CỦA", "-", "–", "THUỘC", "TẠI", "Ở"}
_LEVEL_STARTS = {level.split(" ")[0] for level in LEVELS}
_LEVEL_ENDS = {level.split(" ")[-1] for level in LEVELS}  # "tỉnh", "phố" of "thành phố"
_TRAILING = ',;:.)”"!?'
_LEADING = '(“"'
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")  # 3, 03, 1.454, 100,5: not "2," nor "1."
_YEAR = re.compile(r"\d{4}")
# A date, a document's number, an article cited after the word that names it ("ngày 08/10/2020",
# "số 26/2020/QĐ-UBND", "Điều 1"): never "ngày / 08/10/2020".
_REFERENCE = re.compile(r"\d+/[\w/.-]+|\d+")
_CITES = {"ngày", "số", "điều"}
_DASHES = ("-", "–")
_PHRASE = re.compile(r"(?<!\w)(?:" + "|".join(PHRASES) + r")(?!\w)", re.IGNORECASE)
_WORD = re.compile(r"(?<!\w)(?:" + "|".join(WORDS) + r")(?!\w)", re.IGNORECASE)
_LABEL_WORD = re.compile(
    r"(?<!\w)(?:" + "|".join(sorted({*WORDS, *LABEL_WORDS}, key=len, reverse=True)) + r")(?!\w)",
    re.IGNORECASE,
)
MAX_PERSON_WORDS = 4  # a name no line may break: "Nguyễn Thị Phương Thảo", "Y Moan Niê"
_WORD_SET = frozenset(WORDS)
_SINGLE_NBSP = re.compile(f"(?<!{NBSP}){NBSP}(?!{NBSP})")
_STRICT_PHRASE = re.compile(
    r"(?<!\w)(?:" + "|".join(p for p in PHRASES if p.count(" ") == 3) + r")(?!\w)", re.IGNORECASE
)
# The phrases of four words, glued ("Hội đồng nhân dân"): two words of two syllables each.
_LONG_PHRASE = re.compile(
    r"(?<!\w)(?:"
    + "|".join(p.replace(" ", NBSP) for p in PHRASES if p.count(" ") == 3)
    + r")(?!\w)",
    re.IGNORECASE,
)


def keep_whole(text: str) -> str:
    """Every space of a short text non-breaking: a person's name prints on one line.

    >>> keep_whole("Nguyễn  Văn An") == "Nguyễn\\u00a0Văn\\u00a0An"
    True
    """
    return NBSP.join(text.split())


@lru_cache(maxsize=8192)  # a batch prints the same units, places and phrases in every document
def keep_phrases(text: str) -> str:
    """Non-breaking spaces inside place names, proper names, short asides and fixed phrases.

    >>> keep_phrases("UBND HUYỆN BÙ GIA MẬP").replace(NBSP, "_")
    'UBND HUYỆN_BÙ_GIA_MẬP'
    >>> keep_phrases("Ban Thi đua (Sở Nội vụ), sơ kết năm 2023").replace(NBSP, "_")
    'Ban_Thi đua (Sở_Nội_vụ), sơ_kết năm_2023'
    >>> keep_phrases("Công chức Văn hóa - Xã hội, xã Phú Nghĩa").replace(NBSP, "_")
    'Công chức Văn hóa_- Xã hội, xã_Phú_Nghĩa'
    >>> keep_phrases("cho 03 (ba) tập thể và 12 (mười hai) cá nhân").replace(NBSP, "_")
    'cho 03_(ba) tập thể và 12_(mười_hai) cá nhân'
    >>> keep_phrases("ngày 20 tháng 11 năm 2023: 1.454 tin, bài").replace(NBSP, "_")
    'ngày 20_tháng 11_năm_2023: 1.454_tin, bài'
    >>> keep_phrases("Quyết định số 26/2020/QĐ-UBND ngày 08/10/2020, Điều 1").replace(NBSP, "_")
    'Quyết định số_26/2020/QĐ-UBND ngày_08/10/2020, Điều_1'
    >>> keep_phrases("Kế hoạch năm 2023 của Ủy ban nhân dân").replace(NBSP, "_")
    'Kế hoạch năm_2023 của Ủy_ban_nhân_dân'
    >>> keep_phrases("chuyển đổi số giai đoạn 2022 - 2025”, (2021 – 2030)").replace(NBSP, "_")
    'chuyển đổi số giai_đoạn_2022_-_2025”, (2021_–_2030)'
    >>> keep_phrases("Chuyên viên, Hợp tác xã Nông nghiệp Thanh Bình").replace(NBSP, "_")
    'Chuyên viên, Hợp_tác_xã Nông nghiệp Thanh_Bình'
    >>> keep_phrases("SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH").replace(NBSP, "_")
    'SỞ VĂN HÓA, THỂ THAO VÀ_DU LỊCH'
    >>> keep_phrases("Tờ trình số   /TTr-UBND ngày   tháng").replace(NBSP, "_")
    'Tờ trình số___/TTr-UBND ngày___tháng'
    """
    text = _GAP.sub(lambda m: NBSP * len(m.group(0)), text)
    if " " not in text:
        return text
    text = _PHRASE.sub(lambda m: m.group(0).replace(" ", NBSP), text)
    words = text.split(" ")
    glue = [False] * (len(words) - 1)  # glue[i]: no break between words i and i + 1
    upper = _all_upper(text)
    _places(words, glue, upper)
    _asides(words, glue)
    _counts(words, glue)
    _year_ranges(words, glue)
    _dashes(words, glue)
    if upper:
        _and_leads(words, glue)
    else:
        _proper_names(words, glue)
    out = [words[0]]
    for joined, word in zip(glue, words[1:], strict=True):
        out.append(NBSP if joined else " ")
        out.append(word)
    return "".join(out)


def keep_strict(text: str) -> str:
    """Of a text keep_phrases glued, only the non-breaking spaces a line may never break at:
    inside "Ủy ban nhân dân" and "Hội đồng nhân dân", a name of up to four capitalised words
    ("Lương Quang Minh"), a place and its level of one word ("huyện Bù Gia Mập"; after a level
    of two a line may break: "thành phố / Đồng Xoài"), a number and what it counts or reads
    ("03 (ba)", "năm 2023"), a range of years, and a blank left for the văn thư (its width: a
    line holding one is eased by widening it, render.justified.widen_blanks).
    The others ("giai đoạn" and its years, "sơ kết", "Phòng Văn hóa", an aside) may part where
    keeping them whole would stretch a justified line.

    >>> strict = keep_strict(keep_phrases("Ủy ban nhân dân huyện Bù Gia Mập, 2022 - 2025"))
    >>> strict.replace(NBSP, "_")
    'Ủy_ban_nhân_dân huyện_Bù_Gia_Mập, 2022_-_2025'
    >>> keep_strict(keep_phrases("số   /TTr-UBND của Phòng Văn hóa")).replace(NBSP, "_")
    'số___/TTr-UBND của Phòng Văn hóa'
    """
    plain = _SINGLE_NBSP.sub(" ", text)
    if " " not in plain:
        return plain
    plain = _STRICT_PHRASE.sub(lambda m: m.group(0).replace(" ", NBSP), plain)
    words = plain.split(" ")
    glue = [False] * (len(words) - 1)
    _places(words, glue, _all_upper(plain))
    for i in range(len(words) - 2):
        if _level_at(words, i) == 2:  # "thành phố / Đồng Xoài": a level of two words may part
            glue[i + 1] = False
    _counts(words, glue)
    _year_ranges(words, glue, term=False)
    _dashes(words, glue)
    if not _all_upper(plain):
        _proper_names(words, glue, MAX_PERSON_WORDS)
    out = [words[0]]
    for joined, word in zip(glue, words[1:], strict=True):
        out.append(NBSP if joined else " ")
        out.append(word)
    return "".join(out)


def keep_always(text: str) -> str:
    """Of a text keep_strict glued, only the non-breaking spaces a line never breaks at, not even
    as a last resort (render.justified.HARD_STRETCH): a person's name, a number and what it
    counts or reads ("03 (ba)", "năm 2023", "ngày 08/10/2020"), a range of years, a blank left
    for the văn thư. A body's or a place's name may part there at its least bad joint, as
    official documents print them: "Ủy ban / nhân dân", "Hội đồng / nhân dân", between a place's
    level and its name ("tỉnh / Bình Phước", "huyện / Bù Gia Mập"), never inside the name.

    >>> keep_always(keep_phrases("của Ủy ban nhân dân huyện Bù Gia Mập")).replace(NBSP, "_")
    'của Ủy_ban nhân_dân huyện Bù_Gia_Mập'
    >>> keep_always(keep_phrases("ông Lương Quang Minh, năm 2023, 03 (ba)")).replace(NBSP, "_")
    'ông Lương_Quang_Minh, năm_2023, 03_(ba)'
    """
    strict = _LONG_PHRASE.sub(_halves, keep_strict(text))
    chars = list(strict)
    for found in _SINGLE_NBSP.finditer(strict):
        at = found.start()
        before = strict[strict.rfind(" ", 0, at) + 1 : at].split(NBSP)[-1]
        after = strict[at + 1 : at + 2]
        if _core(before).lower() in _LEVEL_ENDS and after.isupper():
            chars[at] = " "  # "tỉnh / Bình Phước": a level parts from its place, never inside it
    return "".join(chars)


def _halves(found: re.Match[str]) -> str:
    """ "Ủy ban nhân dân" glued in two halves: "Ủy_ban nhân_dân"."""
    words = found.group(0).split(NBSP)
    return NBSP.join(words[:2]) + " " + NBSP.join(words[2:])


def open_phrases(text: str) -> str:
    """Long phrases kept whole by keep_phrases opened at their halves, for a narrow column.

    >>> open_phrases(keep_phrases("Hội đồng nhân dân và Ủy ban nhân dân")).replace(NBSP, "_")
    'Hội_đồng nhân_dân và Ủy_ban nhân_dân'
    """

    return _LONG_PHRASE.sub(_halves, text)


def keep_words(text: str) -> str:
    """The two syllables of a word of WORDS joined by a non-breaking space, for a narrow cell,
    where the word is part of a name or title (a capital first: "Văn phòng", "Chuyên viên");
    the same words in running text ("ban hành 25 kế hoạch") break as Vietnamese text does.

    >>> keep_words("Phó Chánh Văn phòng, Trung tâm Truyền thanh").replace(NBSP, "_")
    'Phó Chánh Văn_phòng, Trung_tâm Truyền_thanh'
    >>> keep_words("Chuyên viên, ban hành 25 kế hoạch của đơn vị").replace(NBSP, "_")
    'Chuyên_viên, ban hành 25 kế hoạch của đơn vị'
    """

    def glue(found: re.Match[str]) -> str:
        word = found.group(0)
        return word.replace(" ", NBSP) if word[0].isupper() else word

    return _WORD.sub(glue, text)


def keep_label_words(text: str) -> str:
    """Every word of WORDS and LABEL_WORDS in a column header or a centred line joined by
    non-breaking spaces, whatever its case: a label breaks between words, never inside one.

    >>> keep_label_words("Yêu cầu của kế hoạch").replace(NBSP, "_")
    'Yêu_cầu của kế_hoạch'
    >>> keep_label_words("Số phiếu đồng ý, trong phong trào thi đua").replace(NBSP, "_")
    'Số_phiếu đồng_ý, trong phong_trào thi_đua'
    """
    return _LABEL_WORD.sub(lambda m: m.group(0).replace(" ", NBSP), text)


def _all_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _core(word: str) -> str:
    return word.strip(_LEADING).rstrip(_TRAILING)


def _ends(word: str) -> bool:
    """A word after which no group continues (it ends in punctuation, or is a line break)."""
    return not word or word[-1] in _TRAILING or "\n" in word


def _level_at(words: list[str], i: int) -> int:
    """How many words a level of government starting at word i takes (0: none; the "xã" of
    "Hợp tác xã", a cooperative, is none)."""
    if _core(words[i]).lower() not in _LEVEL_STARTS:
        return 0
    if [_core(w).lower() for w in words[max(0, i - 2) : i + 1]] == ["hợp", "tác", "xã"]:
        return 0
    for level in LEVELS:
        parts = level.split(" ")
        chunk = words[i : i + len(parts)]
        words_match = len(chunk) == len(parts) and [_core(w).lower() for w in chunk] == parts
        if words_match and not any(_ends(w) for w in chunk):
            return len(parts)
    return 0


def _place_word(word: str, upper: bool) -> bool:
    core = _core(word)
    if not core or not core[0].isalpha() or word[0] in _LEADING:
        return False
    if upper:
        return core not in _STOPS and not any(core.lower() == lv for lv in LEVELS)
    return core[0].isupper()


def _places(words: list[str], glue: list[bool], upper: bool) -> None:
    """Glue a level word to the place name after it: "huyện Bù Gia Mập"."""
    i = 0
    while i < len(words):
        size = _level_at(words, i)
        if not size:
            i += 1
            continue
        end = i + size  # first word after the level
        taken = 0
        while end + taken < len(words) and taken < MAX_PLACE_WORDS:
            if not _place_word(words[end + taken], upper):
                break
            taken += 1
            if _ends(words[end + taken - 1]):
                break
        if taken:
            for k in range(i, end + taken - 1):
                glue[k] = True
            # "THÀNH PHỐ BUÔN MA THUỘT" is wider than a header column: it may break after
            # the level word, never inside the place name.
            if len(" ".join(words[i : end + taken])) > MAX_GLUED:
                glue[end - 1] = False
        i = end + max(taken, 0)


def _counts(words: list[str], glue: list[bool]) -> None:
    """Glue a number to the word it counts or dates: "03 cá nhân", "20 tháng 11", "1.454 tin";
    a year to the "năm" it dates instead: "năm 2023 / của", never "năm / 2023 của"; a number
    read out in brackets to its reading: "03 (ba) / tập thể", never "03 / (ba) tập thể"."""
    for i, word in enumerate(words):
        if i and _REFERENCE.fullmatch(_core(word)) and _cites(words[i - 1], word):
            glue[i - 1] = True  # "ngày 08/10/2020", "số 26/2020/QĐ-UBND", "Điều 1"
        if i and _YEAR.fullmatch(_core(word)) and _year_word(words[i - 1]):
            glue[i - 1] = True
        elif i + 1 < len(words) and _NUMBER.fullmatch(word) and words[i + 1][:1].isalpha():
            glue[i] = True
        elif _NUMBER.fullmatch(word) and (end := _reading_end(words, i + 1)):
            for k in range(i, end):  # the line may break after the reading: "03 (ba) / tập thể"
                glue[k] = True


def _cites(word: str, cited: str) -> bool:
    """A word that names the date, document number or article after it ("ngày 08/10/2020",
    "số 26/2020/QĐ-UBND", "Điều 1"); not "ngày 20 tháng 11" nor a house's "số 120", which may
    break before the number as they did."""
    name = _core(word).lower()
    return not _ends(word) and name in _CITES and (name == "điều" or "/" in cited)


def _reading_end(words: list[str], start: int) -> int:
    """The index of the word closing a number's reading in brackets starting at `start` ("(ba)",
    "(mười hai)"), or 0 when there is none."""
    if start >= len(words) or not words[start].startswith("(") or not words[start][1:2].isalpha():
        return 0
    for j in range(start, min(start + MAX_ASIDE_WORDS, len(words))):
        if ")" in words[j]:
            return j
        if "\n" in words[j]:
            return 0
    return 0


def _year_word(word: str) -> bool:
    """ "năm" right before a year (also after a blank left for the văn thư: "tháng    năm")."""
    return not _ends(word) and word.split(NBSP)[-1].lower() == "năm"


def _year_ranges(words: list[str], glue: list[bool], term: bool = True) -> None:
    """Glue a range of years around its dash: "2022 - 2025" never leaves "2025”" alone; with
    `term`, "giai đoạn" before it too."""
    for i in range(len(words) - 2):
        years = _YEAR.fullmatch(_core(words[i])) and _YEAR.fullmatch(_core(words[i + 2]))
        if years and words[i + 1] in _DASHES and not _ends(words[i]):
            glue[i] = glue[i + 1] = True
            if term and i >= 2 and [w.lower() for w in words[i - 2 : i]] == ["giai", "đoạn"]:
                glue[i - 2] = glue[i - 1] = True  # "giai đoạn 2022 - 2025" reads as one term


def _dashes(words: list[str], glue: list[bool]) -> None:
    """Glue a spaced dash to the word before it: "Văn phòng - / Thống kê", never "Văn phòng /
    - Thống kê", whose line would start with a dash and read as an item of a list."""
    for i, word in enumerate(words[1:], start=1):
        if word in _DASHES and not _ends(words[i - 1]):
            glue[i - 1] = True


def _and_leads(words: list[str], glue: list[bool]) -> None:
    """Glue "VÀ" to the word after it in a name in capitals: "SỞ VĂN HÓA, THỂ THAO / VÀ DU LỊCH",
    as bodies print their names, never "… THỂ THAO VÀ / DU LỊCH"."""
    for i, word in enumerate(words[:-1]):
        if word == "VÀ":
            glue[i] = True


def _asides(words: list[str], glue: list[bool]) -> None:
    """Glue a short aside in brackets: "(Sở Nội vụ)"."""
    for i, word in enumerate(words):
        if not word.startswith("("):
            continue
        for j in range(i, min(i + MAX_ASIDE_WORDS, len(words))):
            if "(" in words[j][1:] or "\n" in words[j]:
                break
            if ")" in words[j]:
                for k in range(i, j):
                    glue[k] = True
                break


def _title_word(word: str) -> bool:
    """A capitalised word: "Minh", "Ê", and "Y" of the Ê Đê name "Y Moan Niê".

    Not a fixed phrase already kept whole ("Khen thưởng", "Ủy ban nhân dân"): gluing it to its
    capitalised neighbours made one piece of "Thi đua - Khen thưởng Ủy ban nhân dân".
    """
    core = _core(word)
    if NBSP in core:
        return False
    return bool(core) and core[0].isupper() and (len(core) == 1 or core[1:].islower())


def _proper_names(words: list[str], glue: list[bool], most: int = MAX_NAME_WORDS) -> None:
    """Glue runs of two to `most` capitalised words (person and place names) in mixed-case
    text; with fewer than MAX_NAME_WORDS, a run's last word that begins a word of WORDS with
    the one after it ("Phòng Văn / hóa") is not part of the name."""
    i = 0
    while i < len(words):
        j = i
        while j < len(words) and _title_word(words[j]) and (j == i or not _ends(words[j - 1])):
            if j > i and words[j][0] in _LEADING:
                break
            j += 1
        if most < MAX_NAME_WORDS and _word_starts(words, j):
            j -= 1  # "Phòng Văn hóa": "Văn" belongs to "Văn hóa", not to a name
        if 2 <= j - i <= most:
            for k in range(i, j - 1):
                glue[k] = True
        i = max(j, i + 1)


def _word_starts(words: list[str], j: int) -> bool:
    """Whether the word before `j` and word `j` make a word of WORDS ("Văn" "hóa")."""
    if not 0 < j < len(words) or _ends(words[j - 1]):
        return False
    return f"{_core(words[j - 1])} {_core(words[j])}".lower() in _WORD_SET
