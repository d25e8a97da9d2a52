"""A powiat other than the demo one, from an empty project folder, in three `strategy ingest` runs.

Powiat kraśnicki (0607): two gminas called Kraśnik (0607011 miejska, 0607052 wiejska) and two
urban-rural gminas with town/rural part rows (Annopol 0607023, Urzędów 0607083). Inputs in the
formats users have (tests/fixtures/powiat_0607/README.md): BDL long exports in Windows-1250 with
the part rows, a CTAB export of the whole voivodeship, the `strategy template` XLSX filled in.
No hand edits, no unit file, no mapping.csv.
"""
import shutil
from pathlib import Path

from openpyxl import load_workbook

from strategy.cli import main
from strategy.store import load

FIX = Path(__file__).parent / "fixtures" / "powiat_0607"
STORE = Path("data/processed/indicators.parquet")


def _fill_template(path: Path, values: dict) -> None:
    """Type ``values[(teryt, year, indicator)]`` into the template as a person would."""
    wb = load_workbook(path)
    for ws in wb.worksheets[1:]:
        ids = {ws.cell(4, c).value: c for c in range(4, ws.max_column + 1)}
        for r in range(5, ws.max_row + 1):
            key = (ws.cell(r, 1).value, ws.cell(r, 3).value)
            for (teryt, year, ind), v in values.items():
                if (teryt, year) == key and ind in ids:
                    ws.cell(r, ids[ind]).value = v
    wb.save(path)


