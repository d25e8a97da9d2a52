"""The powiat's foster-care programme: the gminas with extreme rates of children in care, the
forms of care with their figures, and the programme against the strategy in the control."""
from __future__ import annotations

from pathlib import Path

import docx
import pandas as pd
import pytest

from strategy.documents.builders.piecza import (
    HIGH_RATIO,
    build_program_pieczy_zastepczej,
    extreme_gminas,
    form_goals,
)
from strategy.errors import PlanError
from strategy.plan import load_plan
from strategy.text import program_pieczy as text

ROOT = Path(__file__).resolve().parents[1]
FOSTER = ROOT / "data/raw/plany/DANE_DEMONSTRACYJNE_3007_program_pieczy.yaml"
NBSP = "\u00a0"

GMINAS = {"3007012": "Alfa", "3007022": "Beta", "3007032": "Gamma", "3007042": "Delta",
          "3007053": "Epsilon"}


def _values(rows):
    return pd.DataFrame(rows, columns=["teryt", "year", "indicator", "value"])


def _rates(powiat, gminas, year=2024):
    rows = [("3007", year, "dzieci_piecza_na_1000", powiat)]
    for teryt, (rate, children) in gminas.items():
        rows.append((teryt, year, "dzieci_piecza_na_1000", rate))
        rows.append((teryt, year, "dzieci_piecza_z_gminy", children))
    return _values(rows)


# ---- the gminas with extreme rates -------------------------------------------------------------
def test_a_gmina_far_above_the_powiat_is_named_and_one_without_data_is_said_missing():
    # powiat 2,0 per 1000 children. Alfa 5,0 = 2,5 x 2,0 (named); Beta 2,2 = 1,1 x (not);
    # Delta 3,0 = exactly 1,5 x (named: "at least 1,5 times"); Epsilon 1,0: 1,0 x 1,5 = 1,5 <= 2,0
    # (at most 1/1,5 of the powiat: the low end); Gamma has no value in 2024.
    v = _rates(2.0, {"3007012": (5.0, 10.0), "3007022": (2.2, 4.0), "3007042": (3.0, 6.0),
                     "3007053": (1.0, 2.0)})
    got = extreme_gminas(v, "3007", 2024, GMINAS)
    assert HIGH_RATIO == 1.5
    assert got.powiat_rate == 2.0
    assert got.high == [("Alfa", 5.0, 2.5, 10.0), ("Delta", 3.0, 1.5, 6.0)]
    assert got.low == [("Epsilon", 1.0, 0.5, 2.0)]
    assert got.missing == ["Gamma"]

    paras = text.extreme_rates(got.year, got.powiat_rate, got.high, got.low, HIGH_RATIO, "4.1")
    assert paras[0] == (
        "Wskaźnik dzieci w pieczy zastępczej na 1000 dzieci w wieku 0–17 lat wyniósł w 2024 r. "
        "w powiecie 2,0. Co najmniej 1,5-krotnie wyższy był w gminach: Alfa – 5,0, tj. "
        f"2,5-krotność wartości powiatu (10{NBSP}dzieci z tej gminy w pieczy); Delta – 3,0, tj. "
        f"1,5-krotność wartości powiatu (6{NBSP}dzieci z tej gminy w pieczy).")
    # what the programme does for them: its goal, the gminas' OPS and assistants, prevention
    assert paras[1].startswith("Dla tych gmin program przewiduje w celu szczegółowym 4.1 "
                               "współpracę PCPR z ośrodkami pomocy społecznej gmin Alfa i Delta "
                               "i ich asystentami rodziny")
    assert "działania profilaktyczne" in paras[1]
    assert paras[2] == ("Co najmniej 1,5-krotnie niższy niż w powiecie był wskaźnik w gminie "
                        "Epsilon (1,0).")
    assert "Beta" not in " ".join(paras)
    assert text.rates_missing(2024, got.missing) == (
        "Brak danych o liczbie dzieci w pieczy zastępczej na 1000 dzieci za 2024 r. dla gminy "
        "Gamma – jej wskaźnika nie porównano z powiatowym.")


