"""Byte-stable Office Open XML packages: the same content always gives the same .docx bytes."""

from __future__ import annotations

import struct

# 1980-01-01 00:00:00, the DOS epoch: zip cannot store earlier dates, and a fixed stamp makes
# the package depend on its content only.
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
_DOS_TIME, _DOS_DATE = 0, (0 << 9) | (1 << 5) | 1
_LOCAL, _CENTRAL, _END = b"PK\x03\x04", b"PK\x01\x02", b"PK\x05\x06"


def stable_zip(data: bytes) -> bytes:
    """The same zip with every member's timestamp set to a fixed date.

    python-docx writes members in a fixed order with fixed compression, but stamps them with the
    current time; patching the stamps in place (local headers and central directory) avoids
    decompressing and recompressing every part of every document.
    """
    buf = bytearray(data)
    end = buf.rfind(_END)
    if end < 0:
        raise ValueError("not a zip archive")
    count, _, offset = struct.unpack_from("<HII", buf, end + 10)
    pos = offset
    for _ in range(count):
        if buf[pos : pos + 4] != _CENTRAL:
            raise ValueError("damaged zip central directory")
        struct.pack_into("<HH", buf, pos + 12, _DOS_TIME, _DOS_DATE)
        local = struct.unpack_from("<I", buf, pos + 42)[0]
        if buf[local : local + 4] != _LOCAL:
            raise ValueError("damaged zip local header")
        struct.pack_into("<HH", buf, local + 10, _DOS_TIME, _DOS_DATE)
        names, extra, comment = struct.unpack_from("<HHH", buf, pos + 28)
        pos += 46 + names + extra + comment
    return bytes(buf)
