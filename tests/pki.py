"""A test PKI made in the test: a CA, certificates for a signer and an organisation, PKCS#12 files,
SoftHSM2 tokens, and the signature and seal images (nothing from the network or outside the repo)."""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from PIL import Image, ImageDraw

PASSWORD = "mat-khau"
SIGNER = "Hà Kim Yến"  # the Bù Gia Mập example's signer, as printed under the signature
UNIT = "Ủy ban nhân dân huyện Bù Gia Mập"
SOFTHSM_MODULE = Path("/usr/lib/softhsm/libsofthsm2.so")


@dataclass(frozen=True)
class Identity:
    """A key and its certificate."""

    key: rsa.RSAPrivateKey
    cert: x509.Certificate


@dataclass(frozen=True)
class Keys:
    """The test's PKI on disk."""

    signer_p12: Path
    unit_p12: Path
    stranger_p12: Path  # issued by a CA the office does not trust
    trust: Path  # the office's folder of CA certificates
    signature_png: Path
    seal_png: Path
    softhsm_conf: Path
    revoked_p12: Path  # issued by the trusted CA, then revoked
    crl: Path  # the trusted CA's current CRL (DER), listing revoked_p12's certificate
    stale_crl: Path  # the same CA's CRL whose next update is past


def _name(common: str, org: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, org),
            x509.NameAttribute(NameOID.COMMON_NAME, common),
        ]
    )


def make_ca(common: str = "CA thử nghiệm hoso") -> Identity:
    """A self-signed root CA."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = _name(common, "Tổ chức chứng thực thử nghiệm")
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return Identity(key, cert)


def issue(
    ca: Identity,
    common: str,
    org: str,
    valid: tuple[datetime.datetime, datetime.datetime] | None = None,
) -> Identity:
    """A signing certificate issued by the CA, valid from an hour ago for 90 days (or `valid`)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    now = datetime.datetime.now(datetime.UTC)
    start, end = valid or (now - datetime.timedelta(hours=1), now + datetime.timedelta(days=90))
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(common, org))
        .issuer_name(ca.cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(True, True, False, False, False, False, False, False, False),
            critical=True,
        )
        .add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.key.public_key()), critical=False
        )
        .sign(ca.key, hashes.SHA256())
    )
    return Identity(key, cert)


def out_of_date_pkcs12(root: Path) -> tuple[Path, Path, Path]:
    """The signer's PKCS#12 files with a certificate expired 10 days ago and one valid only from
    10 days on, both issued by a CA whose certificate is in the returned trust folder."""
    ca = make_ca()
    trust = root / "tin-cay-han"
    trust.mkdir()
    write_cert(ca, trust / "ca.pem")
    now = datetime.datetime.now(datetime.UTC)
    days = datetime.timedelta(days=1)
    expired = issue(ca, SIGNER, UNIT, (now - 100 * days, now - 10 * days))
    early = issue(ca, SIGNER, UNIT, (now + 10 * days, now + 100 * days))
    return (
        write_pkcs12(expired, ca, root / "het-han.p12"),
        write_pkcs12(early, ca, root / "chua-hieu-luc.p12"),
        trust,
    )


def write_pkcs12(identity: Identity, ca: Identity, path: Path) -> Path:
    """The identity and its CA as a PKCS#12 file protected by PASSWORD."""
    data = pkcs12.serialize_key_and_certificates(
        b"hoso",
        identity.key,
        identity.cert,
        [ca.cert],
        serialization.BestAvailableEncryption(PASSWORD.encode()),
    )
    path.write_bytes(data)
    return path


def write_cert(identity: Identity, path: Path) -> Path:
    """A certificate as a PEM file (a trust root in an office's folder)."""
    path.write_bytes(identity.cert.public_bytes(serialization.Encoding.PEM))
    return path


