"""A key on a PKCS#11 token (the USB tokens used in Vietnam): the token, the PIN and the key
found, and each way that goes wrong in an office said in Vietnamese before anything is signed."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from asn1crypto import x509
from pyhanko.sign import signers
from pyhanko.sign.general import SigningError

from pipeline.signing.appearance import VIETNAM
from pipeline.signing.keys import CredentialError, Pkcs11, common_name, library_hint, this_system

# A token's usual troubles, said; any other is named by its PKCS#11 error for the supplier.
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


def _not_started(module: Path, exc: Exception) -> str:
    """A token's library that loads but does not start: its own software is missing a part (a
    service not running, its configuration file gone), not a wrong file."""
    return (
        f"Thư viện PKCS#11 {module} đã nạp được nhưng không khởi động được ("
        f"{token_trouble(exc)}): phần mềm của token chưa được cài đủ, dịch vụ của nó chưa chạy "
        "hoặc tệp cấu hình của nó bị thiếu. Hãy cài lại bộ cài của nhà cung cấp token (hoặc khởi "
        "động lại máy), cắm lại token rồi thử lại."
    )


def token_signer(credentials: Pkcs11) -> Iterator[signers.Signer]:
    """The signer of a key on a PKCS#11 token; the session is closed afterwards."""
    from pkcs11 import PKCS11Error
    from pkcs11 import lib as load_library
    from pyhanko.sign import pkcs11

    module = credentials.module
    if module.is_dir():
        raise CredentialError(
            f"{module} là thư mục; --pkcs11 cần chính tệp thư viện của token trong đó (tệp "
            f"{this_system()[1]}, thường có “pkcs11” hay tên nhà cung cấp token trong tên tệp)."
        )
    if not module.is_file():
        raise CredentialError(
            f"Không có thư viện PKCS#11 {module} (tệp {this_system()[1]} của token)."
        )
    try:
        library = load_library(str(module))
    except PKCS11Error as exc:
        if type(exc) is not PKCS11Error:  # it loaded, and its C_Initialize said why it cannot
            raise CredentialError(_not_started(module, exc)) from None
        raise CredentialError(
            f"Không nạp được thư viện PKCS#11 {module}: {library_hint(module)}."
        ) from None
    token = _token(library, credentials)
    _require_unlocked(token)
    session = _session(token, _pin(credentials, token.label))
    try:
        key = _key(session, credentials.key_label)
        # Every certificate on the token goes into the signature: Vietnamese CAs put their own
        # (subordinate to the national root) there, and a verifier trusting only the root needs it.
        signer = pkcs11.PKCS11Signer(
            session,
            key_id=key.id,
            cert_id=key.id,
            key_label=key.label,
            other_certs_to_pull=None,
        )
        try:
            signer.signing_cert  # noqa: B018 - loads the certificate now, to fail here if absent
        except (PKCS11Error, SigningError) as exc:
            raise CredentialError(
                f"Token không đọc được khóa và chứng thư số mang nhãn “{key.label}” "
                f"({token_trouble(exc)})."
            ) from None
        yield signer
    finally:
        session.close()


def _token(library, credentials: Pkcs11):
    """The token asked for (by its label or serial number; else the only one plugged in);
    CredentialError naming the tokens there are when it is not one of them, or when several are
    plugged in and none is named: a PIN typed into another person's token counts towards locking
    it."""
    from pkcs11 import PKCS11Error, TokenFlag

    try:
        tokens = [slot.get_token() for slot in library.get_slots(token_present=True)]
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
    there = ", ".join(_token_name(t, ready) for t in ready)
    if credentials.token is None:
        if len(ready) == 1:
            return ready[0]
        raise CredentialError(
            f"Đang cắm {len(ready)} token: {there}. Hãy chọn token để ký bằng --token NHÃN (hoặc "
            "rút các token khác ra): hoso không thử mã PIN trên token của người khác."
        )
    wanted = credentials.token.strip()
    named = [t for t in ready if wanted in (t.label, _serial(t))] or [
        t for t in ready if wanted.casefold() == t.label.casefold()
    ]
    if len(named) == 1:
        return named[0]
    if named:
        raise CredentialError(
            f"Đang cắm {len(named)} token cùng nhãn “{wanted}”: {there}. Hãy chọn một bằng số "
            "sê-ri: --token SỐ_SÊ_RI."
        )
    raise CredentialError(
        f"Không thấy token “{wanted}”; token đang cắm: {there}. Hãy ghi đúng nhãn đó sau --token "
        "(hoặc bỏ --token khi chỉ cắm một token)."
    )