def test_powiat_0607_from_an_empty_project(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    raw = Path("data/raw")
    (raw / "bdl").mkdir(parents=True)
    for name in ("BDL_ludnosc_wg_plci_0607.csv", "BDL_bezrobotni_zarejestrowani_0607.csv"):
        shutil.copy(FIX / name, raw / "bdl" / name)
    shutil.copy(FIX / "LUDN_1342_CTAB_20260414235116.csv", raw)

    # 1. BDL long exports (cp1250, with the town/rural part rows); the powiat is inferred
    assert main(["ingest", "data/raw/bdl"]) == 0
    out1 = capsys.readouterr().out
    assert "Powiat: 0607 powiat kraśnicki" in out1
    assert "pominięto 24 wiersze części gmin miejsko-wiejskich" in out1
    assert "Annopol (0607023), Urzędów (0607083)" in out1
    assert "wartość powiatu 56397 różni się od sumy gmin 56297" in out1
    assert "Kraśnik (gmina miejska)" in out1 and "Kraśnik (gmina wiejska)" in out1
    # (10 gminas + the powiat) x 3 years x 2 population rows + 10 gminas x 3 x 2 unemployed
    assert "dodano 126, zastąpiono 0" in out1

    # 2. the table export of the whole voivodeship, filtered to the powiat
    assert main(["ingest", "data/raw/LUDN_1342_CTAB_20260414235116.csv", "--powiat",
                 "0607"]) == 0
    out2 = capsys.readouterr().out
    assert "pominięto 5 wierszy innych jednostek niż powiat 0607" in out2
    assert "pominięto 12 kolumn bez mapowania" in out2

    # 3. the template, written by `strategy template`, filled in by the PCPR and the OPS
    assert main(["template", "data/raw/szablon_0607.xlsx", "--powiat", "0607",
                 "--lata", "2023-2024"]) == 0
    capsys.readouterr()
    _fill_template(raw / "szablon_0607.xlsx", {
        ("0607011", 2024, "rodziny_pomoc"): 512, ("0607052", 2024, "rodziny_pomoc"): 98,
        ("0607011", 2024, "asystenci_rodziny"): 4, ("0607052", 2024, "asystenci_rodziny"): 1,
        ("0607", 2024, "dzieci_rz_spokrewnione"): 37,
    })
    assert main(["ingest", "data/raw/szablon_0607.xlsx"]) == 0
    out3 = capsys.readouterr().out
    assert "pozostawiono bez zmian" in out3

    store = load(STORE)
    v = store.frame.set_index(["teryt", "year", "indicator"])["value"]
    # first load kept: both Kraśnik gminas separate, the whole urban-rural gmina stored
    assert v[("0607011", 2024, "ludnosc")] == 34011
    assert v[("0607052", 2024, "ludnosc")] == 7455
    assert v[("0607023", 2022, "ludnosc")] == 9010
    assert v[("0607", 2024, "ludnosc_kobiety")] == 56397      # kept as given, not replaced
    assert v[("0607011", 2023, "bezrobotni")] == 1432
    # second load
    assert v[("0607011", 2024, "ludnosc_poprodukcyjna")] == 8690
    assert v[("0607", 2024, "ludnosc_produkcyjna")] == 67871
    # third load
    assert v[("0607011", 2024, "rodziny_pomoc")] == 512
    assert v[("0607052", 2024, "rodziny_pomoc")] == 98
    assert v[("0607", 2024, "dzieci_rz_spokrewnione")] == 37
    codes = set(store.frame["teryt"])
    assert {"0607011", "0607052", "0607023", "0607083"} <= codes
    assert not {"0607024", "0607025", "0607084", "0607085"} & codes
    assert [ld["files"] for ld in store.loads] == [
        ["BDL_bezrobotni_zarejestrowani_0607.csv", "BDL_ludnosc_wg_plci_0607.csv"],
        ["LUDN_1342_CTAB_20260414235116.csv"], ["szablon_0607.xlsx"]]
    assert [ld["powiat"] for ld in store.loads] == ["0607", "0607", "0607"]
    assert store.loads[0]["fresh"] and not store.loads[2]["fresh"]
    assert store.demo is False

    # the reader sees the two Kraśnik gminas named apart
    from strategy.diagnosis import diagnose
    d = diagnose("0607052", store, year=2024, charts=False)
    assert d.name == "Kraśnik (gmina wiejska)" and d.unit_label == "gmina wiejska Kraśnik"


ROOT = Path(__file__).resolve().parents[1]


def _plans_for_0607(folder: Path) -> None:
    """Write the powiat's plans as an office would: the demo plans copied and retold for 0607
    (strategy and foster-care programme of the powiat, the family programme of Kraśnik miejski)."""
    folder.mkdir(parents=True)
    retell = [('"3007083"', '"0607011"'), ('"3007"', '"0607"'), ("w Kaliszu", "w Kraśniku"),
              ("kaliskiego", "kraśnickiego"), ("kaliski", "kraśnicki"), ("Opatówek", "Kraśnik")]
    for name, new in (("DANE_DEMONSTRACYJNE_3007_strategia.yaml", "0607_strategia.yaml"),
                      ("DANE_DEMONSTRACYJNE_3007_program_pieczy.yaml", "0607_program_pieczy.yaml"),
                      ("DANE_DEMONSTRACYJNE_3007083_program_wspierania_rodziny.yaml",
                       "0607011_program_wspierania_rodziny.yaml")):
        text = (ROOT / "data" / "raw" / "plany" / name).read_text(encoding="utf-8")
        for old, repl in retell:
            text = text.replace(old, repl)
        lines = [ln for ln in text.splitlines() if "DANE DEMONSTRACYJNE" not in ln]
        (folder / new).write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_documents_of_powiat_0607_name_both_krasnik_gminas_apart(tmp_path, monkeypatch, capsys):
    """`strategy build --powiat 0607` after the three loads: every document asked for is built,
    and the two Kraśnik gminas are named apart in the build summary, the documents and index."""
    import docx

    test_powiat_0607_from_an_empty_project(tmp_path, monkeypatch, capsys)
    shutil.copytree(ROOT / "notebooks", tmp_path / "notebooks",
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    _plans_for_0607(Path("data/raw/plany"))
    rc = main(["build", "--powiat", "0607", "--gmina", "0607011", "--gmina", "0607052",
               "--jobs", "2", "--no-html"])
    out = capsys.readouterr().out
    assert rc == 0, out
    assert "błędy: 0" in out
    reports = Path("reports")
    docs = sorted(p.relative_to(reports).as_posix() for p in reports.rglob("*.docx"))
    # the powiat's strategy, its consistency control report and foster-care programme with the
    # draft resolutions adopting both; for each Kraśnik: diagnosis and family programme (the
    # rural gmina's on the model of the urban one's plan) with the draft resolution of its
    # council, and the report on the urban gmina's programme, whose plan has a part for it
    m, w, p = ("0607/2024/0607011_krasnik_gmina_miejska/0607011_krasnik_gmina_miejska",
               "0607/2024/0607052_krasnik_gmina_wiejska/0607052_krasnik_gmina_wiejska",
               "0607/2024/0607_powiat_krasnicki/0607_powiat_krasnicki")
    assert docs == [f"{m}_diagnoza.docx", f"{m}_program_wspierania_rodziny.docx",
                    f"{m}_projekt_uchwaly_program_wspierania_rodziny.docx",
                    f"{m}_sprawozdanie_z_realizacji.docx", f"{w}_diagnoza.docx",
                    f"{w}_program_wspierania_rodziny.docx",
                    f"{w}_projekt_uchwaly_program_wspierania_rodziny.docx",
                    f"{p}_kontrola_spojnosci.docx", f"{p}_program_pieczy_zastepczej.docx",
                    f"{p}_projekt_uchwaly_program_pieczy_zastepczej.docx",
                    f"{p}_projekt_uchwaly_strategia.docx", f"{p}_strategia.docx"]
    titles = {}
    for p in reports.rglob("*.docx"):
        titles[p.name + ":" + p.parent.name] = docx.Document(p).core_properties.title
    joined = "\n".join(titles.values())
    assert "Kraśnik (gmina miejska)" in joined and "Kraśnik (gmina wiejska)" in joined
    index = (reports / "index.html").read_text(encoding="utf-8")
    assert "Kraśnik (gmina miejska)" in index and "Kraśnik (gmina wiejska)" in index
    assert "0607011" in index and "0607052" in index
