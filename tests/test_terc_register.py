"""The official TERC register: the packaged one (2025 full + 2026 address version + the code
history 2020-2026), `strategy jednostki` importing a newer one, local unit files in the formats
people save (declaring a successor too), and names a reader needs."""
from pathlib import Path

import pytest

from strategy.cli import main
from strategy.diagnosis import unit_label
from strategy.errors import UnitError
from strategy.terc import read_terc
from strategy.units import default_registry

DATA = Path(__file__).resolve().parents[1] / "src" / "strategy" / "data"
PACKAGED = DATA / "TERC_Urzedowy_2025-11-18.csv"
ADDRESS = DATA / "TERC_adresowy_2026-01-01.csv"


@pytest.fixture()
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    default_registry.cache_clear()
    yield tmp_path
    default_registry.cache_clear()


def test_packaged_register_counts_as_its_readme_says(project):
    reg = default_registry()
    assert reg.as_of == "2026-01-01"
    powiats = reg.powiats()
    assert len(powiats) == 380
    assert sum(1 for p in powiats if p.city_rights) == 66
    current = [u for u in reg if u.is_whole_gmina and not u.successor]
    # 2025: 302 + 1 459 + 718 = 2 479 gminas; 6 rural gminas became urban-rural on 2026-01-01
    assert len(current) == 2479
    assert {t: sum(1 for u in current if u.teryt[6] == t) for t in "123"} == {
        "1": 302, "2": 1453, "3": 724}
    # the 82 type changes of 2021-2026 keep the old code as a predecessor, and Opatówek's of
    # 2020 (3007082, data/units.csv) too
    assert sum(1 for u in reg if u.successor) == 83
    assert reg.get("3007082").successor == "3007083"
    assert len([u for u in reg if u.kind == "wojewodztwo"]) == 16
    # a city with powiat rights is a powiat and a gmina at once
    assert reg.get("3061").city_rights and [g.teryt for g in reg.gminas_of("3061")] == ["3061011"]
    # Warsaw's districts are parts, not gminas
    assert [g.teryt for g in reg.gminas_of("1465")] == ["1465011"]


def test_gmina_that_changed_type_is_one_unit_across_years(project):
    reg = default_registry()
    # Czarny Dunajec: town rights 2023-01-01 (terc_changes_2020-2026.csv)
    old, new = reg.get("1211032"), reg.get("1211033")
    assert (old.valid_to, old.successor, new.valid_from) == (2022, "1211033", 2023)
    assert reg.current("1211032") == "1211033"
    assert [u.teryt for u in reg.predecessors("1211033")] == ["1211032"]
    assert reg.change_label("1211032") == "1211032 Czarny Dunajec (gmina wiejska do 2022 r.) → 1211033"
    assert [g.teryt for g in reg.gminas_of("1211")].count("1211033") == 1
    assert "1211032" not in [g.teryt for g in reg.gminas_of("1211")]
    assert not reg.get("1211034").is_whole_gmina      # the town part is a part
    # a change of 2026, known only from the address version: Janów Podlaski 0601052 -> 0601053
    assert reg.current("0601052") == "0601053" and reg.get("0601053").gmina_type == "3"
    assert reg.name("0601053") == "Janów Podlaski" and reg.get("0601053").valid_from == 2026
    assert reg.name("0601054") == "Janów Podlaski - miasto"


def test_new_gminas_of_2025_and_renames(project):
    reg = default_registry()
    assert reg.name("1207132") == "Szczawa" and reg.get("1207132").valid_from == 2025
    assert reg.name("2002162") == "Grabówka" and reg.get("2002162").valid_from == 2025
    assert "1207132" in [g.teryt for g in reg.gminas_of("1207")]
    # renames with the code kept: the new name, the former one remembered
    assert (reg.name("2212082"), reg.get("2212082").former_name) == ("Redzikowo", "Słupsk")
    assert (reg.name("2604172"), reg.get("2604172").renamed_in) == ("Nowiny", 2021)
    assert reg.name("2812052") == "Bratian"          # renamed 2026-01-01 (address version)
    # the cities with dzielnice keep their gmina though the address version omits its row
    assert [g.teryt for g in reg.gminas_of("1465")] == ["1465011"]
    assert [g.teryt for g in reg.gminas_of("1261")] == ["1261011"]


def test_same_name_gminas_named_apart():
    reg = default_registry()
    assert reg.display_name("0607011") == "Kraśnik (gmina miejska)"
    assert reg.display_name("0607052") == "Kraśnik (gmina wiejska)"
    assert reg.display_name("0201011") == "Bolesławiec (gmina miejska)"
    assert reg.display_name("3007083") == "Opatówek"
    assert reg.display_name("3061011") == "Kalisz"     # the powiat 3061 is no other gmina
    assert unit_label("0607011", reg) == "gmina miejska Kraśnik"
    assert unit_label("0607042", reg) == "gmina Gościeradów"
    assert unit_label("0607", reg) == "powiat kraśnicki"