def _serial(token) -> str:
    """A token's serial number as its label shows it (ASCII, spaces trimmed)."""
    serial = token.serial
    text = serial.decode("ascii", "replace") if isinstance(serial, bytes) else str(serial)
    return text.strip()


def _token_name(token, tokens: list) -> str:
    """A token in a list of those plugged in: its label, and its serial number when another
    token has the same label (the only way to tell them apart)."""
    twins = sum(t.label == token.label for t in tokens)
    return f"“{token.label}”" + (f" (số sê-ri {_serial(token)})" if twins > 1 else "")


def _locked(label: str) -> str:
    """What to do with a token whose PIN is locked."""
    return (
        f"Token “{label}” đã bị khóa vì nhập sai mã PIN quá số lần cho phép: hoso không "
        "thử mã PIN nữa. Hãy mở khóa bằng phần mềm của nhà cung cấp token (cần mã PUK hay mã PIN "
        "quản trị, SO PIN), hoặc mang token tới nhà cung cấp."
    )


def _require_unlocked(token) -> None:
    """CredentialError when the token says its PIN is locked: no PIN is asked for nor tried
    (each try may count)."""
    from pkcs11 import TokenFlag

    if token.flags & TokenFlag.USER_PIN_LOCKED:
        raise CredentialError(_locked(token.label))


def _pin(credentials: Pkcs11, label: str) -> str:
    """The PIN given, else asked for now that the token to log in to is there."""
    if credentials.pin is not None:
        return credentials.pin
    if credentials.ask_pin is None:
        raise CredentialError(f"Cần mã PIN của token “{label}”.")
    return credentials.ask_pin(label)


def _session(token, pin: str):
    """A session on the token, logged in with the PIN; CredentialError saying why it did not
    open."""
    from pkcs11 import PKCS11Error, TokenFlag
    from pkcs11 import exceptions as failed

    locked = _locked(token.label)
    try:
        return token.open(user_pin=pin)
    except (failed.PinIncorrect, failed.PinInvalid, failed.PinLenRange):
        flags = _flags_now(token)
        if flags & TokenFlag.USER_PIN_LOCKED:
            raise CredentialError(f"Sai mã PIN. {locked}") from None
        last = flags & TokenFlag.USER_PIN_FINAL_TRY
        raise CredentialError(
            f"Không mở được token “{token.label}”: sai mã PIN. "
            + (
                "Token báo CHỈ CÒN MỘT LẦN nhập: nhập sai lần nữa thì token bị khóa. Hãy tìm "
                "đúng mã PIN (hỏi người giữ token) trước khi thử lại."
                if last
                else "Nhập sai nhiều lần thì token bị khóa: hãy kiểm tra kỹ mã PIN trước khi thử "
                "lại."
            )
        ) from None
    except failed.PinLocked:
        raise CredentialError(locked) from None
    except PKCS11Error as exc:
        raise CredentialError(
            f"Không mở được token “{token.label}” ({token_trouble(exc)}): hãy cắm lại token rồi "
            "ký lại."
        ) from None


def _flags_now(token) -> int:
    """The token's flags as it says them now (after a PIN was refused); 0 when it cannot say."""
    from pkcs11 import PKCS11Error

    try:
        return int(token.slot.get_token().flags)
    except PKCS11Error:
        return 0


@dataclass(frozen=True)
class TokenKey:
    """A private key on a token with its certificate beside it (same id, else same label)."""

    id: bytes | None
    label: str | None
    holder: str  # whom its certificate names
    until: datetime | None  # when its certificate stops being valid

    def said(self) -> str:
        """The key in a list of the token's keys: label, holder, id, validity."""
        about = [self.holder]
        if self.id:
            about.append(f"mã {self.id.hex()}")
        if self.until is not None:
            day = self.until.astimezone(VIETNAM).strftime("%d/%m/%Y")
            gone = self.until < datetime.now(self.until.tzinfo)
            about.append(f"đã hết hạn ngày {day}" if gone else f"hiệu lực đến {day}")
        return f"“{self.label or ''}” ({', '.join(about)})"


