"""The bad-input corpus (tests/bad_inputs): every file makes `strategy ingest` fail cleanly.

For each file listed in EXPECTED.csv: exit status 2, the specific Polish problem (rule id,
message fragment, row, column, sheet), no traceback, and the store file left byte for byte.
"""
import csv
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from strategy.cli import main
from strategy.ingest.loading import load_inputs

CORPUS = Path(__file__).parent / "bad_inputs"
OLD_STORE = b"PAR1 stary magazyn danych - nie wolno go zmienic \x00\x01\x02"


def _expected():
    with open(CORPUS / "EXPECTED.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter=";"))


EXPECTED = _expected()
FILES = sorted({e["plik"] for e in EXPECTED})


def _args(entry):
    return entry["argumenty"].split() if entry["argumenty"] else []


def _powiat(entry):
    args = _args(entry)
    return args[args.index("--powiat") + 1] if "--powiat" in args else None


def test_corpus_is_complete():
    on_disk = {p.name for p in CORPUS.iterdir() if p.name not in ("EXPECTED.csv", "README.md")}
    assert on_disk == set(FILES)
    assert len(FILES) >= 25
    rules = {e["regula"] for e in EXPECTED}
    for rule in ("liczba", "ujemna", "udzial", "calkowita", "rok", "rok_zakres", "duplikat",
                 "wskaznik", "teryt", "jednostka", "czesc_gminy", "poza_powiatem", "powiat",
                 "kolumny", "pusty"):
        assert rule in rules, rule


@pytest.mark.parametrize("entry", EXPECTED, ids=lambda e: f"{e['plik']}:{e['wiersz']}")
def test_problem_reported_where_expected(entry):
    _, problems, _ = load_inputs([CORPUS / entry["plik"]], powiat=_powiat(entry))
    matching = [p for p in problems if p.rule == entry["regula"]
                and entry["fragment"] in p.message
                and (p.row == int(entry["wiersz"]) if entry["wiersz"] else True)
                and (p.column == entry["kolumna"] if entry["kolumna"] else True)
                and p.sheet == entry["arkusz"] and p.file == entry["plik"]]
    assert matching, [str(p) for p in problems]


@pytest.mark.parametrize("name", FILES)
def test_cli_exits_2_and_leaves_store_untouched(name, tmp_path, capsys):
    entries = [e for e in EXPECTED if e["plik"] == name]
    store = tmp_path / "x.parquet"
    store.write_bytes(OLD_STORE)
    rc = main(["ingest", str(CORPUS / name), "--store", str(store), *_args(entries[0])])
    out, err = capsys.readouterr()
    assert rc == 2
    assert "Traceback" not in out + err
    assert store.read_bytes() == OLD_STORE
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.parquet"]   # no temp file left
    assert name[:15] in out              # the table names the file (possibly wrapped)
    for e in entries:
        assert f"[{e['regula']}]" in out  # counts per rule at the end of the table
    assert "niczego nie zapisano" in err


def _strategy_command():
    script = Path(sys.executable).with_name("strategy")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from strategy.cli import main; sys.exit(main())"]


@pytest.mark.parametrize("name", ["bdl_ludnosc_wartosc_12a.csv", "smieci.csv"])
def test_cli_in_a_subprocess(name, tmp_path):
    store = tmp_path / "x.parquet"
    store.write_bytes(OLD_STORE)
    proc = subprocess.run(_strategy_command() + ["ingest", str(CORPUS / name), "--store",
                                                 str(store)],
                          capture_output=True, text=True, encoding="utf-8", timeout=120,
                          env={"COLUMNS": "200", "PATH": "/usr/bin:/bin",
                               "PYTHONIOENCODING": "utf-8"})
    assert proc.returncode == 2
    assert "Traceback" not in proc.stdout + proc.stderr
    assert store.read_bytes() == OLD_STORE
    entry = next(e for e in EXPECTED if e["plik"] == name)
    assert f"[{entry['regula']}]" in proc.stdout


def test_whole_corpus_in_one_pass(tmp_path):
    for name in FILES:
        shutil.copy(CORPUS / name, tmp_path / name)
    _, problems, _ = load_inputs([tmp_path])
    found = {(p.rule, p.file) for p in problems}
    for e in EXPECTED:
        if e["regula"] in ("poza_powiatem", "powiat"):
            continue  # depend on the powiat, which a mixed folder does not have
        assert (e["regula"], e["plik"]) in found, e
