"""`strategy ingest`: success writes the store and describes it; any problem writes nothing."""
from pathlib import Path

import pytest

import strategy.ingest.loading
from strategy.cli import main
from strategy.cli.ingest_cmd import format_problems
from strategy.ingest.problems import Problem
from strategy.store import FLAG_NO_DATA, load

REPO = Path(__file__).resolve().parents[1]
GOOD = """teryt,year,indicator,value,unit,source,flag
3007012,2022,ludnosc,5849,osoba,GUS,
3007012,2023,ludnosc,5 812,osoba,GUS,
3007022,2023,ludnosc,-,osoba,GUS,
3007022,2023,rodziny_pomoc,41,rodzina,OPS,
3007,2023,stopa_bezrobocia,4.5,%,GUS,
"""


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_success_writes_store_and_describes_it(tmp_path, capsys):
    src = write(tmp_path / "dane.csv", GOOD)
    store_path = tmp_path / "out" / "indicators.parquet"
    rc = main(["ingest", str(src), "--store", str(store_path)])
    out, err = capsys.readouterr()
    assert rc == 0, out + err
    store = load(store_path)
    assert len(store.frame) == 5
    assert store.demo is False and store.sources == ["dane.csv"]
    assert store.units == ["3007", "3007012", "3007022"]
    f = store.frame.set_index(["teryt", "year", "indicator"])
    assert f.loc[("3007012", 2023, "ludnosc"), "value"] == 5812.0
    assert f.loc[("3007", 2023, "stopa_bezrobocia"), "value"] == 4.5
    assert f.loc[("3007022", 2023, "ludnosc"), "flag"] == FLAG_NO_DATA
    assert "Blizanów (gmina wiejska)" in out and "Brzeziny (gmina wiejska)" in out
    assert "Powiat: 3007 powiat kaliski" in out
    assert "Lata: 2022, 2023" in out
    assert "Wskaźniki: 3" in out
    assert "Demografia: 1" in out and "Rynek pracy i bezrobocie: 1" in out
    assert "Wiersze: 5" in out
    assert "brak danych: 1" in out
    assert str(store_path) in out
    assert "DANE DEMONSTRACYJNE" not in out


def test_demo_files_mark_the_store(tmp_path, capsys):
    src = write(tmp_path / "dane_DANE_DEMONSTRACYJNE.csv", GOOD)
    store_path = tmp_path / "x.parquet"
    assert main(["ingest", str(src), "--store", str(store_path)]) == 0
    assert "DANE DEMONSTRACYJNE" in capsys.readouterr().out
    assert load(store_path).demo is True


