"""A timestamp authority (RFC 3161) made in the test: its certificate issued by a test CA, and a
real local HTTP server answering timestamp requests with pyHanko's DummyTimeStamper."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from asn1crypto import keys as asn1_keys
from asn1crypto import tsp
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509.oid import ExtendedKeyUsageOID
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

from tests import pki

TSA_NAME = "Dịch vụ cấp dấu thời gian thử nghiệm"


def tsa_identity(ca: pki.Identity) -> pki.Identity:
    """A timestamp authority's certificate (time stamping, critical) issued by `ca`."""
    issued = pki.issue(ca, TSA_NAME, "TSA thử nghiệm")
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(issued.cert.subject)
        .issuer_name(ca.cert.subject)
        .public_key(issued.key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        .sign(ca.key, hashes.SHA256())
    )
    return pki.Identity(issued.key, cert)


def asn1(identity: pki.Identity) -> tuple[asn1_x509.Certificate, asn1_keys.PrivateKeyInfo]:
    """An identity as asn1crypto objects, as pyHanko's DummyTimeStamper takes them."""
    der = identity.key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    cert = asn1_x509.Certificate.load(identity.cert.public_bytes(serialization.Encoding.DER))
    return cert, asn1_keys.PrivateKeyInfo.load(der)


def _refusal() -> bytes:
    """A TSA's answer refusing a request (status 'rejection')."""
    status = tsp.PKIStatusInfo(
        {"status": tsp.PKIStatus("rejection"), "status_string": ["bad request"]}
    )
    # asn1crypto wants the token it would carry: the refusal's SEQUENCE is written by hand.
    body = status.dump()
    return bytes([0x30, len(body)]) + body


@contextmanager
def answering(status: int, content_type: str, answer: Callable[[bytes], bytes]) -> Iterator[str]:
    """A web server on 127.0.0.1, in a thread for the `with` block, answering every POST with
    `status` and answer(request body); yields its URL."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = answer(self.rfile.read(int(self.headers["Content-Length"])))
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass  # the test's output stays the command's

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/tsa"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@contextmanager
def local_tsa(
    ca: pki.Identity, stamped_at: dt.datetime | None = None, *, refuse: bool = False
) -> Iterator[str]:
    """A TSA listening on 127.0.0.1 in a thread for the `with` block; yields its URL. It dates
    every request at `stamped_at` (else now), or refuses every request."""
    cert, key = asn1(tsa_identity(ca))
    stamper = DummyTimeStamper(cert, key, fixed_dt=stamped_at)

    def answer(request: bytes) -> bytes:
        if refuse:
            return _refusal()
        return stamper.request_tsa_response(tsp.TimeStampReq.load(request)).dump()

    with answering(200, "application/timestamp-reply", answer) as url:
        yield url


def closed_port_url() -> str:
    """A local URL where nothing listens (a port bound, then released)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    port = server.server_address[1]
    server.server_close()
    return f"http://127.0.0.1:{port}/tsa"
