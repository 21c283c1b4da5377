"""Recover from a killed run: remove Snakemake's lock when no other run holds it.

``make run`` calls ``python -m wijkverbinders.runlock`` before Snakemake. When a run was
killed, Snakemake leaves its lock in ``.snakemake/locks`` and refuses to start again. This
removes the lock only when no other Snakemake process works in the same folder; otherwise it
says in one line what to do and exits non-zero.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def other_runs(folder: Path) -> list[int]:
    """Process ids of Snakemake runs (other than this process and its parent) in ``folder``.

    Reads ``/proc`` (Linux); :func:`main` does not call it where ``/proc`` is missing.
    """
    mine = {os.getpid(), os.getppid()}
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) in mine:
            continue
        try:
            command = (entry / "cmdline").read_bytes().split(b"\0")
            cwd = Path(os.readlink(entry / "cwd"))
        except OSError:
            continue
        if any(b"snakemake" in part for part in command[:3]) and cwd == folder:
            found.append(int(entry.name))
    return sorted(found)


def main(folder: str | Path = ".") -> int:
    folder = Path(folder).resolve()
    locks = sorted((folder / ".snakemake" / "locks").glob("*"))
    if not locks:
        return 0
    if not Path("/proc").is_dir():
        print(
            "A lock from an earlier run exists: if no other run is active, run "
            "`.venv/bin/snakemake --unlock` and try again.",
            file=sys.stderr,
        )
        return 1
    running = other_runs(folder)
    if running:
        print(
            f"Another run of this pipeline is active (pid {', '.join(map(str, running))}): "
            "wait for it to finish, or stop it, and try again.",
            file=sys.stderr,
        )
        return 1
    for lock in locks:
        lock.unlink()
    print(
        "Removed the lock of an earlier run that was stopped; unfinished outputs are redone.",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
