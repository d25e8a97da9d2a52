"""Files the build writes: atomically, with the usual mode, and the prefixes of temporary
files and folders a killed build may leave (the next build removes them).

In: a path and its text. Out: the file, written through a temporary file in the same folder
and a rename. Standard library only: the main process of a build imports it.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

#: Prefix of the temporary folder a job writes its outputs into before they are placed.
TMP_PREFIX = ".tmp-"
#: Prefix and suffix of the temporary files :func:`atomic_write_text` writes (removed by the
#: next build if a killed one left them).
TMP_FILE_PREFIX, TMP_FILE_SUFFIX = ".", ".tmp"


def file_mode() -> int:
    """Return the mode a new file gets with the process's umask (0644 under the usual 022)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def atomic_write_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder and a rename.

    The file gets the usual mode (:func:`file_mode`), not the 0600 of a temporary file.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f"{TMP_FILE_PREFIX}{path.name}.", suffix=TMP_FILE_SUFFIX,
                               dir=path.parent)
    try:
        os.fchmod(fd, file_mode())
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
