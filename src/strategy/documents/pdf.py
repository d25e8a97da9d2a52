"""PDF from a .docx through LibreOffice running headless.

In: a .docx path and an output folder. Out: the PDF path (:func:`docx_to_pdf`), its number of
pages (:func:`pdf_page_count`) and the text of each page (:func:`pdf_pages_text`, poppler's
pdftotext). Each conversion uses its own LibreOffice profile in a temporary folder, so parallel
conversions do not clash, and a time limit.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import DocumentError

SOFFICE_NAMES = ("soffice", "libreoffice")


def find_soffice() -> str:
    """Return the LibreOffice executable or raise :class:`DocumentError` saying how to get it."""
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise DocumentError("nie znaleziono programu LibreOffice (soffice), potrzebnego do utworzenia "
                        "PDF; zainstaluj go, np. 'apt-get install libreoffice-writer'")


def docx_to_pdf(path: str | Path, outdir: str | Path | None = None, *, timeout: float = 180) -> Path:
    """Convert the .docx at ``path`` to PDF in ``outdir`` (default: its folder); return the PDF path."""
    path = Path(path).resolve()
    if not path.exists():
        raise DocumentError(f"nie znaleziono dokumentu {path}")
    outdir = Path(outdir or path.parent).resolve()
    outdir.mkdir(parents=True, exist_ok=True)
    soffice = find_soffice()
    with tempfile.TemporaryDirectory(prefix="strategy-lo-") as profile:
        cmd = [soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
               "--norestore", "--nolockcheck", "--convert-to", "pdf", "--outdir", str(outdir),
               str(path)]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            raise DocumentError(f"LibreOffice nie skończył konwersji {path.name} do PDF w ciągu "
                                f"{timeout:.0f} s") from exc
    pdf = outdir / (path.stem + ".pdf")
    if proc.returncode != 0 or not pdf.exists():
        detail = (proc.stderr or proc.stdout or "").strip()[-500:]
        raise DocumentError(f"LibreOffice nie przekonwertował {path.name} do PDF "
                            f"(kod {proc.returncode}): {detail}")
    return pdf


def pdf_page_count(path: str | Path) -> int:
    """Return the number of pages of the PDF at ``path``."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(f"nie można odczytać pliku PDF {path}: {exc}") from exc
    if not data.startswith(b"%PDF"):
        raise DocumentError(f"plik {path} nie jest plikiem PDF")
    counts = [int(m) for m in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", data)]
    counts += [int(m) for m in re.findall(rb"/Count\s+(\d+)[^>]*?/Type\s*/Pages\b", data)]
    if counts:
        return max(counts)
    pages = len(re.findall(rb"/Type\s*/Page\b", data))
    if pages:
        return pages
    raise DocumentError(f"nie można ustalić liczby stron pliku PDF {path}")


def pdf_pages_text(path: str | Path, *, timeout: float = 60) -> list[str]:
    """Return the text of each page of the PDF at ``path`` (``pdftotext -layout``, poppler-utils)."""
    exe = shutil.which("pdftotext")
    if not exe:
        raise DocumentError("nie znaleziono programu pdftotext, potrzebnego do ustalenia numerów "
                            "stron; zainstaluj pakiet poppler-utils")
    try:
        proc = subprocess.run([exe, "-layout", "-enc", "UTF-8", str(path), "-"],
                              capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        raise DocumentError(f"pdftotext nie odczytał pliku {path} w ciągu {timeout:.0f} s") from exc
    if proc.returncode != 0:
        detail = proc.stderr.decode("utf-8", "replace").strip()[-300:]
        raise DocumentError(f"pdftotext nie odczytał pliku {path}: {detail}")
    text = proc.stdout.decode("utf-8", "replace")
    if text.endswith("\f"):  # every page, the last one too, ends with a form feed
        text = text[:-1]
    return text.split("\f")
