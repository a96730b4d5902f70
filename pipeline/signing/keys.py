"""Where the signing key is: a PKCS#12 file, or a PKCS#11 token (the USB tokens used in Vietnam)."""

from __future__ import annotations

import struct
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal

from asn1crypto import pkcs12, x509
from pyhanko.sign import signers
from pyhanko.sign.general import SigningError

from pipeline.errors import HosoError


class CredentialError(HosoError):
    """Raised when the key or certificate cannot be opened (wrong file, password, PIN, token)."""


@dataclass(frozen=True)
class Pkcs12:
    """A PKCS#12 file (.p12, .pfx) holding the key, its certificate and chain."""

    path: Path
    password: str | None


@dataclass(frozen=True)
class Pkcs11:
    """A key on a PKCS#11 token: the module (library), the token's label, the PIN, the key's label."""

    module: Path
    token: str | None
    pin: str
    key_label: str | None  # None: the token's only key with a certificate


Credentials = Pkcs12 | Pkcs11
# A token's PKCS#11 library on each system (sys.platform): the system's name and the file's suffix.
LIBRARY_FILES: dict[str, tuple[str, str]] = {
    "linux": ("Linux", ".so"),
    "win32": ("Windows", ".dll"),
    "darwin": ("macOS", ".dylib"),
}
LIBRARY_KINDS = ", ".join(f"{suffix} trên {name}" for name, suffix in LIBRARY_FILES.values())


def _this_system() -> tuple[str, str]:
    """This system's name and the suffix of a PKCS#11 library made for it."""
    return LIBRARY_FILES.get(sys.platform, ("máy này", ".so"))


def library_hint(module: Path) -> str:
    """Why a token's library does not load here: made for another system, or not a library."""
    name, suffix = _this_system()
    other = [n for n, s in LIBRARY_FILES.values() if s == module.suffix.lower() and s != suffix]
    if other:
        return (
            f"tệp {module.suffix} là thư viện cho {other[0]}, không dùng được trên {name}: hãy "
            f"dùng tệp {suffix} của token dành cho {name} (trong bộ cài của nhà cung cấp token)"
        )
    bits, ours = library_bits(module), struct.calcsize("P") * 8
    if bits is not None and bits != ours:
        # Vendors install both builds side by side; the 32-bit one is often found first.
        return (
            f"tệp này là bản {bits}-bit, hoso chạy bản {ours}-bit: hãy dùng tệp {suffix} bản "
            f"{ours}-bit của token (bộ cài của nhà cung cấp token thường có cả hai bản)"
        )
    return (
        f"không phải thư viện PKCS#11 dùng được trên {name}: hãy dùng tệp {suffix} của token "
        f"dành cho {name} (trong bộ cài của nhà cung cấp token)"
    )


def library_bits(module: Path) -> int | None:
    """Whether a library is built for 32 or 64 bits, read from its header (Windows PE, ELF);
    None when the file is neither or unreadable.

    >>> import tempfile; f = Path(tempfile.mkdtemp()) / "x.dll"
    >>> _ = f.write_bytes(b"MZ" + bytes(58) + (64).to_bytes(4, "little") + b"PE\\0\\0\\x4c\\x01")
    >>> library_bits(f)
    32
    """
    try:
        with module.open("rb") as file:
            head = file.read(4096)
    except OSError:
        return None
    if head[:4] == b"\x7fELF" and head[4:5] in (b"\x01", b"\x02"):
        return 32 if head[4] == 1 else 64
    if head[:2] == b"MZ" and len(head) >= 64:
        at = int.from_bytes(head[60:64], "little")
        if head[at : at + 4] == b"PE\0\0":
            machine = int.from_bytes(head[at + 4 : at + 6], "little")
            return {0x14C: 32, 0x8664: 64, 0xAA64: 64}.get(machine)
    return None


def common_name(cert: x509.Certificate) -> str:
    """The person or organisation a certificate names (its CN, else the whole subject)."""
    subject = cert.subject.native
    return str(subject.get("common_name") or cert.subject.human_friendly)


def organisation(cert: x509.Certificate) -> str:
    """The organisation a certificate names (O, else OU), or an empty text."""
    subject = cert.subject.native
    value = subject.get("organization_name") or subject.get("organizational_unit_name") or ""
    return ", ".join(value) if isinstance(value, list) else str(value)


# A certificate used outside its validity: expired, or not valid yet.
Validity = Literal["het-han", "chua-hieu-luc"]


def validity_problem(cert: x509.Certificate, moment: datetime) -> Validity | None:
    """Whether the certificate was expired or not yet valid at `moment` (None: it was valid)."""
    period = cert["tbs_certificate"]["validity"]
    if moment < period["not_before"].native:
        return "chua-hieu-luc"
    if moment > period["not_after"].native:
        return "het-han"
    return None


