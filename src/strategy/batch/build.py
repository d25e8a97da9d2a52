"""Orchestration of ``strategy build``: choose the jobs, skip the up-to-date ones, run the rest.

In: :class:`BuildOptions` (units, documents, worker count, force, HTML, folders, job table).
Out: :class:`BuildReport`; on disk the outputs of every job that ran, the journal while running,
then ``build.json`` and ``index.html`` - also when the build ends early (Ctrl-C, a full disk):
the documents it had to redo but did not are recorded as ``interrupted`` ("przerwano"), never
as ready, and a write the file system refuses becomes one Polish line (:mod:`strategy.writing`).
Progress goes to stderr, the summary table to stdout. The reports folder is locked for the
build (:mod:`strategy.locking`; a second build there is refused naming the first).

A job is up to date when its last record is ``ok``, its key (hash of the notebook, parameters,
the store rows it reads - for a gmina's document the whole powiat it is compared with, see
:mod:`strategy.store_scope` -, its input files, the unit register and the package) is unchanged
and its outputs exist. A document whose plan is missing or unreadable does not run: it is
reported per unit with the reason, recorded as not built (never as current) and makes the exit
status 1; so does a plan file that belongs to no document. Nothing heavy is imported until a
job has to run.

A unit with an author notebook (:mod:`strategy.batch.author_notebooks`) runs it instead of the
template; the copy's hash is in the key, the template's is not, so editing the template rebuilds
only the units without a copy. The summary, build.json and index.html name the units that use
an author notebook and warn when its template changed since the copy was made. The control
findings a notebook writes (``X.kontrola.json``, :mod:`strategy.batch.control_findings`) are
printed under the unit and document, stored in build.json and shown in index.html; they do not
change the status or the exit code.
"""
from __future__ import annotations

import errno
import os
import re
import shutil
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from ..errors import BuildError
from ..locking import LockError, describe_holder, hold, read_holder
from ..plan.index import plan_index
from ..writing import write_error
from . import params, record
from .author_notebooks import shown, status_note, template_status
from .files import TMP_FILE_PREFIX, TMP_FILE_SUFFIX, TMP_PREFIX
from .hashing import CACHE_NAME, HashCache, canonical, digest, registry_files
from .jobs import DEFAULT_TABLE, Job, expand, load_table, unit_label

DEMO_POWIAT = "3007"


@dataclass
class BuildOptions:
    powiat: list[str] = field(default_factory=list)
    gmina: list[str] = field(default_factory=list)
    only: list[str] = field(default_factory=list)
    jobs: int = os.cpu_count() or 1
    force: bool = False
    html: bool = True
    reports: Path = Path("reports")
    store: Path = Path("data/processed/indicators.parquet")
    table: Path = DEFAULT_TABLE
    rok: int | None = None
    quiet: bool = False


@dataclass
class BuildReport:
    total: int
    ran: list[dict]
    skipped: list[str]
    duration_s: float
    blocked: list[dict] = field(default_factory=list)   # records of documents that could not run
    problems: list[str] = field(default_factory=list)   # plan files that belong to no document
    models: list[str] = field(default_factory=list)     # "programme of X on the model of Y" lines
    current: list[dict] = field(default_factory=list)   # records of the up-to-date documents
    stale: list[dict] = field(default_factory=list)     # folders of a unit under a former name

    @property
    def failed(self) -> list[dict]:
        return [r for r in self.ran if r["status"] != "ok"]

    @property
    def exit_status(self) -> int:
        return 1 if self.failed or self.blocked or self.problems else 0


def _select_units(opts: BuildOptions, summary) -> dict[str, tuple[list[str], bool]]:
    known = set(summary.units)
    if opts.gmina:
        units: dict[str, tuple[list[str], bool]] = {}
        for g in opts.gmina:
            if len(g) != 7 or g not in known:
                raise BuildError(f"gmina {g} nie ma danych w magazynie {summary.path}")
            units.setdefault(g[:4], ([], False))[0].append(g)
        for p in opts.powiat:
            units[p] = (units.get(p, ([], False))[0] or summary.gminas.get(p, []), True)
        return units
    units = {}
    for p in opts.powiat or [DEMO_POWIAT]:
        if not summary.gminas.get(p):
            raise BuildError(f"powiat {p} nie ma danych gmin w magazynie {summary.path}")
        units[p] = (summary.gminas[p], True)
    return units


