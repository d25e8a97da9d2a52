"""Targets against the no-action forecast and the resources, plans' amounts against unit costs
(strategy.analysis.targets, strategy.analysis.unit_costs, their categories of the control).

Every expectation is computed by hand in the test: series whose forecast is obvious (a
perfectly linear series: the fitted line passes through every point and the damped trend adds
slope x (0,8 + 0,8² + ...)), small plans built as objects and tiny values frames."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from strategy.analysis.targets import (
    FORECAST,
    RESOURCES,
    TOO_FEW,
    TYPED,
    forecast_review,
    matched_institutions,
    resource_review,
    target_flags,
)
from strategy.analysis.unit_costs import cost_checks, unit_cost
from strategy.catalog import default_catalog
from strategy.consistency import CHECKED, CHECKS, NOT_CHECKED, PARTLY, check_powiat
from strategy.consistency_targets import (
    amounts_against_unit_costs,
    targets_against_forecast,
    targets_against_resources,
)
from strategy.plan.model import (
    Direction,
    Funding,
    Institution,
    OperationalGoal,
    Plan,
    StrategicGoal,
    Target,
)

NBSP = "\u00a0"
CAT = default_catalog()


def target(indicator=None, value=0.0, year=2026, *, name=None, unit="", baseline=None,
           why=""):
    return Target(name=name or (CAT.get(indicator).name if indicator else "Wskaźnik"),
                  indicator=indicator, target=value, target_year=year, baseline=baseline,
                  unit=unit, justification=why)


def direction(id="1.1.1", name="Działanie", outputs=(), costs=()):
    return Direction(id=id, name=name, leads=["PCPR"], partners=[], timeframe="2026-2028",
                     funding=[], outputs=list(outputs), costs=list(costs))


def plan(targets=(), directions=None, *, unit="3007", kind="strategia_powiatu",
         years=(2026, 2028), institutions=(), funding=()):
    og = OperationalGoal("1.1", "Wsparcie", directions if directions is not None
                         else [direction()], list(targets))
    return Plan(path=Path("plan.yaml"), kind=kind, unit=unit, institution="PCPR", years=years,
                goals=[StrategicGoal("1", "Rodzina", [og])], institutions=list(institutions),
                funding=list(funding), institutions_as_of=dt.date(2024, 12, 31))


def frame(rows):
    return pd.DataFrame(rows, columns=["teryt", "year", "indicator", "value"])


def series(teryt, indicator, by_year):
    return [(teryt, y, indicator, float(v)) for y, v in by_year.items()]


# a perfectly linear series 2019-2024: 10, 9, ..., 5 (slope -1); the damped forecast for 2026
# is 5 - (0,8 + 0,64) = 3,56 and the interval has no width (no residuals)
FALLING = {2019 + i: 10 - i for i in range(6)}
# rising 70, 71, ..., 75: 2026 -> 75 + 1,44 = 76,44
RISING = {2019 + i: 70 + i for i in range(6)}


# ---- against the forecast ----------------------------------------------------------------------
def test_a_target_no_better_than_the_forecast_of_a_falling_indicator_is_flagged():
    v = frame(series("3007", "udzial_bezrobotnych", FALLING))   # less is better
    (f,) = target_flags(plan([target("udzial_bezrobotnych", 4.0, 2026)]), v)
    assert f.kind == FORECAST and f.goal == "1.1" and f.detail["part"] == "cel"
    assert f.indicator == "udzial_bezrobotnych" and f.year == 2026 and f.target == 4.0
    assert f.reference == pytest.approx(3.56)
    assert f.low == pytest.approx(3.56) and f.high == pytest.approx(3.56)
    assert f.baseline == 5.0 and f.detail["baseline_year"] == 2024 and not f.justified
    assert f.detail["obs_years"] == list(range(2019, 2025))
    # equal to the forecast: still no better than doing nothing
    (f,) = target_flags(plan([target("udzial_bezrobotnych", 3.56, 2026)]), v)
    assert f.target == pytest.approx(f.reference)
    # below the forecast: better than the trend, no flag
    assert target_flags(plan([target("udzial_bezrobotnych", 3.5, 2026)]), v) == []


def test_a_target_of_a_rising_indicator_and_a_justified_one():
    v = frame(series("3007", "udzial_pieczy_rodzinnej", RISING))  # more is better
    (f,) = target_flags(plan([target("udzial_pieczy_rodzinnej", 76.0, 2026)]), v)
    assert f.reference == pytest.approx(76.44) and f.target == 76.0
    assert target_flags(plan([target("udzial_pieczy_rodzinnej", 77.0, 2026)]), v) == []
    (f,) = target_flags(plan([target("udzial_pieczy_rodzinnej", 76.0, 2026,
                                     why="kandydatów na rodziny brakuje")]), v)
    assert f.justified and f.justification == "kandydatów na rodziny brakuje"


def test_a_later_target_year_follows_the_damped_trend():
    # 2028: 5 - (0,8 + 0,64 + 0,512 + 0,4096) = 2,6384; the plan ends in 2028
    v = frame(series("3007", "udzial_bezrobotnych", FALLING))
    (f,) = target_flags(plan([target("udzial_bezrobotnych", 3.0, 2028)]), v)
    assert f.reference == pytest.approx(2.6384) and f.detail["horizon"] == 2028


def test_no_forecast_no_flag():
    v = frame(series("3007", "udzial_bezrobotnych", FALLING)
              + series("3007", "zgony_na_1000", FALLING)
              + series("3007", "asystenci_rodziny", RISING)
              + series("3007", "beneficjenci_na_10tys", {2021: 9, 2022: 8, 2023: 7, 2024: 6}))
    p = plan([target("zgony_na_1000", 9.0, 2026),            # neutral: no favourable way
              target("asystenci_rodziny", 70.0, 2026),        # decided by the gmina: no trend
              target("udzial_bezrobotnych", 9.0, 2024),       # a year within the data
              target("beneficjenci_na_10tys", 9.0, 2026),     # 4 years: too few for a forecast
              target(None, 1.0, 2026, name="Liczba porad", unit="porada")])  # typed
    review = forecast_review(p, v)
    assert review.flags == [] and review.checked == 0
    assert [(g.name, g.reason) for g in review.gaps] == [
        (CAT.get("beneficjenci_na_10tys").name, TOO_FEW), ("Liczba porad", TYPED)]


# ---- against the staff and places --------------------------------------------------------------
def test_families_per_assistant_lowered_with_the_same_assistant():
    # Stawiszyn-like: 9,0 families per assistant with 1 assistant (9 families); the target
    # 7,7 for 2028 with no assistants' target: 7,7 x 1 = 7,7 families < 9
    v = frame([("3007052", 2024, "rodziny_na_asystenta", 9.0),
               ("3007052", 2024, "asystenci_rodziny", 1.0)])
    p = plan([target("rodziny_na_asystenta", 7.7, 2028)], unit="3007052",
             kind="program_wspierania_rodziny")
    (f,) = resource_review(p, v).flags
    assert f.kind == RESOURCES and f.baseline == 9.0 and f.target == 7.7
    assert f.reference == pytest.approx(9.0)          # 9 families / 1 assistant
    d = f.detail
    assert d["staff_source"] == "dane" and d["staff_target"] == 1.0
    assert d["served_baseline"] == pytest.approx(9.0)
    assert d["served_implied"] == pytest.approx(7.7)
    # with 2 assistants planned for 2028: 7,7 x 2 = 15,4 families >= 9, no flag
    p.goals[0].operational[0].targets.append(target("asystenci_rodziny", 2.0, 2028))
    review = resource_review(p, v)
    assert review.flags == [] and review.checked == 1


def test_staff_interpolated_towards_a_later_target():
    # Mycielin-like: 13,5 families with 2 assistants (27 families); target 12,9 for 2028;
    # 2 assistants planned for 2030 -> 2 in 2028: 25,8 families < 27; the ratio keeping 27
    # families with 2 assistants is 13,5. With 4 planned for 2030: 2 + (4 - 2) x 4 / 6 = 3,33
    # assistants in 2028 and 43 families - no flag.
    v = frame([("3007062", 2024, "rodziny_na_asystenta", 13.5),
               ("3007062", 2024, "asystenci_rodziny", 2.0)])
    p = plan([target("rodziny_na_asystenta", 12.9, 2028), target("asystenci_rodziny", 2.0, 2030)],
             unit="3007062", kind="program_wspierania_rodziny", years=(2026, 2030))
    (f,) = target_flags(p, v)
    assert f.kind == RESOURCES and f.reference == pytest.approx(13.5)
    assert f.detail["staff_source"] == "interpolacja"
    assert f.detail["served_implied"] == pytest.approx(25.8)
    p.goals[0].operational[0].targets[1].target = 4.0
    assert target_flags(p, v) == []


def oik(occupied):
    return Institution("oik", "Ośrodek Interwencji Kryzysowej", places=6, occupied=occupied)


HOSTEL = target(None, 8.0, 2028, name="Liczba miejsc hostelowych w OIK", unit="miejsce",
                baseline=6.0)


def test_more_places_in_a_half_empty_hostel():
    # 3 of 6 places occupied (50 % < 80 %) and the target raises the places from 6 to 8
    p = plan(directions=[direction("2.3.1", "Rozwój OIK", outputs=[HOSTEL])],
             institutions=[oik(3)])
    (f,) = target_flags(p, frame([]))
    assert f.kind == RESOURCES and f.goal == "2.3.1" and f.detail["part"] == "kierunek"
    assert f.baseline == 6.0 and f.target == 8.0 and f.reference == 3.0
    assert f.detail["occupancy"] == pytest.approx(0.5)
    # 5 of 6 occupied (83 %): the places are used, no flag
    p = plan(directions=[direction("2.3.1", "Rozwój OIK", outputs=[HOSTEL])],
             institutions=[oik(5)])
    review = resource_review(p, frame([]))
    assert review.flags == [] and review.checked == 1


def test_places_matched_to_the_institution_the_name_names():
    trening = Institution("mieszkanie", "Mieszkanie treningowe w Opatówku",
                          profile="dla usamodzielnianych wychowanków", places=4, occupied=3)
    chronione = Institution("mieszkanie", "Mieszkanie chronione w Koźminku",
                            profile="dla osób z zaburzeniami psychicznymi", places=5, occupied=5)
    p = plan(institutions=[trening, chronione])
    assert matched_institutions(p, "Liczba miejsc w mieszkaniach treningowych") == [trening]
    assert matched_institutions(p, "Liczba miejsc w mieszkaniach chronionych") == [chronione]
    assert matched_institutions(p, "Liczba miejsc w mieszkaniach") == [trening, chronione]
    assert matched_institutions(p, "Liczba mieszkańców") == []
    tr = target(None, 8.0, 2030, name="Liczba miejsc w mieszkaniach treningowych",
                unit="miejsce", baseline=4.0)
    ch = target(None, 8.0, 2030, name="Liczba miejsc w mieszkaniach chronionych",
                unit="miejsce", baseline=5.0)
    p.goals[0].operational[0].directions[0].outputs += [tr, ch]
    (f,) = target_flags(p, frame([]))                # 3 of 4 (75 %) vs 5 of 5
    assert f.name == tr.name and f.reference == 3.0


# ---- unit costs -----------------------------------------------------------------------------
ASSISTANT_2024 = [("3007083", 2024, "koszt_asystentow", 158_028.4),
                  ("3007083", 2024, "asystenci_rodziny", 2.0)]


def test_unit_cost_of_an_assistant_and_of_a_child_in_care():
    v = frame(ASSISTANT_2024 + [
        ("3007", 2024, "wydatki_piecza_powiat", 4_754_203.23),
        ("3007", 2024, "dzieci_rz_spokrewnione", 40.0), ("3007", 2024, "dzieci_rz_niezawodowe", 20.0),
        ("3007", 2024, "dzieci_rz_zawodowe", 20.0), ("3007", 2024, "dzieci_rdd", 4.0),
        ("3007", 2024, "dzieci_placowki", 21.0)])
    uc = unit_cost(v, "asystent", "3007083")
    assert (uc.teryt, uc.year, uc.amount) == ("3007083", 2024, pytest.approx(79_014.2))
    uc = unit_cost(v, "dziecko_piecza", "3007")       # 4 754 203,23 / 105 children
    assert uc.amount == pytest.approx(45_278.13, abs=0.01)
    assert unit_cost(v, "asystent", "3007012") is None  # neither the gmina nor its powiat
    # a gmina without its own figures takes its powiat's
    v = frame([("3007", 2024, "koszt_asystentow", 1_200_000.0),
               ("3007", 2024, "asystenci_rodziny", 15.0)])
    assert unit_cost(v, "asystent", "3007012").teryt == "3007"


def gmina_programme(costs=None, own=185_000 + 60_000 + 14_000):
    """Opatówek-like: 4 assistants in 2028 (goal 1.1); the assistants' direction has
    ``costs`` in 2028, or the plan has only a frame: ``own`` + 130 000 co-financing of foster
    care in 2028."""
    dirs = [direction("1.1.1", "Zatrudnienie asystentów rodziny",
                      costs=[Funding("budżet gminy", {2028: costs})] if costs else []),
            direction("1.1.2", "Dyżury pracownika socjalnego i asystenta rodziny")]
    funding = [] if costs else [Funding("budżet gminy", {2028: own}),
                                Funding("współfinansowanie pieczy zastępczej (budżet gminy)",
                                        {2028: 130_000.0})]
    return plan([target("asystenci_rodziny", 4.0, 2028)], dirs, unit="3007083",
                kind="program_wspierania_rodziny", funding=funding)


def test_a_frame_too_small_for_the_assistants_it_plans():
    # one assistant cost 158 028,40 / 2 = 79 014,20 zł in 2024 (one year: not carried
    # forward); 4 x 79 014,20 = 316 056,80 zł; the frame without the co-financing of foster
    # care: 259 000 zł, 18 % less - more than 15 %
    v = frame(ASSISTANT_2024)
    (c,), skips = cost_checks(gmina_programme(), v)
    assert skips == [] and c.part == "ramy" and c.direction == "1.1.1"
    assert c.target_part == "cel 1.1" and c.year == 2028 and c.count == 4.0
    assert c.planned == 259_000.0 and not c.carried
    assert c.expected == pytest.approx(316_056.8) and c.finding
    assert c.difference == pytest.approx(259_000 / 316_056.8 - 1)
    # a frame above the assistants' cost says nothing: other tasks use the money
    (c,), _ = cost_checks(gmina_programme(own=500_000.0), v)
    assert not c.finding
    # the control's sentence names both amounts, the count and the unit cost with its year
    got, st = amounts_against_unit_costs([gmina_programme()], v, catalog=CAT,
                                         name={"3007083": "Opatówek"}.get)
    (f,) = got
    assert f.values == (259_000.0, pytest.approx(316_056.8))
    assert f.text == (
        f"Ramy finansowe (program wspierania rodziny gminy Opatówek, bez współfinansowania "
        f"pieczy zastępczej) mają na 2028{NBSP}r. 259{NBSP}000{NBSP}zł, a liczba asystentów "
        f"rodziny, którą dokument ustala na ten rok (cel 1.1), to 4 – przy koszcie jednego "
        f"asystenta rodziny 79{NBSP}014{NBSP}zł (według danych gminy za 2024{NBSP}r.) potrzeba "
        f"316{NBSP}057{NBSP}zł; kwota jest o 18% mniejsza.")
    assert f.where == (f"program wspierania rodziny gminy Opatówek, ramy finansowe, 2028{NBSP}r.",
                       f"dane gminy, 2024{NBSP}r.")
    assert st.state == PARTLY and "sprawdzono tylko, czy ramy finansowe wystarczą" in st.note


def test_direction_costs_compared_both_ways_with_the_cost_carried_forward():
    # cost per assistant 60 000, 65 000, ..., 80 000 zł in 2020-2024 (2 assistants, spending
    # twice that): a perfect line, carried to 2028 as 80 000 + 5 000 x (0,8 + 0,64 + 0,512 +
    # 0,4096) = 91 808 zł; 4 assistants: 367 232 zł
    rows = []
    for i, y in enumerate(range(2020, 2025)):
        rows += [("3007083", y, "koszt_asystentow", 2 * (60_000.0 + 5_000 * i)),
                 ("3007083", y, "asystenci_rodziny", 2.0)]
    v = frame(rows)
    (c,), _ = cost_checks(gmina_programme(costs=350_000.0), v)
    assert c.part == "kierunek" and c.carried
    assert c.cost_in_year == pytest.approx(91_808.0) and c.expected == pytest.approx(367_232.0)
    assert not c.finding                               # 4,7 % less
    (c,), _ = cost_checks(gmina_programme(costs=450_000.0), v)
    assert c.finding and c.difference == pytest.approx(450_000 / 367_232 - 1)   # 22,5 % more
    got, _ = amounts_against_unit_costs([gmina_programme(costs=450_000.0)], v, catalog=CAT)
    assert "Kierunek 1.1.1 (program wspierania rodziny gminy 3007083) ma na 2028" in got[0].text
    assert f"91{NBSP}808{NBSP}zł (w 2024{NBSP}r. według danych gminy 80{NBSP}000{NBSP}zł" \
        in got[0].text
    assert got[0].text.endswith("kwota jest o 23% większa.")
    (c,), _ = cost_checks(gmina_programme(costs=300_000.0), v)
    assert c.finding and c.difference < -0.15          # 18,3 % less


def test_no_unit_cost_in_the_data_is_not_checked():
    got, st = amounts_against_unit_costs([gmina_programme()], frame([]), catalog=CAT,
                                         name={"3007083": "Opatówek"}.get)
    assert got == [] and st.state == NOT_CHECKED
    assert st.note == ("dane nie mają kosztu jednostkowego dla: „Liczba asystentów rodziny” "
                       "(program wspierania rodziny gminy Opatówek, cel 1.1)")


# ---- the control's categories ------------------------------------------------------------------
def test_the_control_reports_the_new_categories():
    assert {"cel_prognoza", "cel_zasoby", "koszt_jednostkowy"} <= set(CHECKS)
    v = frame(series("3007", "udzial_bezrobotnych", FALLING)
              + series("3007", "udzial_pieczy_rodzinnej", RISING))
    s = plan([target("udzial_bezrobotnych", 4.0, 2026),
              target("udzial_pieczy_rodzinnej", 76.0, 2026, why="Brakuje kandydatów.")],
             directions=[direction("2.3.1", "Rozwój OIK", outputs=[HOSTEL])],
             institutions=[oik(3)])
    got = check_powiat(s, [], v)
    weak, justified = [f for f in got.findings if f.kind == "cel_prognoza"]
    assert not weak.note and weak in got.inconsistencies
    assert weak.values == (4.0, pytest.approx(3.56))
    assert weak.where == (f"strategia, cel 1.1, 2026{NBSP}r.",
                          f"prognoza z danych powiatu do 2024{NBSP}r.")
    assert weak.text.startswith(
        f"Wskaźnik „{CAT.get('udzial_bezrobotnych').name}” (strategia, cel 1.1) ma wartość "
        f"docelową 4,0% na 2026{NBSP}r., a prognoza przy utrzymaniu dotychczasowego trendu "
        f"daje na ten rok 3,6% (przedział prognozy 3,6–3,6%, dane z lat 2019–2024)")
    assert weak.text.endswith(f"Wartość bazowa: 5,0% (2024{NBSP}r.).")
    # a justified target is a note quoting its justification
    assert justified.note and justified in got.notes
    assert justified.text.endswith("Dokument uzasadnia ten cel: „Brakuje kandydatów”.")
    (places,) = [f for f in got.findings if f.kind == "cel_zasoby"]
    assert places.values == (8.0, 0.5) and "zajęte miejsca to 3 z 6 (50%" in places.text
    assert got.status("cel_prognoza").state == CHECKED
    assert got.status("cel_zasoby").state == CHECKED
    assert got.status("koszt_jednostkowy") .state == NOT_CHECKED
    assert got.conclusion().startswith(f"Stwierdzono 2{NBSP}niespójności")
    assert f"Zapisano też 1{NBSP}uwagę" in got.conclusion()


def test_statuses_of_targets_that_cannot_be_judged():
    v = frame(series("3007", "beneficjenci_na_10tys", {2022: 5, 2023: 4, 2024: 3}))
    s = plan([target("beneficjenci_na_10tys", 2.0, 2026),
              target(None, 1.0, 2026, name="Liczba porad", unit="porada")],
             directions=[direction(outputs=[HOSTEL])])       # no institutions described
    _, st = targets_against_forecast([s], v, catalog=CAT)
    assert st.state == NOT_CHECKED
    # typed: "Liczba porad" and the hostel's places
    assert st.note == (f"za mało lat z danymi do prognozy: „{CAT.get('beneficjenci_na_10tys').name}"
                       "” (strategia, cel 1.1); wskaźniki opisane tylko w dokumencie (bez "
                       "danych statystycznych) nie są prognozowane: strategia – 2")
    _, st = targets_against_resources([s], v, catalog=CAT)
    assert st.state == NOT_CHECKED and st.note == (
        "dokument nie opisuje instytucji z zajętymi miejscami dla: „Liczba miejsc hostelowych "
        "w OIK” (strategia, kierunek 1.1.1)")


def test_the_spending_check_says_plainly_what_it_compares():
    what = CHECKS["program_wydatki"][1]
    assert "dwa razy mniejsze" not in what
    assert "nie odbiegają więcej niż dwukrotnie" in what


def test_the_reports_spending_on_assistants_against_their_number():
    # the report for 2026: 3 assistants, 57 310,00 + 109 403,62 = 166 713,62 zł from the
    # sources naming them; one assistant cost 79 014,20 zł in 2024 (one year of data: not
    # carried forward), 3 x 79 014,20 = 237 042,60 zł - the spending is 29,7 % below
    p = gmina_programme(costs=320_000.0)
    p.extra["sprawozdanie"] = {"rok": 2026, "asystenci": {"liczba": 3}, "wydatki": [
        {"zrodlo": "program rządowy (asystent rodziny)", "kwota": 57_310.0},
        {"zrodlo": "budżet gminy (asystenci rodziny)", "kwota": 109_403.62},
        {"zrodlo": "współfinansowanie pieczy zastępczej", "kwota": 117_406.38}]}
    v = frame(ASSISTANT_2024)
    got, _ = amounts_against_unit_costs([p], v, catalog=CAT, name={"3007083": "Opatówek"}.get)
    (f,) = [x for x in got if "Sprawozdanie" in x.text]
    assert f.values == (pytest.approx(166_713.62), pytest.approx(237_042.6))
    assert f.text == (
        f"Sprawozdanie za 2026{NBSP}r. (program wspierania rodziny gminy Opatówek) podaje na "
        f"asystentów rodziny 166{NBSP}713,62{NBSP}zł wydatków przy liczbie asystentów 3, a przy "
        f"koszcie jednego asystenta rodziny 79{NBSP}014{NBSP}zł (według danych gminy za "
        f"2024{NBSP}r.) daje to 237{NBSP}043{NBSP}zł; wydatki są o 30% mniejsze.")
    # the items of the direction the report names pay the assistants: 240 000 zł is within
    # 15 % of 237 042,60 zł
    p.extra["sprawozdanie"] = {"rok": 2026, "asystenci": {"kierunek": "1.1.1", "liczba": 3},
                               "wydatki": [{"kierunek": "1.1.1", "zrodlo": "budżet gminy",
                                            "kwota": 240_000.0}]}
    got, _ = amounts_against_unit_costs([p], v, catalog=CAT)
    assert not [x for x in got if "Sprawozdanie" in x.text]


def test_flags_of_one_target_for_marking_its_row():
    from strategy.analysis.targets import flags_of
    v = frame(series("3007", "udzial_bezrobotnych", FALLING))
    weak, fine = target("udzial_bezrobotnych", 4.0, 2026), target("udzial_bezrobotnych", 3.0, 2026)
    p = plan([weak, fine])
    flags = target_flags(p, v)
    assert [f.target for f in flags_of(flags, "1.1", weak)] == [4.0]
    assert flags_of(flags, "1.1", fine) == [] and flags_of(flags, "9.9", weak) == []
    # an empty values frame: no flag, no error
    assert target_flags(p, pd.DataFrame()) == []
    checks, skips = cost_checks(gmina_programme(), pd.DataFrame())
    assert checks == [] and [x.reason for x in skips] == ["brak_kosztu"]


def test_the_categories_state_the_thresholds_the_checks_use():
    from strategy.analysis.targets import OCCUPANCY_MIN
    from strategy.analysis.unit_costs import TOLERANCE
    assert f"{round(TOLERANCE * 100)}%" in CHECKS["koszt_jednostkowy"][1]
    assert f"{round(OCCUPANCY_MIN * 100)}%" in CHECKS["cel_zasoby"][1]
