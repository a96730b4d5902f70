"""Legacy encodings: TCVN3 and VNI text converts exactly; Unicode and ASCII are never touched."""

from __future__ import annotations

import random
import shutil
import subprocess
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.vietnamese import decode_legacy, encode_legacy
from pipeline.vietnamese.legacy import TCVN3, VNI

try:  # tests/ is a package in this repository; fall back to rootdir-relative imports
    from tests.test_vietnamese_text import CORPUS, LATIN1
except ImportError:  # pragma: no cover
    from test_vietnamese_text import CORPUS, LATIN1  # type: ignore[no-redef]

# Cell text as typed with a TCVN3 (.VnTime) font, written out byte by byte; checked against GNU
# iconv's TCVN5712-1 decoder. Capitals with a tone use the lower-case code (.VnTimeH shows them).
TCVN3_CASES = [
    ("Nguy\xd4n V\xa8n An", "Nguyễn Văn An"),
    ("Tr\xc7n Th\xde B\xddch Ng\xe4c", "Trần Thị Bích Ngọc"),
    ("L\xaa Ho\xb5ng Ph\xf3c", "Lê Hoàng Phúc"),
    ("Ph\xb9m Th\xde H\xad\xeang", "Phạm Thị Hường"),
    ("\xa7\xe7 Quang Trung", "Đỗ Quang Trung"),
    ("V\xf2 \xa7\xf8c Th\xbeng", "Vũ Đức Thắng"),
    ("B\xefi Th\xde Thu H\xb5", "Bùi Thị Thu Hà"),
    ("\xa7\xe9c l\xcbp - T\xf9 do - H\xb9nh ph\xf3c", "Độc lập - Tự do - Hạnh phúc"),
    (
        "C\xe9NG H\xdfA X\xb7 H\xe9I CH\xf1 NGH\xdcA VI\xd6T NAM",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    ),
    ("\xf1Y BAN NH\xa2N D\xa2N T\xd8NH B\xd7NH PH\xa6\xedC", "ỦY BAN NHÂN DÂN TỈNH BÌNH PHƯỚC"),
    ("PH\xdfNG V\xa1N H\xe3A V\xb5 TH\xa4NG TIN", "PHÒNG VĂN HÓA VÀ THÔNG TIN"),
    ("Giai \xaeo\xb9n 2022 - 2025", "Giai đoạn 2022 - 2025"),
    ("Nhi\xd6m k\xfa 2022-2025", "Nhiệm kỳ 2022-2025"),
    ("B\xef Gia M\xcbp", "Bù Gia Mập"),
    ("B\xd7nh Ph\xad\xedc", "Bình Phước"),
    ("\xa7\xbek L\xbek", "Đắk Lắk"),
    ("Bu\xabn Ma Thu\xe9t", "Buôn Ma Thuột"),
    ("B\xbec K\xb9n", "Bắc Kạn"),
    ("M\xad\xeang Kh\xad\xacng", "Mường Khương"),
    ("L\xb5o Cai", "Lào Cai"),
    ("Th\xf5a Thi\xaan Hu\xd5", "Thừa Thiên Huế"),
    ("B\xb5 R\xdea - V\xf2ng T\xb5u", "Bà Rịa - Vũng Tàu"),
    ("Qu\xb6ng Ng\xb7i", "Quảng Ngãi"),
    ("Kh\xb8nh H\xdfa", "Khánh Hòa"),
    (
        "Ph\xad\xeang T\xa9n Ph\xf3, th\xb5nh ph\xe8 \xa7\xe5ng Xo\xb5i",
        "Phường Tân Phú, thành phố Đồng Xoài",
    ),
    ("Tr\xad\xeang Ti\xd3u h\xe4c Kim \xa7\xe5ng", "Trường Tiểu học Kim Đồng"),
    ("Ho\xb5n th\xb5nh xu\xcat s\xbec nhi\xd6m v\xf4", "Hoàn thành xuất sắc nhiệm vụ"),
    ("Chi\xd5n s\xdc thi \xaeua c\xac s\xeb", "Chiến sĩ thi đua cơ sở"),
    ("Nguy\xd4n Th\xde Ngh\xdca", "Nguyễn Thị Nghĩa"),
    ("L\xaa \xf3t", "Lê Út"),  # a name: the toned capital Ú had no code
    ("Ng\xab Th\xde \xb8nh", "Ngô Thị Ánh"),
    ("H\xe5 H\xb5", "Hồ Hà"),
]

