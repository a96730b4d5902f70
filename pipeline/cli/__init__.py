"""The `hoso` command: a thin layer over the library, every message in Vietnamese."""

import os
import signal
import sys
import threading


def _stopped_while_starting(signum: int, frame: object) -> None:
    """Ctrl-C or SIGTERM before the command runs: nothing is written yet, so stop right away."""
    os.write(2, "Đã dừng.\n".encode())
    os._exit(128 + signum)


# Importing the commands takes a moment (click, openpyxl, pydantic…): a signal meanwhile stops
# hoso with its Vietnamese words, not an English traceback of the imports. main() takes over.
_starting = {}
if threading.current_thread() is threading.main_thread():
    for _signum in (signal.SIGINT, signal.SIGTERM):
        if signal.getsignal(_signum) is not signal.SIG_IGN:
            _starting[_signum] = signal.signal(_signum, _stopped_while_starting)

try:
    from pipeline.cli import early

    early.start(sys.argv)  # `hoso period build`: LibreOffice starts while the rest loads
    from pipeline.cli.commands import cli, main
finally:
    for _signum, _handler in _starting.items():
        signal.signal(_signum, _handler)

__all__ = ["cli", "main"]
