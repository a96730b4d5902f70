"""`hoso sign`: a PAdES signature added as an incremental update, visible in the signature block."""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal

from PIL import Image
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.general import SigningError
from pyhanko.sign.timestamps import HTTPTimeStamper, TimestampRequestError
from pyhanko.stamp import TextStampStyle
from pypdf import PdfReader

from pipeline.errors import HosoError
from pipeline.files import reason, write_atomically
from pipeline.signing.appearance import (
    DEFAULT_SEAL_MM,
    attachment_style,
    load_image,
    seal_style,
    signer_style,
    vietnam_day,
    vietnam_time,
)
from pipeline.signing.keys import (
    Credentials,
    common_name,
    open_signer,
    validity_period,
    validity_problem,
)
from pipeline.signing.locate import (
    Box,
    find_attachment_corner,
    find_confirmation_block,
    find_signature_block,
    find_unit_head_block,
    has_unit_head_box,
)
from pipeline.signing.tsa import DIGEST, authority_time, timestamper, tsa_problem
from pipeline.signing.verify import not_a_pdf, stamp_of

# The signer; the organisation (its seal) after the signer; the organisation on an attachment;
# the superior confirming a report, then its organisation (the seal over that confirmation); the
# unit head confirming an individual's report, then the unit (the seal over that confirmation).
Role = Literal[
    "nguoi-ky",
    "co-quan",
    "dinh-kem",
    "xac-nhan",
    "xac-nhan-co-quan",
    "thu-truong-xac-nhan",
    "don-vi-xac-nhan",
]
FIELD_NAMES: dict[str, str] = {
    "nguoi-ky": "ChuKyNguoiKy",
    "co-quan": "ChuKyCoQuan",
    "dinh-kem": "ChuKyCoQuanDinhKem",
    "xac-nhan": "ChuKyXacNhan",
    "xac-nhan-co-quan": "ChuKyCoQuanXacNhan",
    "thu-truong-xac-nhan": "ChuKyThuTruongXacNhan",
    "don-vi-xac-nhan": "ChuKyDonViXacNhan",
}
SIGNERS = ("nguoi-ky", "xac-nhan", "thu-truong-xac-nhan")  # the others show a seal, or no image
# What a user reads for each field: the names above stay in the PDF (other tools may rely on them).
FIELD_LABELS: dict[str, str] = {
    "nguoi-ky": "của người ký",
    "co-quan": "của cơ quan, kèm con dấu",
    "dinh-kem": "của cơ quan trên văn bản kèm theo",
    "xac-nhan": "xác nhận của cấp trình khen thưởng",
    "xac-nhan-co-quan": "của cơ quan xác nhận, kèm con dấu",
    "thu-truong-xac-nhan": "xác nhận của thủ trưởng đơn vị",
    "don-vi-xac-nhan": "của đơn vị xác nhận, kèm con dấu",
}


@dataclass(frozen=True)
class SignRequest:
    """What to sign and how: the role, the image, the seal's size, the name printed on the page."""

    role: Role
    image: Path | None = None
    seal_mm: float = DEFAULT_SEAL_MM
    name_on_page: str | None = None  # the printed name to sign at; default: the certificate's
    tsa: str | None = None  # a timestamp authority's URL (RFC 3161 over HTTP) to date the signature


@dataclass(frozen=True)
class Signed:
    """A signature made: by whom, when (ISO 8601, +07:00), which field, page and rectangle."""

    signer: str
    time: str
    field: str
    page: int  # 1-based
    box: Box
    warning: str | None = None  # what the user should look at, though the file is signed
    # The timestamp authority that dated it and its time (ISO 8601, +07:00), with --tsa.
    stamped: tuple[str, str] | None = None


def preflight(source: Path, target: Path, request: SignRequest) -> None:
    """What needs no key, checked before a password or PIN is asked for (sign_pdf checks it
    again): the source is a readable PDF, the target can be written, the image opens."""
    data = _read(source)
    wrong = not_a_pdf(data)
    if wrong is not None:  # said as what it is, as `hoso verify` says it
        raise HosoError(f"{source}: {wrong}.")
    _require_new_target(source, target)
    _field_name(data, FIELD_NAMES[request.role], source)
    if request.image:
        load_image(request.image, _image_what(request.role))


