"""Locks around shared files: a second writer waits, names the holder, gives up after its time;
a dead holder's lock is taken over; concurrent `strategy ingest` and `strategy uwagi` runs into
one store / one register lose nothing (real processes)."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from strategy.cli import main
from strategy.consultation.register import register_frame
from strategy.locking import LockError, hold, lock_path, read_holder
from strategy.store import load

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "consultation"))
from consultation_builders import returned_docx

HEAD = "teryt,year,indicator,value,unit,source,flag\n"


def _cmd():
    script = Path(sys.executable).with_name("strategy")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from strategy.cli import main; sys.exit(main())"]


def _env(wait="120"):
    return {**os.environ, "STRATEGY_LOCK_WAIT": wait, "PYTHONIOENCODING": "utf-8",
            "COLUMNS": "200"}


_HOLDER = """
import sys, time
from strategy.locking import hold
with hold(sys.argv[1], "strategy ingest", what="magazyn danych"):
    print("held", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def _holder(target: Path, seconds: float) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", _HOLDER, str(target), str(seconds)],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "held"
    return proc


def test_second_writer_waits_names_the_holder_and_gives_up(tmp_path, capsys):
    target = tmp_path / "indicators.parquet"
    proc = _holder(target, 30)
    try:
        info = read_holder(lock_path(target))
        assert info["command"] == "strategy ingest" and info["pid"] == proc.pid
        t0 = time.monotonic()
        with pytest.raises(LockError) as err, \
                hold(target, "strategy ingest", what="magazyn danych", wait=1.0):
            pass
        waited = time.monotonic() - t0
        assert 1.0 <= waited < 5
        line = capsys.readouterr().err.strip()
        assert len(line.splitlines()) == 1
        assert f"proces {proc.pid}" in line and "„strategy ingest”" in line
        assert "najwyżej 1 s" in line
        msg = str(err.value)
        assert f"proces {proc.pid}" in msg and "czekano 1 s" in msg and "niczego nie" in msg
    finally:
        proc.kill()
        proc.wait()


def test_waiter_gets_the_lock_when_the_holder_ends(tmp_path):
    target = tmp_path / "rejestr_uwag.xlsx"
    proc = _holder(target, 1.5)
    t0 = time.monotonic()
    with hold(target, "strategy uwagi", wait=30):
        waited = time.monotonic() - t0
        assert read_holder(lock_path(target))["pid"] == os.getpid()
    proc.wait()
    assert 0.5 < waited < 20
    assert not lock_path(target).exists()  # nothing left beside the shared file


def test_killed_holder_frees_the_lock(tmp_path):
    target = tmp_path / "indicators.parquet"
    proc = _holder(target, 60)
    proc.kill()
    proc.wait()
    t0 = time.monotonic()
    with hold(target, "strategy ingest", wait=0):
        pass
    assert time.monotonic() - t0 < 1


def test_lock_of_a_dead_process_held_by_its_child_is_taken_over(tmp_path):
    """A child that inherited the lock outlives the holder: the file names a dead process."""
    target = tmp_path / "indicators.parquet"
    lock = lock_path(target)
    fd = os.open(lock, os.O_RDWR | os.O_CREAT)
    import fcntl
    fcntl.flock(fd, fcntl.LOCK_EX)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    os.write(fd, json.dumps({"command": "strategy build", "pid": int(dead),
                             "host": socket.gethostname(), "since": "2026-01-01T00:00:00+00:00"}
                            ).encode())
    try:
        with hold(target, "strategy ingest", wait=0):
            assert read_holder(lock)["command"] == "strategy ingest"
    finally:
        os.close(fd)


def test_lock_of_a_live_process_is_not_taken_over(tmp_path):
    target = tmp_path / "x.xlsx"
    lock = lock_path(target)
    fd = os.open(lock, os.O_RDWR | os.O_CREAT)
    import fcntl
    fcntl.flock(fd, fcntl.LOCK_EX)
    os.write(fd, json.dumps({"command": "strategy uwagi", "pid": os.getppid(),
                             "host": socket.gethostname(), "since": "2026-01-01T00:00:00+00:00"}
                            ).encode())
    try:
        with pytest.raises(LockError), hold(target, "strategy uwagi", wait=0.3):
            pass
    finally:
        os.close(fd)


def test_ingest_gives_up_with_exit_1_and_store_unchanged(tmp_path, capsys, monkeypatch):
    store = tmp_path / "indicators.parquet"
    src = tmp_path / "a.csv"
    src.write_text(HEAD + "3007012,2023,ludnosc,5849,osoba,GUS,\n", encoding="utf-8")
    assert main(["ingest", str(src), "--store", str(store)]) == 0
    before = store.read_bytes()
    capsys.readouterr()
    monkeypatch.setenv("STRATEGY_LOCK_WAIT", "0,5".replace(",", "."))
    proc = _holder(store, 30)
    try:
        src.write_text(HEAD + "3007012,2023,ludnosc,1,osoba,GUS,\n", encoding="utf-8")
        rc = main(["ingest", str(src), "--store", str(store)])
    finally:
        proc.kill()
        proc.wait()
    err = capsys.readouterr().err
    assert rc == 1
    assert "BŁĄD: magazyn danych" in err and f"proces {proc.pid}" in err
    assert store.read_bytes() == before


def _run_pairs(tmp_path: Path, pairs: int) -> tuple[int, int]:
    """Run ``pairs`` pairs of concurrent ingests of different files into one store; return
    (lost updates, runs that did not exit 0)."""
    store = tmp_path / "magazyn" / "indicators.parquet"
    base = tmp_path / "base.csv"
    base.write_text(HEAD + "3007012,2022,ludnosc,100,osoba,GUS,\n"
                    "3007022,2022,ludnosc,200,osoba,GUS,\n", encoding="utf-8")
    assert subprocess.run(_cmd() + ["ingest", str(base), "--store", str(store)],
                          capture_output=True, env=_env(), check=False).returncode == 0
    lost = failed = 0
    for i in range(pairs):
        a, b = tmp_path / f"a{i}.csv", tmp_path / f"b{i}.csv"
        a.write_text(HEAD + f"3007012,2023,ludnosc,{1000 + i},osoba,GUS,\n", encoding="utf-8")
        b.write_text(HEAD + f"3007022,2023,ludnosc,{2000 + i},osoba,GUS,\n", encoding="utf-8")
        procs = [subprocess.Popen(_cmd() + ["ingest", str(f), "--store", str(store)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=_env())
                 for f in (a, b)]
        failed += sum(p.wait(timeout=300) != 0 for p in procs)
        values = load(store).frame.set_index(["teryt", "year", "indicator"])["value"]
        lost += values.get(("3007012", 2023, "ludnosc")) != 1000 + i
        lost += values.get(("3007022", 2023, "ludnosc")) != 2000 + i
    return lost, failed


def test_concurrent_ingests_lose_no_update(tmp_path):
    lost, failed = _run_pairs(tmp_path, int(os.environ.get("STRATEGY_STRESS_PAIRS", "10")))
    assert (lost, failed) == (0, 0)
    assert not [p for p in (tmp_path / "magazyn").iterdir() if p.name.startswith(".")]


def test_concurrent_uwagi_lose_no_remark(tmp_path):
    pairs = int(os.environ.get("STRATEGY_STRESS_UWAGI", "4"))
    register = tmp_path / "wspolny" / "rejestr_uwag.xlsx"
    register.parent.mkdir()
    expected = 0
    for i in range(pairs):
        folders = []
        for teryt, gmina in (("3007012", "Blizanów"), ("3007022", "Brzeziny")):
            folder = tmp_path / f"{i}_{teryt}"
            folder.mkdir()
            returned_docx(folder / "zwrot.docx", teryt=teryt, gmina=gmina,
                          extra_comment=f"Uwaga próby {i} z gminy {gmina}")
            folders.append(folder)
        procs = [subprocess.Popen(_cmd() + ["uwagi", str(f), "--rejestr", str(register)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=_env())
                 for f in folders]
        assert [p.wait(timeout=300) for p in procs] == [0, 0]
        frame = register_frame(register)
        texts = " ".join(frame["Uwaga"])
        for gmina in ("Blizanów", "Brzeziny"):
            assert f"Uwaga próby {i} z gminy {gmina}" in texts
        ids = set(frame["Identyfikator"])
        assert len(ids) == len(frame)
        expected = len(frame)
    assert expected > 0


def test_shipping_register_waits_for_another_consultation_and_keeps_both_lines(tmp_path,
                                                                                monkeypatch):
    from strategy.consultation.drafts import (DraftInfo, read_shipping_register,
                                              write_shipping_register)
    from strategy.locking import LockError

    folder = tmp_path / "3007" / "konsultacje"
    first = DraftInfo("3007012", "Blizanów", "1.0", "2026-12-01", "2026-12-22",
                      folder / "1.0" / "3007012_blizanow.docx", "a" * 64)
    second = DraftInfo("3007022", "Brzeziny", "1.0", "2026-12-01", "2026-12-22",
                       folder / "1.0" / "3007022_brzeziny.docx", "b" * 64)
    monkeypatch.setenv("STRATEGY_LOCK_WAIT", "0.3")
    folder.mkdir(parents=True)
    with hold(folder / "rejestr_wysylki.csv", "strategy consult", what="rejestr wysyłki"):
        with pytest.raises(LockError, match="rejestr wysyłki"):
            write_shipping_register([second], folder)
        assert not (folder / "rejestr_wysylki.csv").exists()   # nothing written meanwhile
    write_shipping_register([first], folder)
    write_shipping_register([second], folder)
    assert sorted(read_shipping_register(folder)["teryt"]) == ["3007012", "3007022"]