def _key(job: Job, cache: HashCache, summary, package: str, registry: str) -> None:
    hashes = {"notatnik": cache.file(job.notebook), "parametry": digest(canonical(job.parameters)),
              "dane": summary.rows_hash(job.data_scope), "rejestr": registry,
              "pakiet": package}
    for path in job.inputs:
        hashes[f"plik:{path}"] = cache.file(path)
    hashes["wyniki"] = digest(canonical([job.outputs, job.html]))
    job.input_hashes = hashes
    job.key = digest(canonical(hashes))


def _up_to_date(rec: dict | None, job: Job) -> bool:
    if not rec or rec.get("status") != "ok" or rec.get("key") != job.key:
        return False
    return all(os.path.exists(os.path.join(job.out_dir, n)) for n in job.output_files)


def _fmt_s(seconds: float) -> str:
    return f"{seconds:.1f}".replace(".", ",")


def _describe_error(job: Job, err: dict) -> str:
    if err.get("kind") == "plan":
        return f"{_unit(job.teryt, job.unit_name)}, dokument {job.document}: {err['message']}"
    where = ""
    if err.get("cell") is not None:
        where = f", komórka {err['cell']} ({err['source']})"
    return f"jednostka {job.teryt}, notatnik {job.notebook}{where}: {err['message']}"


def _unit(teryt: str, name: str) -> str:
    if not name:
        return teryt
    return f"{teryt} {unit_label(teryt, name)}"


#: Errors of a write whatever the notebook: a full disk, a quota, a read-only medium, a long name.
_WRITE_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.ENAMETOOLONG}
_OS_ERROR = re.compile(r"^\w*(?:Error|Exception): \[Errno (\d+)\] [^:]*(?:: '([^']*)')?")


def _polish_os_error(error: dict | None, out_dir: str) -> dict | None:
    """Return ``error`` with a write error of the system ("OSError: [Errno 28] No space left
    on device") said in Polish with what to do (:func:`strategy.writing.write_error`)."""
    if not error or not isinstance(error.get("message"), str):
        return error
    m = _OS_ERROR.match(error["message"])
    if not m or int(m.group(1)) not in _WRITE_ERRNOS:  # a missing input is the notebook's own
        return error
    exc = OSError(int(m.group(1)), "")
    return {**error, "message": write_error(exc, m.group(2) or out_dir, "wyników dokumentu")}


def _record(job: Job, reports: Path, **result) -> dict:
    """Return the build record of ``job`` with the result fields of a run (or of a block)."""
    result["error"] = _polish_os_error(result.get("error"), job.out_dir)
    return {"id": job.id, "document": job.document, "title": job.title,
            "unit_kind": job.unit_kind, "teryt": job.teryt, "unit_name": job.unit_name,
            "powiat": job.powiat, "rok": job.rok, "notebook": job.notebook,
            "parameters": job.parameters, "inputs": job.input_hashes, "key": job.key,
            "plan_unit": job.plan_unit, "out_dir_rel": os.path.relpath(job.out_dir, reports),
            "expected_outputs": job.output_files,
            "built_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "author_notebook": job.author, "warnings": result.get("warnings") or [],
            **{k: result.get(k) for k in ("status", "error", "duration_s", "outputs", "attempts",
                                          "peak_mb_worker", "peak_mb_kernel")}}


def _blocked_record(job: Job, reports: Path) -> dict:
    return _record(job, reports, status=job.blocked["status"], duration_s=None, outputs=[],
                   error={"kind": "plan", "cell": None, "source": "",
                          "message": job.blocked["message"]})


def _plan_problems(index) -> list[str]:
    """Return the errors of plan files whose text does not even say which document and unit
    they are for (an unreadable file that does is reported with the documents using it)."""
    return [f"{entry.error} - nie wiadomo, którego dokumentu i jednostki dotyczy ten plik, "
            "więc żaden dokument go nie użył"
            for entry in index or [] if entry.error and (not entry.kind or not entry.unit)]