def test_one_gmina_and_a_plan_without_a_goal_for_it():
    v = _rates(2.0, {"3007012": (5.0, 10.0), "3007022": (2.2, 4.0)})
    got = extreme_gminas(v, "3007", 2024, {"3007012": "Alfa", "3007022": "Beta"})
    assert [h[0] for h in got.high] == ["Alfa"] and got.low == [] and got.missing == []
    paras = text.extreme_rates(got.year, got.powiat_rate, got.high, got.low, HIGH_RATIO, None)
    assert "w gminie Alfa: 5,0, tj. 2,5-krotność wartości powiatu" in paras[0]
    assert paras[1] == ("Program nie wskazuje celu z zadaniami dla tej gminy – do uzupełnienia "
                        "przez zespół.")
    assert text.rates_missing(2024, got.missing) == ""


def test_without_the_powiat_rate_no_gmina_is_compared():
    v = _values([("3007012", 2024, "dzieci_piecza_na_1000", 9.0)])
    got = extreme_gminas(v, "3007", 2024, {"3007012": "Alfa", "3007022": "Beta"})
    assert got.high == [] and got.low == [] and got.missing == ["Beta"]
    paras = text.extreme_rates(got.year, got.powiat_rate, got.high, got.low, HIGH_RATIO, "4.1")
    assert paras == [("Brak wskaźnika dzieci w pieczy zastępczej na 1000 dzieci w wieku 0–17 lat "
                      "dla powiatu za 2024 r., więc gmin nie porównano z powiatem.")]


def test_nothing_stands_out():
    v = _rates(2.0, {"3007012": (2.9, 5.0), "3007022": (1.4, 3.0)})   # 1,45 x and 0,7 x
    got = extreme_gminas(v, "3007", 2024, {"3007012": "Alfa", "3007022": "Beta"})
    assert got.high == [] and got.low == []
    (para,) = text.extreme_rates(got.year, got.powiat_rate, got.high, got.low, HIGH_RATIO, "4.1")
    assert para.endswith("W żadnej gminie wskaźnik ten nie był co najmniej 1,5-krotnie wyższy "
                         "niż w powiecie.")


# ---- the forms of care ------------------------------------------------------------------------
def test_family_form_sentences_agree_with_their_numbers():
    assert text.family_form_state("spokrewnione", 2024, 25, 33, 2020, 29, 38) == (
        "Na koniec 2024 r. w powiecie działało 25\u00a0rodzin zastępczych spokrewnionych "
        "(w 2020 r. – 29), w których przebywało 33\u00a0dzieci (w 2020 r. – 38).")
    assert text.family_form_state("rodzinne_domy_dziecka", 2024, 1, 5) == (
        "Na koniec 2024 r. w powiecie działał 1\u00a0rodzinny dom dziecka, w którym przebywało "
        "5\u00a0dzieci.")
    assert text.family_form_state("niezawodowe", 2024, 3, float("nan")).startswith(
        "Na koniec 2024 r. w powiecie działały 3\u00a0rodziny zastępcze niezawodowe; dane nie "
        "podają liczby dzieci")
    assert text.family_form_state("zawodowe", 2024, float("nan"), float("nan")) == (
        "Dane nie podają liczby rodzin zastępczych zawodowych ani dzieci w nich przebywających.")


def test_a_form_mapped_to_a_goal_the_plan_lacks_is_an_error(tmp_path):
    src = FOSTER.read_text(encoding="utf-8")
    assert src.count('  placowki: "2.1"') == 1
    bad = tmp_path / "program_pieczy.yaml"
    bad.write_text(src.replace('  placowki: "2.1"', '  placowki: "7.1"'), encoding="utf-8")
    with pytest.raises(PlanError, match="forma 'placowki' wskazuje cel szczegółowy 7.1"):
        form_goals(load_plan(bad))
    bad.write_text(src.replace('  placowki: "2.1"', '  internat: "2.1"'), encoding="utf-8")
    with pytest.raises(PlanError, match="nieznana forma pieczy 'internat'"):
        form_goals(load_plan(bad))


# ---- the demo programme ----------------------------------------------------------------------
@pytest.fixture(scope="module")
def demo():
    from strategy.diagnosis import powiat_values
    from strategy.ingest.loading import load_inputs
    from strategy.plan.index import plan_index
    from strategy.units import default_registry

    store, problems, _ = load_inputs([ROOT / "data/raw/demo"], powiat="3007")
    assert not problems
    vals, _ = powiat_values(store, "3007")
    plans = [load_plan(e.path) for e in plan_index(ROOT / "data/raw/plany")]
    return store, vals, plans, default_registry()


