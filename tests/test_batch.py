"""End-to-end tests of ``strategy build`` with small fixture notebooks, a real kernel, papermill
and nbconvert, writing into tmp_path."""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from strategy import store as S
from strategy.batch.build import BuildOptions, run_build
from strategy.cli import build_cmd
from strategy.errors import BuildError

FIXTURES = Path(__file__).parent / "fixtures" / "batch"
GMINAS = ["3007012", "3007022", "3007032"]
#: Output folders: code and name of the unit (names from the unit register).
DIRS = {"3007": "3007_powiat_kaliski", "3007012": "3007012_blizanow",
        "3007022": "3007022_brzeziny", "3007032": "3007032_cekow_kolonia"}


def out(proj: Path, code: str, name: str) -> Path:
    """Return the path of an output file: its folder and its name carry the unit's code and name."""
    return proj / "reports/3007/2024" / DIRS[code] / f"{DIRS[code]}_{name}"
pytestmark = pytest.mark.slow


def write_store(path: Path, changes: dict | None = None) -> None:
    """Three gminas of powiat 3007, three indicators, two years; ``changes`` overrides values.

    Besides them, rows of the voivodeship (30), of a gmina of another powiat (3008011) and of
    the country (PL), which ``changes`` can override too.
    """
    rows = []
    for code in GMINAS + ["30", "3008011", "PL"]:
        for year in (2023, 2024):
            for i, ind in enumerate(["ludnosc", "bezrobotni", "beneficjenci"]):
                n = int(code[4:6]) if code.isdigit() and len(code) == 7 else 0
                value = (changes or {}).get((code, year, ind), 100.0 * (i + 1) + n)
                rows.append((code, year, ind, value, "osoba", "test", ""))
    S.write(S.Store(pd.DataFrame(rows, columns=S.COLUMNS), demo=True), path)


