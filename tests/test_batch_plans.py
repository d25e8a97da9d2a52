"""``strategy build`` and plan files: a document without a plan, or with a plan that cannot be
read, is reported per unit with the reason, recorded as not built and fails the build; a gmina
without its own plan uses another gmina's plan as a model and the summary says so. Real papermill
runs of a small fixture notebook that copies the plan's first line."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from strategy.batch.build import run_build
from strategy.cli import build_cmd

from test_batch import GMINAS, options, setup_project
from test_batch import out as output_file

pytestmark = pytest.mark.slow
PROGRAM = 'dokument: program_wspierania_rodziny\njednostka: "{unit}"\ncele_strategiczne: []\n'
STRATEGY = 'dokument: strategia_powiatu\njednostka: "3007"\ncele_strategiczne: []\n'


def project(tmp_path: Path, plans: dict[str, str]) -> Path:
    proj = setup_project(tmp_path)
    (proj / "plany").mkdir()
    for name, text in plans.items():
        (proj / "plany" / name).write_text(text, encoding="utf-8")
    return proj


def opts(proj: Path, **kw):
    o = options(proj, **kw)
    o.table = proj / "jobs_plans.toml"
    return o


def record(proj: Path) -> dict:
    return json.loads((proj / "reports/build.json").read_text(encoding="utf-8"))


def cli(proj: Path) -> int:
    return build_cmd.main(["--store", str(proj / "store.parquet"), "--table",
                           str(proj / "jobs_plans.toml"), "--reports", str(proj / "reports"),
                           "--jobs", "2"])


def test_no_plan_at_all_is_reported_per_unit_and_fails(tmp_path, capsys):
    proj = project(tmp_path, {})
    assert cli(proj) == 1
    out = capsys.readouterr().out
    assert "Dokumentów: 4; zbudowano: 0; błędy: 0; nie zbudowano (brak planu): 4" in out
    for code in GMINAS:
        line = next(x for x in out.splitlines() if x.startswith(f"NIE ZBUDOWANO: {code} "))
        assert "dokument program: brak planu gminnego programu wspierania rodziny" in line
        assert f'jednostka: "{code}"' in line and "ani planu innej gminy powiatu" in line
    assert "NIE ZBUDOWANO: 3007 powiat kaliski, dokument strategia: brak planu strategii " \
           "powiatu" in out
    jobs = record(proj)["jobs"]
    assert {r["status"] for r in jobs.values()} == {"missing"} and len(jobs) == 4
    index = (proj / "reports/index.html").read_text(encoding="utf-8")
    assert index.count("<td>nie zbudowano</td>") == 4 and "<td>gotowy</td>" not in index


def test_a_model_plan_serves_gminas_without_their_own_and_the_summary_says_so(tmp_path, capsys):
    proj = project(tmp_path, {"a.yaml": PROGRAM.format(unit="3007012"), "s.yaml": STRATEGY})
    assert cli(proj) == 0
    out = capsys.readouterr().out
    for code in GMINAS:
        text = output_file(proj, code, "program.txt").read_text(encoding="utf-8")
        assert text == f"{code};a.yaml;dokument: program_wspierania_rodziny\n"
    [model] = [x for x in out.splitlines() if x.startswith("WZÓR: ")]
    assert "2 jednostek bez własnego planu - na wzór planu jednostki 3007012 Blizanów " \
           "(plik a.yaml): 3007022 Brzeziny, 3007032 Ceków-Kolonia" in model


def test_an_unreadable_plan_fails_every_document_using_it_and_old_files_are_outdated(tmp_path):
    proj = project(tmp_path, {"a.yaml": PROGRAM.format(unit="3007012"), "s.yaml": STRATEGY})
    assert run_build(opts(proj)).exit_status == 0
    # A tab in the model plan (line 2, column 1), a !!python tag in the strategy plan.
    (proj / "plany/a.yaml").write_text(PROGRAM.format(unit="3007012").replace("\njednostka",
                                                                              "\n\tjednostka"))
    (proj / "plany/s.yaml").write_text(STRATEGY + "misja: !!python/object/apply:os.system "
                                       "['echo x']\n", encoding="utf-8")
    report = run_build(opts(proj))
    assert report.exit_status == 1 and report.ran == []
    errors = {r["id"]: r["error"]["message"] for r in report.blocked}
    assert sorted(errors) == sorted([f"program:{g}:2024" for g in GMINAS] + ["strategia:3007:2024"])
    assert errors["program:3007012:2024"].startswith(
        "błąd planu: plik a.yaml, wiersz 2, kolumna 1: znak tabulacji")
    for code in ("3007022", "3007032"):  # the gminas that used it as their model say so
        assert errors[f"program:{code}:2024"].startswith(
            "błąd planu (wzoru: planu jednostki 3007012): plik a.yaml, wiersz 2, kolumna 1")
    assert "plik s.yaml, wiersz 4, kolumna 8: niedozwolony znacznik '!!python/object/apply:" \
           "os.system'" in errors["strategia:3007:2024"]
    jobs = record(proj)["jobs"]
    assert {r["status"] for r in jobs.values()} == {"error"}
    index = (proj / "reports/index.html").read_text(encoding="utf-8")
    assert "<td>gotowy</td>" not in index and index.count("<td>błąd</td>") == 4
    stale = re.findall(r'<span class="stale">nieaktualne, z wcześniejszej budowy: (.*?)</span>',
                       index)
    assert len(stale) == 4 and all("program.txt" in s for s in stale)

    # Fixed: every document is built again, none is taken as up to date.
    (proj / "plany/a.yaml").write_text(PROGRAM.format(unit="3007012"), encoding="utf-8")
    (proj / "plany/s.yaml").write_text(STRATEGY, encoding="utf-8")
    again = run_build(opts(proj))
    assert again.exit_status == 0 and len(again.ran) == 4


def test_aliases_that_expand_without_bound_fail_the_document(tmp_path):
    lines = ["zgodnosc:", "  - &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"  - &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 10)]
    proj = project(tmp_path, {"a.yaml": PROGRAM.format(unit="3007012"),
                              "s.yaml": STRATEGY + "\n".join(lines) + "\n"})
    report = run_build(opts(proj, only=["strategia"]))
    assert report.exit_status == 1
    [rec] = report.blocked
    assert "plik s.yaml: po rozwinięciu odwołań" in rec["error"]["message"]


def test_a_plan_file_of_no_known_document_fails_the_build(tmp_path, capsys):
    proj = project(tmp_path, {"a.yaml": PROGRAM.format(unit="3007012"), "s.yaml": STRATEGY,
                              "x.yaml": "cele: [\n"})
    assert cli(proj) == 1
    out = capsys.readouterr().out
    # the file ends (line 2) where the list opened in line 1 needs its items or its "]"
    assert "BŁĄD PLANU: plik x.yaml, wiersz 2, kolumna 1: " in out and "plik kończy się" in out
    assert "nie wiadomo, którego dokumentu i jednostki dotyczy" in out
    assert record(proj)["plan_problems"][0].startswith("plik x.yaml, wiersz 2")
    assert "Problemy z plikami planu" in (proj / "reports/index.html").read_text(encoding="utf-8")