def test_default_input_is_the_demo_folder(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(REPO)
    store_path = tmp_path / "x.parquet"
    assert main(["ingest", "--store", str(store_path)]) == 0
    out = capsys.readouterr().out
    store = load(store_path)
    assert store.demo and "DANE DEMONSTRACYJNE" in out
    # the 11 gminas of powiat kaliski and the powiat itself
    assert len([u for u in store.units if len(u) == 7]) == 11 and "3007" in store.units
    assert "Koźminek (gmina miejsko-wiejska)" in out


def test_od_nowa_replaces_an_existing_store(tmp_path, capsys):
    src = write(tmp_path / "dane.csv", GOOD)
    store_path = tmp_path / "x.parquet"
    store_path.write_bytes(b"old")
    assert main(["ingest", str(src), "--store", str(store_path)]) == 2   # unreadable: no merge
    assert "--od-nowa" in capsys.readouterr().err
    assert store_path.read_bytes() == b"old"
    assert main(["ingest", str(src), "--store", str(store_path), "--od-nowa"]) == 0
    assert len(load(store_path).frame) == 5
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dane.csv", "x.parquet"]


def test_second_load_merges_and_says_what_it_did(tmp_path, capsys):
    store_path = tmp_path / "x.parquet"
    first = write(tmp_path / "pierwszy.csv", GOOD)
    second = write(tmp_path / "drugi.csv", "teryt,year,indicator,value,unit,source,flag\n"
                   "3007012,2023,ludnosc,5900,osoba,GUS,\n"        # replaces 5 812
                   "3007012,2024,ludnosc,5950,osoba,GUS,\n")       # new
    assert main(["ingest", str(first), "--store", str(store_path)]) == 0
    capsys.readouterr()
    assert main(["ingest", str(second), "--store", str(store_path)]) == 0
    out = capsys.readouterr().out
    assert "dodano 1, zastąpiono 1, pozostawiono bez zmian 4 (wiersze z wcześniejszych" in out
    assert "razem 6 wierszy." in out
    store = load(store_path)
    f = store.frame.set_index(["teryt", "year", "indicator"])["value"]
    assert len(f) == 6
    assert f[("3007012", 2023, "ludnosc")] == 5900.0
    assert f[("3007012", 2022, "ludnosc")] == 5849.0          # kept from the first load
    assert f[("3007", 2023, "stopa_bezrobocia")] == 4.5
    assert [ld["files"] for ld in store.loads] == [["pierwszy.csv"], ["drugi.csv"]]
    assert [(ld["added"], ld["replaced"], ld["kept"]) for ld in store.loads] == [
        (5, 0, 0), (1, 1, 4)]
    assert store.sources == ["pierwszy.csv", "drugi.csv"]
    # --od-nowa: only the second file's rows remain
    assert main(["ingest", str(second), "--store", str(store_path), "--od-nowa"]) == 0
    store = load(store_path)
    assert len(store.frame) == 2 and len(store.loads) == 1 and store.loads[0]["fresh"]


def test_identical_problems_grouped_into_one_line(tmp_path, capsys):
    rows = "".join(f"3099012,{y},ludnosc,100,osoba,GUS,\n" for y in range(1990, 2026))
    bad = write(tmp_path / "zle.csv", "teryt,year,indicator,value,unit,source,flag\n" + rows)
    assert main(["ingest", str(bad), "--store", str(tmp_path / "x.parquet")]) == 2
    out = capsys.readouterr().out
    assert "Znaleziono problemy w danych wejściowych: 36 (w 1 grupie" in out
    assert "wiersze 2–37 (36 wierszy)" in out
    assert "[jednostka]: 36" in out


def test_one_bad_file_among_good_ones_writes_nothing(tmp_path, capsys):
    good = write(tmp_path / "dobre.csv", GOOD)
    bad = write(tmp_path / "zle.csv", "teryt,year,indicator,value\n3007012,2023,bezrobotni,-7\n")
    store_path = tmp_path / "x.parquet"
    rc = main(["ingest", str(good), str(bad), "--store", str(store_path)])
    out, err = capsys.readouterr()
    assert rc == 2
    assert not store_path.exists()
    assert "zle.csv" in out and "[ujemna]: 1" in out
    assert "dobre.csv" not in out


def test_unexpected_reader_error_becomes_polish_message(tmp_path, capsys, monkeypatch):
    src = write(tmp_path / "dane.csv", GOOD)

    def boom(*args, **kwargs):
        raise RuntimeError("zepsuty czytnik")

    monkeypatch.setattr(strategy.ingest.loading, "read_paths", boom)
    store_path = tmp_path / "x.parquet"
    rc = main(["ingest", str(src), "--store", str(store_path)])
    out, err = capsys.readouterr()
    assert rc == 2
    assert "Traceback" not in out + err
    assert "nieoczekiwany błąd podczas czytania pliku" in out
    assert "dane.csv" in out
    assert not store_path.exists()


@pytest.mark.parametrize("powiat", ["30x7", "3007012", "3099"])
def test_bad_powiat_option(tmp_path, capsys, powiat):
    src = write(tmp_path / "dane.csv", GOOD)
    store_path = tmp_path / "x.parquet"
    rc = main(["ingest", str(src), "--powiat", powiat, "--store", str(store_path)])
    out, _ = capsys.readouterr()
    assert rc == 2 and "[powiat]: 1" in out and not store_path.exists()


def test_missing_path(tmp_path, capsys):
    rc = main(["ingest", str(tmp_path / "nie_ma.csv"), "--store", str(tmp_path / "x.parquet")])
    out, _ = capsys.readouterr()
    assert rc == 2 and "[odczyt]: 1" in out and "nie istnieje" in out


def test_consistency_warning_does_not_block(tmp_path, capsys):
    src = write(tmp_path / "dane.csv", GOOD + "3007022,2023,powod_ubostwo_rodziny,50,rodzina,OPS,\n")
    assert main(["ingest", str(src), "--store", str(tmp_path / "x.parquet")]) == 0
    out = capsys.readouterr().out
    assert "Uwagi (nie blokują wczytania): 1" in out and "powod_ubostwo_rodziny" in out


def test_problem_table_wraps_cells_and_counts_rules():
    long = ("jednostka 3007042, rok 2023, wskaźnik 'ludnosc' podane więcej niż raz z różnymi "
            "wartościami (także plik bardzo_dluga_nazwa_pliku_z_danymi.csv, wiersz 4: 7521)")
    problems = [
        Problem("bardzo_dluga_nazwa_pliku_z_danymi_gus_bdl.csv", long, row=2, column="Wartosc",
                value="7512", expected="jedna wartość", rule="duplikat"),
        Problem("b.csv", "'12,a' nie jest liczbą", row=14, column="Wartosc", value="12,a",
                expected="liczba", rule="liczba"),
        Problem("c.csv", "'x1' nie jest liczbą", row=3, column="Wartosc", value="x1",
                expected="liczba", rule="liczba"),
    ]
    text = format_problems(problems, width=100)
    lines = text.splitlines()
    assert all(len(line) <= 100 for line in lines)
    header = next(line for line in lines if line.startswith("plik"))
    assert [h.strip() for h in header.split("|")] == [
        "plik", "arkusz", "wiersz", "kolumna", "znaleziono", "oczekiwano", "problem"]
    # the long message is wrapped over several lines, every character kept
    problem_cells = "".join(line.split("|")[-1].strip() for line in lines if "|" in line)
    assert "".join(long.split()) in "".join(problem_cells.split())
    assert sum(1 for line in lines if "|" in line) > 5
    assert "wartość nie jest liczbą [liczba]: 2" in text
    assert "powtórzona wartość [duplikat]: 1" in text
    assert text.index("[liczba]") < text.index("[duplikat]")   # most frequent first


def test_a_key_repeated_on_many_rows_prints_one_short_entry(tmp_path, capsys):
    rows = "".join(f"3007012,2024,bezrobotni,{i},osoba,PUP,\n" for i in range(1000))
    src = write(tmp_path / "duplikaty.csv", "teryt,year,indicator,value,unit,source,flag\n" + rows)
    assert main(["ingest", str(src), "--store", str(tmp_path / "x.parquet")]) == 2
    out = capsys.readouterr().out
    # one entry for one key (before: every one of the 1 000 rows listed the 999 others, 226 MB)
    assert len(out) < 5_000
    assert "Znaleziono problemy w danych wejściowych: 1\n" in out
    assert "powtórzona wartość [duplikat]: 1000" in out


def test_a_huge_cell_text_is_cut_before_formatting():
    import time
    huge = "1 234 " * 3_000_000          # 18 MB of short words: the worst case for wrapping
    p = Problem("a.xlsx", f"'{huge}' nie jest liczbą", sheet="Rynek pracy", row=17,
                column="Liczba", value=huge, expected="liczba", rule="liczba")
    assert len(p.value) <= 200 and len(p.message) <= 1500
    assert "skrócono; razem 18\u00a0000\u00a0000 znaków" in p.value
    t0 = time.perf_counter()
    text = format_problems([p], width=120)
    assert time.perf_counter() - t0 < 2
    assert len(text) < 5_000


def test_the_problem_table_is_bounded_and_counts_the_rest():
    from strategy.cli.ingest_cmd import MAX_SHOWN
    problems = [Problem("a.csv", f"nieznany kod {i}", row=i + 2, column="teryt",
                        value=str(i), rule="teryt") for i in range(MAX_SHOWN + 50)]
    text = format_problems(problems, width=160)
    assert "nieznany kod 0" in text and f"nieznany kod {MAX_SHOWN - 1}" in text
    assert f"nieznany kod {MAX_SHOWN}" not in text
    assert f"… i 50 dalszych problemów w 50 pozycjach tabeli (pokazano pierwsze {MAX_SHOWN}" \
        in text
    assert f"[teryt]: {MAX_SHOWN + 50}" in text   # counts by rule cover every problem
