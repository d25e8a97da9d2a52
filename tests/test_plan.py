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
    # the bracket opened in line 2, column 7 is never closed
    with pytest.raises(PlanError, match=r"^plik plan.yaml, wiersz 2, kolumna 7: niedomknięty "
                                        r"nawias kwadratowy"):
        load_plan(p)


@pytest.mark.parametrize("old,new,where,message", [
    # a tab before "- id" of the first strategic goal (line 6, column 1)
    ('  - id: "1"\n', '\t- id: "1"\n', "wiersz 6, kolumna 1", "znak tabulacji"),
    # "nazwa" of the operational goal one space to the left of its "id" (line 10, column 8)
    ("        nazwa: Cel operacyjny", "       nazwa: Cel operacyjny", "wiersz 10, kolumna 8",
     "niezgodne wcięcie"),
    ("instytucja: PCPR", "instytucja: PCPR: Kalisz", "wiersz 3, kolumna 17", "dwukropek"),
    ("instytucja: PCPR", "instytucja: !!python/object/apply:os.system ['echo x']",
     "wiersz 3, kolumna 13", "niedozwolony znacznik '!!python/object/apply:os.system'"),
    # the second "lata" (the plan's own, now in line 5) repeats the one inserted in line 4
    ("instytucja: PCPR", "instytucja: PCPR\nlata: [2026, 2030]", "wiersz 5, kolumna 1",
     "pole 'lata' powtórzone"),
])
def test_yaml_problems_in_polish_with_line_and_column(tmp_path, old, new, where, message):
    assert old in MINIMAL
    with pytest.raises(PlanError) as exc:
        load_plan(write(tmp_path, MINIMAL.replace(old, new)))
    assert str(exc.value).startswith(f"plik plan.yaml, {where}: ")
    assert message in str(exc.value)
    assert "found" not in str(exc.value) and "expected" not in str(exc.value)  # no English


@pytest.mark.parametrize("written,code", [("0607", "0607"), ("0201011", "0201011"),
                                          ('"0607"', "0607"), ("3007", "3007")])
def test_unit_code_is_the_text_written_never_an_octal_number(tmp_path, written, code):
    from strategy.plan import plan_index
    text = MINIMAL.replace('jednostka: "3007"', f"jednostka: {written}")
    if len(code) == 7:
        text = text.replace("strategia_powiatu", "program_wspierania_rodziny")
    p = write(tmp_path, text)
    # 0607 read as YAML 1.1 would be the octal number 391
    [entry] = plan_index(tmp_path)
    assert (entry.unit, entry.error) == (code, "")
    assert load_plan(p).unit == code


@pytest.mark.parametrize("written,lost", [("607", "0607"), ("201011", "0201011")])
def test_a_code_that_lost_its_leading_zero_is_named(tmp_path, written, lost):
    from strategy.plan import plan_index
    p = write(tmp_path, MINIMAL.replace('jednostka: "3007"', f"jednostka: {written}"))
    with pytest.raises(PlanError) as exc:
        load_plan(p)
    assert f"plik plan.yaml, wiersz 2: pole 'jednostka': '{written}'" in str(exc.value)
    assert f"kod {lost} bez zera na początku" in str(exc.value)
    [entry] = plan_index(tmp_path)
    assert entry.unit == lost and f"kod {lost} bez zera" in entry.error


def test_aliases_expanding_beyond_the_limit_are_refused_quickly(tmp_path):
    # ten levels of ten aliases each: 10**10 items once written out
    lines = ["- &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"- &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 10)]
    text = MINIMAL + "zgodnosc:\n" + "".join(f"  {line}\n" for line in lines)
    p = write(tmp_path, text)
    with pytest.raises(PlanError, match=r"po rozwinięciu odwołań .* ponad 250 000 elementów"):
        load_plan(p)
    from strategy.plan import plan_index
    [entry] = plan_index(tmp_path)
    assert "po rozwinięciu odwołań" in entry.error
    assert (entry.kind, entry.unit) == ("strategia_powiatu", "3007")  # still attributed


def test_a_few_aliases_are_fine(tmp_path):
    text = MINIMAL.replace("realizatorzy: [PCPR]", "realizatorzy: &kto [PCPR, MOPS]") \
        + "monitoring:\n  zespol: *kto\n"
    plan = load_plan(write(tmp_path, text))
    assert plan.goals[0].operational[0].directions[0].leads == ["PCPR", "MOPS"]
    assert plan.monitoring["zespol"] == ["PCPR", "MOPS"]


def test_broken_file_is_indexed_with_its_error_and_its_unit(tmp_path):
    from strategy.plan import find_plan, plan_index
    from strategy.plan.index import find_entry
    write(tmp_path, MINIMAL.replace('  - id: "1"\n', '\t- id: "1"\n'))
    (tmp_path / "inny.yaml").write_text("a: [\n", encoding="utf-8")
    index = plan_index(tmp_path)
    broken = {e.path.name: e for e in index}
    assert broken["plan.yaml"].kind == "strategia_powiatu" and broken["plan.yaml"].unit == "3007"
    assert broken["plan.yaml"].error.startswith("plik plan.yaml, wiersz 6, kolumna 1: znak tab")
    assert (broken["inny.yaml"].kind, broken["inny.yaml"].unit) == ("", "")
    assert broken["inny.yaml"].error.startswith("plik inny.yaml, wiersz 2, kolumna 1: ")
    assert "plik kończy się" in broken["inny.yaml"].error
    assert find_entry(index, "strategia_powiatu", "3007", own=True) is broken["plan.yaml"]
    assert find_plan(tmp_path, "strategia_powiatu", "3007", own=True) is None  # not usable


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
