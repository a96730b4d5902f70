"""UNO client run by the system python: keeps one headless soffice warm and converts DOCX to PDF.

This file is a standalone script, never imported by the package: the venv's interpreter cannot
import ``uno``, so ``pipeline.pdf.worker`` starts ``/usr/bin/python3 uno_worker.py ...`` in a new
session (process group) and talks to it by JSON lines over stdin/stdout:

    <- {"event": "ready", "soffice_pid": 1234, "sockets": ["/tmp/OSL_PIPE_..."]}   or
    <- {"event": "failed", "error": "...", "exit_code" | "stopped" | "timeout": ...}   (then exit)
    -> {"id": 1, "source": "/abs/a.docx", "target": "/abs/a.pdf", "partial": "/abs/.a.pdf.part",
        "pdf_options": {"ExportBookmarksToPDFDestination": true}}   (pdf_options optional)
    <- {"id": 1, "ok": true} | {"id": 1, "ok": false, "error": "...", "fatal": false}

"fatal" means soffice itself is broken (the script exits); otherwise only the document failed.

soffice is started by this script so that it shares the script's process group: the pool kills
the whole group with one ``os.killpg``. If the pool's process dies (even by SIGKILL), stdin
reaches EOF and this script kills soffice, deletes its temp dir and exits, so no soffice and no
profile outlives its owner.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import uno  # type: ignore[import-not-found]  # only the system python has it
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]
from com.sun.star.connection import NoConnectException  # type: ignore[import-not-found]
from com.sun.star.uno import RuntimeException  # type: ignore[import-not-found]


def _props(**values: Any) -> tuple[PropertyValue, ...]:
    """Build the tuple of PropertyValue that UNO methods take as keyword arguments."""
    result = []
    for name, value in values.items():
        prop = PropertyValue()
        prop.Name, prop.Value = name, value
        result.append(prop)
    return tuple(result)


def _send(message: dict[str, Any]) -> None:
    """Write one JSON line to the pool; stdout carries nothing else."""
    sys.stdout.write(json.dumps(message, ensure_ascii=False) + "\n")
    sys.stdout.flush()


# Set when our owner (the pool's process) died; from then on the stdin thread cleans up.
_ORPHANED = threading.Event()
# Held while soffice is spawned and while the orphan's clean-up looks for it: a soffice started
# just after the clean-up looked would outlive us (seen when an owner dies during warm-up).
_SPAWN = threading.Lock()


def _kill_own_group() -> None:
    """Kill soffice and this script at once (they share the process group)."""
    if not _ORPHANED.is_set():  # else the stdin thread is deleting files and will exit for us
        os.killpg(os.getpgrp(), signal.SIGKILL)


def _other_members() -> list[int]:
    """Live processes of our group other than this script: oosplash and soffice.bin."""
    me, group, found = os.getpid(), os.getpgrp(), []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError, ValueError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            pid = int(stat.parent.name)
            if int(fields[2]) == group and pid != me and fields[0] != "Z":
                found.append(pid)
    return found


def _kill_soffice() -> None:
    """SIGKILL every other process of our group and wait (up to 5 s) until they are gone."""
    deadline = time.monotonic() + 5
    while (others := _other_members()) and time.monotonic() < deadline:
        for pid in others:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        time.sleep(0.02)


def _socket_files() -> list[str]:
    """Unix-socket files bound by soffice: its UNO pipe and its single-instance IPC pipe.

    LibreOffice puts them in /tmp whatever $TMPDIR says and removes them only on a normal
    exit, so whoever kills soffice must delete them; this lists them while soffice runs.
    """
    inodes = set()
    for pid in _other_members():
        with contextlib.suppress(OSError):
            for fd in Path(f"/proc/{pid}/fd").iterdir():
                with contextlib.suppress(OSError):
                    link = os.readlink(fd)
                    if link.startswith("socket:["):
                        inodes.add(link[8:-1])
    paths = set()
    for line in Path("/proc/net/unix").read_text().splitlines()[1:]:
        fields = line.split()
        if len(fields) >= 8 and fields[6] in inodes and fields[7].startswith("/"):
            paths.add(fields[7])
    return sorted(paths)


def _unlink_all(paths: list[str]) -> None:
    """Delete files that may already be gone."""
    for path in paths:
        with contextlib.suppress(OSError):
            os.unlink(path)


def _read_stdin(inbox: queue.Queue[dict[str, Any]], home: Path, sockets: list[str]) -> None:
    """Forward requests to the main thread; on EOF the owner is gone, so clean up and exit."""
    for line in sys.stdin:
        if line.strip():
            inbox.put(json.loads(line))
    # The pool kills this group before it ever closes our stdin, so EOF means its process died
    # (even by SIGKILL). Nobody will read our results or delete our files: stop soffice and do
    # it here, since the main thread may be stuck inside a hung UNO call.
    _ORPHANED.set()
    # Once we hold the lock, a soffice being spawned is in our group, and no other will be.
    _SPAWN.acquire(timeout=10)
    _kill_soffice()
    _unlink_all(sockets)
    shutil.rmtree(home, ignore_errors=True)
    with contextlib.suppress(OSError):
        home.parent.rmdir()  # the pool's temp root, once its last worker has removed its home
    os._exit(0)


def _start_soffice(soffice: str, profile_url: str, pipe_name: str) -> subprocess.Popen[bytes]:
    """Start headless soffice in this process group, accepting UNO on a private named pipe."""
    args = [
        soffice,
        "--headless",
        "--invisible",
        "--nologo",
        "--nodefault",
        "--norestore",
        "--nolockcheck",
        f"-env:UserInstallation={profile_url}",
        f"--accept=pipe,name={pipe_name};urp;StarOffice.ComponentContext",
    ]
    with _SPAWN:
        while _ORPHANED.is_set():  # the stdin thread is cleaning up and ends the process
            time.sleep(1)
        # soffice chatters on stdout ("failed to launch javaldx"); keep our JSON channel clean.
        return subprocess.Popen(
            args, stdin=subprocess.DEVNULL, stdout=sys.stderr, stderr=sys.stderr
        )


_STOPPED_EVERY = 0.5  # seconds between looks at whether soffice is stopped, while it starts


class _Stopped(RuntimeError):
    """soffice is stopped: it will not answer however long the pool waits."""


def _soffice_stopped() -> bool:
    """Whether soffice cannot go on starting because it is stopped (state T, or t: traced):
    soffice.bin itself, or every process of ours besides this script. A start that is merely
    slow keeps running or waiting on the disk; a stopped one waits for a SIGCONT nobody sends,
    so the pool is told now rather than after its whole startup timeout."""
    states = []
    for pid in _other_members():
        with contextlib.suppress(OSError, IndexError):
            name, rest = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)
            stopped = rest.split()[0] in ("T", "t")
            if stopped and name.endswith("(soffice.bin"):
                return True
            states.append(stopped)
    return bool(states) and all(states)


def _connect(pipe_name: str, soffice: subprocess.Popen[bytes], deadline: float) -> Any:
    """Return soffice's Desktop once it accepts connections; soffice needs ~1 s to get there."""
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    url = f"uno:pipe,name={pipe_name};urp;StarOffice.ComponentContext"
    look = time.monotonic() + _STOPPED_EVERY
    while True:
        try:
            context = resolver.resolve(url)
            break
        except NoConnectException:
            if soffice.poll() is not None:
                raise RuntimeError(f"soffice exited with code {soffice.returncode}") from None
            # Not at every try: reading every process's state costs a few ms on a busy desktop.
            if time.monotonic() > look:
                if _soffice_stopped():
                    raise _Stopped("soffice is stopped (SIGSTOP or a debugger)") from None
                look = time.monotonic() + _STOPPED_EVERY
            if time.monotonic() > deadline:
                raise TimeoutError("soffice did not accept a UNO connection in time") from None
            # There is no readiness notification to block on; a short sleep keeps this cheap.
            time.sleep(0.05)
    return context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)


