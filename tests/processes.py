"""What LibreOffice leaves running or lying around: shared by the tests that start it."""

from __future__ import annotations

from pathlib import Path


def soffice_processes(marker: str) -> set[int]:
    """Live (non-zombie) soffice/oosplash/UNO-client processes whose command line has `marker`."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            continue  # exited while we looked
        names = ("soffice", "oosplash", "pdf/uno_worker.py")
        if state != "Z" and marker in cmdline and any(n in cmdline for n in names):
            found.add(int(entry.name))
    return found


def uno_sockets(owner_pid: int) -> set[Path]:
    """The UNO pipe socket files of the pools a process created."""
    return set(Path("/tmp").glob(f"OSL_PIPE_*_hoso-{owner_pid}-*"))
