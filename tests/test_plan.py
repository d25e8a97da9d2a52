from pathlib import Path

import pytest

from strategy.errors import PlanError
from strategy.plan import load_plan

PLANS = Path(__file__).resolve().parents[1] / "data" / "raw" / "plany"

MINIMAL = """\
dokument: strategia_powiatu
jednostka: "3007"
instytucja: PCPR
lata: [2026, 2035]
cele_strategiczne:
  - id: "1"
    nazwa: Cel
    cele_operacyjne:
      - id: "1.1"
        nazwa: Cel operacyjny
        kierunki:
          - id: "1.1.1"
            nazwa: Kierunek
            realizatorzy: [PCPR]
            termin: 2026-2035
        wskazniki:
          - wskaznik: rodziny_na_asystenta
            cel: 12
            rok_docelowy: 2030
finansowanie:
  - zrodlo: budżet powiatu
    kwoty: {2026: "1 250 000,50", 2027: 100}
"""


def write(tmp_path, text, name="plan.yaml"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_demo_plans_load():
    kinds = {load_plan(p).kind for p in PLANS.glob("*.yaml")}
    assert kinds == {"strategia_powiatu", "program_wspierania_rodziny", "program_pieczy_zastepczej"}
    strat = load_plan(PLANS / "DANE_DEMONSTRACYJNE_3007_strategia.yaml")
    assert strat.demo and strat.years == (2026, 2035) and strat.unit == "3007"
    assert all(og.directions for g in strat.goals for og in g.operational)
    assert strat.funding_years() == list(range(2026, 2036))


def test_minimal_plan_parses_polish_amounts(tmp_path):
    plan = load_plan(write(tmp_path, MINIMAL))
    assert plan.funding[0].amounts == {2026: 1250000.5, 2027: 100.0}
    (og, t), = plan.targets()
    assert (t.indicator, t.target, t.target_year) == ("rodziny_na_asystenta", 12.0, 2030)
    assert t.name.startswith("Przeciętne obciążenie asystenta")


@pytest.mark.parametrize("old,new,message,line", [
    ("wskaznik: rodziny_na_asystenta", "wskaznik: rodziny_na_asystentke",
     "nieznany wskaźnik 'rodziny_na_asystentke'", 17),
    ("            rok_docelowy: 2030\n", "", "wartość docelowa bez roku", 17),
    ('2026: "1 250 000,50"', '2026: "dużo"', "'dużo' nie jest liczbą", 22),
    ("""        kierunki:
          - id: "1.1.1"
            nazwa: Kierunek
            realizatorzy: [PCPR]
            termin: 2026-2035
""", "", "nie ma żadnego kierunku działań", 9),
    ("lata: [2026, 2035]", "lata: [2035, 2026]", "rok końcowy 2026 przed początkowym 2035", 4),
    ('jednostka: "3007"', 'jednostka: "3017016"', "rodzaju gminy", 2),
])
def test_plan_errors_name_file_and_line(tmp_path, old, new, message, line):
    assert old in MINIMAL
    p = write(tmp_path, MINIMAL.replace(old, new))
    with pytest.raises(PlanError) as exc:
        load_plan(p)
    text = str(exc.value)
    assert message in text
    assert f"plik plan.yaml, wiersz {line}" in text


def test_all_problems_reported_at_once(tmp_path):
    bad = MINIMAL.replace("rodziny_na_asystenta", "xyz").replace('"1 250 000,50"', '"abc"')
    with pytest.raises(PlanError) as exc:
        load_plan(write(tmp_path, bad))
    assert "nieznany wskaźnik 'xyz'" in str(exc.value) and "'abc' nie jest liczbą" in str(exc.value)


def test_yaml_syntax_error_has_position(tmp_path):
    p = write(tmp_path, "dokument: strategia_powiatu\nlata: [2026, 2035\n")
    with pytest.raises(PlanError, match=r"plik plan.yaml, wiersz \d+, kolumna \d+: błąd składni YAML"):
        load_plan(p)


def test_find_plan_own_template_and_part(tmp_path):
    from strategy.plan import find_plan
    for name, unit, kind, extra in [
        ("a.yaml", "3007", "strategia_powiatu", ""),
        ("b.yaml", "3007083", "program_wspierania_rodziny", "sprawozdanie:\n  rok: 2025\n"),
        ("c.yaml", "1465011", "program_wspierania_rodziny", ""),
    ]:
        (tmp_path / name).write_text(f'dokument: {kind}\njednostka: "{unit}"\n{extra}',
                                     encoding="utf-8")
    (tmp_path / "zly.yaml").write_text("dokument: [\n", encoding="utf-8")
    assert find_plan(tmp_path, "strategia_powiatu", "3007") == tmp_path / "a.yaml"
    assert find_plan(tmp_path, "strategia_powiatu", "1465") is None
    # a gmina of powiat 3007 without its own plan gets the template of its powiat, not 1465's
    assert find_plan(tmp_path, "program_wspierania_rodziny", "3007012") == tmp_path / "b.yaml"
    assert find_plan(tmp_path, "program_wspierania_rodziny", "3007012", own=True) is None
    assert find_plan(tmp_path, "program_wspierania_rodziny", "3007083", part="sprawozdanie") \
        == tmp_path / "b.yaml"
    assert find_plan(tmp_path, "program_wspierania_rodziny", "1465011", part="sprawozdanie") is None


def test_plan_kinds_agree():
    from strategy.plan import DOCUMENT_KINDS
    from strategy.plan.index import KINDS
    assert set(KINDS) == set(DOCUMENT_KINDS)