def test_code_history_kept_as_overlay():
    reg = default_registry()
    assert reg.current("3007052") == "3007053"     # Koźminek: town rights 2021-01-01
    assert reg.get("3007052").valid_to == 2020 and reg.get("3007053").valid_from == 2021
    assert reg.current("3007082") == "3007083"     # Opatówek: already 3 in the 2020 register
    assert reg.get("3007053").bdl_id == "023011807053"
    assert reg.display_name("3007053") == "Koźminek"


def _newer_register(path: Path) -> None:
    """A register of 2027 as users would download it: the 2025 file with the 2026 changes and
    new ones (Blizanów becomes urban-rural, Szastarka renamed, a new gmina in powiat kraśnicki)."""
    text = PACKAGED.read_text(encoding="utf-8-sig").replace("2025-01-01", "2027-01-01")
    changes = (DATA / "terc_changes_2020-2026.csv").read_text(encoding="utf-8").splitlines()
    in_2026 = [c.split(";") for c in changes if c.endswith("2026-01-01)")]
    for old, new, name, _ in in_2026:
        if old == new:                                   # Bratian, renamed in 2026
            text = text.replace(f"{old[:2]};{old[2:4]};{old[4:6]};2;Nowe Miasto Lubawskie;",
                                f"{old[:2]};{old[2:4]};{old[4:6]};2;{name};")
    for woj, pow_, gmi, name in [(o[:2], o[2:4], o[4:6], n) for o, w, n, _ in in_2026 if o != w] + [
            ("30", "07", "01", "Blizanów")]:
        text = text.replace(f"{woj};{pow_};{gmi};2;{name};gmina wiejska;2027-01-01",
                            f"{woj};{pow_};{gmi};3;{name};gmina miejsko-wiejska;2027-01-01\r\n"
                            f"{woj};{pow_};{gmi};4;{name};miasto;2027-01-01\r\n"
                            f"{woj};{pow_};{gmi};5;{name};obszar wiejski;2027-01-01")
    text = text.replace("06;07;06;2;Szastarka;", "06;07;06;2;Szastarka Nowa;")
    text = text.replace("06;07;10;2;Zakrzówek;gmina wiejska;2027-01-01",
                        "06;07;10;2;Zakrzówek;gmina wiejska;2027-01-01\r\n"
                        "06;07;11;2;Nowa Wola;gmina wiejska;2027-01-01")
    path.write_bytes(text.encode("cp1250"))          # as saved on Polish Windows


def test_import_newer_register_reports_changes_and_is_used(project, capsys):
    new = project / "TERC_Urzedowy_2027-01-01.csv"
    _newer_register(new)
    assert main(["jednostki", str(new), "--sprawdz"]) == 0
    out = capsys.readouterr().out
    assert "Nowe jednostki (1)" in out and "0607112  Nowa Wola (gmina wiejska)" in out
    assert "0607062  Szastarka -> Szastarka Nowa" in out
    assert "3007012 Blizanów (gmina wiejska) -> 3007013 Blizanów (gmina miejsko-wiejska)" in out
    # the changes of 2026 (Janów Podlaski ...) are no change against the packaged register
    assert "przechodzą na nowy) (1):" in out and "Zmienione nazwy (1):" in out
    assert "0601052" not in out and "Bratian" not in out
    assert not (project / "data" / "rejestr").exists()
    assert main(["jednostki", str(new)]) == 0
    out = capsys.readouterr().out
    assert "Zapisano rejestr: data/rejestr/TERC.csv" in out
    reg = default_registry()
    assert reg.as_of == "2027-01-01"
    assert reg.name("0607112") == "Nowa Wola" and reg.name("0607062") == "Szastarka Nowa"
    assert reg.current("3007012") == "3007013" and reg.get("3007012").valid_to == 2026
    # the packaged history stays known under an imported register
    assert reg.current("3007052") == "3007053" and reg.current("1211032") == "1211033"
    assert reg.get("2212082").former_name == "Słupsk"
    # the new gmina's data loads now
    data = project / "dane.csv"
    data.write_text("teryt,year,indicator,value,unit,source,flag\n"
                    "0607112,2025,ludnosc,4100,osoba,GUS,\n", encoding="utf-8")
    assert main(["ingest", str(data), "--store", str(project / "m.parquet")]) == 0
    # the address version (no urban-rural gmina rows) is not a register to use
    assert main(["jednostki", str(ADDRESS), "--sprawdz"]) == 2
    assert "to wersja adresowa rejestru TERC" in capsys.readouterr().err
    # an older register than the one in use is refused
    assert main(["jednostki", str(PACKAGED)]) == 2
    assert "starszy niż rejestr w użyciu" in capsys.readouterr().err


