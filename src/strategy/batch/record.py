"""The build record: a journal of finished jobs, ``build.json`` and ``index.html``.

In: job results as they arrive and the previous record. Out: ``reports/.build-journal.jsonl``
(one line per finished job, appended right after its outputs are in place, so a killed build
loses nothing it finished), ``reports/build.json`` (versions, parameters, input hashes,
per-job status, duration, error, control findings and author notebook) and
``reports/index.html`` (Polish list of every unit and document with status and links; a document
whose last build failed, could not run or was not redone because the build was interrupted
(status ``interrupted``, "przerwano") is shown with its reason, and files left from an
earlier build are marked as outdated, never as current; a unit built from an author notebook is
marked "notatnik autorski", and the control findings of each document are listed).
Both files are written atomically, with the usual file mode (``0666`` less the umask).
"""
from __future__ import annotations

import html
import json
import os
from pathlib import Path

from .author_notebooks import shown, status_note
from .files import atomic_write_text
from .jobs import unit_label

JOURNAL = ".build-journal.jsonl"
RECORD = "build.json"
INDEX = "index.html"
STATUS_PL = {"ok": "gotowy", "error": "błąd", "missing": "nie zbudowano",
             "interrupted": "przerwano"}
def load_jobs(reports: Path) -> dict[str, dict]:
    """Return the last known record of every job: build.json, then the journal on top."""
    jobs = {}
    try:
        jobs = json.loads((reports / RECORD).read_text(encoding="utf-8")).get("jobs", {})
    except (OSError, ValueError):
        pass
    try:
        with open(reports / JOURNAL, encoding="utf-8") as f:
            for line in f:
                try:
                    rec = json.loads(line)
                except ValueError:
                    continue  # a line cut short by a killed build
                jobs[rec["id"]] = rec
    except OSError:
        pass
    return jobs


class Journal:
    """Append-only log of finished jobs; each line is flushed and synced before returning."""

    def __init__(self, reports: Path):
        reports.mkdir(parents=True, exist_ok=True)
        self._f = open(reports / JOURNAL, "a", encoding="utf-8")

    def add(self, rec: dict) -> None:
        self._f.write("\n" + json.dumps(rec, ensure_ascii=False) + "\n")
        self._f.flush()
        os.fsync(self._f.fileno())

    def close(self) -> None:
        self._f.close()


def versions() -> dict:
    """Return the versions of the package, Python and the key dependencies."""
    import platform
    from importlib import metadata

    out = {"python": platform.python_version()}
    for name in ("strategy", "papermill", "nbclient", "nbconvert", "ipykernel", "pandas",
                 "numpy", "pyarrow", "matplotlib", "python-docx"):
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = None
    return out


def write_record(reports: Path, jobs: dict, meta: dict) -> None:
    """Write build.json with every job's record and remove the journal it now contains."""
    data = {"format": 1, **meta, "jobs": dict(sorted(jobs.items()))}
    atomic_write_text(reports / RECORD, json.dumps(data, ensure_ascii=False, indent=1))
    (reports / JOURNAL).unlink(missing_ok=True)


def _links(reports: Path, rec: dict) -> str:
    """Return the links of a job's files: current ones, or earlier ones marked as outdated."""
    rel = Path(rec["out_dir_rel"])

    def link(name: str, note: str = "") -> str:
        return (f'<a href="{html.escape((rel / name).as_posix())}">{html.escape(name)}</a>'
                + note)

    if rec["status"] == "ok":
        return " ".join(link(n) for n in rec.get("outputs", []))
    out = [link(n) for n in rec.get("outputs", []) if (reports / rel / n).is_file()]
    old = [n for n in rec.get("expected_outputs", []) if (reports / rel / n).is_file()]
    if old:
        out.append('<span class="stale">nieaktualne, z wcześniejszej budowy: '
                   + " ".join(link(n) for n in old) + "</span>")
    return " ".join(out)


def _notebook_cell(rec: dict) -> str:
    """Return the notebook column: the template, or the author notebook with its state."""
    author = rec.get("author_notebook")
    if not author:
        return "szablon"
    note = status_note(author)
    note = f'<br><span class="warn">{html.escape(note)}</span>' if note else ""
    return (f'<strong>notatnik autorski</strong><br><code>{html.escape(shown(author["notebook"]))}'
            f"</code>{note}")