# The same texts typed with a VNI-Windows font.
VNI_CASES = [
    ("Nguye\xe3n Va\xean An", "Nguyễn Văn An"),
    ("Tra\xe0n Th\xf2 B\xedch Ngo\xefc", "Trần Thị Bích Ngọc"),
    ("Le\xe2 Hoa\xf8ng Phu\xf9c", "Lê Hoàng Phúc"),
    ("Pha\xefm Th\xf2 H\xf6\xf4\xf8ng", "Phạm Thị Hường"),
    ("\xd1o\xe3 Quang Trung", "Đỗ Quang Trung"),
    ("Vu\xf5 \xd1\xf6\xf9c Tha\xe9ng", "Vũ Đức Thắng"),
    ("Bu\xf8i Th\xf2 Thu Ha\xf8", "Bùi Thị Thu Hà"),
    ("\xd1o\xe4c la\xe4p - T\xf6\xef do - Ha\xefnh phu\xf9c", "Độc lập - Tự do - Hạnh phúc"),
    (
        "CO\xc4NG HO\xd8A XA\xd5 HO\xc4I CHU\xdb NGH\xd3A VIE\xc4T NAM",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    ),
    (
        "U\xdbY BAN NHA\xc2N DA\xc2N T\xc6NH B\xccNH PH\xd6\xd4\xd9C",
        "ỦY BAN NHÂN DÂN TỈNH BÌNH PHƯỚC",
    ),
    ("PHO\xd8NG VA\xcaN HO\xd9A VA\xd8 THO\xc2NG TIN", "PHÒNG VĂN HÓA VÀ THÔNG TIN"),
    ("Giai \xf1oa\xefn 2022 - 2025", "Giai đoạn 2022 - 2025"),
    ("Nhie\xe4m ky\xf8 2022-2025", "Nhiệm kỳ 2022-2025"),
    ("Bu\xf8 Gia Ma\xe4p", "Bù Gia Mập"),
    ("B\xecnh Ph\xf6\xf4\xf9c", "Bình Phước"),
    ("\xd1a\xe9k La\xe9k", "Đắk Lắk"),
    ("Buo\xe2n Ma Thuo\xe4t", "Buôn Ma Thuột"),
    ("Ba\xe9c Ka\xefn", "Bắc Kạn"),
    ("M\xf6\xf4\xf8ng Kh\xf6\xf4ng", "Mường Khương"),
    ("La\xf8o Cai", "Lào Cai"),
    ("Th\xf6\xf8a Thie\xe2n Hue\xe1", "Thừa Thiên Huế"),
    ("Ba\xf8 R\xf2a - Vu\xf5ng Ta\xf8u", "Bà Rịa - Vũng Tàu"),
    ("Qua\xfbng Nga\xf5i", "Quảng Ngãi"),
    ("Kha\xf9nh Ho\xf8a", "Khánh Hòa"),
    (
        "Ph\xf6\xf4\xf8ng Ta\xe2n Phu\xf9, tha\xf8nh pho\xe1 \xd1o\xe0ng Xoa\xf8i",
        "Phường Tân Phú, thành phố Đồng Xoài",
    ),
    ("Tr\xf6\xf4\xf8ng Tie\xe5u ho\xefc Kim \xd1o\xe0ng", "Trường Tiểu học Kim Đồng"),
    ("Hoa\xf8n tha\xf8nh xua\xe1t sa\xe9c nhie\xe4m vu\xef", "Hoàn thành xuất sắc nhiệm vụ"),
    ("Chie\xe1n s\xf3 thi \xf1ua c\xf4 s\xf4\xfb", "Chiến sĩ thi đua cơ sở"),
    ("Nguye\xe3n Th\xf2 Ngh\xf3a", "Nguyễn Thị Nghĩa"),
    ("Le\xe2 U\xd9t", "Lê Út"),
    ("Ngo\xe2 Th\xf2 A\xd9nh", "Ngô Thị Ánh"),
    ("Ho\xe0 Ha\xf8", "Hồ Hà"),
]


