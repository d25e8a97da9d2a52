"""One job in a worker process: execute the notebook, render HTML, place the outputs atomically.

In: a job as a dict (:meth:`Job.to_dict`). Out: a result dict - status ``ok`` or ``error``,
duration, the files placed, the error (kind, failing cell index and first source line,
message), the control findings the notebook wrote (``X.kontrola.json``, see
:mod:`strategy.batch.control_findings`) and the peak memory of the worker and of its kernel.

Everything is written into a temporary folder inside the job's output folder; only when every
output exists are the files moved into place with ``os.replace`` (atomic on one file system).
An interrupted job leaves at most a ``.tmp-*`` folder, which the next build removes.
A kernel that dies or fails to start is replaced and the job retried once.
"""
from __future__ import annotations

import logging
import os
import shutil
import signal
import tempfile
import time
from multiprocessing import util
from pathlib import Path

from . import kernel
from .control_findings import read_findings
from .files import TMP_PREFIX
from .jobs import placed, unit_label
from .memory import status_mb

KERNEL_NAME = "python3"


def _stop(signum, frame) -> None:  # noqa: ARG001 - signal handler
    """Leave at once on SIGTERM (the build was interrupted): kill the kernel, then exit."""
    kernel.kill_kernel()
    os._exit(128 + signum)


