"""PDF and page numbers from a .docx through LibreOffice running headless.

In: a .docx path (and an output folder). Out: the PDF (:func:`docx_to_pdf`), its number of
pages (:func:`pdf_page_count`) and the page of every bookmark (:func:`libreoffice_pages`);
:func:`run_basic_macro` runs any Basic procedure the same way.

LibreOffice is driven through its own public API by a small LibreOffice Basic macro (no Python
bridge needed): the document is loaded hidden, its indexes - the table of contents and the
lists of tables and figures, which LibreOffice imports from the document's TOC fields (a
content index and illustration indexes of the SEQ categories "Tabela" and "Wykres") - are
updated (``XDocumentIndexesSupplier.getDocumentIndexes()``, then ``update()`` on each), so the
PDF's TOC has page numbers; the page of each bookmark is read from the layout (the view cursor's
``getPage()``). Each run uses its own LibreOffice profile in a temporary folder (a copy of one
prepared once per process), so parallel runs do not clash, and a time limit.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path
from xml.sax.saxutils import escape

from ..errors import DocumentError

SOFFICE_NAMES = ("soffice", "libreoffice")

#: The macro: load hidden, update the indexes, write "bookmark<TAB>page" lines, export a PDF.
MACRO = """
Sub Run(src As String, pdf As String, pages As String, errors As String)
  On Error GoTo Failed
  Dim load(0) As New com.sun.star.beans.PropertyValue
  load(0).Name = "Hidden"
  load(0).Value = True
  oDoc = StarDesktop.loadComponentFromURL(ConvertToURL(src), "_blank", 0, load())
  oIndexes = oDoc.getDocumentIndexes()
  For i = 0 To oIndexes.getCount() - 1
    oIndexes.getByIndex(i).update()
  Next i
  If pages <> "" Then
    oCursor = oDoc.getCurrentController().getViewCursor()
    oMarks = oDoc.getBookmarks()
    iFile = FreeFile
    Open pages For Output As #iFile
    For i = 0 To oMarks.getCount() - 1
      oMark = oMarks.getByIndex(i)
      oCursor.gotoRange(oMark.getAnchor(), False)
      Print #iFile, oMark.getName() & Chr(9) & oCursor.getPage()
    Next i
    Close #iFile
  End If
  If pdf <> "" Then
    Dim store(0) As New com.sun.star.beans.PropertyValue
    store(0).Name = "FilterName"
    store(0).Value = "writer_pdf_Export"
    oDoc.storeToURL(ConvertToURL(pdf), store())
  End If
  oDoc.close(True)
  Exit Sub
Failed:
  iErr = FreeFile
  Open errors For Output As #iErr
  Print #iErr, "Error " & Err & ": " & Error$ & " (line " & Erl & ")"
  Close #iErr
  If Not IsNull(oDoc) And Not IsEmpty(oDoc) Then oDoc.close(True)