def _models(jobs: list[Job], names: dict) -> list[str]:
    """Return one line per plan that serves other units as a model (documented behaviour)."""
    groups: dict[tuple[str, str, str], list[Job]] = {}
    for j in jobs:
        if j.plan_unit:
            groups.setdefault((j.title, j.plan_unit, j.parameters.get("plan", "")), []).append(j)
    out = []
    for (title, unit, plan), members in sorted(groups.items()):
        who = ", ".join(_unit(j.teryt, j.unit_name) for j in members)
        out.append(f"{title}: {len(members)} jednostek bez własnego planu - na wzór planu "
                   f"jednostki {_unit(unit, names.get(unit, ''))} (plik {Path(plan).name}): {who}")
    return out


def stale_folders(jobs: list[Job], reports: Path) -> list[dict]:
    """Return the output folders of the built units under another name than the current one
    (``3007012_stara_nazwa`` beside ``3007012_blizanow`` after a renaming in the unit
    register): ``{"teryt", "folder", "current"}``, paths relative to ``reports``. Their
    documents are no longer updated; they are listed, never removed."""
    by_parent: dict[Path, dict[str, Path]] = {}
    for job in jobs:
        out = Path(job.out_dir)
        by_parent.setdefault(out.parent, {})[job.teryt] = out
    found = []
    for parent, units in sorted(by_parent.items()):
        try:
            entries = sorted(os.scandir(parent), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            code = entry.name.split("_", 1)[0]
            if (code in units and entry.name != units[code].name and not entry.name.startswith(".")
                    and entry.is_dir(follow_symlinks=False)):
                found.append({"teryt": code,
                              "folder": os.path.relpath(entry.path, reports),
                              "current": os.path.relpath(units[code], reports)})
    return found


def clean_leftovers(reports: Path, folders) -> int:
    """Remove what a killed build left: ``.tmp-*`` folders in the output ``folders`` and the
    temporary files of build.json, index.html and the hash cache; return how many."""
    removed = 0
    for folder in folders:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith(TMP_PREFIX) and entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)
                removed += 1
    for name in (record.RECORD, record.INDEX, CACHE_NAME):
        for leftover in reports.glob(f"{TMP_FILE_PREFIX}{name}.*{TMP_FILE_SUFFIX}"):
            leftover.unlink(missing_ok=True)
            removed += 1
    return removed


@contextmanager
def _lock(reports: Path):
    """Hold the lock of the reports folder (:mod:`strategy.locking`): a second build in the
    same folder is refused at once, naming the build that runs (command, process, since when)."""
    try:
        reports.mkdir(parents=True, exist_ok=True)
        with hold(reports, "strategy build", what="folder wyników", wait=0,
                  lock_file=reports / ".build.lock"):
            yield
    except LockError:
        holder = describe_holder(read_holder(reports / ".build.lock"))
        raise BuildError(f"w folderze {reports} trwa już inna budowa: {holder}; uruchom "
                         "polecenie ponownie, gdy się skończy") from None
    except OSError as exc:
        raise BuildError(write_error(exc, reports, "wyników budowy w folderze")) from exc


def _interrupted_record(job: Job, reports: Path, why: str) -> dict:
    """Return the record of a job the build had to redo but ended before (never ``ok``)."""
    return _record(job, reports, status="interrupted", duration_s=None, outputs=[],
                   error={"kind": "interrupted", "cell": None, "source": "",
                          "message": f"{why}, zanim ten dokument zbudowano ponownie; pliki na "
                                     "dysku (jeśli są) pochodzą z wcześniejszej budowy"})


def run_build(opts: BuildOptions, executor_factory=None) -> BuildReport:
    """Build what is out of date; return the report (``exit_status`` 1 if a document failed or
    could not be built)."""
    t0 = time.perf_counter()
    started = datetime.now(timezone.utc).isoformat(timespec="seconds")
    reports = Path(opts.reports).resolve()
    with _lock(reports):
        try:
            return _build(opts, reports, started, t0, executor_factory)
        except OSError as exc:  # a full disk, no permission, a name too long: said in Polish
            raise BuildError(write_error(exc, reports, "wyników budowy w folderze")) from exc