@pytest.mark.parametrize(("legacy", "unicode"), TCVN3_CASES)
def test_tcvn3_converts_exactly(legacy: str, unicode: str) -> None:
    assert decode_legacy(legacy) == (unicode, "TCVN3")


@pytest.mark.parametrize(("legacy", "unicode"), VNI_CASES)
def test_vni_converts_exactly(legacy: str, unicode: str) -> None:
    assert decode_legacy(legacy) == (unicode, "VNI")


def test_enough_cases() -> None:
    assert len(TCVN3_CASES) >= 20
    assert len(VNI_CASES) >= 20


@pytest.mark.parametrize(("legacy", "unicode"), TCVN3_CASES)
def test_tcvn3_encoder_matches_the_typed_text(legacy: str, unicode: str) -> None:
    assert encode_legacy(unicode, "TCVN3") == legacy


@pytest.mark.parametrize(("legacy", "unicode"), VNI_CASES)
def test_vni_encoder_matches_the_typed_text(legacy: str, unicode: str) -> None:
    assert encode_legacy(unicode, "VNI") == legacy


@pytest.mark.skipif(shutil.which("iconv") is None, reason="iconv not installed")
def test_tcvn3_table_agrees_with_iconv() -> None:
    codes = "".join(TCVN3).encode("latin-1")
    out = subprocess.run(
        ["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=codes, capture_output=True, check=True
    )
    assert unicodedata.normalize("NFC", out.stdout.decode()) == "".join(TCVN3.values())


def test_tables_cover_every_vietnamese_letter() -> None:
    letters = {"đ"}
    for base in "aăâeêioôơuưy":
        for tone in ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"):
            letters.add(unicodedata.normalize("NFC", base + tone))
    letters -= set("aeiouy")
    assert letters <= set(TCVN3.values())
    assert letters | {c.upper() for c in letters} <= set(VNI.values())
    assert len(set(VNI.values())) == len(VNI)  # one way to write each letter
    assert "-" not in TCVN3 and TCVN3["\xad"] == "ư"


def test_hyphens_stay_hyphens() -> None:
    # The soft-hyphen trap: TCVN3 "ư" is 0xAD; the ASCII hyphen must never become "ư".
    assert decode_legacy("2022-2025") == ("2022-2025", None)
    assert decode_legacy("Nhi\xd6m k\xfa 2022-2025")[0].endswith("2022-2025")
    assert decode_legacy("Tr\xad\xeang") == ("Trường", "TCVN3")


def test_tcvn3_capitals() -> None:
    # Typed with the .VnTimeH font using the lower-case code for Â: still all capitals.
    assert decode_legacy("NH\xa9N D\xa9N") == ("NHÂN DÂN", "TCVN3")
    # One word in capitals inside ordinary text.
    assert decode_legacy("Huy\xd6n B\xef Gia M\xcbp, T\xd8NH B\xd7NH PH\xad\xedC") == (
        "Huyện Bù Gia Mập, TỈNH BÌNH PHƯỚC",
        "TCVN3",
    )
    # Too little to tell: initials only, so lower case after them.
    assert decode_legacy("H\xe5 H\xb5") == ("Hồ Hà", "TCVN3")
    # The caller knows better (a heading column typed in .VnTimeH).
    assert decode_legacy("H\xe5 H\xb5", caps=True) == ("HỒ HÀ", "TCVN3")
    assert decode_legacy("C\xe9NG H\xdfA", caps=False) == ("CộNG HòA", "TCVN3")
    # A toned capital starting a word of ordinary text cannot be recovered.
    assert decode_legacy("\xf1y ban nh\xa9n d\xa9n") == ("ủy ban nhân dân", "TCVN3")


@pytest.mark.parametrize(
    "text",
    [
        "Hà Nội",
        "Tiến",
        "Bà Rịa",
        "Tú",
        "Hà",
        "Bình",
        "Hoà Bình",
        "Lê Tâm",
        "Ông Tú",
        "Bé Tí",
        "Châu Thành",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Nhiệm kỳ 2022-2025",
        "Café au lait",
        "Müller",
        "José",
        "Ça va",
        "Copyright © 2020",
        "A ©",
        "«Hà»",
        "50 °C",
        "Nguyễn “Văn” An – Tổ 1",
        "",
        "   ",
        "UBND",
    ],
)
def test_unicode_and_foreign_text_untouched(text: str) -> None:
    assert decode_legacy(text) == (text, None)
    nfd = unicodedata.normalize("NFD", text)
    assert decode_legacy(nfd) == (nfd, None)


def _unicode_strings(count: int, seed: int) -> list[str]:
    """Texts made of real syllables: half of them only from syllables written in Latin-1."""
    rng = random.Random(seed)
    out = []
    for k in range(count):
        pool = LATIN1 if k % 2 else CORPUS
        words = [rng.choice(pool) for _ in range(rng.randint(1, 6))]
        style = rng.choice(["lower", "title", "upper", "first"])
        if style == "title":
            words = [w[:1].upper() + w[1:] for w in words]
        elif style == "upper":
            words = [w.upper() for w in words]
        elif style == "first":
            words[0] = words[0][:1].upper() + words[0][1:]
        sep = rng.choice([" ", " ", ", ", " - ", "-", " 2024 "])
        out.append(sep.join(words))
    return out


@pytest.mark.parametrize("text", _unicode_strings(200, seed=3))
def test_random_unicode_vietnamese_untouched(text: str) -> None:
    assert decode_legacy(text) == (text, None)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(LATIN1), min_size=1, max_size=5), st.sampled_from([" ", ", "]))