End Sub
"""


def find_soffice() -> str:
    """Return the LibreOffice executable or raise :class:`DocumentError` saying how to get it."""
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise DocumentError("nie znaleziono programu LibreOffice (soffice), potrzebnego do utworzenia "
                        "PDF; zainstaluj go, np. 'apt-get install libreoffice-writer'")


def _module_xml(source: str) -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE script:module PUBLIC '
            '"-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">\n'
            '<script:module xmlns:script="http://openoffice.org/2000/script" '
            f'script:name="Module1" script:language="StarBasic">{escape(source)}</script:module>\n')


def _soffice(soffice: str, profile: Path, *args: str, timeout: float, what: str):
    cmd = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
           "--nolockcheck", *args]
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        raise DocumentError(f"LibreOffice nie skończył pracy ({what}) w ciągu {timeout:.0f} s") from exc


#: An initialised LibreOffice profile, made by the first run in this process (a start of
#: LibreOffice that writes its Basic library) and copied for every run, so that a run is one
#: start of LibreOffice; removed when the process ends.
_profile: tempfile.TemporaryDirectory | None = None
_profile_lock = threading.Lock()


def _new_profile(soffice: str, target: Path, timeout: float) -> None:
    """Make ``target`` a LibreOffice profile of its own with an empty Basic library."""
    global _profile
    with _profile_lock:
        if _profile is None or not (Path(_profile.name) / "user" / "basic" / "Standard").is_dir():
            made = tempfile.TemporaryDirectory(prefix="strategy-lo-profil-")
            _soffice(soffice, Path(made.name), "--terminate_after_init", timeout=timeout,
                     what="przygotowanie profilu")
            if not (Path(made.name) / "user" / "basic" / "Standard").is_dir():
                made.cleanup()
                raise DocumentError("LibreOffice nie utworzył profilu użytkownika")
            _profile = made
        shutil.copytree(_profile.name, target)


def run_basic_macro(source: str, sub: str, *args: str | Path, what: str,
                    timeout: float = 180) -> None:
    """Run the LibreOffice Basic procedure ``sub`` of the module ``source`` in a headless
    LibreOffice with a profile of its own (in a temporary folder), passing ``args`` as strings
    and, as the last argument, the path of a file where the procedure writes what went wrong
    (see :data:`MACRO`). Raise :class:`DocumentError` when LibreOffice fails or the procedure
    reports an error; ``what`` names the document in the messages."""
    soffice = find_soffice()
    with tempfile.TemporaryDirectory(prefix="strategy-lo-") as tmp:
        work = Path(tmp)
        profile = work / "profil"
        # LibreOffice writes its default Basic library into a new profile on its first start,
        # over anything there: the macro goes into the library of a profile started once
        _new_profile(soffice, profile, timeout)
        module = profile / "user" / "basic" / "Standard" / "Module1.xba"
        module.write_text(_module_xml(source), encoding="utf-8")
        errors = work / "bledy.txt"
        quoted = ",".join('"' + str(a).replace('"', '""') + '"' for a in (*args, errors))
        proc = _soffice(soffice, profile, f"macro:///Standard.Module1.{sub}({quoted})",
                        timeout=timeout, what=what)
        problem = errors.read_text(errors="replace").strip() if errors.exists() else ""
        if proc.returncode != 0 or problem:
            detail = problem or (proc.stderr or proc.stdout or "").strip()[-500:]
            raise DocumentError(f"LibreOffice nie przetworzył dokumentu {what} "
                                f"(kod {proc.returncode}): {detail or 'brak wyniku'}")


def _run_libreoffice(path: Path, *, pdf: bool, pages: bool, timeout: float
                     ) -> tuple[Path | None, dict[str, int], tempfile.TemporaryDirectory]:
    """Run the macro on a copy of ``path``; return (the PDF in a temporary folder or None,
    {bookmark: page}, the temporary folder to clean up)."""
    if not path.exists():
        raise DocumentError(f"nie znaleziono dokumentu {path}")
    tmp = tempfile.TemporaryDirectory(prefix="strategy-lo-")
    work = Path(tmp.name)
    try:
        src = work / "dokument.docx"
        shutil.copyfile(path, src)
        out_pdf = work / "dokument.pdf" if pdf else None
        out_pages = work / "strony.txt" if pages else None
        run_basic_macro(MACRO, "Run", src, out_pdf or "", out_pages or "", timeout=timeout,
                        what=path.name)
        if (out_pdf is not None and not out_pdf.exists()) or (
                out_pages is not None and not out_pages.exists()):
            raise DocumentError(f"LibreOffice nie przetworzył dokumentu {path.name}: brak wyniku")
        found: dict[str, int] = {}
        if out_pages is not None:
            for line in out_pages.read_text(encoding="utf-8", errors="replace").splitlines():
                name, _, page = line.rstrip("\r").partition("\t")
                if page.strip().isdigit():
                    found[name] = int(page)
        return out_pdf, found, tmp
    except BaseException:
        tmp.cleanup()
        raise


def _place(made: Path, target: Path) -> None:
    """Copy the PDF LibreOffice ``made`` to ``target`` through a temporary file and a rename."""
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.parent / f".{target.name}.tmp"
    shutil.copyfile(made, part)
    os.replace(part, target)


def docx_to_pdf(path: str | Path, outdir: str | Path | None = None, *, timeout: float = 180) -> Path:
    """Convert the .docx at ``path`` to PDF in ``outdir`` (default: its folder), with the table
    of contents and the lists of tables and figures updated, page numbers included; return the
    PDF path. The PDF is written to a temporary file and renamed."""
    path = Path(path).resolve()
    target = Path(outdir or path.parent).resolve() / (path.stem + ".pdf")
    made, _, tmp = _run_libreoffice(path, pdf=True, pages=False, timeout=timeout)
    try:
        _place(made, target)
    finally:
        tmp.cleanup()
    return target


def libreoffice_pages(path: str | Path, *, pdf_to: str | Path | None = None,
                      timeout: float = 180) -> dict[str, int]:
    """Return {bookmark name: page} of the .docx at ``path`` as LibreOffice lays it out, after
    updating its indexes; with ``pdf_to`` the same run also writes the PDF there (through a
    temporary file and a rename)."""
    made, pages, tmp = _run_libreoffice(Path(path).resolve(), pdf=pdf_to is not None, pages=True,
                                        timeout=timeout)
    try:
        if pdf_to is not None:
            _place(made, Path(pdf_to).resolve())
    finally:
        tmp.cleanup()
    return pages


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
