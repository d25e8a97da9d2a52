"""A build that ends early (Ctrl-C, a full disk) still writes build.json and index.html with the
truth about every job: the documents it did not redo are "przerwano", never "gotowy"; a write
error is one Polish line. The jobs run in a fake executor (no kernel): what is tested is the
record the build keeps, not the notebooks."""
from __future__ import annotations

import errno
import json
from pathlib import Path

import pytest
from test_batch import options, setup_project

from strategy.batch import record
from strategy.batch.build import run_build
from strategy.errors import BuildError


class FakeExecutor:
    """Runs a job by writing its outputs; ``stop_after`` results, then raises ``stop``."""

    stop_after: int | None = None
    stop: BaseException | None = None

    def __init__(self, workers: int):
        self.jobs = []

    def submit(self, job) -> None:
        self.jobs.append(job)

    def results(self):
        for n, job in enumerate(self.jobs):
            if self.stop_after is not None and n >= self.stop_after:
                raise self.stop
            Path(job.out_dir).mkdir(parents=True, exist_ok=True)
            names = job.output_files
            for name in names:
                (Path(job.out_dir) / name).write_text("x", encoding="utf-8")
            yield {"id": job.id, "status": "ok", "duration_s": 1.0, "attempts": 1,
                   "outputs": names, "error": None}

    def close(self, cancel: bool = False) -> None:
        pass


def _factory(stop_after=None, stop=None):
    return type("Fake", (FakeExecutor,), {"stop_after": stop_after, "stop": stop})


def _jobs(proj: Path) -> dict:
    return json.loads((proj / "reports" / record.RECORD).read_text(encoding="utf-8"))["jobs"]


def test_ctrl_c_leaves_a_truthful_record_and_index(tmp_path):
    proj = setup_project(tmp_path)
    first = run_build(options(proj), executor_factory=_factory())
    assert first.exit_status == 0 and len(first.ran) == 4
    with pytest.raises(KeyboardInterrupt):
        run_build(options(proj, force=True),
                  executor_factory=_factory(stop_after=1, stop=KeyboardInterrupt()))
    data = json.loads((proj / "reports" / record.RECORD).read_text(encoding="utf-8"))
    statuses = sorted(r["status"] for r in data["jobs"].values())
    assert statuses == ["interrupted", "interrupted", "interrupted", "ok"]
    assert len(data["ran"]) == 1 and data["interrupted"].startswith("budowę przerwano (Ctrl-C)")
    cut = next(r for r in data["jobs"].values() if r["status"] == "interrupted")
    assert "zanim ten dokument zbudowano ponownie" in cut["error"]["message"]
    index = (proj / "reports" / record.INDEX).read_text(encoding="utf-8")
    assert index.count("<td>przerwano</td>") == 3 and index.count("<td>gotowy</td>") == 1
    assert "Budowę przerwano: nie zbudowano ponownie 3 dokumentów" in index
    assert "nieaktualne, z wcześniejszej budowy" in index   # their old files, marked outdated
    assert not (proj / "reports" / record.JOURNAL).exists()
    # the next build redoes exactly the three documents that were not redone
    again = run_build(options(proj), executor_factory=_factory())
    assert len(again.ran) == 3 and len(again.skipped) == 1
    assert sorted(r["status"] for r in _jobs(proj).values()) == ["ok"] * 4


def test_full_disk_is_one_polish_line_and_the_record_is_written(tmp_path, capsys):
    proj = setup_project(tmp_path)
    full = OSError(errno.ENOSPC, "No space left on device", str(proj / "reports" / "x.log"))
    with pytest.raises(BuildError) as err:
        opts = options(proj)
        opts.quiet = False
        run_build(opts, executor_factory=_factory(stop_after=2, stop=full))
    msg = str(err.value)
    assert msg.startswith("nie można zapisać wyników budowy w folderze ")
    assert "brak miejsca na dysku" in msg and "x.log" in msg
    jobs = _jobs(proj)
    assert sorted(r["status"] for r in jobs.values()) == ["interrupted", "interrupted", "ok", "ok"]
    assert "budowa zakończyła się błędem" in capsys.readouterr().err
    index = (proj / "reports" / record.INDEX).read_text(encoding="utf-8")
    assert index.count("<td>przerwano</td>") == 2


def test_a_second_build_in_the_same_folder_names_the_first(tmp_path):
    from strategy.locking import hold
    proj = setup_project(tmp_path)
    reports = (proj / "reports").resolve()
    reports.mkdir()
    with hold(reports, "strategy build", wait=0, lock_file=reports / ".build.lock"), \
            pytest.raises(BuildError) as err:
        run_build(options(proj), executor_factory=_factory())
    assert "trwa już inna budowa" in str(err.value) and "„strategy build”" in str(err.value)


def test_a_job_that_fills_the_disk_is_said_in_polish():
    from strategy.batch.build import _polish_os_error
    err = {"kind": "notebook", "cell": 3, "source": "doc.save()",
           "message": "OSError: [Errno 28] No space left on device"}
    out = _polish_os_error(err, "/r/3007/2024/3007012_blizanow")
    assert out["message"] == ("nie można zapisać wyników dokumentu /r/3007/2024/3007012_blizanow: "
                              "brak miejsca na dysku; zwolnij miejsce na dysku (albo wskaż inny "
                              "folder) i uruchom polecenie ponownie")
    assert out["cell"] == 3
    missing = {"kind": "notebook", "message": "FileNotFoundError: [Errno 2] No such file or "
                                              "directory: 'plan.toml'"}
    assert _polish_os_error(missing, "/r") == missing     # a missing input is not a write error


def test_a_renamed_unit_leaves_its_old_folder_listed_not_linked_as_current(tmp_path, capsys):
    proj = setup_project(tmp_path)
    assert run_build(options(proj), executor_factory=_factory()).exit_status == 0
    base = proj / "reports" / "3007" / "2024"
    old = base / "3007012_blizanow_stara_nazwa"        # what the unit's folder was called before
    old.mkdir()
    (old / "3007012_blizanow_stara_nazwa_diagnoza.txt").write_text("x", encoding="utf-8")
    opts = options(proj)
    opts.quiet = False
    report = run_build(opts, executor_factory=_factory())
    assert report.stale == [{"teryt": "3007012",
                             "folder": "3007/2024/3007012_blizanow_stara_nazwa",
                             "current": "3007/2024/3007012_blizanow"}]
    out = capsys.readouterr().out
    assert ("UWAGA: folder 3007/2024/3007012_blizanow_stara_nazwa zawiera dokumenty jednostki "
            "3007012 pod dawną nazwą") in out
    index = (proj / "reports" / record.INDEX).read_text(encoding="utf-8")
    assert "Foldery jednostek pod dawną nazwą" in index
    assert 'href="3007/2024/3007012_blizanow_stara_nazwa/"' in index
    assert old.is_dir()                                   # listed, never removed
