"""A papermill engine that keeps one warm kernel per process and resets it between notebooks.

In: papermill's ``execute_notebook(..., engine_name=ENGINE_NAME)``.
Out: the executed notebook, as with papermill's default nbclient engine; the difference is that
the kernel is started (and the usual libraries imported) once per worker process, not once per
notebook. Before each notebook ``strategy.batch.kernel_state.reset`` clears the user namespace
(``InteractiveShell.reset``, the same as ``%reset -f``), closes figures, restores matplotlib
rcParams, pandas options, environment, sys.path, warning filters and sets the working directory.

A kernel that died, timed out or failed to start is discarded; the next notebook gets a new one.
"""
from __future__ import annotations

import logging
import os

from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import NBClientEngine, papermill_engines

ENGINE_NAME = "strategy-warm"
log = logging.getLogger("papermill")

_WARMUP = "import strategy.batch.kernel_state as _ks; _ks.capture(); del _ks"
_RESET = "__import__('strategy.batch.kernel_state', fromlist=['reset']).reset({cwd!r})"


def _ipc_path() -> str:
    """Return a per-process socket path prefix in the Jupyter runtime folder."""
    from jupyter_core.paths import jupyter_runtime_dir

    folder = jupyter_runtime_dir()
    os.makedirs(folder, exist_ok=True)
    return os.path.join(folder, f"strategy-kernel-{os.getpid()}")


class KernelResetError(RuntimeError):
    """The warm kernel could not be reset (treated like a dead kernel: restart and retry)."""


class WarmKernel:
    """A started kernel with its client, reused for many notebooks."""

    def __init__(self, kernel_name: str, startup_timeout: int = 60, wait: bool = True):
        from jupyter_client.manager import AsyncKernelManager
        from jupyter_core.utils import run_sync

        self.kernel_name = kernel_name
        self.startup_timeout = startup_timeout
        self.warm = False
        # IPC sockets: no TCP port to pick, so kernels started at once cannot race for a port.
        self.km = AsyncKernelManager(kernel_name=kernel_name, transport="ipc",
                                     ip=_ipc_path())
        # No IPython history database: a batch kernel never recalls input, and the SQLite
        # writes and the new session at every reset are pure cost.
        run_sync(self.km.start_kernel)(extra_arguments=["--HistoryManager.enabled=False"])
        self.kc = self.km.client()
        self.kc.start_channels()
        self.ready = False
        if wait:
            self.wait_ready()
        self.notebooks = 0

    def wait_ready(self) -> None:
        """Wait until the kernel answers (it boots while the worker does other work)."""
        from jupyter_core.utils import run_sync

        if self.ready:
            return
        try:
            run_sync(self.kc.wait_for_ready)(timeout=self.startup_timeout)
        except BaseException:
            self.shutdown()
            raise
        self.ready = True

    @property
    def alive(self) -> bool:
        from jupyter_core.utils import run_sync
        try:
            return bool(run_sync(self.km.is_alive)())
        except Exception:
            return False

    @property
    def pid(self) -> int | None:
        proc = getattr(getattr(self.km, "provisioner", None), "process", None)
        return getattr(proc, "pid", None)

    def run(self, client: PapermillNotebookClient, code: str) -> None:
        """Run setup code (not part of the notebook) and raise if it fails."""
        msg_id = self.kc.execute(code, silent=True, store_history=False, allow_stdin=False)
        reply = client.wait_for_reply(msg_id)
        if not reply or reply["content"].get("status") != "ok":
            content = (reply or {}).get("content", {})
            raise KernelResetError(f"{content.get('ename')}: {content.get('evalue')}")

    def shutdown(self) -> None:
        from jupyter_core.utils import run_sync
        try:
            self.kc.stop_channels()
        except Exception:
            pass
        try:
            run_sync(self.km.shutdown_kernel)(now=True)
        except Exception:
            pass


_kernel: WarmKernel | None = None


def prestart(kernel_name: str) -> None:
    """Launch the worker's kernel without waiting, so it boots while the worker imports."""
    global _kernel
    if _kernel is None:
        _kernel = WarmKernel(kernel_name, wait=False)


def current_kernel() -> WarmKernel | None:
    return _kernel


def kill_kernel() -> None:
    """Kill the warm kernel's process group now and remove its sockets (no clean shutdown:
    for a worker that must exit at once, e.g. from a signal handler)."""
    import glob
    import signal

    global _kernel
    kernel, _kernel = _kernel, None
    if kernel is None:
        return
    if kernel.pid:
        try:
            os.killpg(kernel.pid, signal.SIGKILL)  # the kernel leads its own session
        except OSError:
            pass
    for path in [*glob.glob(_ipc_path() + "-*"), getattr(kernel.km, "connection_file", "")]:
        if path:
            try:
                os.unlink(path)
            except OSError:
                pass


def discard_kernel() -> None:
    """Shut the warm kernel down; the next notebook starts a new one."""
    global _kernel
    if _kernel is not None:
        _kernel.shutdown()
        _kernel = None


class WarmKernelEngine(NBClientEngine):
    """NBClientEngine that executes in the process's warm kernel instead of a new one."""

    @classmethod
    def execute_managed_notebook(cls, nb_man, kernel_name, log_output=False, stdout_file=None,
                                 stderr_file=None, start_timeout=60, execution_timeout=None,
                                 **kwargs):
        global _kernel
        kwargs.pop("input_path", None)
        if _kernel is not None and (_kernel.kernel_name != kernel_name or not _kernel.alive):
            discard_kernel()
        if _kernel is None:
            _kernel = WarmKernel(kernel_name, start_timeout)
        fresh = not _kernel.warm
        _kernel.wait_ready()
        client = PapermillNotebookClient(
            nb_man, km=_kernel.km, kernel_name=kernel_name, timeout=execution_timeout,
            startup_timeout=start_timeout, log=log, log_output=log_output,
            stdout_file=stdout_file, stderr_file=stderr_file, **kwargs,
        )
        client.kc = _kernel.kc
        try:
            if fresh:
                _kernel.run(client, _WARMUP)
                _kernel.warm = True
            _kernel.run(client, _RESET.format(cwd=os.getcwd()))
            nb = client.execute()
        except BaseException:
            # A timeout leaves the kernel busy, a dead kernel is useless: start anew next time.
            discard_kernel()
            raise
        _kernel.notebooks += 1
        return nb


papermill_engines.register(ENGINE_NAME, WarmKernelEngine)
