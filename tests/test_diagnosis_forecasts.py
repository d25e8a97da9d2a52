"""diagnose(): forecasts to the plan's last year, decided quantities as plans, the meaning of
each area's forecast for services, the methodology stating the observation counts once."""
from types import SimpleNamespace as NS

import pandas as pd
import pytest

from strategy import notebook_helpers as nh
from strategy.analysis.forecast import DEFAULT_HORIZON, WINDOW
from strategy.diagnosis import TREND_YEARS, diagnose, horizon_for
from strategy.errors import InputError
from strategy.store import Store, conform
from strategy.units import default_registry

GMINAS = [u.teryt for u in default_registry().gminas_of("3007")]
YEARS = list(range(2015, 2025))          # 10 years


def _store():
    rows = []
    for i, t in enumerate(GMINAS):
        for y in YEARS:
            rows.append((t, y, "ludnosc", 1000 * (i + 1)))
            rows.append((t, y, "beneficjenci", 10 * (i + 1) + (y - 2015)))
            rows.append((t, y, "miejsca_schronienia", 30))          # decided: 30 every year
            rows.append((t, y, "osoby_bezdomne", 20 + (y - 2015)))
    for y in YEARS[-5:]:
        rows.append(("3007", y, "sds_miejsca", 50))                 # five years at exactly 50
    df = pd.DataFrame(rows, columns=["teryt", "year", "indicator", "value"])
    return Store(frame=conform(df.assign(unit="", source="", flag="")), demo=True)


STORE = _store()


def test_horizon_comes_from_the_plan_period():
    assert horizon_for(0, NS(years=(2026, 2035))) == 2035
    assert horizon_for(2031, NS(years=(2026, 2035))) == 2031
    assert horizon_for(0, None) == DEFAULT_HORIZON == 2035
    assert nh.horizon_param(0, NS(years=(2026, 2028))) == 2028
    with pytest.raises(InputError, match="horyzont"):
        nh.horizon_param("za rok")


def test_strategy_forecasts_reach_the_last_year_of_its_period():
    d = diagnose("3007", STORE, charts=False, horizon=horizon_for(0, NS(years=(2026, 2035))))
    f = d.forecasts["beneficjenci_na_10tys"]
    assert d.horizon == 2035 and f.made and f.years[-1] == 2035 and f.years[0] == 2025


def test_places_are_not_forecast_but_shown_as_decided():
    d = diagnose("3007", STORE, charts=False)
    for ind in ("sds_miejsca", "miejsca_schronienia"):
        f = d.forecasts[ind]
        assert not f.made and f.decided and f.values == []
        assert f.refused_reason.startswith("Wielkość zależna od decyzji")
    text = " ".join(d.sentences["niepelnosprawnosc"])
    # named in the paragraph's first sentence, the indicator is referred to after it
    assert "Prognozy dla tego wskaźnika nie sporządzono: to wielkość zależna od decyzji" in text
    assert "od 50 do 50" not in text and "ok. 60" not in text
    bez = " ".join(d.sentences["bezdomnosc"])
    assert "od 30 do 30" not in bez


def test_counts_of_observations_are_stated_once():
    d = diagnose(GMINAS[0], STORE, charts=False)
    text = " ".join(s for lines in d.sentences.values() for s in lines)
    # 10 years of data = the trend's 10 years, 8 newest for the forecast: no per-item count
    assert "obserwacji" not in text
    method = " ".join(d.methodology)
    assert f"z {TREND_YEARS} ostatnich lat" in method
    assert f"Każdą prognozę oparto na {WINDOW} obserwacjach" in method


def test_each_area_with_a_forecast_says_what_it_means_for_services():
    d = diagnose(GMINAS[0], STORE, charts=False)
    pom = [s for s in d.sentences["pomoc_spoleczna"] if s.startswith("Znaczenie dla usług")]
    # beneficiaries per 10 000 of gmina 1 rise from 100 (2015) to 190 (2024): more demand
    assert len(pom) == 1 and "ma wzrosnąć" in pom[0]
    assert "większe zapotrzebowanie na świadczenia pomocy społecznej" in pom[0]
    bez = [s for s in d.sentences["bezdomnosc"] if s.startswith("Znaczenie dla usług")]
    assert len(bez) == 1 and "liczba osób bezdomnych" in bez[0]
