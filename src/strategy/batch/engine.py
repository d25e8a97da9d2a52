"""A papermill engine that executes notebooks in the worker's warm kernel, reset in between.

In: papermill's ``execute_notebook(..., engine_name=ENGINE_NAME)``.
Out: the executed notebook, as with papermill's default nbclient engine; the difference is that
the kernel is started (and the usual libraries imported) once per worker process, not once per
notebook (:mod:`strategy.batch.kernel`).

How, with public APIs only: for each notebook the engine makes papermill's
``PapermillNotebookClient`` with the kernel's manager as nbclient's documented ``km`` argument.
nbclient's ``setup_kernel`` starts no kernel when ``km.has_kernel`` is true and makes its own
kernel client from the manager (``km.client()``, channels started, ``wait_for_ready``); as the
client does not own the manager, leaving ``setup_kernel`` keeps the kernel running, and the
engine stops that client's channels when the notebook is done. Inside ``setup_kernel`` the
engine first runs the reset code through that client (:func:`_reset`, not a cell of the
notebook): :func:`strategy.batch.kernel_state.reset` clears the user namespace
(``InteractiveShell.reset``, the same as ``%reset -f``), closes figures, restores matplotlib
rcParams, pandas options, environment, sys.path and warning filters and sets the working
directory. Then papermill executes the notebook's cells with the same client.

A kernel that died, timed out or could not be reset is discarded; the next notebook gets a new
one. The engine is registered in papermill's engine registry
(``papermill.engines.papermill_engines.register``, where papermill registers its own engines).
"""
from __future__ import annotations

import logging
import os

from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import NBClientEngine, papermill_engines

from .kernel import ENGINE_NAME, KernelResetError, discard_kernel, running_kernel

log = logging.getLogger("papermill")

#: The code run before each notebook (written without assignments: nothing is left in the user
#: namespace).
RESET = "__import__('strategy.batch.kernel_state', fromlist=['reset']).reset({cwd!r})"


def _reset(client: PapermillNotebookClient, cwd: str) -> None:
    """Run the reset code in the kernel through the client nbclient made; raise
    :class:`KernelResetError` if it fails.

    Not a cell of the notebook: nbclient's ``execute_cell`` stores the executed cell into the
    notebook at its index, so the code goes through the client's ``kc.execute`` and nbclient's
    ``wait_for_reply``. Its output messages carry another parent id, which nbclient skips
    when it collects the notebook's outputs.
    """
    msg_id = client.kc.execute(RESET.format(cwd=cwd), silent=True, store_history=False,
                               allow_stdin=False)
    reply = client.wait_for_reply(msg_id)
    content = (reply or {}).get("content", {})
    if content.get("status") != "ok":
        raise KernelResetError(f"{content.get('ename')}: {content.get('evalue')}")


class WarmKernelEngine(NBClientEngine):
    """NBClientEngine that executes in the process's warm kernel instead of a new one."""

    @classmethod
    def execute_managed_notebook(cls, nb_man, kernel_name, log_output=False, stdout_file=None,
                                 stderr_file=None, start_timeout=60, execution_timeout=None,
                                 **kwargs):
        kwargs.pop("input_path", None)
        kernel = running_kernel(kernel_name)
        client = PapermillNotebookClient(
            nb_man, km=kernel.km, kernel_name=kernel_name, timeout=execution_timeout,
            startup_timeout=start_timeout, log=log, log_output=log_output,
            stdout_file=stdout_file, stderr_file=stderr_file, **kwargs,
        )
        try:
            with client.setup_kernel():
                _reset(client, os.getcwd())
                nb = client.execute()   # its own setup_kernel finds the kernel and the client
        except BaseException:
            # A timeout leaves the kernel busy, a dead kernel is useless: start anew next time.
            discard_kernel()
            raise
        finally:
            if client.kc is not None:
                client.kc.stop_channels()
        kernel.notebooks += 1
        return nb


papermill_engines.register(ENGINE_NAME, WarmKernelEngine)
