"""The official TERC register: the packaged one, `strategy jednostki` importing a newer one,
extra unit files in the formats people save, and names a reader needs."""
import shutil
from pathlib import Path

import pytest

from strategy.cli import main
from strategy.diagnosis import unit_label
from strategy.errors import UnitError
from strategy.terc import read_terc
from strategy.units import default_registry

PACKAGED = Path(__file__).resolve().parents[1] / "src" / "strategy" / "data" / "TERC_2020-01-01.csv"


@pytest.fixture()
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    default_registry.cache_clear()
    yield tmp_path
    default_registry.cache_clear()


def test_packaged_register_counts_as_its_readme_says():
    reg = default_registry()
    assert reg.as_of == "2020-01-01"
    powiats = reg.powiats()
    assert len(powiats) == 380
    assert sum(1 for p in powiats if p.city_rights) == 66
    whole = [u for u in reg if u.is_whole_gmina and u.name_extra]
    assert len(whole) == 2477
    assert len([u for u in reg if u.kind == "wojewodztwo"]) == 16
    # a city with powiat rights is a powiat and a gmina at once
    assert reg.get("3061").city_rights and [g.teryt for g in reg.gminas_of("3061")] == ["3061011"]
    # Warsaw's districts are parts, not gminas
    assert [g.teryt for g in reg.gminas_of("1465")] == ["1465011"]


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
    assert reg.current("3007052") == "3007053"     # Koźminek: town rights after 2020
    assert reg.current("3007082") == "3007083"     # Opatówek: already 3 in the 2020 register
    assert reg.get("3007053").bdl_id == "023011807053"
    assert reg.display_name("3007053") == "Koźminek"


def _newer_register(path: Path) -> None:
    text = PACKAGED.read_text(encoding="utf-8-sig")
    text = text.replace("2020-01-01", "2025-01-01")
    # Koźminek becomes urban-rural (3007052 -> 3007053 with its parts), Szastarka renamed,
    # a new gmina in powiat kraśnicki
    text = text.replace("30;07;05;2;Koźminek;gmina wiejska;2025-01-01",
                        "30;07;05;3;Koźminek;gmina miejsko-wiejska;2025-01-01\r\n"
                        "30;07;05;4;Koźminek;miasto;2025-01-01\r\n"
                        "30;07;05;5;Koźminek;obszar wiejski;2025-01-01")
    text = text.replace("06;07;06;2;Szastarka;", "06;07;06;2;Szastarka Nowa;")
    text = text.replace("06;07;10;2;Zakrzówek;gmina wiejska;2025-01-01",
                        "06;07;10;2;Zakrzówek;gmina wiejska;2025-01-01\r\n"
                        "06;07;11;2;Nowa Wola;gmina wiejska;2025-01-01")
    path.write_bytes(text.encode("cp1250"))          # as saved on Polish Windows


def test_import_newer_register_reports_changes_and_is_used(project, capsys):
    new = project / "TERC_Urzedowy_2025-01-01.csv"
    _newer_register(new)
    assert main(["jednostki", str(new), "--sprawdz"]) == 0
    out = capsys.readouterr().out
    assert "Nowe jednostki (1)" in out and "0607112  Nowa Wola (gmina wiejska)" in out
    assert "0607062  Szastarka -> Szastarka Nowa" in out
    assert "3007052 Koźminek (gmina wiejska) -> 3007053 Koźminek (gmina miejsko-wiejska)" in out
    assert not (project / "data" / "rejestr").exists()
    assert main(["jednostki", str(new)]) == 0
    out = capsys.readouterr().out
    assert "Zapisano rejestr: data/rejestr/TERC.csv" in out
    reg = default_registry()
    assert reg.as_of == "2025-01-01"
    assert reg.name("0607112") == "Nowa Wola" and reg.name("0607062") == "Szastarka Nowa"
    assert reg.current("3007052") == "3007053"
    # the new gmina's data loads now
    data = project / "dane.csv"
    data.write_text("teryt,year,indicator,value,unit,source,flag\n"
                    "0607112,2025,ludnosc,4100,osoba,GUS,\n", encoding="utf-8")
    assert main(["ingest", str(data), "--store", str(project / "m.parquet")]) == 0
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


def test_extra_unit_file_without_columns_is_a_polish_error(project, capsys):
    path = project / "data" / "raw" / "jednostki.csv"
    path.parent.mkdir(parents=True)
    path.write_text("kod;nazwa\n3299011;Żabno\n", encoding="utf-8")
    default_registry.cache_clear()
    with pytest.raises(UnitError, match="brak kolumn teryt, name, kind"):
        default_registry()
    assert main(["template", str(project / "s.xlsx"), "--powiat", "0607"]) == 2
    assert "strategy jednostki" in capsys.readouterr().err


def test_read_terc_of_the_packaged_file():
    frame = read_terc(PACKAGED)
    assert len(frame) == 4194
    assert frame.loc[frame["teryt"] == "0607024", "name"].item() == "Annopol - miasto"