def _warnings_cell(rec: dict) -> str:
    items = "".join(f"<li>{html.escape(w['output'])}: {html.escape(w['text'])}</li>"
                    for w in rec.get("warnings") or [])
    return f'<ul class="warn">{items}</ul>' if items else ""


def write_index(reports: Path, jobs: dict, names: dict, demo: bool,
                problems: list[str] | None = None, stale: list[dict] | None = None) -> None:
    """Write reports/index.html: units (code and name), documents, status and links, in Polish.

    ``problems`` are build-wide problems (a plan file that belongs to no known document);
    ``stale`` the folders of units under a former name (``{"teryt", "folder", "current"}``).
    """
    rows = []
    for rec in sorted(jobs.values(), key=lambda r: (r["powiat"], r["rok"], r["unit_kind"] != "powiat",
                                                    r["teryt"], r["document"])):
        err = rec.get("error") or {}
        msg = ""
        if err:
            where = f"komórka {err['cell']}: {err['source']} - " if err.get("cell") is not None else ""
            msg = html.escape(where + err.get("message", ""))
        name = unit_label(rec["teryt"], rec.get("unit_name") or names.get(rec["teryt"], ""))
        rows.append(
            f"<tr class=\"{rec['status']}\"><td>{rec['teryt']}</td><td>{html.escape(name)}</td>"
            f"<td>{rec['unit_kind']}</td><td>{rec['rok']}</td><td>{html.escape(rec['title'])}</td>"
            f"<td>{STATUS_PL.get(rec['status'], rec['status'])}</td><td>{_links(reports, rec)}</td>"
            f"<td>{_notebook_cell(rec)}</td><td>{_warnings_cell(rec)}</td><td>{msg}</td></tr>")
    demo_note = "<p><strong>DANE DEMONSTRACYJNE</strong></p>" if demo else ""
    n_err = sum(1 for r in jobs.values() if r["status"] == "error")
    n_missing = sum(1 for r in jobs.values() if r["status"] == "missing")
    n_cut = sum(1 for r in jobs.values() if r["status"] == "interrupted")
    cut = (f" Budowę przerwano: nie zbudowano ponownie {n_cut} "
           f"{'dokumentu' if n_cut == 1 else 'dokumentów'} (ich pliki, jeśli są, pochodzą z "
           "wcześniejszej budowy)." if n_cut else "")
    n_warn = sum(1 for r in jobs.values() if r.get("warnings"))
    n_author = sum(1 for r in jobs.values() if r.get("author_notebook"))
    issues = "".join(f"<li>{html.escape(p)}</li>" for p in problems or [])
    issues = f'<p class="error">Problemy z plikami planu:</p><ul class="error">{issues}</ul>' \
        if issues else ""
    old = "".join(f'<li><a href="{html.escape(Path(s["folder"]).as_posix())}/">'
                  f'{html.escape(s["folder"])}</a> (obecne dokumenty: '
                  f'{html.escape(s["current"])})</li>' for s in stale or [])
    if old:
        issues += ('<p class="stale">Foldery jednostek pod dawną nazwą (nieaktualizowane, '
                   f'z wcześniejszych budów):</p><ul class="stale">{old}</ul>')
    text = f"""<!DOCTYPE html>
<html lang="pl"><head><meta charset="utf-8"><title>Dokumenty strategii - spis</title>
<style>body{{font-family:sans-serif}} table{{border-collapse:collapse}}
td,th{{border:1px solid #999;padding:2px 6px}} tr.error,tr.missing,tr.interrupted{{background:#fdd}}
.stale{{color:#777}} .error{{color:#a00}} .warn{{color:#a60}} ul.warn{{margin:0;padding-left:1.2em}}</style></head>
<body><h1>Dokumenty strategii - spis</h1>{demo_note}
<p>Dokumentów: {len(jobs)}, z błędem: {n_err}, niezbudowanych: {n_missing}, z ostrzeżeniami kontroli: {n_warn}, z notatnika autorskiego: {n_author}. Szczegóły budowy: <a href="{RECORD}">{RECORD}</a>.{cut}</p>
{issues}<table><tr><th>Kod TERC</th><th>Jednostka</th><th>Rodzaj</th><th>Rok</th><th>Dokument</th>
<th>Stan</th><th>Pliki</th><th>Notatnik</th><th>Ostrzeżenia kontroli</th><th>Błąd</th></tr>
{chr(10).join(rows)}
</table></body></html>
"""
    atomic_write_text(reports / INDEX, text)