def test_latin1_only_vietnamese_untouched(words: list[str], sep: str) -> None:
    text = sep.join(words)
    assert decode_legacy(text) == (text, None)
    assert decode_legacy(text.title()) == (text.title(), None)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_ascii_untouched(text: str) -> None:
    assert decode_legacy(text) == (text, None)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(CORPUS), min_size=2, max_size=6))
def test_round_trip_through_both_encodings(words: list[str]) -> None:
    # Title case, as names and places are written. Converted or left alone, never garbled; VNI
    # keeps every capital, TCVN3 may lose toned capitals it has no code for (ý ở for Ý Ở).
    text = " ".join(w[:1].upper() + w[1:] for w in words)
    vni = encode_legacy(text, "VNI")
    if vni != text:
        assert decode_legacy(vni) in ((text, "VNI"), (vni, None))
    tcvn3 = encode_legacy(text, "TCVN3")
    if tcvn3 != text:
        result = decode_legacy(tcvn3)
        assert result == (tcvn3, None) or (result[0].lower(), result[1]) == (text.lower(), "TCVN3")


def test_round_trip_mostly_detects() -> None:
    texts = [" ".join(w.title() for w in t.split()) for t in _unicode_strings(200, seed=5)]
    texts = [t for t in texts if any(ord(c) > 0x7F for c in t)]
    for encoding in ("TCVN3", "VNI"):
        detected = sum(decode_legacy(encode_legacy(t, encoding)) == (t, encoding) for t in texts)
        assert detected >= 0.9 * len(texts), encoding


def test_ambiguous_or_thin_evidence_left_alone() -> None:
    assert decode_legacy("\xa9") == ("\xa9", None)  # "©" alone is not "â"
    assert decode_legacy("B\xe9") == ("B\xe9", None)  # "Bé" is Vietnamese as it stands
    assert decode_legacy("Nguy\xd4n \u1ea0") == ("Nguy\xd4n \u1ea0", None)  # Unicode letter in it
