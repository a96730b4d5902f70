"""Where the signing key is: a PKCS#12 file, or a PKCS#11 token (the USB tokens used in Vietnam)."""

from __future__ import annotations

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
    key_label: str


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
    return (
        f"không phải thư viện PKCS#11 dùng được trên {name}: hãy dùng tệp {suffix} của token "
        f"dành cho {name} (trong bộ cài của nhà cung cấp token)"
    )


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
    from pyhanko.config.pkcs11 import TokenCriteria
    from pyhanko.sign import pkcs11

    if not credentials.module.is_file():
        raise CredentialError(
            f"Không có thư viện PKCS#11 {credentials.module} (tệp {_this_system()[1]} của token)."
        )
    try:
        load_library(str(credentials.module))  # loaded once: the session below uses it
    except PKCS11Error:
        raise CredentialError(
            f"Không nạp được thư viện PKCS#11 {credentials.module}: "
            f"{library_hint(credentials.module)}."
        ) from None
    criteria = TokenCriteria(label=credentials.token)  # no label: the first token found
    try:
        session = pkcs11.open_pkcs11_session(
            str(credentials.module), token_criteria=criteria, user_pin=credentials.pin
        )
    except (PKCS11Error, SigningError, OSError, RuntimeError) as exc:
        raise CredentialError(
            f"Không mở được token PKCS#11 ({credentials.token or 'token đầu tiên'}): sai mã PIN, "
            f"token chưa cắm hoặc sai tên token ({type(exc).__name__})."
        ) from None
    try:
        signer = pkcs11.PKCS11Signer(
            session, cert_label=credentials.key_label, key_label=credentials.key_label
        )
        try:
            signer.signing_cert  # noqa: B018 - loads the certificate now, to fail here if absent
        except (PKCS11Error, SigningError) as exc:
            raise CredentialError(
                f"Token không có khóa và chứng thư số mang nhãn “{credentials.key_label}” "
                f"({type(exc).__name__})."
            ) from None
        yield signer
    finally:
        session.close()
