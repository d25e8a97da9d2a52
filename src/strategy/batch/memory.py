"""Memory of a process as Linux reports it in ``/proc/<pid>/status``.

In: a field name (``VmRSS`` resident now, ``VmHWM`` the peak) and a process id. Out: megabytes,
or ``None`` where /proc or the process is missing. Used by the worker (peaks recorded in
build.json) and inside the warm kernel (when to empty the caches).
"""
from __future__ import annotations


def status_mb(field: str, pid: int | str = "self") -> float | None:
    """Return the ``field`` of ``/proc/<pid>/status`` in MB (the kernel reports kB)."""
    prefix = field + ":"
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith(prefix):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        return None
    return None
