"""Locks around every read-modify-write of a shared file of the project folder.

In: the shared file (the store, the register of remarks, the unit register folder, the reports
folder), the command that wants to change it. Out: a context manager that holds an exclusive
``fcntl.flock`` on a lock file beside the shared file (``.<name>.lock``) for as long as the
command reads, merges and writes. The holder writes into the lock file who it is (command,
process id, host, since when), so a second writer can say who it waits for.

A second writer waits at most :data:`DEFAULT_WAIT_S` seconds (environment variable
``STRATEGY_LOCK_WAIT`` overrides it; ``wait=0`` gives up at once), printing one line to stderr
that names the holder, then raises :class:`LockError` (Polish message; the commands exit 1).
The kernel releases a flock when its process ends, so the lock of a killed command is free at
once; a lock still held under the name of a process of this host that no longer exists (a
child that inherited the descriptor outlived it) is taken over: the lock file is replaced by a
new one. Every holder checks after locking that its file is still the one at the path, and
removes the lock file when it is done (no file is left beside the shared one).
"""
from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import socket
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import StrategyError

#: Seconds a second writer waits for the lock before giving up.
DEFAULT_WAIT_S = 60.0
WAIT_ENV = "STRATEGY_LOCK_WAIT"
_POLL_S = 0.1


class LockError(StrategyError):
    """The shared file is being changed by another command for longer than we wait."""


def lock_path(target: str | Path) -> Path:
    """Return the lock file of ``target`` (a file or a folder): ``.<name>.lock`` beside it."""
    target = Path(target)
    return target.with_name(f".{target.name}.lock")


def wait_seconds(wait: float | None = None) -> float:
    """Return how long a writer waits: ``wait``, else ``$STRATEGY_LOCK_WAIT``, else 60 s."""
    if wait is not None:
        return max(0.0, float(wait))
    try:
        return max(0.0, float(os.environ.get(WAIT_ENV, DEFAULT_WAIT_S)))
    except ValueError:
        return DEFAULT_WAIT_S


def read_holder(path: Path) -> dict:
    """Return what the holder of the lock file ``path`` wrote about itself ({} if nothing)."""
    try:
        with open(path, encoding="utf-8") as fh:
            info = json.loads(fh.read(4096) or "{}")
    except (OSError, ValueError):
        return {}
    return info if isinstance(info, dict) else {}


def describe_holder(info: dict) -> str:
    """Return the Polish description of a lock's holder: command, process, since when."""
    if not info:
        return "inny proces"
    since = str(info.get("since", ""))
    try:
        local = dt.datetime.fromisoformat(since).astimezone()
        since = local.strftime("%Y-%m-%d %H:%M:%S")
    except ValueError:
        pass
    host = info.get("host")
    where = f", komputer {host}" if host and host != socket.gethostname() else ""
    return (f"polecenie „{info.get('command', '?')}” (proces {info.get('pid', '?')}{where}, "
            f"od {since})")


def _pid_gone(info: dict) -> bool:
    """True when the holder named in ``info`` is a process of this host that has ended."""
    if info.get("host") != socket.gethostname():
        return False
    try:
        pid = int(info.get("pid"))
    except (TypeError, ValueError):
        return False
    if pid == os.getpid() or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # alive, someone else's
        return False
    return False


def _same_file(fd: int, path: Path) -> bool:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return False
    own = os.fstat(fd)
    return (st.st_dev, st.st_ino) == (own.st_dev, own.st_ino)


@contextmanager
def hold(target: str | Path, command: str, *, what: str = "plik", wait: float | None = None,
         lock_file: str | Path | None = None, out=None) -> Iterator[Path]:
    """Hold the exclusive lock of ``target`` while the ``with`` block runs; yield the lock file.

    ``command`` is what the holder says it is (``"strategy ingest"``), ``what`` names the shared
    file in the messages (``"magazyn danych"``). ``lock_file`` overrides the default
    :func:`lock_path`. Raise :class:`LockError` after ``wait`` seconds (see
    :func:`wait_seconds`) and OSError when the lock file cannot be made.
    """
    target = Path(target)
    path = Path(lock_file) if lock_file is not None else lock_path(target)
    path.parent.mkdir(parents=True, exist_ok=True)
    limit = wait_seconds(wait)
    deadline = time.monotonic() + limit
    out = out if out is not None else sys.stderr
    said = False
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            info = read_holder(path)
            if _pid_gone(info) and _same_file(fd, path):
                os.unlink(path)  # the holder is gone; a fresh file takes its place
                os.close(fd)
                continue
            os.close(fd)
            if time.monotonic() >= deadline:
                raise LockError(
                    f"{what} {target} jest zajęty: zmienia go {describe_holder(info)}; "
                    f"czekano {_seconds(limit)} s - uruchom polecenie ponownie, gdy tamto się "
                    f"skończy (jeśli żadne polecenie nie działa, usuń plik blokady {path}); "
                    "niczego nie zmieniono") from None
            if not said:
                print(f"Czekam na dostęp do: {what} {target} - zmienia go "
                      f"{describe_holder(info)} (najwyżej {_seconds(limit)} s)…",
                      file=out, flush=True)
                said = True
            time.sleep(_POLL_S)
            continue
        except BaseException:
            os.close(fd)
            raise
        if not _same_file(fd, path):  # replaced while we waited: lock the new file
            os.close(fd)
            continue
        break
    try:
        info = {"command": command, "pid": os.getpid(), "host": socket.gethostname(),
                "since": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}
        data = json.dumps(info, ensure_ascii=False).encode()
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, data, 0)
        except OSError:
            pass  # a full disk: the lock holds all the same, only without the holder's name
        yield path
    finally:
        try:  # a waiter that locked this file after us sees it is gone and makes a new one
            if _same_file(fd, path):
                os.unlink(path)
        except OSError:
            pass
        os.close(fd)


def _seconds(s: float) -> str:
    return f"{s:g}".replace(".", ",")