def _filter_data(options: dict[str, Any]) -> Any:
    """The PDF export filter's own options (e.g. named destinations for bookmarks)."""
    values = _props(**options)
    return uno.Any("[]com.sun.star.beans.PropertyValue", values)


def _convert(desktop: Any, source: str, partial: str, target: str, options: dict[str, Any]) -> None:
    """Load one document hidden and read-only, export it as PDF, then publish it atomically."""
    document = desktop.loadComponentFromURL(
        uno.systemPathToFileUrl(source),
        "_blank",
        0,
        # MacroExecutionMode 0 = NEVER_EXECUTE, UpdateDocMode 0 = NO_UPDATE: never run macros
        # or refresh links from a clerk's document.
        _props(Hidden=True, ReadOnly=True, MacroExecutionMode=0, UpdateDocMode=0),
    )
    if document is None:
        raise ValueError("LibreOffice could not open the document")
    try:
        # writer_pdf_Export embeds (subsets of) all fonts by default and keeps the page size.
        export = {"FilterName": "writer_pdf_Export"}
        if options:
            export["FilterData"] = _filter_data(options)
        arguments = uno.Any("[]com.sun.star.beans.PropertyValue", _props(**export))
        uno.invoke(document, "storeToURL", (uno.systemPathToFileUrl(partial), arguments))
    finally:
        document.close(True)
    # Publishing by rename means a killed conversion never leaves a truncated PDF at `target`.
    os.replace(partial, target)