def init_worker() -> None:
    """Start the worker's kernel, then import papermill and nbconvert while it boots."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # blocked while starting
    signal.signal(signal.SIGTERM, _stop)

    try:
        kernel.prestart(KERNEL_NAME)  # the kernel imports its libraries while we import ours
    except Exception:  # noqa: BLE001 - the first job starts (and retries) a kernel itself
        kernel.discard_kernel()
    # Pool workers leave through os._exit (no atexit): stop the kernel in multiprocessing's
    # own finalizers instead.
    util.Finalize(None, kernel.discard_kernel, exitpriority=10)

    # lazy, on purpose: papermill (heavy) is imported while the kernel started above boots;
    # importing the engine registers it with papermill
    from . import engine  # noqa: F401
    _exporter()
    logging.getLogger("papermill").setLevel(logging.ERROR)
    logging.getLogger("traitlets").setLevel(logging.ERROR)


def _peak_mb(pid: int | str = "self") -> float | None:
    peak = status_mb("VmHWM", pid)
    return None if peak is None else round(peak, 1)


def _first_line(source: str) -> str:
    for line in (source or "").splitlines():
        if line.strip():
            return line.strip()[:120]
    return ""


def _is_kernel_failure(exc: BaseException) -> bool:
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    if isinstance(exc, CellTimeoutError):
        return False
    if isinstance(exc, (DeadKernelError, kernel.KernelResetError, TimeoutError)):
        return True
    try:
        import zmq
        if isinstance(exc, zmq.ZMQError):
            return True
    except ImportError:
        pass
    return isinstance(exc, RuntimeError) and "kernel" in str(exc).lower()


def _execute(job: dict, tmp: Path):
    import papermill as pm

    params = dict(job["parameters"])
    if job["output_param"]:
        params[job["output_param"]] = str(tmp)
    return pm.execute_notebook(
        job["notebook"], str(tmp / f"{job['document']}.ipynb"), parameters=params,
        engine_name=kernel.ENGINE_NAME, kernel_name=KERNEL_NAME, progress_bar=False,
        request_save_on_cell_execute=False, cwd=job["cwd"],
        execution_timeout=job["timeout"], start_timeout=60,
    )


_EXPORTER = None


def _exporter():
    """Return the worker's HTML exporter, nbconvert's own without the code cells (built once:
    loading its templates takes time)."""
    global _EXPORTER
    if _EXPORTER is None:
        from nbconvert import HTMLExporter

        _EXPORTER = HTMLExporter(exclude_input=True, exclude_input_prompt=True,
                                 exclude_output_prompt=True)
    return _EXPORTER


def page_title(job: dict) -> str:
    """Return the HTML page title of a job: the document and its unit, code and name."""
    name = unit_label(job["teryt"], job.get("unit_name") or "")
    return f"{job['title']} - {job['teryt']}{' ' + name if name else ''} ({job['rok']})"


def _render_html(ipynb: Path, html: Path, nb=None, title: str = "") -> None:
    """Write the HTML page of the executed notebook (``nb`` as executed, else read ``ipynb``)."""
    if nb is None:
        import nbformat
        nb = nbformat.read(ipynb, as_version=4)
    resources = {"metadata": {"name": title or ipynb.stem}}
    body, _ = _exporter().from_notebook_node(nb, resources=resources)
    html.write_text(body, encoding="utf-8")


def run_job(job: dict) -> dict:
    """Run one job and return its result dict (never raises for a failing notebook)."""
    from nbclient.exceptions import CellTimeoutError
    from papermill.exceptions import PapermillExecutionError

    start = time.perf_counter()
    out_dir = Path(job["out_dir"])
    out_dir.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f"{TMP_PREFIX}{job['document']}-", dir=out_dir))
    result = {"id": job["id"], "status": "ok", "error": None, "outputs": [], "attempts": 0,
              "worker_pid": os.getpid(), "warnings": []}
    executed = None
    try:
        for attempt in (1, 2):
            result["attempts"] = attempt
            try:
                executed = _execute(job, tmp)
                break
            except PapermillExecutionError as exc:
                result["status"] = "error"
                result["error"] = {"kind": "cell", "cell": exc.cell_index,
                                   "source": _first_line(exc.source),
                                   "message": f"{exc.ename}: {exc.evalue}"}
                break
            except CellTimeoutError as exc:
                result["status"] = "error"
                result["error"] = {"kind": "timeout", "cell": None, "source": "",
                                   "message": f"przekroczono limit czasu {job['timeout']} s "
                                              f"wykonania komórki ({exc})"[:500]}
                break
            except Exception as exc:  # noqa: BLE001 - reported per job, the build goes on
                if attempt == 1 and _is_kernel_failure(exc):
                    continue  # the engine discarded the kernel; retry with a new one
                result["status"] = "error"
                result["error"] = {"kind": "kernel" if _is_kernel_failure(exc) else "other",
                                   "cell": None, "source": "",
                                   "message": f"{type(exc).__name__}: {exc}"[:500]}
                break
        ipynb = tmp / f"{job['document']}.ipynb"
        if result["status"] == "ok":
            missing = [n for n in job["outputs"] if not (tmp / n).is_file()]
            if missing:
                result["status"] = "error"
                result["error"] = {"kind": "outputs", "cell": None, "source": "",
                                   "message": "notatnik nie utworzył pliku: " + ", ".join(missing)}
        if result["status"] == "ok":
            result["warnings"] = read_findings(tmp, job["outputs"])
            if job["html"]:
                _render_html(ipynb, tmp / f"{job['document']}.html", executed, page_title(job))
            names = [f"{job['document']}.ipynb"] + (
                [f"{job['document']}.html"] if job["html"] else []) + list(job["outputs"])
            for name in names:
                os.replace(tmp / name, out_dir / placed(job["out_dir"], name))
            result["outputs"] = [placed(job["out_dir"], n) for n in names]
            (out_dir / placed(job["out_dir"], f"{job['document']}.failed.ipynb")).unlink(
                missing_ok=True)
        elif ipynb.is_file():
            # Keep the executed notebook with the traceback next to the last good outputs.
            failed = placed(job["out_dir"], f"{job['document']}.failed.ipynb")
            os.replace(ipynb, out_dir / failed)
            result["outputs"] = [failed]
    except Exception as exc:  # noqa: BLE001 - rendering or moving failed
        result["status"] = "error"
        result["error"] = {"kind": "other", "cell": None, "source": "",
                           "message": f"{type(exc).__name__}: {exc}"[:500]}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    warm = kernel.current_kernel()
    result["duration_s"] = round(time.perf_counter() - start, 3)
    result["peak_mb_worker"] = _peak_mb()
    result["peak_mb_kernel"] = _peak_mb(warm.pid) if warm and warm.pid else None
    return result
