import pandas as pd
import pytest

from strategy.catalog import Catalog, default_catalog
from strategy.errors import CatalogError

REASONS = ["ubostwo", "sieroctwo", "bezdomnosc", "macierzynstwo", "bezrobocie",
           "niepelnosprawnosc", "choroba", "bezradnosc", "przemoc", "handel_ludzmi", "alkoholizm",
           "narkomania", "zaklad_karny", "opuszczenie_placowki", "cudzoziemcy",
           "zdarzenie_losowe", "kleska"]


def test_catalogue_size_and_areas():
    cat = default_catalog()
    assert len(cat) >= 40
    areas = {i.area for i in cat}
    assert areas == set(cat.areas)  # every area of DOMAIN.md has indicators


def test_every_art7_reason_as_families_and_persons():
    cat = default_catalog()
    for r in REASONS:
        fam, per = cat.get(f"powod_{r}_rodziny"), cat.get(f"powod_{r}_osoby")
        assert fam.noun == "rodzina" and per.noun == "osoba"
        assert fam.area == per.area == "pomoc_spoleczna"


def test_derived_indicators_reference_stored_counts():
    cat = default_catalog()
    b = cat.get("beneficjenci_na_10tys")
    assert b.numerator == ("beneficjenci",) and b.denominator == ("ludnosc",) and b.per == 10000
    assert b.bdl_var == "1548717"
    share = cat.get("udzial_pieczy_rodzinnej")
    assert "dzieci_placowki" in share.denominator and "dzieci_placowki" not in share.numerator
    for ind in cat.derived():
        for part in ind.inputs:
            assert not cat.get(part).derived


def test_genders_for_agreement():
    cat = default_catalog()
    assert cat.get("ludnosc").gender == "f"            # liczba
    assert cat.get("udzial_65plus").gender == "m"      # udział
    assert cat.get("saldo_migracji").gender == "n"     # saldo


def test_catalogue_rejects_bad_rows():
    cat = default_catalog()
    frame = cat.frame().astype(str)
    bad = frame.copy()
    bad.loc[0, "direction"] = "higher"
    bad.loc[1, "denominator"] = "nie_ma_takiego"
    areas = pd.DataFrame({"id": list(cat.areas), "name": list(cat.areas.values()),
                          "order": [str(i) for i in range(len(cat.areas))]})
    bad["per"] = bad["per"].replace("None", "")
    with pytest.raises(CatalogError) as exc:
        Catalog(bad, areas)
    assert "direction" in str(exc.value)