def _read(source: Path) -> bytes:
    """The bytes of the file to sign."""
    try:
        return source.read_bytes()
    except OSError as exc:
        raise HosoError(f"Không đọc được {source}: {reason(exc, 'đọc')}.") from None


def sign_pdf(source: Path, target: Path, credentials: Credentials, request: SignRequest) -> Signed:
    """Sign the PDF at `source` into another file, `target`, written atomically."""
    data = _read(source)
    # Everything that needs no key is checked before the token is asked for its PIN.
    _require_new_target(source, target)
    field = _field_name(data, FIELD_NAMES[request.role], source)  # a PDF, else said here
    stamper = timestamper(request.tsa) if request.tsa else None
    image = load_image(request.image, _image_what(request.role)) if request.image else None
    with open_signer(credentials) as signer:
        name = common_name(signer.signing_cert)
        moment = _signing_time(stamper, request.tsa)
        _require_valid(signer.signing_cert, name, moment)
        try:
            page, box, style, warning = _placement(data, request, name, image)
        except HosoError as exc:  # the document has no place for this role: say which file
            raise HosoError(f"{source}: {exc}") from None
        _require_free(data, FIELD_NAMES[request.role], page, box, source, name)
        _require_unsealed(data, request.role, page, box, source)
        pdf_signer = _SignerAt(
            moment,
            signers.PdfSignatureMetadata(
                field_name=field,
                subfilter=fields.SigSeedSubFilter.PADES,
                md_algorithm=DIGEST,
                name=name,
            ),
            signer,
            stamp_style=style,
            new_field_spec=fields.SigFieldSpec(field, on_page=page, box=box.as_tuple()),
            timestamper=stamper,
        )
        signed = _sign(pdf_signer, data, source, request.tsa)
    write_atomically(target, lambda tmp: tmp.write_bytes(signed))
    stamped = stamp_of(target, signed) if stamper else None
    return Signed(name, vietnam_time(moment), field, page + 1, box, warning, stamped)


def _signing_time(stamper: HTTPTimeStamper | None, tsa: str | None) -> datetime:
    """The time the signature claims and its stamp prints: with --tsa the authority's, as the
    office reads it in `hoso verify` (the page is laid out before the signature is dated, so it
    cannot print the token's own time: this one comes from pyHanko's first request to the
    authority, a second before); else the clock of this machine."""
    if stamper is None:
        return datetime.now().astimezone()
    try:
        return authority_time(stamper)
    except TimestampRequestError as exc:  # an OSError: caught before the CLI's generic one
        raise HosoError(_no_timestamp(tsa, exc)) from None