def write_crl(ca: Identity, revoked: Identity, path: Path, *, stale: bool = False) -> Path:
    """The CA's CRL (DER) revoking one certificate; `stale`: its next update is already past."""
    now = datetime.datetime.now(datetime.UTC)
    updated = now - datetime.timedelta(days=10 if stale else 0, minutes=5)
    entry = (
        x509.RevokedCertificateBuilder()
        .serial_number(revoked.cert.serial_number)
        .revocation_date(min(now - datetime.timedelta(minutes=30), updated))
        .build()
    )
    crl = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(ca.cert.subject)
        .last_update(updated)
        .next_update(updated + datetime.timedelta(days=7))
        .add_revoked_certificate(entry)
        .sign(ca.key, hashes.SHA256())
    )
    path.write_bytes(crl.public_bytes(serialization.Encoding.DER))
    return path


def signature_image(path: Path) -> Path:
    """A handwritten-looking signature: blue strokes on a transparent background."""
    image = Image.new("RGBA", (400, 160), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.line(
        [(20, 120), (90, 30), (140, 130), (210, 40), (260, 120), (380, 60)], (20, 40, 160, 255), 8
    )
    draw.line([(60, 140), (340, 100)], (20, 40, 160, 255), 5)
    image.save(path)
    return path


def seal_image(path: Path) -> Path:
    """A round red seal with a star, on a transparent background."""
    image = Image.new("RGBA", (300, 300), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    red = (210, 20, 20, 230)
    draw.ellipse((6, 6, 294, 294), outline=red, width=12)
    draw.ellipse((40, 40, 260, 260), outline=red, width=5)
    draw.regular_polygon((150, 150, 50), 5, fill=red)
    image.save(path)
    return path


def softhsm_token(root: Path, identity: Identity, label: str, pin: str) -> Path:
    """A SoftHSM2 token in `root` holding the identity under `label`; returns its config file.

    Everything is done in other processes: a PKCS#11 library reads SOFTHSM2_CONF once, when it is
    first loaded, so the tests' own process must load it only after the token is complete.
    """
    tokens = root / "tokens"
    tokens.mkdir(parents=True)
    config = root / "softhsm2.conf"
    config.write_text(f"directories.tokendir = {tokens}\nobjectstore.backend = file\n")
    env = {**os.environ, "SOFTHSM2_CONF": str(config)}
    util = ["softhsm2-util", "--pin", pin]
    subprocess.run(
        [*util, "--init-token", "--free", "--label", label, "--so-pin", "12345678"],
        check=True,
        capture_output=True,
        env=env,
    )
    add_key(config, label, pin, identity, label, 1)
    return config


def add_key(
    config: Path,
    token: str,
    pin: str,
    identity: Identity,
    label: str,
    key_id: int,
    *,
    certificate: bool = True,
) -> None:
    """Put an identity's key and certificate (or its key alone) on a SoftHSM2 token under
    `label` and `key_id` (in other processes, as softhsm_token does)."""
    env = {**os.environ, "SOFTHSM2_CONF": str(config)}
    key_file = config.parent / f"key-{key_id}.pem"
    key_file.write_bytes(
        identity.key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    imported = [
        "--import",
        str(key_file),
        "--token",
        token,
        "--label",
        label,
        "--id",
        f"{key_id:02x}",
    ]
    subprocess.run(
        ["softhsm2-util", "--pin", pin, *imported], check=True, capture_output=True, env=env
    )
    key_file.unlink()
    if certificate:
        add_certificate(config, token, pin, identity, label, key_id)


def add_certificate(
    config: Path, token: str, pin: str, identity: Identity, label: str, key_id: int
) -> None:
    """Put an identity's certificate alone on a SoftHSM2 token (its key is not there)."""
    env = {**os.environ, "SOFTHSM2_CONF": str(config)}
    cert_file = config.parent / f"cert-{key_id}.der"
    cert_file.write_bytes(identity.cert.public_bytes(serialization.Encoding.DER))
    stored = [str(SOFTHSM_MODULE), token, pin, str(cert_file), label, str(key_id)]
    subprocess.run(
        [sys.executable, "-c", _STORE_CERTIFICATE, *stored],
        check=True,
        capture_output=True,
        env=env,
    )


# The certificate goes on the token next to its key (same label and id), with python-pkcs11.
_STORE_CERTIFICATE = """
import sys
import pkcs11
from cryptography import x509
module, token_label, pin, path, label, key_id = sys.argv[1:]
der = open(path, "rb").read()
cert = x509.load_der_x509_certificate(der)
token = pkcs11.lib(module).get_token(token_label=token_label)
with token.open(rw=True, user_pin=pin) as session:
    session.create_object({
        pkcs11.Attribute.CLASS: pkcs11.ObjectClass.CERTIFICATE,
        pkcs11.Attribute.CERTIFICATE_TYPE: pkcs11.CertificateType.X_509,
        pkcs11.Attribute.TOKEN: True,
        pkcs11.Attribute.LABEL: label,
        pkcs11.Attribute.ID: bytes([int(key_id)]),
        pkcs11.Attribute.VALUE: der,
        pkcs11.Attribute.SUBJECT: cert.subject.public_bytes(),
    })
"""


def make_keys(root: Path) -> Keys:
    """A CA, the signer's and the unit's certificates, a stranger's, images, a SoftHSM2 token."""
    ca, other_ca = make_ca(), make_ca("CA lạ")
    signer = issue(ca, SIGNER, UNIT)
    unit = issue(ca, UNIT, UNIT)
    stranger = issue(other_ca, SIGNER, UNIT)
    trust = root / "tin-cay"
    trust.mkdir()
    write_cert(ca, trust / "ca.pem")
    softhsm = softhsm_token(root / "softhsm", signer, "hoso-token", "123456")
    revoked = issue(ca, SIGNER, UNIT)
    return Keys(
        write_pkcs12(signer, ca, root / "nguoi-ky.p12"),
        write_pkcs12(unit, ca, root / "co-quan.p12"),
        write_pkcs12(stranger, other_ca, root / "la.p12"),
        trust,
        signature_image(root / "chu-ky.png"),
        seal_image(root / "con-dau.png"),
        softhsm,
        write_pkcs12(revoked, ca, root / "thu-hoi.p12"),
        write_crl(ca, revoked, root / "ca.crl"),
        write_crl(ca, revoked, root / "ca-cu.crl", stale=True),
    )


# SoftHSM2 keeps a token's flags (CKA_OS_TOKENFLAGS, an unsigned long) in its token.object file.
_TOKEN_FLAGS = bytes.fromhex("000000008000534b") + (2).to_bytes(8, "big")
USER_PIN_FINAL_TRY = 0x20000  # CKF_USER_PIN_FINAL_TRY: one more wrong PIN locks the token
USER_PIN_LOCKED = 0x40000  # CKF_USER_PIN_LOCKED


def set_token_flag(config: Path, flag: int) -> None:
    """Make every SoftHSM2 token of a configuration report `flag` as a real token does when its
    PIN was mistyped (SoftHSM2 itself never locks a PIN, but reports the flags it keeps)."""
    line = config.read_text().splitlines()[0]
    tokens = Path(line.split("=", 1)[1].strip())
    for path in tokens.glob("*/token.object"):
        data = path.read_bytes()
        at = data.index(_TOKEN_FLAGS) + len(_TOKEN_FLAGS)
        flags = int.from_bytes(data[at : at + 8], "big") | flag
        path.write_bytes(data[:at] + flags.to_bytes(8, "big") + data[at + 8 :])


def add_token(config: Path, label: str, pin: str, identity: Identity | None = None) -> None:
    """Another token in the same SoftHSM2 configuration (a second USB token plugged in), with
    the identity's key and certificate (its label unique then), or empty."""
    env = {**os.environ, "SOFTHSM2_CONF": str(config)}
    init = ["--init-token", "--free", "--label", label, "--so-pin", "12345678"]
    subprocess.run(
        ["softhsm2-util", "--pin", pin, *init],
        check=True,
        capture_output=True,
        env=env,
    )
    if identity is not None:
        add_key(config, label, pin, identity, label, 1)
