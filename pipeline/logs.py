"""The libraries' English log lines kept away from the people hoso is for."""

from __future__ import annotations

import logging

# pyHanko logs a traceback for every signature whose certificate path it cannot build (no trust
# folder: the normal case), and pyHanko, pypdf and fontTools warn in English about fonts and
# layout. hoso says what matters itself, in Vietnamese; these would only be noise or alarm.
QUIET_LIBRARIES = ("pyhanko", "pyhanko_certvalidator", "fontTools", "pypdf")


def quiet_libraries() -> None:
    """Silence the libraries' own logging below CRITICAL, for the whole process."""
    for name in QUIET_LIBRARIES:
        logging.getLogger(name).setLevel(logging.CRITICAL)