def _build(opts: BuildOptions, reports: Path, started: str, t0: float,
           executor_factory) -> BuildReport:
    cache = HashCache(reports / CACHE_NAME)
    registry = digest(*(cache.file(p) for p in registry_files()))
    summary = cache.store(opts.store, registry)
    if not summary.years:
        raise BuildError(f"magazyn danych {summary.path} jest pusty")
    rok = opts.rok or max(summary.years)
    table = load_table(opts.table)
    index = None
    if table.plans is not None and any(s.plan for s in table.documents):
        index = plan_index(table.plans) if table.plans.is_dir() else []
    jobs = expand(table.documents, _select_units(opts, summary), rok,
                  store=Path(summary.path), reports=reports, base=table.base,
                  root=Path.cwd(), html=opts.html, only=opts.only or None,
                  plans=table.plans, names=summary.names, index=index)
    clean_leftovers(reports, {j.out_dir for j in jobs})
    problems = _plan_problems(index)
    stale = stale_folders(jobs, reports)
    runnable = [j for j in jobs if not j.blocked]
    package = cache.package(sources=table.package_key == "sources")
    for job in runnable:
        _key(job, cache, summary, package, registry)
    for job in jobs:
        if job.template:
            job.author = template_status(job.notebook, job.template, cache.file(job.template),
                                         job.document, job.teryt)
    cache.save()
    previous = record.load_jobs(reports)
    journal_left = (reports / record.JOURNAL).exists()
    todo = [j for j in runnable if opts.force or not _up_to_date(previous.get(j.id), j)]
    skipped = [j.id for j in runnable if j not in todo]
    # An up-to-date document keeps its record; only the state of its template is news.
    by_id = {j.id: j for j in jobs}
    refreshed = False
    for job_id in skipped:
        if previous[job_id].get("author_notebook") != by_id[job_id].author:
            previous[job_id] = {**previous[job_id], "author_notebook": by_id[job_id].author}
            refreshed = True
    blocked = [_blocked_record(j, reports) for j in jobs if j.blocked]
    for rec in blocked:
        previous[rec["id"]] = rec
    results: list[dict] = []
    try:
        if todo:
            _run(todo, previous, reports, opts, t0, executor_factory, results)
    except BaseException as exc:
        # whatever ended the build (Ctrl-C, a full disk), build.json and index.html tell
        # the truth: what finished, and which documents were not redone
        why = ("budowę przerwano (Ctrl-C)" if isinstance(exc, KeyboardInterrupt)
               else "budowa zakończyła się błędem")
        done = {r["id"] for r in results}
        for job in todo:
            if job.id not in done:
                previous[job.id] = _interrupted_record(job, reports, why)
        meta = _meta(opts, started, t0, rok, summary, results, skipped, blocked, problems)
        meta["interrupted"] = f"{why}: {type(exc).__name__}"
        # the half-written outputs of the jobs cut short go first: on a full disk they hold
        # the room build.json and index.html need
        clean_leftovers(reports, {j.out_dir for j in todo})
        saved = _save_state(reports, previous, meta, summary, problems)
        if not opts.quiet and not isinstance(exc, KeyboardInterrupt):  # Ctrl-C: one line
            left = len(todo) - len(done)
            where = (f"stan zapisano w {reports / record.RECORD} i {reports / record.INDEX}"
                     if saved else "stanu nie udało się zapisać")
            print(f"Budowę zakończono przed czasem ({why}): zbudowano {len(done)}, nie "
                  f"zbudowano ponownie {left}; {where}", file=sys.stderr, flush=True)
        raise
    if (todo or blocked or problems or journal_left or refreshed or stale
            or not (reports / record.INDEX).exists()):
        meta = _meta(opts, started, t0, rok, summary, results, skipped, blocked, problems)
        meta["stale_folders"] = stale
        record.write_record(reports, previous, meta)
        record.write_index(reports, previous, summary.names, summary.demo, problems, stale)
    report = BuildReport(total=len(jobs), ran=results, skipped=skipped,
                         duration_s=time.perf_counter() - t0, blocked=blocked,
                         problems=problems, models=_models(jobs, summary.names), stale=stale,
                         current=[previous[i] for i in skipped])
    if not opts.quiet:
        print_summary(report, {j.id: j for j in jobs}, summary.names)
    return report


