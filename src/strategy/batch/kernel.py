"""The worker's warm kernel: one started Jupyter kernel per worker process, kept between jobs.

In: a kernel name. Out: :class:`WarmKernel` - a ``jupyter_client.AsyncKernelManager`` whose
kernel runs (no kernel client: nbclient makes one per notebook from the manager, see
:mod:`strategy.batch.engine`) - and the functions that start, replace and stop it.

The kernel imports the usual libraries at its own start-up: IPython's documented
``exec_lines`` option runs :func:`strategy.batch.kernel_state.capture`, so the kernel warms up
while the worker imports papermill and nbconvert, and it answers its first request only when
ready. This module imports only jupyter_client, so the worker can start the kernel first.
"""
from __future__ import annotations

import glob
import os
import signal

from jupyter_client.manager import AsyncKernelManager
from jupyter_core.paths import jupyter_runtime_dir
from jupyter_core.utils import run_sync

#: Run by the kernel at start-up: import the usual modules and take the baseline state.
#: Written without assignments, so the user namespace stays empty.
WARMUP = "__import__('strategy.batch.kernel_state', fromlist=['capture']).capture()"


#: The name under which :mod:`.engine` registers its papermill engine (here, so a worker names
#: it without importing papermill before its kernel boots).
ENGINE_NAME = "strategy-warm"


class KernelResetError(RuntimeError):
    """The warm kernel could not be reset (treated like a dead kernel: restart and retry)."""


def _ipc_path() -> str:
    """Return a per-process socket path prefix in the Jupyter runtime folder."""
    folder = jupyter_runtime_dir()
    os.makedirs(folder, exist_ok=True)
    return os.path.join(folder, f"strategy-kernel-{os.getpid()}")


class WarmKernel:
    """A started kernel, by its manager."""

    def __init__(self, kernel_name: str):
        self.kernel_name = kernel_name
        # IPC sockets: no TCP port to pick, so kernels started at once cannot race for a port.
        self.km = AsyncKernelManager(kernel_name=kernel_name, transport="ipc", ip=_ipc_path())
        # IPython options (documented configuration): no history database and no output cache
        # (``Out``, ``_1``...): a batch kernel never recalls input or earlier results. The
        # SQLite writes, the results kept alive until the next reset and the full garbage
        # collection IPython runs when it empties that cache at every reset are pure cost.
        run_sync(self.km.start_kernel)(extra_arguments=[
            "--HistoryManager.enabled=False", "--InteractiveShell.cache_size=0",
            f"--IPKernelApp.exec_lines={WARMUP}"])
        self.notebooks = 0

    @property
    def alive(self) -> bool:
        try:
            return bool(run_sync(self.km.is_alive)())
        except Exception:  # noqa: BLE001 - a kernel that cannot even be asked is not alive
            return False

    @property
    def pid(self) -> int | None:
        proc = getattr(getattr(self.km, "provisioner", None), "process", None)
        return getattr(proc, "pid", None)

    def shutdown(self) -> None:
        try:
            run_sync(self.km.shutdown_kernel)(now=True)
        except Exception:  # noqa: BLE001, S110 - already dead or gone: nothing left to stop
            pass


_kernel: WarmKernel | None = None


def prestart(kernel_name: str) -> None:
    """Launch the worker's kernel without waiting, so it boots while the worker imports."""
    global _kernel
    if _kernel is None:
        _kernel = WarmKernel(kernel_name)


def current_kernel() -> WarmKernel | None:
    return _kernel


def running_kernel(kernel_name: str) -> WarmKernel:
    """Return the process's kernel, started anew if it died or is of another kernel name."""
    global _kernel
    if _kernel is not None and (_kernel.kernel_name != kernel_name or not _kernel.alive):
        discard_kernel()
    if _kernel is None:
        _kernel = WarmKernel(kernel_name)
    return _kernel


def kill_kernel() -> None:
    """Kill the warm kernel's process group now and remove its sockets (no clean shutdown:
    for a worker that must exit at once, e.g. from a signal handler)."""
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
