"""A USB token as Vietnamese CAs issue them: the signer's certificate comes from a subordinate CA
whose certificate sits on the token beside it. The signature carries that CA's certificate, so an
office trusting only the national root verifies it."""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from tests import pki
from tests.pki import SIGNER, UNIT, Identity

pytestmark = pytest.mark.libreoffice
BGM = "bu-gia-map-cds-2022-2025"


def _subordinate(root: Identity, common: str) -> Identity:
    """A CA certified by `root` (as VNPT-CA or Viettel-CA by the national root)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    now = datetime.datetime.now(datetime.UTC)
    name = x509.Name([x509.NameAttribute(x509.NameOID.COMMON_NAME, common)])
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(root.cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=300))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(root.key.public_key()),
            critical=False,
        )
        .sign(root.key, hashes.SHA256())
    )
    return Identity(key, cert)


def _store_certificate(config: Path, token: str, pin: str, cert: x509.Certificate) -> None:
    """A CA certificate on the token, without a key (in another process, as pki.add_key does)."""
    path = config.parent / "ca-trung-gian.der"
    path.write_bytes(cert.public_bytes(serialization.Encoding.DER))
    stored = [str(pki.SOFTHSM_MODULE), token, pin, str(path), "ca-trung-gian", "9"]
    env = {**os.environ, "SOFTHSM2_CONF": str(config)}
    command = [sys.executable, "-c", pki._STORE_CERTIFICATE, *stored]
    subprocess.run(command, check=True, capture_output=True, env=env)


def _hoso(config: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    """`hoso ARGS…` in another process, which reads this SoftHSM2 configuration."""
    env = {**os.environ, "SOFTHSM2_CONF": str(config)}
    command = [sys.executable, "-m", "pipeline.cli", *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, env=env, check=False)


def test_a_token_signature_carries_the_subordinate_ca_so_the_national_root_verifies_it(
    bgm_output: Path, tmp_path: Path
) -> None:
    root = pki.make_ca("Root CA quốc gia thử nghiệm")
    middle = _subordinate(root, "CA thuê bao thử nghiệm")
    config = pki.softhsm_token(tmp_path / "token", pki.issue(middle, SIGNER, UNIT), "vnpt", "1234")
    _store_certificate(config, "vnpt", "1234", middle.cert)
    trust = tmp_path / "tin-cay"
    trust.mkdir()
    pki.write_cert(root, trust / "root-ca.pem")  # the office trusts the national root only
    source = bgm_output / BGM / "van-ban" / "01-to-trinh.pdf"
    signed = tmp_path / "da-ky.pdf"
    done = _hoso(
        config, "sign", source, "-o", signed, "--pkcs11", pki.SOFTHSM_MODULE, "--pin", "1234"
    )
    assert done.returncode == 0, done.stderr

    result = _hoso(config, "verify", signed, "--trust", trust)

    assert result.returncode == 0, result.stdout
    assert "hợp lệ: nội dung còn nguyên, chứng thư số tin cậy" in result.stdout
    assert "Chữ ký này bao trùm toàn bộ tệp (" in result.stdout