@pytest.fixture(scope="module")
def demo_doc(demo, tmp_path_factory):
    from strategy.inputs.load import load_foster

    store, *_ = demo
    out = tmp_path_factory.mktemp("piecza") / "piecza.docx"
    return docx.Document(build_program_pieczy_zastepczej(load_foster(store, load_plan(FOSTER)),
                                                         out))


def _section(doc, starts: str) -> list[str]:
    """Return the paragraphs from the heading starting with ``starts`` to the next heading,
    no-break spaces as spaces."""
    paras = doc.paragraphs
    i = next(i for i, p in enumerate(paras)
             if p.style.name.startswith("Heading") and p.text.startswith(starts))
    out = []
    for p in paras[i + 1:]:
        if p.style.name.startswith("Heading"):
            break
        out.append(p.text.replace(NBSP, " "))   # the page keeps "2024 r." together
    return out


def test_demo_programme_has_a_section_for_each_form_of_care(demo_doc):
    h3 = [p.text for p in demo_doc.paragraphs if p.style.name == "Heading 3"]
    for words in ("spokrewnionych", "niezawodowych",
                  "zawodowe, w tym pełniące funkcję pogotowia rodzinnego", "Rodzinne domy dziecka",
                  "placówkach opiekuńczo-wychowawczych", "samodzielnego życia",
                  "najwyższym wskaźniku"):
        assert sum(words in h for h in h3) == 1, words
    # each form with its figures of 2024 from the demo data (rz_* and dzieci_* of 3007)
    kin = " ".join(_section(demo_doc, "Cel szczegółowy 1.1."))
    assert "działało 25 rodzin zastępczych spokrewnionych (w 2020 r. – 29)" in kin
    assert "przebywało 33 dzieci" in kin
    assert "działało 15 rodzin zastępczych niezawodowych" in " ".join(
        _section(demo_doc, "Cel szczegółowy 1.3."))
    pro = " ".join(_section(demo_doc, "Cel szczegółowy 1.4."))
    assert "działało 6 rodzin zastępczych zawodowych" in pro
    assert "8 w 2026 r., 9 w 2027 r. i 10 w 2028 r." in pro      # limit_rodzin_zawodowych
    assert "działały 2 rodzinne domy dziecka" in " ".join(
        _section(demo_doc, "Cel szczegółowy 1.5."))
    # placówki: 21 children of 105 in care = 20,0 %; 14 + 8 = 22 places, 13 + 8 = 21 occupied;
    # the path: 21 -> 15 children in placówki and 85 % in family care in 2028, none under 10
    inst = " ".join(_section(demo_doc, "Cel szczegółowy 2.1."))
    assert "przebywało 21 dzieci (w 2020 r. – 21), tj. 20,0% dzieci w pieczy" in inst
    assert "mają łącznie 22 miejsca, zajętych 21" in inst
    assert "z 21 w 2024 r. do 15 w 2028 r." in inst and "do 85% w 2028 r." in inst
    assert "przed ukończeniem 10 lat" in inst
    assert "w 2024 r. 4 (w 2020 r. – 6)" in " ".join(_section(demo_doc, "Cel szczegółowy 3.1."))
    # Mycielin: 16,85 per 1000 against the powiat's 6,67 = 2,53 times
    gm = " ".join(_section(demo_doc, "Dzieci w pieczy zastępczej według gminy pochodzenia"))
    assert "w gminie Mycielin: 16,9, tj. 2,5-krotność wartości powiatu" in gm
    assert "ośrodkiem pomocy społecznej gminy Mycielin" in gm
    assert "ma gmina Mycielin" in " ".join(_section(demo_doc, "Cel szczegółowy 4.1."))


def test_demo_control_has_no_finding_about_the_foster_programme(demo):
    from strategy.consistency import check_powiat

    _, vals, plans, reg = demo
    strat = next(p for p in plans if p.kind == "strategia_powiatu")
    programmes = [p for p in plans if p is not strat]
    assert "program_pieczy_zastepczej" in {p.kind for p in programmes}
    got = check_powiat(strat, programmes, vals, name=reg.display_name)
    about = [f for f in got.findings if "pieczy zastępczej" in f.text
             or any("pieczy zastępczej" in str(w) for w in (f.where or ()))]
    assert about == []
    for kind in ("cel_wskaznika", "kwoty_zadan"):
        assert got.status(kind).state == "sprawdzono", kind