def validity_period(cert: x509.Certificate) -> tuple[datetime, datetime]:
    """When the certificate starts and stops being valid."""
    period = cert["tbs_certificate"]["validity"]
    return period["not_before"].native, period["not_after"].native


def needs_password(path: Path) -> bool:
    """Whether a file is a PKCS#12 file that does not open without a password."""
    try:
        data = path.read_bytes()
        pkcs12.Pfx.load(data)["auth_safe"]["content_type"]  # parsed now: ValueError if not one
    except (OSError, ValueError):
        return False  # missing, or not PKCS#12: said when it is opened
    try:
        signers.SimpleSigner.load_pkcs12_data(data, other_certs=(), passphrase=None)
    except ValueError:
        return True
    return False


@contextmanager
def open_signer(credentials: Credentials) -> Iterator[signers.Signer]:
    """A pyHanko signer for the credentials, open for as long as the block runs."""
    if isinstance(credentials, Pkcs12):
        yield _pkcs12(credentials)
        return
    yield from _pkcs11(credentials)


def _pkcs12(credentials: Pkcs12) -> signers.Signer:
    """The signer of a PKCS#12 file."""
    if not credentials.path.is_file():
        raise CredentialError(f"Không có tệp khóa {credentials.path}.")
    password = credentials.password.encode("utf-8") if credentials.password is not None else None
    try:
        signer = signers.SimpleSigner.load_pkcs12(str(credentials.path), passphrase=password)
    except (OSError, ValueError, SigningError):
        signer = None
    if signer is None or signer.signing_cert is None:
        raise CredentialError(
            f"Không mở được tệp khóa {credentials.path}: sai mật khẩu, hoặc không phải tệp "
            "PKCS#12 (.p12, .pfx) có khóa và chứng thư số."
        )
    return signer


def _pkcs11(credentials: Pkcs11) -> Iterator[signers.Signer]:
    """The signer of a key on a PKCS#11 token; the session is closed afterwards."""
    from pkcs11 import PKCS11Error
    from pkcs11 import lib as load_library
    from pyhanko.sign import pkcs11

    if not credentials.module.is_file():
        raise CredentialError(
            f"Không có thư viện PKCS#11 {credentials.module} (tệp {_this_system()[1]} của token)."
        )
    try:
        library = load_library(str(credentials.module))
    except PKCS11Error:
        raise CredentialError(
            f"Không nạp được thư viện PKCS#11 {credentials.module}: "
            f"{library_hint(credentials.module)}."
        ) from None
    session = _session(_token(library, credentials), credentials.pin)
    try:
        key_id, label = _key(session, credentials.key_label)
        # Every certificate on the token goes into the signature: Vietnamese CAs put their own
        # (subordinate to the national root) there, and a verifier trusting only the root needs it.
        signer = pkcs11.PKCS11Signer(
            session, key_id=key_id, cert_id=key_id, key_label=label, other_certs_to_pull=None
        )
        try:
            signer.signing_cert  # noqa: B018 - loads the certificate now, to fail here if absent
        except (PKCS11Error, SigningError) as exc:
            raise CredentialError(
                f"Token không đọc được khóa và chứng thư số mang nhãn “{label}” "
                f"({token_trouble(exc)})."
            ) from None
        yield signer
    finally:
        session.close()


# The token's usual troubles, said; any other is named by its PKCS#11 error for the supplier.
_TROUBLES = {
    "DeviceRemoved": "token đã bị rút ra",
    "TokenNotPresent": "không thấy token trong khe cắm",
    "TokenNotRecognised": "thư viện không nhận ra token này",
    "DeviceError": "token báo lỗi thiết bị",
    "DeviceMemory": "token hết bộ nhớ",
    "SessionCount": "token đang mở quá nhiều phiên (một phần mềm ký khác đang dùng)",
    "UserPinNotInitialized": "token chưa được đặt mã PIN",
    "PinExpired": "mã PIN đã hết hạn, cần đổi bằng phần mềm của nhà cung cấp",
    "FunctionCancelled": "thao tác đã bị hủy trên token",
}


def token_trouble(exc: Exception) -> str:
    """What a PKCS#11 error means, in Vietnamese; its name for one without a known meaning.

    >>> from pkcs11.exceptions import DeviceRemoved, GeneralError
    >>> token_trouble(DeviceRemoved()), token_trouble(GeneralError())
    ('token đã bị rút ra', 'mã lỗi PKCS#11: GeneralError')
    """
    name = type(exc).__name__
    return _TROUBLES.get(name, f"mã lỗi PKCS#11: {name}")