def _meta(opts: BuildOptions, started: str, t0: float, rok: int, summary, results: list[dict],
          skipped: list[str], blocked: list[dict], problems: list[str]) -> dict:
    """Return the build-wide part of build.json."""
    return {"started": started,
            "finished": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "duration_s": round(time.perf_counter() - t0, 3),
            "versions": record.versions(),
            "parameters": {"powiat": opts.powiat, "gmina": opts.gmina, "only": opts.only,
                           "jobs": opts.jobs, "force": opts.force, "html": opts.html,
                           "rok": rok, "store": summary.path,
                           "table": str(Path(opts.table).resolve())},
            "store": {"path": summary.path, "demo": summary.demo},
            "ran": [r["id"] for r in results], "skipped": skipped,
            "not_built": [r["id"] for r in blocked], "plan_problems": problems}


def _save_state(reports: Path, jobs: dict, meta: dict, summary, problems: list[str]) -> bool:
    """Write build.json and index.html of a build that ended early, space allowing; return
    whether both were written. A write that fails is said in one Polish line (the journal
    keeps every finished job for the next build)."""
    try:
        record.write_index(reports, jobs, summary.names, summary.demo, problems)
    except OSError as exc:
        # an index of an earlier build would call the documents not redone ready
        (reports / record.INDEX).unlink(missing_ok=True)
        print(f"BŁĄD: {write_error(exc, reports / record.INDEX, 'spisu dokumentów')}; "
              "poprzedni spis usunięto, bo nie odpowiadał już stanowi dokumentów",
              file=sys.stderr, flush=True)
        return False
    try:
        record.write_record(reports, jobs, meta)
    except OSError as exc:
        print(f"BŁĄD: {write_error(exc, reports / record.RECORD, 'zapisu budowy')}",
              file=sys.stderr, flush=True)
        return False
    return True


def longest_first(jobs: list[Job], previous: dict) -> list[Job]:
    """Order jobs by expected duration, longest first, so no long job is left for the end.

    The expected duration is the job's last recorded one; a job never run counts as long when
    it is a powiat document (a strategy takes about three gmina diagnoses). Workers take jobs in
    submission order, so this is the classic longest-processing-time schedule.
    """
    def expected(job: Job) -> float:
        last = (previous.get(job.id) or {}).get("duration_s")
        if isinstance(last, (int, float)) and last > 0:
            return float(last)
        return 1e6 if job.unit_kind == "powiat" else 1e5

    return sorted(jobs, key=lambda j: (-expected(j), j.id))


def _progress(rec: dict, job: Job, done: int, total: int, failures: int, t0: float) -> None:
    line = (f"[{done:>{len(str(total))}}/{total}] "
            f"{record.STATUS_PL.get(rec['status'], rec['status'])}: {job.teryt} "
            f"{job.document} ({_fmt_s(rec['duration_s'] or 0)} s) | błędy: {failures}"
            f" | upłynęło: {_fmt_s(time.perf_counter() - t0)} s")
    print(line, file=sys.stderr, flush=True)
    if rec["status"] != "ok":
        print(f"    BŁĄD: {_describe_error(job, rec['error'])}", file=sys.stderr, flush=True)


def _run(todo: list[Job], previous: dict, reports: Path, opts: BuildOptions, t0: float,
         executor_factory, results: list[dict]) -> list[dict]:
    """Run ``todo``; every finished job's record goes to the journal, ``previous`` and
    ``results`` (filled as jobs finish, so a caller knows them when the run is cut short)."""
    if executor_factory is None:
        # lazy: the pool brings in jupyter_client and papermill, needed only when a job runs
        from .executor import LocalPoolExecutor
        executor_factory = LocalPoolExecutor
    total = len(todo)
    # The workers start (and their kernels boot) while this process checks the parameters.
    executor = executor_factory(min(max(1, opts.jobs), total))
    try:
        refused = params.check(todo)  # before any job runs
    except BaseException:
        executor.close(cancel=True)
        raise
    try:
        journal = record.Journal(reports)
    except BaseException:
        executor.close(cancel=True)
        raise
    failures = 0

    def finished(job: Job, rec: dict) -> None:
        nonlocal failures
        journal.add(rec)
        previous[job.id] = rec
        results.append(rec)
        failures += rec["status"] != "ok"
        if not opts.quiet:
            _progress(rec, job, len(results), total, failures, t0)

    try:
        for job in todo:
            if job.id in refused:  # an author notebook that cannot take the unit's parameters
                finished(job, _record(job, reports, status="error", duration_s=0.0, outputs=[],
                                      attempts=0, error={"kind": "notebook", "cell": None,
                                                         "source": "",
                                                         "message": refused[job.id]}))
        todo = [j for j in todo if j.id not in refused]
        by_id = {j.id: j for j in todo}
        for job in longest_first(todo, previous):
            executor.submit(job)
        for res in executor.results():
            job = by_id[res["id"]]
            finished(job, _record(job, reports, **res))
    except BaseException:
        executor.close(cancel=True)
        try:
            journal.close()
        except OSError:
            pass  # a full disk: the lines already written were synced one by one
        raise
    journal.close()
    executor.close(cancel=not todo)  # nothing was left to run: do not wait for the workers
    return results


