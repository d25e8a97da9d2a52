"""The warm-kernel papermill engine: one kernel serves several notebooks, and each notebook
finds it as a new kernel would be - no variables, settings, environment or working directory
left by the one before; a dead kernel is replaced."""
import os
import time

import nbformat
import papermill as pm
import pytest
from papermill.exceptions import PapermillExecutionError

from strategy.batch import kernel
from strategy.batch.engine import ENGINE_NAME


def _notebook(path, *sources):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(s) for s in sources]
    nbformat.write(nb, path)
    return str(path)


def _run(nb, out, cwd):
    return pm.execute_notebook(nb, str(out), engine_name=ENGINE_NAME, kernel_name="python3",
                               progress_bar=False, cwd=str(cwd), execution_timeout=120,
                               start_timeout=120)


def _stdout(nb) -> str:
    return "".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", [])
                   if o.get("output_type") == "stream")


@pytest.fixture
def warm(tmp_path):
    kernel.discard_kernel()
    yield tmp_path
    kernel.discard_kernel()


def test_second_notebook_finds_nothing_of_the_first_in_the_same_kernel(warm):
    first_dir, second_dir = warm / "a", warm / "b"
    first_dir.mkdir()
    second_dir.mkdir()
    leave = _notebook(warm / "leave.ipynb",
                      "import os, sys, warnings\nimport matplotlib, pandas as pd\n"
                      "x = 41\n"
                      "matplotlib.rcParams['lines.linewidth'] = 7.5\n"
                      "pd.set_option('display.max_rows', 3)\n"
                      "os.environ['STRATEGY_TEST_LEFT'] = '1'\n"
                      "sys.path.append('/nonexistent/strategy-test')\n"
                      "warnings.simplefilter('error')\n"
                      "os.chdir('/')",
                      "print('pid', os.getpid(), os.getcwd())")
    check = _notebook(warm / "check.ipynb",
                      "import os, sys, warnings\nimport matplotlib, pandas as pd\n"
                      "print('x' in globals(), matplotlib.rcParams['lines.linewidth'],\n"
                      "      pd.get_option('display.max_rows'),\n"
                      "      'STRATEGY_TEST_LEFT' in os.environ,\n"
                      "      '/nonexistent/strategy-test' in sys.path,\n"
                      "      ('error', None, Warning, None, 0) in warnings.filters)",
                      "print('pid', os.getpid(), os.getcwd())")
    out1 = _stdout(_run(leave, warm / "out1.ipynb", first_dir))
    started = kernel.current_kernel()
    out2 = _stdout(_run(check, warm / "out2.ipynb", second_dir))
    assert kernel.current_kernel() is started and started.notebooks == 2
    # the first notebook ran in its cwd before moving to "/"; the second starts in its own cwd
    pid1 = out1.split("pid ")[1].split()[0]
    line2 = out2.splitlines()
    # matplotlib's default line width is 1.5 and pandas' default max_rows 60
    assert line2[0] == "False 1.5 60 False False False"
    assert line2[1] == f"pid {pid1} {second_dir}"  # the same kernel process, in the new cwd


def test_a_failing_notebook_leaves_the_kernel_usable(warm):
    bad = _notebook(warm / "bad.ipynb", "y = 1", "raise ValueError('zła wartość')")
    good = _notebook(warm / "good.ipynb", "print('y' in globals())")
    with pytest.raises(PapermillExecutionError) as err:
        _run(bad, warm / "bad_out.ipynb", warm)
    assert "zła wartość" in str(err.value)
    assert _stdout(_run(good, warm / "good_out.ipynb", warm)) == "False\n"


def test_a_dead_kernel_is_replaced_by_a_new_one(warm):
    nb = _notebook(warm / "pid.ipynb", "import os; print(os.getpid())")
    first = _stdout(_run(nb, warm / "o1.ipynb", warm)).strip()
    os.kill(int(first), 9)
    deadline = time.monotonic() + 10
    while kernel.current_kernel().alive and time.monotonic() < deadline:
        time.sleep(0.05)
    second = _stdout(_run(nb, warm / "o2.ipynb", warm)).strip()
    assert second.isdigit() and second != first