class _SignerAt(signers.PdfSigner):
    """pyHanko's signer with the signing time given, not its own clock's: the stamp on the page,
    the signature's /M and its signing-time attribute say the same moment as the command."""

    def __init__(self, moment: datetime, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._moment = moment

    def init_signing_session(self, pdf_out, existing_fields_only=False):
        """pyHanko's session, set to sign at the given moment."""
        session = super().init_signing_session(pdf_out, existing_fields_only)
        session.system_time = self._moment
        return session


def field_label(field: str) -> str:
    """A signature field in Vietnamese ("ô chữ ký thứ 2 của người ký"), else its own name."""
    for role, base in FIELD_NAMES.items():
        numbered = re.fullmatch(rf"{re.escape(base)}(\d*)", field)
        if numbered:
            nth = f" thứ {numbered.group(1)}" if numbered.group(1) else ""
            return f"ô chữ ký{nth} {FIELD_LABELS[role]}"
    return f"ô chữ ký “{field}”"


def _require_valid(cert, name: str, moment: datetime) -> None:
    """Refuse a certificate expired or not yet valid now: a signature made with it is worthless."""
    problem = validity_problem(cert, moment)
    if problem is None:
        return
    start, end = (vietnam_day(t) for t in validity_period(cert))
    if problem == "het-han":
        raise HosoError(
            f"Chứng thư số của {name} đã hết hạn: chỉ có hiệu lực từ {start} đến {end}. Chữ ký "
            "bằng chứng thư này không có giá trị; hãy dùng chứng thư số còn hiệu lực."
        )
    raise HosoError(
        f"Chứng thư số của {name} chưa có hiệu lực: có hiệu lực từ {start} đến {end}. Hãy ký "
        "khi chứng thư đã có hiệu lực (và kiểm tra ngày giờ của máy)."
    )


def _require_new_target(source: Path, target: Path) -> None:
    """Refuse to write over the file being signed, or over any signed file: neither may change;
    and a target that cannot be written (a folder, or in a folder that does not exist)."""
    _require_writable(target)
    try:
        same = target.exists() and target.samefile(source)
        held = 0 if same or not target.is_file() else _signature_count(target.read_bytes())
    except OSError as exc:
        raise HosoError(f"Không đọc được {target}: {reason(exc, 'đọc')}.") from None
    if same:
        raise HosoError(
            f"{source}: tệp ký xong (-o {target}) chính là tệp cần ký; hoso không sửa tệp cần ký "
            "(có thể là bản đã ký): hãy đặt tên khác cho tệp ký xong bằng -o TỆP."
        )
    if held:
        raise HosoError(
            f"{target} đã có và đã ký số ({held} chữ ký): hoso không ghi đè bản đã ký; hãy đặt tên "
            "khác cho tệp ký xong bằng -o TỆP."
        )


def _require_writable(target: Path) -> None:
    """Refuse a target that is a folder, or whose folder does not exist: a mistyped folder is
    said, not made (the signed file would land where nobody looks for it)."""
    example = f"{target / 'TEN-TEP-da-ky.pdf'}"
    if target.is_dir():
        raise HosoError(
            f"-o {target} là thư mục; hãy ghi tên tệp ký xong trong thư mục đó, ví dụ -o {example}."
        )
    folder = target.parent
    if not folder.is_dir():
        what = "là một tệp, không phải thư mục" if folder.exists() else "không có"
        raise HosoError(
            f"Thư mục {folder} của tệp ký xong (-o {target}) {what}: hãy tạo thư mục đó trước, "
            "hoặc chọn -o trong một thư mục đã có. Văn bản chưa ký, không ghi tệp nào."
        )


def _signature_count(data: bytes) -> int:
    """How many signatures a PDF holds (0 for a file that is not a readable PDF)."""
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        return len(list(fields.enumerate_sig_fields(reader, filled_status=True)))
    except (PdfError, ValueError, KeyError):
        return 0


def _placement(
    data: bytes, request: SignRequest, name: str, image: Image.Image | None
) -> tuple[int, Box, TextStampStyle, str | None]:
    """The page, the rectangle and the look of the signature, found from the document's text, and
    a warning when the signer's name printed there is not the certificate's."""
    if request.role == "dinh-kem":
        page, box = find_attachment_corner(data)
        return page, box, attachment_style(), None
    if request.role in ("xac-nhan", "xac-nhan-co-quan"):
        block = find_confirmation_block(data)
    elif request.role in ("thu-truong-xac-nhan", "don-vi-xac-nhan"):
        block = find_unit_head_block(data)
    else:
        if request.role == "co-quan" and has_unit_head_box(data):
            raise HosoError(_NO_SEAL_FOR_A_PERSON)
        # The signer signs above their own printed name; the organisation where the signer signed.
        printed = request.name_on_page or (name if request.role == "nguoi-ky" else None)
        block = find_signature_block(data, printed)
    if request.role in SIGNERS:
        warning = _other_name(block.name.text, name) if request.role == "nguoi-ky" else None
        return block.page, block.signature, signer_style(image), warning
    return block.page, block.seal(request.seal_mm), seal_style(image), None


# The seal after the signer on an individual's report would lie over the reporter's signature.
_NO_SEAL_FOR_A_PERSON = (
    "Văn bản này là báo cáo thành tích của cá nhân: người báo cáo không đóng dấu nên không ký "
    "--role co-quan. Con dấu của đơn vị đóng ở ô “Thủ trưởng đơn vị xác nhận”: --role "
    "don-vi-xac-nhan (sau khi thủ trưởng ký --role thu-truong-xac-nhan); con dấu của cấp trình "
    "khen thưởng: --role xac-nhan-co-quan."
)


def _other_name(printed: str, name: str) -> str | None:
    """A warning when the name printed under the signature is not the certificate's (marks and
    case aside: a certificate may spell a name without them)."""
    if _bare(printed) == _bare(name):
        return None
    return (
        f"⚠ Chứng thư số mang tên “{name}”, khác họ tên in ở khối chữ ký “{printed}”: văn bản "
        "được ký bởi người khác người ký in trong văn bản. Nếu ký nhầm chứng thư, hãy bỏ tệp "
        "vừa ký và ký lại bằng chứng thư của người ký."
    )


def _bare(name: str) -> str:
    """A name without marks, case or extra spaces (a certificate may spell it either way).

    >>> _bare("HA  KIM YEN") == _bare("Hà Kim Yến") and _bare("ĐỖ") == _bare("do")
    True
    """
    decomposed = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D"))
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(letters.casefold().split())


def _require_free(data: bytes, base: str, page: int, box: Box, source: Path, name: str) -> None:
    """Refuse to sign in the same role over a signature already there (two signatures printed
    one over the other); another signer of the same role signs at their own name (--name), and
    the same signer (`name`) has signed this file already."""
    reader = PdfFileReader(io.BytesIO(data), strict=False)
    page_id = PdfReader(io.BytesIO(data)).pages[page].indirect_reference.idnum
    same_role = re.compile(rf"{re.escape(base)}\d*")
    for field, value, ref in fields.enumerate_sig_fields(reader, filled_status=True):
        widget = ref.get_object()
        if same_role.fullmatch(field) and _placed(widget, page_id, box):
            signer = value.get_object().get("/Name")
            if signer and _bare(str(signer)) == _bare(name):
                raise HosoError(_signed_already(source, field, name))
            who = f", ký bởi {signer}" if signer else ""
            raise HosoError(
                f"{source} đã có chữ ký ở đúng chỗ này ({field_label(field)}{who}): hoso không ký "
                "chồng lên chữ ký đã có. Người khác cùng ký văn bản thì dùng --name HỌ_TÊN để ký ở "
                "khối chữ ký của họ."
            )


def _signed_already(source: Path, field: str, name: str) -> str:
    """Why the same signer does not sign a file twice in the same box."""
    return (
        f"{source} đã có chữ ký của chính {name} ở ô này ({field_label(field)}): tệp này là bản "
        "đã ký, không cần ký lại. Muốn ký lại (ví dụ đổi ảnh chữ ký), hãy ký vào bản gốc chưa "
        "ký của văn bản."
    )


# Each person's box and the seal that goes over it once they have signed.
SEAL_AFTER: dict[str, str] = {
    "nguoi-ky": "co-quan",
    "thu-truong-xac-nhan": "don-vi-xac-nhan",
    "xac-nhan": "xac-nhan-co-quan",
}


def _require_unsealed(data: bytes, role: Role, page: int, box: Box, source: Path) -> None:
    """Refuse a person's signature where the organisation's seal is already: the seal vouches for
    the signature under it, so the person signs first (and their image would cover the seal)."""
    seal = SEAL_AFTER.get(role)
    if seal is None:
        return
    reader = PdfFileReader(io.BytesIO(data), strict=False)
    page_id = PdfReader(io.BytesIO(data)).pages[page].indirect_reference.idnum
    sealed = re.compile(rf"{re.escape(FIELD_NAMES[seal])}\d*")
    for field, value, ref in fields.enumerate_sig_fields(reader, filled_status=True):
        if (
            sealed.fullmatch(field)
            and value is not None
            and _placed(ref.get_object(), page_id, box)
        ):
            by = value.get_object().get("/Name")
            raise HosoError(
                f"{source} đã có con dấu ở khối chữ ký này ({field_label(field)}"
                f"{f', ký bởi {by}' if by else ''}): người ký phải ký trước, cơ quan ký (đóng dấu) "
                "sau, vì con dấu xác nhận chữ ký nằm dưới nó. Hãy ký vào bản chưa đóng dấu (bản "
                "gốc hoso tạo, hay bản chỉ có các chữ ký trước), rồi cơ quan ký sau."
            )


def _placed(widget, page_id: int, box: Box) -> bool:
    """Whether a signature's widget shows on the page and overlaps the box (False when another
    tool wrote it in a shape not understood: then it is not in the way that we know of)."""
    try:
        on_page = widget.raw_get("/P") if "/P" in widget else None
        if on_page is not None and getattr(on_page, "idnum", page_id) != page_id:
            return False
        x1, y1, x2, y2 = (float(v) for v in list(widget["/Rect"]))
    except (KeyError, ValueError, TypeError):
        return False
    return box.overlaps(Box(min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2)))