def setup_project(tmp_path: Path, pause: float = 0.0) -> Path:
    """Copy the fixture notebooks and job table into tmp_path (optionally with a pause)."""
    proj = tmp_path / "proj"
    shutil.copytree(FIXTURES, proj, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    if pause:
        table = (proj / "jobs.toml").read_text(encoding="utf-8")
        table = table.replace('store = "{store}"\n', f'store = "{{store}}"\npause = {pause}\n', 1)
        (proj / "jobs.toml").write_text(table, encoding="utf-8")
    write_store(proj / "store.parquet")
    return proj


def options(proj: Path, **kw) -> BuildOptions:
    return BuildOptions(store=proj / "store.parquet", table=proj / "jobs.toml",
                        reports=proj / "reports", jobs=2, quiet=True, **kw)


def record(proj: Path) -> dict:
    return json.loads((proj / "reports" / "build.json").read_text(encoding="utf-8"))


def test_broken_unit_fails_alone_and_is_reported(tmp_path):
    proj = setup_project(tmp_path)
    write_store(proj / "store.parquet", {("3007022", 2024, "bezrobotni"): -5.0})
    report = run_build(options(proj))
    assert report.exit_status == 1
    assert [r["id"] for r in report.failed] == ["diagnoza:3007022:2024"]
    jobs = record(proj)["jobs"]
    bad = jobs["diagnoza:3007022:2024"]
    assert bad["status"] == "error"
    # Cell 0 is the markdown title, 1 the parameters, 2 the injected parameters, 3 the imports.
    assert bad["error"]["cell"] == 4
    assert bad["error"]["source"] == "frame = pd.read_parquet(store)"
    assert "ujemna wartość w danych gminy 3007022" in bad["error"]["message"]
    assert out(proj, '3007022', "diagnoza.failed.ipynb").is_file()
    assert not out(proj, '3007022', "diagnoza.txt").exists()
    # The others were built, with the figures of their own gmina.
    for code in ("3007012", "3007032"):
        assert jobs[f"diagnoza:{code}:2024"]["status"] == "ok"
        text = out(proj, code, "diagnoza.txt").read_text(encoding="utf-8")
        n = int(code[4:6])
        # All rows of the gmina: 3 indicators x 2 years.
        assert text == f"{code};2024;6;{2 * ((100 + n) + (200 + n) + (300 + n)):.3f}\n"
    assert jobs["strategia:3007:2024"]["status"] == "ok"
    html = out(proj, '3007012', "diagnoza.html").read_text(encoding="utf-8")
    assert "3007012 2024 6" in html                       # the printed output is there
    assert "pd.read_parquet" not in html                  # the code is not
    index = (proj / "reports/index.html").read_text(encoding="utf-8")
    assert "błąd" in index and f"3007/2024/{DIRS['3007012']}/{DIRS['3007012']}_diagnoza.txt" in index
    assert "DANE DEMONSTRACYJNE" in index
    # The CLI reports the failure with exit status 1 (only the failed job runs again).
    code = build_cmd.main(["--store", str(proj / "store.parquet"), "--table",
                           str(proj / "jobs.toml"), "--reports", str(proj / "reports"),
                           "--jobs", "1"])
    assert code == 1
    assert record(proj)["ran"] == ["diagnoza:3007022:2024"]


def test_incremental_build_equals_a_full_one(tmp_path):
    proj = setup_project(tmp_path)
    first = run_build(options(proj))
    assert first.exit_status == 0 and len(first.ran) == 4
    executed = nbformat.read(out(proj, '3007032', "diagnoza.ipynb"),
                             as_version=4)
    assert "3007032" in executed.cells[2].source  # the injected parameters
    mtime = out(proj, '3007012', "diagnoza.txt").stat().st_mtime_ns

    second = run_build(options(proj))
    assert second.ran == [] and len(second.skipped) == 4
    assert out(proj, '3007012', "diagnoza.txt").stat().st_mtime_ns == mtime

    # A gmina of another powiat: nothing of powiat 3007 reads it.
    write_store(proj / "store.parquet", {("3008011", 2023, "ludnosc"): 999.0})
    assert run_build(options(proj)).ran == []
    # One gmina's figure: every document of the powiat reads the powiat's rows (a gmina's
    # diagnosis quotes the powiat total and its rank), so all of them are built again.
    everything = sorted(["strategia:3007:2024"] + [f"diagnoza:{g}:2024" for g in GMINAS])
    write_store(proj / "store.parquet", {("3008011", 2023, "ludnosc"): 999.0,
                                         ("3007032", 2023, "ludnosc"): 999.0})
    assert sorted(r["id"] for r in run_build(options(proj)).ran) == everything
    # The voivodeship's and the country's rows are compared with too.
    write_store(proj / "store.parquet", {("3008011", 2023, "ludnosc"): 999.0,
                                         ("3007032", 2023, "ludnosc"): 999.0,
                                         ("PL", 2024, "bezrobotni"): 1.0})
    assert sorted(r["id"] for r in run_build(options(proj)).ran) == everything

    (proj / "plan_3007.txt").write_text("Plan zmieniony\n", encoding="utf-8")
    fourth = run_build(options(proj))
    assert [r["id"] for r in fourth.ran] == ["strategia:3007:2024"]

    fifth = run_build(options(proj, force=True, only=["diagnoza"], gmina=["3007012"]))
    assert [r["id"] for r in fifth.ran] == ["diagnoza:3007012:2024"]


def test_a_job_reading_only_its_own_rows_says_so_in_the_table(tmp_path):
    proj = setup_project(tmp_path)
    table = (proj / "jobs.toml").read_text(encoding="utf-8")
    (proj / "jobs.toml").write_text(table.replace('timeout = 60\n', 'timeout = 60\ndata = ["{teryt}"]\n', 1),
                                    encoding="utf-8")
    assert len(run_build(options(proj)).ran) == 4
    write_store(proj / "store.parquet", {("3007032", 2023, "ludnosc"): 999.0})
    assert sorted(r["id"] for r in run_build(options(proj)).ran) == [
        "diagnoza:3007032:2024", "strategia:3007:2024"]


def test_unknown_parameter_is_refused_before_anything_runs(tmp_path, capsys):
    proj = setup_project(tmp_path)
    table = (proj / "jobs.toml").read_text(encoding="utf-8")
    (proj / "jobs.toml").write_text(table.replace('teryt = "{teryt}"', 'tery = "{teryt}"'),
                                    encoding="utf-8")
    with pytest.raises(BuildError) as err:
        run_build(options(proj))
    msg = str(err.value)
    assert "diagnoza_test.ipynb" in msg and "'tery'" in msg
    assert "teryt (str)" in msg and "rok (int)" in msg and "pause (float)" in msg
    assert not (proj / "reports/3007").exists()  # nothing ran
    code = build_cmd.main(["--store", str(proj / "store.parquet"), "--table",
                           str(proj / "jobs.toml"), "--reports", str(proj / "reports")])
    assert code == 2
    assert "nie ma parametru 'tery'" in capsys.readouterr().err


def test_mistyped_parameter_value_is_refused(tmp_path):
    proj = setup_project(tmp_path)
    table = (proj / "jobs.toml").read_text(encoding="utf-8")
    (proj / "jobs.toml").write_text(table.replace('rok = "{rok}"', 'rok = "{rok}r"', 1),
                                    encoding="utf-8")
    with pytest.raises(BuildError, match=r"parametr 'rok' ma typ int, a podano '2024r'"):
        run_build(options(proj))


def test_interrupted_build_is_completed_by_the_next(tmp_path):
    proj = setup_project(tmp_path, pause=0.6)
    cmd = [sys.executable, "-m", "strategy.cli.build_cmd", "--store", "store.parquet",
           "--table", "jobs.toml", "--reports", "reports", "--jobs", "1"]
    proc = subprocess.Popen(cmd, cwd=proj, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    journal = proj / "reports" / ".build-journal.jsonl"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if journal.exists() and journal.read_text(encoding="utf-8").count('"status"') >= 2:
            break
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert not (proj / "reports/build.json").exists()
    finished = {json.loads(line)["id"] for line in journal.read_text().splitlines() if line}
    assert 2 <= len(finished) < 4
    # Whatever exists under its final name is complete.
    for path in (proj / "reports/3007").rglob("*"):
        if path.suffix == ".ipynb" and not any(p.name.startswith(".tmp-") for p in path.parents):
            nbformat.read(path, as_version=4)
        if path.name == "diagnoza.txt":
            assert path.read_text(encoding="utf-8").endswith("\n")

    report = run_build(options(proj))
    assert report.exit_status == 0
    assert sorted(r["id"] for r in report.ran) == sorted(
        ({"strategia:3007:2024"} | {f"diagnoza:{g}:2024" for g in GMINAS}) - finished)
    assert not list((proj / "reports").rglob(".tmp-*"))
    assert not journal.exists()
    assert set(record(proj)["jobs"]) == {"strategia:3007:2024"} | {
        f"diagnoza:{g}:2024" for g in GMINAS}
    for g in GMINAS:
        assert out(proj, g, "diagnoza.txt").is_file()


def test_ctrl_c_ends_with_one_polish_line_and_status_130(tmp_path):
    proj = setup_project(tmp_path, pause=5.0)
    cmd = [sys.executable, "-m", "strategy.cli.build_cmd", "--store", "store.parquet",
           "--table", "jobs.toml", "--reports", "reports", "--jobs", "2"]
    def as_in_a_terminal():  # a command started from a terminal has Ctrl-C at its default
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # (tests run in the background inherit
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # it ignored)

    proc = subprocess.Popen(cmd, cwd=proj, start_new_session=True, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            preexec_fn=as_in_a_terminal)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not list((proj / "reports").rglob(".tmp-*")):
        time.sleep(0.05)
    time.sleep(1.0)  # the notebooks are running (each pauses 5 s)
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal does: the whole group
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 130
    # the strategy notebook does not pause: it may have finished before Ctrl-C, and its
    # progress line is then printed first; nothing else but the one Polish line
    lines = err.strip().splitlines()
    assert lines[-1] == "Przerwano."
    assert all(re.match(r"\[\d/4\] gotowy: 3007 strategia ", line) for line in lines[:-1])
    assert len(lines) <= 2
    assert "Traceback" not in out + err
    # build.json and index.html were written: the diagnoses cut short are not "gotowy"; the
    # strategy is ready if its progress line was printed, else cut short too
    strategy_done = len(lines) == 2
    jobs = record(proj)["jobs"]
    for g in GMINAS:
        assert jobs[f"diagnoza:{g}:2024"]["status"] == "interrupted"
    assert jobs["strategia:3007:2024"]["status"] == ("ok" if strategy_done else "interrupted")
    index = (proj / "reports" / "index.html").read_text(encoding="utf-8")
    assert index.count("<td>przerwano</td>") == 3 + (not strategy_done)


def test_leftovers_of_a_killed_build_are_removed_and_files_get_the_usual_mode(tmp_path):
    proj = setup_project(tmp_path)
    old = os.umask(0o022)
    try:
        assert run_build(options(proj)).exit_status == 0
        reports = proj / "reports"
        for name in ("build.json", "index.html", ".hashcache.json"):
            assert (reports / name).stat().st_mode & 0o777 == 0o644, name
        # What SIGKILL leaves: an empty temporary folder of a job, a temporary build.json.
        leftover = reports / "3007/2024" / DIRS["3007022"] / ".tmp-diagnoza-abc123"
        leftover.mkdir()
        (reports / ".build.json.xyz.tmp").write_text("{", encoding="utf-8")
        again = run_build(options(proj))
        assert again.ran == [] and len(again.skipped) == 4  # nothing to build, still cleaned
        assert not leftover.exists() and not (reports / ".build.json.xyz.tmp").exists()
    finally:
        os.umask(old)


def test_a_store_changed_in_place_with_the_same_size_and_mtime_is_noticed(tmp_path):
    proj = setup_project(tmp_path)
    assert run_build(options(proj)).exit_status == 0
    path = proj / "store.parquet"
    before = path.stat()
    other = tmp_path / "other.parquet"
    # 101.0 before; 102.0 is a value the file already holds (3007022's), so the parquet
    # dictionary and the file keep their size
    write_store(other, {("3007012", 2024, "ludnosc"): 102.0})
    data = other.read_bytes()
    assert len(data) == before.st_size  # the same size ...
    with open(path, "r+b") as f:  # ... written into the same file (same inode) ...
        f.write(data)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # ... with the old mtime
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (
        before.st_size, before.st_mtime_ns, before.st_ino)
    rebuilt = run_build(options(proj))
    assert sorted(r["id"] for r in rebuilt.ran) == sorted(
        ["strategia:3007:2024"] + [f"diagnoza:{g}:2024" for g in GMINAS])
    text = out(proj, '3007012', "diagnoza.txt").read_text(encoding="utf-8")
    # 3007012's rows: ludnosc 102 (changed) and 101, bezrobotni 201 x 2, beneficjenci 301 x 2
    assert text == f"3007012;2024;6;{102 + 101 + 2 * 201 + 2 * 301:.3f}\n"
