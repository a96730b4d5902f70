"""Where the signing key is: a PKCS#12 file, or a PKCS#11 token (the USB tokens used in Vietnam,
opened by pipeline.signing.token)."""

from __future__ import annotations

import struct
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pipeline.errors import HosoError

# pyhanko.sign (half a second with the aiohttp it loads) and asn1crypto are imported where a key is
# opened: `hoso verify`, `hoso check` and every other command import this module for its names.
if TYPE_CHECKING:
    from asn1crypto import x509
    from pyhanko.sign import signers


class CredentialError(HosoError):
    """Raised when the key or certificate cannot be opened (wrong file, password, PIN, token)."""


@dataclass(frozen=True)
class Pkcs12:
    """A PKCS#12 file (.p12, .pfx) holding the key, its certificate and chain."""

    path: Path
    password: str | None


@dataclass(frozen=True)
class Pkcs11:
    """A key on a PKCS#11 token: the module (library), the token's label, the PIN (or how to ask
    for it), the key's label."""

    module: Path
    token: str | None
    pin: str | None  # None: asked for with ask_pin, once the token is found
    key_label: str | None  # None: the token's only key with a certificate
    # Asks for the PIN of the token found (its label given): called only once the module has
    # loaded and the token is there, so that a clerk does not type a PIN for nothing.
    ask_pin: Callable[[str], str] | None = None


Credentials = Pkcs12 | Pkcs11
# A token's PKCS#11 library on each system (sys.platform): the system's name and the file's suffix.
LIBRARY_FILES: dict[str, tuple[str, str]] = {
    "linux": ("Linux", ".so"),
    "win32": ("Windows", ".dll"),
    "darwin": ("macOS", ".dylib"),
}
LIBRARY_KINDS = ", ".join(f"{suffix} trên {name}" for name, suffix in LIBRARY_FILES.values())


def this_system() -> tuple[str, str]:
    """This system's name and the suffix of a PKCS#11 library made for it."""
    return LIBRARY_FILES.get(sys.platform, ("máy này", ".so"))


def library_hint(module: Path) -> str:
    """Why a token's library does not load here: made for another system, or not a library."""
    name, suffix = this_system()
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
    from asn1crypto import pkcs12  # here: see the TYPE_CHECKING comment
    from pyhanko.sign import signers

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
    from pipeline.signing.token import token_signer  # python-pkcs11 loads only for a token

    yield from token_signer(credentials)


def _pkcs12(credentials: Pkcs12) -> signers.Signer:
    """The signer of a PKCS#12 file."""
    from pyhanko.sign import signers  # here: see the TYPE_CHECKING comment
    from pyhanko.sign.general import SigningError

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