def _image_what(role: Role) -> str:
    """What the image is, for messages (an attachment's signature has none)."""
    return "ảnh chữ ký" if role in SIGNERS else "ảnh con dấu"


# A PDF that opens but is protected (restricted printing, copying or editing): not signable.
PROTECTED = (
    "tệp PDF được bảo vệ (hạn chế in, sao chép hay sửa) nên không ký thêm vào được; hãy xin "
    "bản PDF không đặt bảo vệ (chữ ký số không cần bảo vệ bằng mật khẩu), hoặc xuất lại PDF từ "
    "văn bản gốc"
)


def _field_name(data: bytes, base: str, source: Path) -> str:
    """A signature field name not yet in the file: the base name, numbered after the first."""
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        # Encrypted with an empty password (printing or editing restricted): it opens, but a
        # signature can be added only with the owner's password, which hoso is not given.
        if reader.encrypted:
            raise HosoError(f"{source}: {PROTECTED}.")
        taken = {name for name, _, _ in fields.enumerate_sig_fields(reader)}
    except (PdfError, ValueError, KeyError):
        raise HosoError(
            f"{source}: không phải tệp PDF đọc được (tệp hỏng, hoặc loại tệp khác đổi đuôi "
            "thành .pdf)."
        ) from None
    number = 1
    name = base
    while name in taken:
        number += 1
        name = f"{base}{number}"
    return name


