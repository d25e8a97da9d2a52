import pytest

from strategy.errors import UnitError
from strategy.units import (Registry, default_registry, kind_of, normalize_code, parent_of,
                            terc_from_bdl, validate_terc)
import pandas as pd


@pytest.mark.parametrize("code,kind,parent", [
    ("3007012", "gmina", "3007"), ("3007", "powiat", "30"), ("30", "wojewodztwo", None),
    ("1465011", "gmina", "1465"), ("1465118", "gmina", "1465"), ("0201011", "gmina", "0201"),
])
def test_kind_and_parent(code, kind, parent):
    assert kind_of(code) == kind
    assert parent_of(code) == parent


@pytest.mark.parametrize("bad,fragment", [
    ("300701", "7 cyfr"), ("3007016", "rodzaju gminy '6'"), ("3007010", "rodzaju gminy '0'"),
    ("3007007", "numer gminy"), ("3000012", "powiatu"), ("3300", "województwa"),
    ("0000", "województwa"), ("31", "województwa"), ("30a7012", "cyfry"), ("", "cyfry"),
])
def test_invalid_terc(bad, fragment):
    with pytest.raises(UnitError, match=fragment):
        validate_terc(bad)


@pytest.mark.parametrize("bdl,terc", [
    ("011212001011", "1201011"),   # the DOMAIN.md example
    ("023011807083", "3007083"),
    ("023011807000", "3007"),
    ("023000000000", "30"),
])
def test_terc_from_bdl(bdl, terc):
    assert terc_from_bdl(bdl) == terc


@pytest.mark.parametrize("bad", ["000000000000", "01121200101", "0112120010111", "01121200101x"])
def test_terc_from_bdl_rejects(bad):
    with pytest.raises(UnitError):
        terc_from_bdl(bad)


def test_bdl_roundtrip_through_registry():
    reg = default_registry()
    for unit in reg.gminas_of("3007"):
        assert reg.from_bdl(reg.bdl_id(unit.teryt)) == unit.teryt
        assert terc_from_bdl(reg.bdl_id(unit.teryt)) == unit.teryt


@pytest.mark.parametrize("raw,code", [
    ("3007012", "3007012"), (" 3007012 ", "3007012"), (3007012, "3007012"),
    (3007012.0, "3007012"), ("3\u00a0007\u00a0012", "3007012"), ("3007012,00", "3007012"),
    ("3.007.012,00", "3007012"), ('"0201011"', "0201011"),
])
def test_normalize_code(raw, code):
    assert normalize_code(raw) == code


@pytest.mark.parametrize("raw,fragment", [
    ("1,20101E+06", "zapis wykładniczy"), ("1.20101E+06", "zapis wykładniczy"),
    ("141.803,00", "6 cyfr"), ("abc", "nie jest kodem"), (None, "pusty"), (3007012.5, "niecałkowita"),
])
def test_normalize_code_rejects_excel_mangling(raw, fragment):
    with pytest.raises(UnitError, match=fragment):
        normalize_code(raw)


def test_demo_powiat_has_its_eleven_gminas():
    reg = default_registry()
    codes = [u.teryt for u in reg.gminas_of("3007")]
    assert codes == ["3007012", "3007022", "3007032", "3007042", "3007053", "3007062",
                     "3007072", "3007083", "3007093", "3007102", "3007112"]
    assert reg.name("3007112") == "Żelazków"
    assert "3061011" not in codes  # Kalisz is a city-powiat of its own


def test_type_change_successor_and_validity():
    reg = default_registry()
    assert reg.current("3007082") == "3007083"
    assert reg.current("3007083") == "3007083"
    old = reg.get("3007082")
    assert old.valid_in(2015) and not old.valid_in(2030)


def test_same_name_units_stay_distinct():
    frame = pd.DataFrame([
        dict(teryt="1001011", name="Miastko", kind="gmina", gmina_type="1", valid_from="1999",
             valid_to="", successor="", bdl_id="", note=""),
        dict(teryt="1001022", name="Miastko", kind="gmina", gmina_type="2", valid_from="1999",
             valid_to="", successor="", bdl_id="", note=""),
        dict(teryt="1001", name="miastkowski", kind="powiat", gmina_type="", valid_from="1999",
             valid_to="", successor="", bdl_id="", note=""),
    ])
    reg = Registry(frame)
    gminas = reg.gminas_of("1001")
    assert [g.teryt for g in gminas] == ["1001011", "1001022"]
    assert gminas[0].label != gminas[1].label
    assert gminas[0].label == "Miastko (gmina miejska)"


def test_registry_rejects_duplicate_codes():
    row = dict(teryt="1001011", name="A", kind="gmina", gmina_type="1", valid_from="",
               valid_to="", successor="", bdl_id="", note="")
    with pytest.raises(UnitError, match="dwa razy"):
        Registry(pd.DataFrame([row, row]))


def test_office_units_file_extends_registry(tmp_path, monkeypatch):
    extra = tmp_path / "jednostki.csv"
    extra.write_text("teryt,name,kind,gmina_type,valid_from,valid_to,successor,bdl_id,note\n"
                     "3299,próbny,powiat,,1999,,,,\n3299011,Próbna,gmina,1,1999,,,,\n",
                     encoding="utf-8")
    monkeypatch.setenv("STRATEGY_UNITS", str(extra))
    default_registry.cache_clear()
    try:
        reg = default_registry()
        assert reg.name("3299011") == "Próbna" and reg.name("3007012") == "Blizanów"
        assert [u.teryt for u in reg.gminas_of("3299")] == ["3299011"]
    finally:
        monkeypatch.delenv("STRATEGY_UNITS")
        default_registry.cache_clear()
