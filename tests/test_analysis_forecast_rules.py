"""Decided quantities (places, institutions, staff) are shown as plans, not forecast."""
import pytest

from strategy.analysis.forecast_rules import (DECIDED, decided_basis, forecast_rules,
                                              is_decided, read_rules)
from strategy.catalog import default_catalog
from strategy.errors import CatalogError


def test_places_institutions_and_staff_are_decided():
    for ind in ("sds_miejsca", "miejsca_schronienia", "dps_miejsca", "asystenci_rodziny",
                "placowki_wsparcia_dziennego", "miejsca_wsparcia_dziennego",
                "koordynatorzy_pieczy", "wtz_uczestnicy"):
        assert is_decided(ind), ind
    # observed phenomena are forecast
    for ind in ("rodziny_pomoc", "beneficjenci_na_10tys", "dzieci_piecza_na_1000",
                "osoby_bezdomne", "dps_oczekujacy", "udzial_65plus"):
        assert not is_decided(ind) and decided_basis(ind) is None


def test_every_rule_names_a_catalogue_indicator_with_a_reason():
    cat = default_catalog()
    rules = forecast_rules()
    assert rules and all(i in cat for i in rules)
    assert all(rule == DECIDED and basis for rule, basis in rules.values())
    # who decides, as the rules file says it (data/forecast_rules.csv)
    assert decided_basis("sds_miejsca") == "miejsca w ŚDS ustala organ prowadzący"


@pytest.mark.parametrize("body, where", [
    ("indicator,rule,basis\nnie_ma_takiego,decyzja,x\n", "wiersz 2, kolumna indicator"),
    ("indicator,rule,basis\nsds_miejsca,plan,x\n", "wiersz 2, kolumna rule"),
    ("indicator,rule,basis\nsds_miejsca,decyzja,\n", "wiersz 2, kolumna basis"),
    ("indicator,rule\nsds_miejsca,decyzja\n", "brak kolumn basis"),
    ("indicator,rule,basis\nsds_miejsca,decyzja,a\nsds_miejsca,decyzja,b\n",
     "wiersz 3: wskaźnik 'sds_miejsca' podano drugi raz"),
])
def test_bad_rules_file_names_file_row_and_column(tmp_path, body, where):
    p = tmp_path / "forecast_rules.csv"
    p.write_text(body, encoding="utf-8")
    with pytest.raises(CatalogError) as e:
        read_rules(p)
    assert "forecast_rules.csv" in str(e.value) and where in str(e.value)