def _key(session, key_label: str | None) -> TokenKey:
    """The key to sign with: the one labelled so (or with that id, in hex), else the token's only
    key with a certificate; CredentialError listing the token's keys when that is not one."""
    keys, lone, bare = _keys(session)
    if not keys:
        raise CredentialError(_no_key(lone, bare))
    chosen = [k for k in keys if key_label in (None, k.label)] or [
        k for k in keys if k.id and key_label and key_label.strip().lower() == k.id.hex()
    ]
    if len(chosen) == 1:
        return chosen[0]
    # By key id, as the token's keys were put on it: the order a token returns them varies.
    ordered = sorted(keys, key=lambda k: (k.id or b"", k.label or ""))
    listed = "; ".join(k.said() for k in ordered)
    if key_label is None or chosen:  # several keys, or several with the label given
        twins = len({k.label for k in keys}) < len(keys)
        same = " (hai chứng thư cùng nhãn thì ghi mã thay nhãn, ví dụ --key-label 01)"
        raise CredentialError(
            f"Token có {len(keys)} chứng thư số: {listed}. Hãy chọn một bằng --key-label NHÃN"
            f"{same if twins else ''}."
        )
    missing = [c for c in lone if c[0] == key_label]
    if missing:
        raise CredentialError(_no_key(missing, []))
    raise CredentialError(
        f"Token không có khóa và chứng thư số mang nhãn “{key_label}”; nhãn trên token: "
        f"{listed}. Hãy ghi đúng một nhãn đó sau --key-label (hoặc bỏ --key-label khi token chỉ "
        "có một chứng thư số)."
    )


def _no_key(lone: list[tuple[str | None, str]], bare: list[str | None]) -> str:
    """Why the token has nothing to sign with: certificates there without their private key, or
    private keys without their certificate."""
    if not lone and bare:
        named = ", ".join(f"“{label or ''}”" for label in bare)
        return (
            f"Token có khóa bí mật {named} nhưng không có chứng thư số đi kèm (chứng thư chưa được "
            "nạp vào token, hay đã bị xóa), nên không ký được; hãy liên hệ nhà cung cấp token để "
            "nạp lại chứng thư số."
        )
    if not lone:
        return (
            "Token không có chứng thư số nào kèm khóa bí mật để ký: token trống, hoặc chứng thư "
            "số chưa được nạp vào token; hãy liên hệ nhà cung cấp token."
        )
    named = "; ".join(f"“{label or ''}” ({holder})" for label, holder in lone)
    return (
        f"Token có chứng thư số {named} nhưng không có khóa bí mật đi kèm, nên không ký được "
        "bằng chứng thư đó. Có thể khóa nằm trên token khác (cắm đúng token, --token), hoặc "
        "chứng thư được nạp vào token mà không kèm khóa; hãy liên hệ nhà cung cấp token."
    )


def _keys(session) -> tuple[list[TokenKey], list[tuple[str | None, str]], list[str | None]]:
    """The token's private keys that have their certificate beside them (same id, else same
    label); the signers' certificates (not a CA's) that have no key: label and holder; the
    labels of keys without a certificate."""
    from pkcs11 import Attribute, ObjectClass, PKCS11Error

    def attr(obj, which):
        try:
            return obj[which] or None
        except (PKCS11Error, KeyError):  # a token may lack or refuse any attribute
            return None

    certs = [
        (attr(c, Attribute.ID), attr(c, Attribute.LABEL), _load(attr(c, Attribute.VALUE)))
        for c in session.get_objects({Attribute.CLASS: ObjectClass.CERTIFICATE})
    ]
    found, used, bare = [], set(), []
    for key in session.get_objects({Attribute.CLASS: ObjectClass.PRIVATE_KEY}):
        key_id, label = attr(key, Attribute.ID), attr(key, Attribute.LABEL)
        # Its certificate by id first: a renewed key may share its label with the expired one.
        index = next((i for i, c in enumerate(certs) if c[2] and key_id and key_id == c[0]), None)
        if index is None:
            index = next((i for i, c in enumerate(certs) if c[2] and label and label == c[1]), None)
        if index is None:
            bare.append(label)
            continue
        cert_id, cert_label, cert = certs[index]
        assert cert is not None
        until = cert["tbs_certificate"]["validity"]["not_after"].native
        same_id = key_id if key_id == cert_id else None
        found.append(TokenKey(same_id, label or cert_label, _holder(cert), until))
        used.add(index)
    lone = [
        (label, _holder(cert))
        for index, (_, label, cert) in enumerate(certs)
        if index not in used and cert is not None and not cert.ca
    ]
    return found, lone, bare


def _load(der: bytes | None) -> x509.Certificate | None:
    """A certificate on the token, parsed now (None: absent or unreadable)."""
    try:
        cert = x509.Certificate.load(der) if der else None
        _ = cert.subject.native if cert is not None else None
        return cert
    except ValueError:
        return None


def _holder(cert: x509.Certificate | None) -> str:
    """Whom a certificate on a token names, for a list of the token's keys."""
    return common_name(cert) if cert is not None else "chứng thư không đọc được"