def _token(library, credentials: Pkcs11):
    """The token asked for (by its label; else the only one, or the first) among those plugged
    in; HosoError naming the tokens there are when it is not one of them."""
    from pkcs11 import PKCS11Error, TokenFlag

    try:
        slots = library.get_slots(token_present=True)
        tokens = [slot.get_token() for slot in slots]
    except PKCS11Error as exc:
        raise CredentialError(
            f"Thư viện {credentials.module} không đọc được token ({token_trouble(exc)}): hãy cắm "
            "lại token rồi ký lại."
        ) from None
    ready = [t for t in tokens if t.flags & TokenFlag.TOKEN_INITIALIZED]
    if not ready:
        raise CredentialError(
            f"Không thấy token nào (thư viện {credentials.module}): hãy cắm token USB, chờ đèn "
            "token sáng rồi ký lại; đã cắm mà vẫn vậy thì kiểm tra phần mềm (driver) của nhà cung "
            "cấp token và tệp thư viện đúng của token đó."
        )
    named = [t for t in ready if credentials.token in (None, t.label)]
    if not named:
        there = ", ".join(f"“{t.label}”" for t in ready)
        raise CredentialError(
            f"Không thấy token “{credentials.token}”; token đang cắm: {there}. Hãy ghi đúng nhãn "
            "đó sau --token (hoặc bỏ --token khi chỉ cắm một token)."
        )
    return named[0]


def _session(token, pin: str):
    """A session on the token, logged in with the PIN; HosoError saying why it did not open."""
    from pkcs11 import PKCS11Error
    from pkcs11 import exceptions as failed

    try:
        return token.open(user_pin=pin)
    except (failed.PinIncorrect, failed.PinInvalid, failed.PinLenRange):
        raise CredentialError(
            f"Không mở được token “{token.label}”: sai mã PIN. Nhập sai nhiều lần thì token bị "
            "khóa: hãy kiểm tra kỹ mã PIN trước khi thử lại."
        ) from None
    except failed.PinLocked:
        raise CredentialError(
            f"Token “{token.label}” đã bị khóa vì nhập sai mã PIN quá số lần cho phép: hãy mở "
            "khóa bằng phần mềm của nhà cung cấp token (hoặc liên hệ nhà cung cấp)."
        ) from None
    except PKCS11Error as exc:
        raise CredentialError(
            f"Không mở được token “{token.label}” ({token_trouble(exc)}): hãy cắm lại token rồi "
            "ký lại."
        ) from None


def _key(session, key_label: str | None) -> tuple[bytes | None, str | None]:
    """The id and label of the key to sign with: the one labelled so, else the token's only key
    with a certificate; HosoError listing the token's keys when that is not one of them."""
    keys = _keys(session)
    chosen = [k for k in keys if key_label in (None, k[1])]
    if len(chosen) == 1:
        return chosen[0][0], chosen[0][1]
    # By key id, as the token's keys were put on it: the order a token returns them varies.
    ordered = sorted(keys, key=lambda k: (k[0] or b"", k[1] or ""))
    listed = "; ".join(f"“{label or ''}” ({name})" for _, label, name in ordered)
    if not keys:
        raise CredentialError("Token không có khóa nào kèm chứng thư số để ký.")
    if key_label is None:
        raise CredentialError(
            f"Token có {len(keys)} chứng thư số: {listed}. Hãy chọn một bằng --key-label NHÃN."
        )
    raise CredentialError(
        f"Token không có khóa và chứng thư số mang nhãn “{key_label}”; nhãn trên token: "
        f"{listed}. Hãy ghi đúng một nhãn đó sau --key-label (hoặc bỏ --key-label khi token chỉ "
        "có một chứng thư số)."
    )


def _keys(session) -> list[tuple[bytes | None, str | None, str]]:
    """The token's private keys that have their certificate beside them (same id, else same
    label): each key's id, label and the name its certificate gives."""
    from pkcs11 import Attribute, ObjectClass, PKCS11Error

    def attr(obj, which):
        try:
            return obj[which] or None
        except (PKCS11Error, KeyError):  # a token may lack or refuse any attribute
            return None

    certs = [
        (attr(c, Attribute.ID), attr(c, Attribute.LABEL), attr(c, Attribute.VALUE))
        for c in session.get_objects({Attribute.CLASS: ObjectClass.CERTIFICATE})
    ]
    found = []
    for key in session.get_objects({Attribute.CLASS: ObjectClass.PRIVATE_KEY}):
        key_id, label = attr(key, Attribute.ID), attr(key, Attribute.LABEL)
        for cert_id, cert_label, der in certs:
            if der and ((key_id and key_id == cert_id) or (label and label == cert_label)):
                name = _holder(der)
                found.append((key_id if key_id == cert_id else None, label or cert_label, name))
                break
    return found


def _holder(der: bytes) -> str:
    """Whom a certificate on a token names, for a list of the token's keys."""
    try:
        return common_name(x509.Certificate.load(der))
    except ValueError:
        return "chứng thư không đọc được"
