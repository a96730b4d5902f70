"""Stopping: Ctrl-C (SIGINT) and SIGTERM end a command the same way, and never halfway.

`handling()` (around every command, in pipeline.cli) turns both signals into `Stopped`, a
KeyboardInterrupt raised wherever the main thread is; the stages' clean-up (staging folders
dropped, LibreOffice stopped) then runs as for Ctrl-C. Python drops an exception raised inside a
finalizer (a DOCX's ZipFile closed by the garbage collector) with an English "Exception ignored"
and goes on; so a request is remembered, that English is kept from the user, and every write into
a staging folder and every swap asks again (`check`): a stopped build never goes on to replace an
output. The renames of a swap are never split by a signal (`uninterrupted`).
"""

from __future__ import annotations

import contextlib
import signal
import sys
import threading
from collections.abc import Iterator
from types import FrameType
from typing import Any

SIGNALS = (signal.SIGINT, signal.SIGTERM)

_requested: int | None = None  # the signal that asked to stop, once one did
_holding = 0  # inside `uninterrupted`: a signal is remembered, raised when the block ends


class Stopped(KeyboardInterrupt):
    """The user (Ctrl-C) or the system (SIGTERM) stopped the command."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def requested() -> int | None:
    """The signal that asked this command to stop, or None."""
    return _requested


def check() -> None:
    """Raise `Stopped` when a stop was asked for (even one Python dropped in a finalizer)."""
    if _requested is not None and not _holding:
        raise Stopped(_requested)


@contextlib.contextmanager
def uninterrupted() -> Iterator[None]:
    """A few steps no signal splits (a swap's renames); a stop asked meanwhile is raised after."""
    global _holding
    _holding += 1
    try:
        yield
    finally:
        _holding -= 1
    check()


def _handle(signum: int, frame: FrameType | None) -> None:
    global _requested
    if _requested is not None:
        return  # already stopping: the clean-up is not interrupted a second time
    _requested = signum
    if not _holding:
        raise Stopped(signum)


@contextlib.contextmanager
def handling() -> Iterator[None]:
    """SIGINT and SIGTERM stop the command as Ctrl-C does (a signal the caller chose to ignore, as
    a shell does for a background job's Ctrl-C, stays ignored); finalizers' dropped interrupts
    are not printed. Everything is put back afterwards."""
    global _requested
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    _requested = None
    previous: dict[int, Any] = {}
    for signum in SIGNALS:
        if signal.getsignal(signum) is not signal.SIG_IGN:
            previous[signum] = signal.signal(signum, _handle)
    hook = sys.unraisablehook

    def unraisable(info: Any) -> None:
        global _requested
        if isinstance(info.exc_value, KeyboardInterrupt):
            if _requested is None:
                _requested = (
                    signal.SIGINT
                )  # raised by Python's own handler: remembered all the same
            return
        hook(info)

    sys.unraisablehook = unraisable
    try:
        yield
    finally:
        sys.unraisablehook = hook
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        _requested = None