AUTHOR_MARK = "notatnik autorski"


def _where(rec: dict, names: dict) -> str:
    return (f"{_unit(rec['teryt'], rec.get('unit_name') or names.get(rec['teryt'], ''))}, "
            f"dokument {rec['document']}")


def print_summary(report: BuildReport, jobs: dict, names: dict) -> None:
    """Print the Polish summary of the build to stdout: the table of the documents that ran or
    could not run (those built from an author notebook marked), the counts, then every failure,
    every document not built and why, the plans used as models for units without their own,
    the author notebooks of the selected units (with a warning when the template changed) and
    the control findings of the documents (the up-to-date ones too, said so)."""
    rows = [("Kod TERC", "Jednostka", "Dokument", "Stan", "Czas [s]")]
    for rec in sorted(report.ran + report.blocked, key=lambda r: r["id"]):
        document = rec["document"] + (f" ({AUTHOR_MARK})" if rec.get("author_notebook") else "")
        rows.append((rec["teryt"], unit_label(rec["teryt"], rec.get("unit_name")
                                              or names.get(rec["teryt"], "")),
                     document, record.STATUS_PL.get(rec["status"], rec["status"]),
                     _fmt_s(rec["duration_s"]) if rec["duration_s"] is not None else "-"))
    if len(rows) > 1:
        widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
        for i, r in enumerate(rows):
            print("  ".join(c.ljust(w) for c, w in zip(r, widths)))
            if i == 0:
                print("  ".join("-" * w for w in widths))
    not_built = [r for r in report.blocked if r["status"] == "missing"]
    plan_errors = [r for r in report.blocked if r["status"] != "missing"]
    records = sorted(report.ran + report.current + report.blocked, key=lambda r: r["id"])
    n_warn = sum(len(r.get("warnings") or []) for r in records)
    print(f"Dokumentów: {report.total}; zbudowano: {len(report.ran) - len(report.failed)}; "
          f"błędy: {len(report.failed) + len(plan_errors)}; nie zbudowano (brak planu): "
          f"{len(not_built)}; aktualne (pominięte): {len(report.skipped)}; "
          + (f"ostrzeżenia kontroli: {n_warn}; " if n_warn else "")
          + f"czas: {_fmt_s(report.duration_s)} s")
    for rec in report.failed + plan_errors:
        print(f"BŁĄD: {_describe_error(jobs[rec['id']], rec['error'])}")
    for rec in not_built:
        print(f"NIE ZBUDOWANO: {_describe_error(jobs[rec['id']], rec['error'])}")
    for problem in report.problems:
        print(f"BŁĄD PLANU: {problem}")
    for line in report.models:
        print(f"WZÓR: {line}")
    for old in report.stale:
        print(f"UWAGA: folder {old['folder']} zawiera dokumenty jednostki {old['teryt']} pod "
              f"dawną nazwą; nie jest już aktualizowany (obecne dokumenty: {old['current']}) - "
              "usuń go, gdy nie będzie potrzebny")
    ran = {r["id"] for r in report.ran}
    for job in sorted((j for j in jobs.values() if j.author), key=lambda j: j.id):
        print(f"NOTATNIK AUTORSKI: {_unit(job.teryt, job.unit_name)}, dokument {job.document}: "
              f"{shown(job.notebook)} (zamiast szablonu {shown(job.template)})")
        note = status_note(job.author)
        if note:
            print(f"UWAGA: {_unit(job.teryt, job.unit_name)}, dokument {job.document}: {note}")
    for rec in records:
        old = "" if rec["id"] in ran else " (dokument aktualny, ostrzeżenie z jego budowy)"
        for w in rec.get("warnings") or []:
            print(f"OSTRZEŻENIE: {_where(rec, names)} ({w['output']}){old}: {w['text']}")
