"""Polish messages for a write that the file system refused, and an atomic text write.

In: the ``OSError`` of a write (a full disk, no permission, a name too long, a read-only
medium...) and the path written. Out: one Polish line naming the path and what to do
(:func:`write_error`), used by every command that writes a file, so no write error ends in a
traceback or in the system's English text.
"""
from __future__ import annotations

import errno
import os
import re
import tempfile
from pathlib import Path

#: What to do for the errors of a write, by errno.
_ADVICE = {
    errno.ENOSPC: ("brak miejsca na dysku", ("zwolnij miejsce na dysku (albo wskaż inny folder) "
                   "i uruchom polecenie ponownie")),
    errno.EDQUOT: ("przekroczony przydział miejsca na dysku", ("zwolnij miejsce albo poproś "
                   "administratora o większy przydział i uruchom polecenie ponownie")),
    errno.EACCES: ("brak uprawnień do zapisu", ("sprawdź uprawnienia do folderu i pliku (albo "
                   "zamknij plik w innym programie) i uruchom polecenie ponownie")),
    errno.EPERM: ("operacja niedozwolona", ("sprawdź uprawnienia do folderu i pliku i uruchom "
                  "polecenie ponownie")),
    errno.ENAMETOOLONG: ("nazwa pliku lub ścieżka jest za długa", ("skróć nazwę folderu "
                         "projektu albo wskaż folder o krótszej ścieżce")),
    errno.EROFS: ("nośnik jest tylko do odczytu", ("wskaż folder na dysku, na którym można "
                  "zapisywać")),
    errno.EISDIR: ("w tym miejscu jest folder, a nie plik", "podaj ścieżkę pliku"),
    errno.ENOTDIR: ("część ścieżki nie jest folderem", "sprawdź ścieżkę"),
    errno.ENOENT: ("folder nie istnieje", "sprawdź ścieżkę"),
    errno.EIO: ("błąd wejścia-wyjścia nośnika", ("sprawdź dysk (lub połączenie z dyskiem "
                "sieciowym) i uruchom polecenie ponownie")),
}


def error_number(exc: BaseException) -> int | None:
    """Return the errno of ``exc`` (or of the error it was raised from), else None; an error
    without one whose text says the disk is full (pyarrow's) counts as ENOSPC."""
    seen = 0
    while exc is not None and seen < 5:
        if isinstance(exc, OSError) and exc.errno:
            return exc.errno
        text = str(exc).lower()
        found = re.search(r"errno (\d+)", text)  # pyarrow: "... Detail: [errno 28] No space..."
        if found:
            return int(found.group(1))
        if "no space left" in text or "disk full" in text:
            return errno.ENOSPC
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return None


def write_error(exc: BaseException, path: str | Path, what: str = "pliku") -> str:
    """Return the Polish line for ``exc`` raised while writing ``path`` (``what`` in genitive:
    ``"magazynu danych"``): the path, the reason, what to do, and that nothing was changed."""
    number = error_number(exc)
    where = getattr(exc, "filename", None) or path
    if number in _ADVICE:
        reason, advice = _ADVICE[number]
    else:
        reason = "błąd systemu plików" + (f" nr {number}" if number else "")
        advice = "sprawdź dysk i uprawnienia i uruchom polecenie ponownie"
    return f"nie można zapisać {what} {where}: {reason}; {advice}"


def file_mode() -> int:
    """Return the mode a new file gets under the process's umask (0644 under the usual 022,
    0640 under 027): temporary files are made private (0600), the file put in place is not."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def atomic_write_bytes(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename;
    on any error remove the temporary file and re-raise (the old file stays as it was)."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:100]}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, file_mode())  # mkstemp creates 0600; give the usual file mode
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
