"""Where jobs run: the :class:`Executor` protocol and the local process pool.

In: jobs (``submit``). Out: result dicts as jobs finish (``results``), in completion order.
A cluster executor only has to implement the same two methods (and ``close``); jobs and results
are plain dicts, so they can travel as JSON.

Ctrl-C belongs to the main process: the workers are started with SIGINT blocked and ignore it
from their first step (so even one still starting prints no traceback), and
``close(cancel=True)`` ends them with SIGTERM, on which a worker stops its kernel and exits at
once.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import Iterator, Protocol

from .jobs import Job
from .worker import init_worker, run_job


class Executor(Protocol):
    """Runs jobs somewhere and hands back their results."""

    def submit(self, job: Job) -> None: ...

    def results(self) -> Iterator[dict]: ...

    def close(self, cancel: bool = False) -> None: ...


class LocalPoolExecutor:
    """A pool of worker processes on this machine, each keeping one warm kernel."""

    def __init__(self, workers: int):
        self.workers = max(1, int(workers))
        self._pool = ProcessPoolExecutor(
            max_workers=self.workers, mp_context=multiprocessing.get_context("spawn"),
            initializer=init_worker,
        )
        self._futures = {}
        self._processes = []
        # Start every worker now (one trivial task each: the pool starts a process per task
        # while none is idle), so the workers and their kernels boot while the caller still
        # prepares the jobs.
        self._started = [self._submit(os.getpid) for _ in range(self.workers)]

    def _submit(self, fn, *args):
        before = {p.pid for p in multiprocessing.active_children()}
        # A worker process is started inside submit and inherits the signal mask: with SIGINT
        # blocked it cannot be interrupted before init_worker ignores SIGINT; here a Ctrl-C
        # meanwhile stays pending and is raised as soon as the mask is restored.
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            future = self._pool.submit(fn, *args)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)
        self._processes += [p for p in multiprocessing.active_children() if p.pid not in before]
        return future

    def submit(self, job: Job) -> None:
        self._futures[self._submit(run_job, job.to_dict())] = job.id

    def results(self) -> Iterator[dict]:
        for fut in as_completed(list(self._futures)):
            job_id = self._futures.pop(fut)
            try:
                yield fut.result()
            except Exception as exc:  # noqa: BLE001 - a worker process died
                yield {"id": job_id, "status": "error", "duration_s": None, "outputs": [],
                       "error": {"kind": "worker", "cell": None, "source": "",
                                 "message": f"proces roboczy zakończył się nieoczekiwanie: "
                                            f"{type(exc).__name__}: {exc}"}}

    def close(self, cancel: bool = False) -> None:
        self._pool.shutdown(wait=not cancel, cancel_futures=cancel)
        if cancel:  # do not wait for the running notebooks
            for proc in self._processes:
                if proc.is_alive():
                    proc.terminate()
            for proc in self._processes:
                proc.join(timeout=5)