@pytest.mark.parametrize("content,fragment", [
    ("teryt;name;kind\n0607;kraśnicki;powiat\n", "to nie jest plik rejestru TERC"),
    ("WOJ;POW;GMI;RODZ;NAZWA;NAZWA_DOD;STAN_NA\n06;07;01;7;Kraśnik;gmina;2025-01-01\n",
     "wiersz 2: GMI '01' / RODZ '7'"),
    ("", "to nie jest plik rejestru TERC"),
])
def test_bad_register_file_exit_2_with_polish_message(project, capsys, content, fragment):
    f = project / "terc.csv"
    f.write_text(content, encoding="utf-8")
    assert main(["jednostki", str(f)]) == 2
    err = capsys.readouterr().err
    assert fragment in err and "Traceback" not in err
    assert not (project / "data" / "rejestr").exists()


@pytest.mark.parametrize("encoding,sep", [("cp1250", ";"), ("utf-8-sig", ";"), ("utf-8", ",")])
def test_extra_unit_file_in_the_formats_people_save(project, encoding, sep):
    path = project / "data" / "raw" / "jednostki.csv"
    path.parent.mkdir(parents=True)
    rows = ["teryt,name,kind,gmina_type", "3299,próbny,powiat,", "3299011,Żabno Próbne,gmina,1"]
    path.write_bytes("\r\n".join(r.replace(",", sep) for r in rows).encode(encoding))
    default_registry.cache_clear()
    reg = default_registry()
    assert reg.name("3299011") == "Żabno Próbne"
    assert main(["template", str(project / "s.csv"), "--powiat", "3299"]) == 0


def test_local_unit_file_declares_a_successor(project, capsys):
    # a gmina granted town rights after the register's date: its data come under both codes
    path = project / "data" / "raw" / "jednostki.csv"
    path.parent.mkdir(parents=True)
    path.write_bytes("kod;nazwa;poprzedni_kod;od_roku;uwagi\r\n"
                     "3007013;Blizanów;3007012;2026;prawa miejskie od 1 stycznia 2026 r.\r\n"
                     .encode("cp1250"))
    default_registry.cache_clear()
    reg = default_registry()
    assert reg.current("3007012") == "3007013" and reg.get("3007012").valid_to == 2025
    assert reg.get("3007013").gmina_type == "3" and reg.get("3007013").valid_from == 2026
    assert next(g.teryt for g in reg.gminas_of("3007")) == "3007013"
    data = project / "dane.csv"
    data.write_text("teryt,year,indicator,value,unit,source,flag\n"
                    "3007012,2025,ludnosc,8100,osoba,GUS,\n"
                    "3007013,2026,ludnosc,8090,osoba,GUS,\n", encoding="utf-8")
    assert main(["ingest", str(data), "--store", str(project / "m.parquet")]) == 0
    out = capsys.readouterr().out
    assert "3007012 Blizanów (gmina wiejska do 2025 r.) → 3007013" in out
    # the local file in data/raw is not read as data
    assert main(["ingest", str(project / "data" / "raw"), "--store",
                 str(project / "n.parquet")]) == 2
    assert "folder nie zawiera plików z danymi" in capsys.readouterr().out


@pytest.mark.parametrize("content,fragments", [
    ("kod;opis\n3299011;Żabno\n", ["brak kolumn nazwa", "kod;nazwa;poprzedni_kod;od_roku"]),
    ("teryt;nazwa\n3299011;Żabno\n", ["brak kolumn name, kind"]),
    ("kod;nazwa;poprzedni_kod;od_roku\n3007013;Blizanów;3007012;\n",
     ["wiersz 2, kolumna od_roku: podano poprzedni_kod 3007012"]),
    ("kod;nazwa;poprzedni_kod;od_roku\n3007013;Blizanów;30070;2027\n3007023;;;\n",
     ["wiersz 2, kolumna poprzedni_kod: '30070'", "wiersz 3, kolumna nazwa: brak nazwy"]),
    ("kod;nazwa;poprzedni_kod;od_roku\n1211034;Czarny Dunajec;1211032;2023\n",
     ["kod 1211032 ma już następcę 1211033"]),
])
def test_local_unit_file_errors_are_polish_with_row_and_column(project, capsys, content,
                                                               fragments):
    path = project / "data" / "raw" / "jednostki.csv"
    path.parent.mkdir(parents=True)
    path.write_text(content, encoding="utf-8")
    default_registry.cache_clear()
    with pytest.raises(UnitError) as err:
        default_registry()
    for fragment in fragments:
        assert fragment in str(err.value)
    assert "jednostki.csv" in str(err.value)
    assert main(["template", str(project / "s.xlsx"), "--powiat", "0607"]) == 2
    assert "jednostki.csv" in capsys.readouterr().err


def test_read_terc_of_the_packaged_files():
    frame = read_terc(PACKAGED)
    assert len(frame) == 4348                       # 4 349 lines with the header
    assert frame.loc[frame["teryt"] == "0607024", "name"].item() == "Annopol - miasto"
    address = read_terc(ADDRESS)
    assert len(address) == 3631 and set(address["as_of"]) == {"2026-01-01"}
    assert "1211033" not in set(address["teryt"]) and "1211034" in set(address["teryt"])