def _serve(desktop: Any, soffice: subprocess.Popen[bytes], inbox: queue.Queue[Any]) -> None:
    """Answer conversion requests; return when soffice is unusable (stdin EOF kills us anyway)."""
    while True:
        request = inbox.get()
        reply: dict[str, Any] = {"id": request["id"], "ok": True}
        try:
            _convert(
                desktop,
                request["source"],
                request["partial"],
                request["target"],
                request.get("pdf_options") or {},
            )
        except RuntimeException as exc:  # DisposedException included
            # The bridge or soffice itself is broken: report, and let the pool restart us.
            _send({**reply, "ok": False, "error": f"soffice failed: {exc}", "fatal": True})
            return
        except Exception as exc:  # a document-level failure (unreadable file, I/O error)
            fatal = soffice.poll() is not None
            _send({**reply, "ok": False, "error": f"{type(exc).__name__}: {exc}", "fatal": fatal})
            if fatal:
                return
            continue
        _send(reply)


def main() -> None:
    """Start soffice, connect, announce readiness, then serve requests from stdin."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--soffice", required=True)
    parser.add_argument("--home", required=True, help="this worker's temp dir; holds the profile")
    parser.add_argument("--pipe", required=True, help="unique UNO pipe name")
    parser.add_argument("--startup-timeout", type=float, default=60.0)
    args = parser.parse_args()
    home = Path(args.home)

    inbox: queue.Queue[dict[str, Any]] = queue.Queue()
    sockets: list[str] = []  # filled once soffice runs; read by the stdin thread on EOF
    # Not a daemon: if the main thread ends while orphaned, the interpreter waits for cleanup.
    threading.Thread(target=_read_stdin, args=(inbox, home, sockets)).start()
    soffice = _start_soffice(args.soffice, (home / "profile").as_uri(), args.pipe)
    try:
        desktop = _connect(args.pipe, soffice, time.monotonic() + args.startup_timeout)
    except Exception as exc:
        failure = {"event": "failed", "error": f"{type(exc).__name__}: {exc}"}
        # What the pool says in Vietnamese: soffice ended by itself, or never answered.
        if soffice.poll() is not None:
            failure["exit_code"] = soffice.returncode
        elif isinstance(exc, _Stopped):
            failure["stopped"] = True
        elif isinstance(exc, TimeoutError):
            failure["timeout"] = True
        _send(failure)
    else:
        sockets.extend(_socket_files())
        _send({"event": "ready", "soffice_pid": soffice.pid, "sockets": sockets})
        _serve(desktop, soffice, inbox)
    # Startup failed or soffice broke; the pool will start a fresh group. Nothing in the
    # throwaway profile is worth a graceful shutdown, so do not wait for one.
    _kill_own_group()


if __name__ == "__main__":
    main()
