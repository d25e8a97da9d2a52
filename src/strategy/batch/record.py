"""The build record: a journal of finished jobs, ``build.json`` and ``index.html``.

In: job results as they arrive and the previous record. Out: ``reports/.build-journal.jsonl``
(one line per finished job, appended right after its outputs are in place, so a killed build
loses nothing it finished), ``reports/build.json`` (versions, parameters, input hashes,
per-job status, duration and error) and ``reports/index.html`` (Polish list of every unit and
document with status and links). Both files are written atomically.
"""
from __future__ import annotations

import html
import json
import os
import tempfile
from pathlib import Path

JOURNAL = ".build-journal.jsonl"
RECORD = "build.json"
INDEX = "index.html"
STATUS_PL = {"ok": "gotowy", "error": "błąd"}


def atomic_write_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder and a rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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


def write_index(reports: Path, jobs: dict, names: dict, demo: bool) -> None:
    """Write reports/index.html: units, documents, status and links, in Polish."""
    rows = []
    for rec in sorted(jobs.values(), key=lambda r: (r["powiat"], r["rok"], r["unit_kind"] != "powiat",
                                                    r["teryt"], r["document"])):
        rel = Path(rec["out_dir_rel"])
        links = " ".join(
            f'<a href="{html.escape((rel / n).as_posix())}">{html.escape(n)}</a>'
            for n in rec.get("outputs", []))
        err = rec.get("error") or {}
        msg = ""
        if err:
            where = f"komórka {err['cell']}: {err['source']} - " if err.get("cell") is not None else ""
            msg = html.escape(where + err.get("message", ""))
        name = names.get(rec["teryt"], "")
        rows.append(
            f"<tr class=\"{rec['status']}\"><td>{rec['teryt']}</td><td>{html.escape(name)}</td>"
            f"<td>{rec['unit_kind']}</td><td>{rec['rok']}</td><td>{html.escape(rec['title'])}</td>"
            f"<td>{STATUS_PL.get(rec['status'], rec['status'])}</td><td>{links}</td>"
            f"<td>{msg}</td></tr>")
    demo_note = "<p><strong>DANE DEMONSTRACYJNE</strong></p>" if demo else ""
    n_err = sum(1 for r in jobs.values() if r["status"] != "ok")
    text = f"""<!DOCTYPE html>
<html lang="pl"><head><meta charset="utf-8"><title>Dokumenty strategii - spis</title>
<style>body{{font-family:sans-serif}} table{{border-collapse:collapse}}
td,th{{border:1px solid #999;padding:2px 6px}} tr.error{{background:#fdd}}</style></head>
<body><h1>Dokumenty strategii - spis</h1>{demo_note}
<p>Dokumentów: {len(jobs)}, z błędem: {n_err}. Szczegóły budowy: <a href="{RECORD}">{RECORD}</a>.</p>
<table><tr><th>Kod TERC</th><th>Jednostka</th><th>Rodzaj</th><th>Rok</th><th>Dokument</th>
<th>Stan</th><th>Pliki</th><th>Błąd</th></tr>
{chr(10).join(rows)}
</table></body></html>
"""
    atomic_write_text(reports / INDEX, text)
