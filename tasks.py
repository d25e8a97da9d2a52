#!/usr/bin/env python3
"""Przygotowanie środowiska i uruchamianie zadań projektu (bez niczego poza Pythonem >= 3.11).

    python3 tasks.py demo   # środowisko + wczytanie danych demonstracyjnych + dokumenty
    python3 tasks.py test   # środowisko + cały zestaw testów

Setup script: creates ``.venv`` next to this file, installs the project with its test extra
(in the versions of ``constraints.txt``, only when ``pyproject.toml`` or ``constraints.txt``
changed since the last install), installs the Debian packages the document tests need when they
are missing and we are allowed to, then runs the task. ``test`` first checks that ``src/`` uses no
private members of libraries (ruff, rule SLF001).
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / "python"
STAMP = VENV / ".strategy-install-stamp"
#: Versions the tests passed with (pip constraints): a fresh machine gets the same ones.
CONSTRAINTS = "constraints.txt"
#: Metric-compatible fonts: the documents use Arial; LibreOffice lays them out with Liberation Sans
#: (the same widths) instead of a wider substitute, so lines and pages break as in Word.
FONT_PACKAGES = ["fonts-liberation"]
DEBIAN_PACKAGES = ["libreoffice-writer-nogui", "fonts-dejavu-core", "poppler-utils", *FONT_PACKAGES]


def say(msg: str) -> None:
    print(f"[tasks] {msg}", flush=True)


def run(cmd: list[str], **kw) -> int:
    return subprocess.call(cmd, cwd=ROOT, **kw)


def ensure_python() -> None:
    if sys.version_info < (3, 11):
        sys.exit(f"Wymagany Python >= 3.11, a uruchomiono {sys.version.split()[0]}.")


def ensure_venv() -> None:
    if not PY.exists():
        say(f"tworzę środowisko {VENV.relative_to(ROOT)}")
        venv.EnvBuilder(with_pip=True, clear=False).create(VENV)
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()
                            + (ROOT / CONSTRAINTS).read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text().strip() == digest:
        return
    say(f"instaluję pakiet strategy z zależnościami w wersjach z {CONSTRAINTS} "
        "(pip install -e .[test])")
    rc = run([str(PY), "-m", "pip", "install", "--quiet", "--upgrade", "pip"])
    rc = rc or run([str(PY), "-m", "pip", "install", "--quiet", "-c", CONSTRAINTS, "-e", ".[test]"])
    if rc:
        sys.exit("Instalacja zależności nie powiodła się (pip zwrócił błąd).")
    # A kernel named after the project so papermill runs notebooks in this very environment.
    rc = run([str(PY), "-m", "ipykernel", "install", "--sys-prefix", "--name", "python3",
              "--display-name", "Python 3 (strategy)"], stdout=subprocess.DEVNULL)
    if rc:
        sys.exit("Nie udało się zarejestrować jądra Jupyter w środowisku.")
    STAMP.write_text(digest)


def _has_liberation_fonts() -> bool:
    """True when the metric-compatible Liberation fonts (Arial, Times New Roman, Courier New
    widths) are installed, so LibreOffice lays out pages as Word does."""
    if shutil.which("fc-list"):
        out = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True,
                             check=False).stdout
        return "Liberation Sans" in out
    return any(Path(d).is_dir() for d in ("/usr/share/fonts/truetype/liberation",
                                          "/usr/share/fonts/truetype/liberation2"))


def ensure_libreoffice() -> None:
    """Install LibreOffice (for DOCX -> PDF checks) and the metric-compatible fonts it lays our
    Arial documents out with from Debian's packages when missing."""
    missing = []
    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        missing += [p for p in DEBIAN_PACKAGES if p not in FONT_PACKAGES]
    if not _has_liberation_fonts():
        missing += FONT_PACKAGES
    if not missing:
        return
    if not shutil.which("apt-get"):
        say("brak pakietów " + " ".join(missing) + " i programu apt-get: testy konwersji do PDF "
            "zakończą się błędem albo strony ułożą się inaczej niż w Wordzie")
        return
    sudo = [] if os.geteuid() == 0 else (["sudo", "-n"] if shutil.which("sudo") else None)
    if sudo is None:
        say("brak uprawnień do instalacji: zainstaluj " + " ".join(missing))
        return
    say("instaluję z pakietów Debiana (jednorazowo): " + " ".join(missing))
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    run(sudo + ["apt-get", "update", "-qq"], env=env)
    run(sudo + ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing],
        env=env, stdout=subprocess.DEVNULL)


def task_demo(args: list[str]) -> int:
    ensure_venv()
    return run([str(BIN / "strategy"), "demo", *args])


def task_test(args: list[str]) -> int:
    ensure_venv()
    ensure_libreoffice()
    # Dependencies only through their public API: no private member access in the package.
    say("ruff check --select SLF001 src/ (dostęp do prywatnych elementów bibliotek)")
    if run([str(BIN / "ruff"), "check", "--select", "SLF001", "src/"]):
        say("ruff znalazł odwołania do prywatnych elementów bibliotek (SLF001)")
        return 1
    rc = run([str(PY), "-m", "pytest", *args])
    if rc == 5:
        say("pytest nie uruchomił żadnego testu - to błąd, nie sukces")
        return 1
    return rc


TASKS = {"demo": task_demo, "test": task_test}


def main() -> int:
    ensure_python()
    if len(sys.argv) < 2 or sys.argv[1] not in TASKS:
        print(__doc__)
        return 2
    return TASKS[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