def _sign(pdf_signer: signers.PdfSigner, data: bytes, source: Path, tsa: str | None) -> bytes:
    """The signed file's bytes: the original bytes, then the signature's incremental update."""
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
        out = pdf_signer.sign_pdf(writer, output=io.BytesIO())
    except TimestampRequestError as exc:  # an OSError: caught before the CLI's generic one
        raise HosoError(_no_timestamp(tsa, exc)) from None
    except (PdfError, SigningError, ValueError):
        # The library's own words are English and name its internals: said as what to do.
        raise HosoError(
            f"Không ký được {source}: hoso không ghi thêm chữ ký vào tệp PDF này được (cấu trúc "
            "tệp lạ hoặc hỏng); hãy xuất lại PDF từ văn bản gốc rồi ký lại, hoặc ký bằng công cụ "
            "ký số của cơ quan."
        ) from None
    return out.getvalue()


def _no_timestamp(tsa: str | None, exc: TimestampRequestError) -> str:
    """Why nothing was signed: the timestamp authority gave no timestamp."""
    return (
        f"Không xin được dấu thời gian từ {tsa}: {tsa_problem(exc)}. Văn bản chưa ký, "
        "không ghi tệp nào; hãy kiểm tra địa chỉ của nơi cấp dấu thời gian và mạng của máy, "
        "hoặc ký không kèm --tsa (thời gian ký khi đó chỉ là giờ của máy này)."
    )
