"""What an office trusts: its folder of CA certificates and the revocation lists (CRL) it keeps.

Nothing is fetched from the network (the office's machine may have none, and a check must give the
same answer tomorrow): a signer's certificate is checked for revocation when the folder holds a CRL
of its issuer, and then that CRL must say it is not revoked and still be current.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.errors import HosoError
from pipeline.files import reason

# asn1crypto and pyhanko_certvalidator (a tenth of a second or more) are imported where a folder
# is read or a signature validated: every command imports this module for TRUST_FILES and Trust.
if TYPE_CHECKING:
    from asn1crypto import crl, x509
    from pyhanko_certvalidator import ValidationContext

CERTIFICATE_SUFFIXES = (".pem", ".crt", ".cer", ".der")
CRL_SUFFIX = ".crl"
# The files a trust folder holds, as every help text, message and written comment lists them.
CERTIFICATE_FILES = ", ".join(CERTIFICATE_SUFFIXES)
TRUST_FILES = f"chứng thư gốc (CA) {CERTIFICATE_FILES} và danh sách thu hồi (CRL) {CRL_SUFFIX}"


@dataclass(frozen=True)
class Trust:
    """The office's trust roots and the CRLs it downloaded."""

    roots: tuple[x509.Certificate, ...]
    crls: tuple[crl.CertificateList, ...] = ()

    def covers(self, cert: x509.Certificate) -> bool:
        """Whether the folder has a CRL of the certificate's issuer (revocation is checked)."""
        return any(c["tbs_cert_list"]["issuer"] == cert.issuer for c in self.crls)

    def context(self, cert: x509.Certificate) -> ValidationContext:
        """How to validate a signature by `cert`: against the roots, with its CRL if there is one."""
        from pyhanko_certvalidator import ValidationContext  # here: see the TYPE_CHECKING comment
        from pyhanko_certvalidator.policy_decl import (
            CertRevTrustPolicy,
            RevocationCheckingPolicy,
            RevocationCheckingRule,
        )

        if self.covers(cert):
            # The signer's certificate must be covered by a CRL of the folder; a CA certificate
            # between it and the root is checked only when it names a CRL and the folder has one
            # (nothing is fetched).
            with_crl = CertRevTrustPolicy(
                RevocationCheckingPolicy(
                    ee_certificate_rule=RevocationCheckingRule.CRL_REQUIRED,
                    intermediate_ca_cert_rule=RevocationCheckingRule.CHECK_IF_DECLARED_SOFT,
                )
            )
            return ValidationContext(
                trust_roots=list(self.roots),
                crls=list(self.crls),
                allow_fetching=False,
                revinfo_policy=with_crl,
            )
        return ValidationContext(trust_roots=list(self.roots), allow_fetching=False)


def no_trust() -> ValidationContext:
    """A context with no roots: intact and coverage are checked, trust is not."""
    from pyhanko_certvalidator import ValidationContext  # here: see the TYPE_CHECKING comment

    return ValidationContext(trust_roots=[], allow_fetching=False)


def load_trust(folder: Path) -> Trust:
    """The CA certificates (PEM or DER, CERTIFICATE_SUFFIXES) and the CRLs (CRL_SUFFIX, or PEM
    "X509 CRL" blocks in any of them) of an office's trust folder."""
    if not folder.is_dir():
        raise HosoError(f"Không có thư mục chứng thư gốc tin cậy {folder}.")
    roots: list[x509.Certificate] = []
    crls: list[crl.CertificateList] = []
    for path in sorted(folder.iterdir()):
        suffix = path.suffix.lower()
        if suffix not in (*CERTIFICATE_SUFFIXES, CRL_SUFFIX):
            continue
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise HosoError(f"Không đọc được {path}: {reason(exc, 'đọc')}.") from None
        found_roots, found_crls = _parse(path, data, suffix)
        roots += found_roots
        crls += found_crls
    if not roots:
        raise HosoError(
            f"Thư mục {folder} không có chứng thư gốc nào: thư mục tin cậy chứa {TRUST_FILES}."
        )
    return Trust(tuple(roots), tuple(crls))


def _parse(
    path: Path, data: bytes, suffix: str
) -> tuple[list[x509.Certificate], list[crl.CertificateList]]:
    """The certificates and CRLs of one file; a broken file is named."""
    from asn1crypto import crl, pem, x509  # here: see the TYPE_CHECKING comment

    roots, crls = [], []
    try:
        blobs = (
            [(kind, der) for kind, _, der in pem.unarmor(data, multiple=True)]
            if pem.detect(data)
            else [("X509 CRL" if suffix == CRL_SUFFIX else "CERTIFICATE", data)]
        )
        for kind, der in blobs:
            if kind == "X509 CRL":
                found = crl.CertificateList.load(der)
                _ = found["tbs_cert_list"]["issuer"].human_friendly  # parsed here, not later
                crls.append(found)
            else:
                cert = x509.Certificate.load(der)
                _ = cert.subject.human_friendly
                roots.append(cert)
    except ValueError:
        what = "danh sách thu hồi (CRL)" if suffix == CRL_SUFFIX else "chứng thư số"
        raise HosoError(f"{path}: không phải {what} (PEM hoặc DER).") from None
    return roots, crls
