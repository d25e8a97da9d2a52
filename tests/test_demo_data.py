"""The generated demo data of powiat kaliski: complete, plausible, consistent, reproducible.

BDL CSV files are parsed here with the csv module and mapping.csv (independently of the BDL
readers); the templates are read with the template readers.
"""
from __future__ import annotations

import csv
import fnmatch
import importlib.util
import io
import re
from pathlib import Path

import pandas as pd
import pytest

from strategy.catalog import default_catalog
from strategy.ingest.template import read_template_csv, read_template_xlsx
from strategy.units import default_registry

DEMO = Path(__file__).resolve().parents[1] / "data" / "raw" / "demo"
YEARS = list(range(2015, 2025))
POWIAT = "3007"


def decode(raw: bytes) -> tuple[str, str]:
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8"), "utf-8-sig"
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return raw.decode("cp1250"), "cp1250"


def number(text: str) -> float:
    return float(re.sub(r"[ \u00a0\u202f]", "", text).replace(",", "."))


def parse_bdl():
    """Return (frame of teryt/year/indicator/value, {file: encoding}, {file: separators seen})."""
    mapping = list(csv.DictReader(io.StringIO((DEMO / "mapping.csv").read_text("utf-8")), delimiter=";"))
    bdl_to_terc = {u.bdl_id: u.teryt for u in default_registry() if u.bdl_id}
    rows, encodings, seps = [], {}, {}
    for path in sorted(DEMO.glob("BDL_*.csv")):
        text, enc = decode(path.read_bytes())
        encodings[path.name] = enc
        lines = list(csv.reader(io.StringIO(text), delimiter=";"))
        header = lines[0]
        assert header[-1] == "" and header[:2] == ["Kod", "Nazwa"]  # the trailing ';'
        assert header[-4:-1] == ["Wartosc", "Jednostka miary", "Atrybut"]
        rules = [m for m in mapping if fnmatch.fnmatch(path.name, m["plik"])]
        assert rules, f"{path.name} not in mapping.csv"
        seps[path.name] = set()
        for line in lines[1:]:
            rec = dict(zip(header, line))
            for ch in ("\u00a0", "\u202f", " "):
                if ch in rec["Wartosc"]:
                    seps[path.name].add(ch)
            hits = [m for m in rules if all(
                rec[k.strip()] == v.strip()
                for k, v in (c.split("=", 1) for c in m["filtr"].split(";") if c.strip()))]
            assert len(hits) == 1, (path.name, line)
            kod = rec["Kod"]
            teryt = bdl_to_terc[kod] if len(kod) == 12 else kod
            assert re.fullmatch(r".+ \(\d\)|Powiat .+", rec["Nazwa"])
            rows.append((teryt, int(rec["Rok"]), hits[0]["wskaznik"], number(rec["Wartosc"]),
                         path.name))
    frame = pd.DataFrame(rows, columns=["teryt", "year", "indicator", "value", "file"])
    return frame, encodings, seps


def from_raw(res) -> pd.DataFrame:
    f = res.frame
    vals = [v if v == v else number(t) for v, t in zip(f["value_num"], f["value_raw"])]
    return pd.DataFrame({"teryt": f["teryt_raw"], "year": f["year_raw"].astype(int),
                         "indicator": f["indicator"], "value": vals, "file": f["file"]})


@pytest.fixture(scope="module")
def everything():
    bdl, encodings, seps = parse_bdl()
    xlsx = list(DEMO.glob("*DANE_DEMONSTRACYJNE*.xlsx"))
    csvs = [p for p in DEMO.glob("szablon*DANE_DEMONSTRACYJNE*.csv")]
    assert len(xlsx) == 1 and len(csvs) == 1
    rx = read_template_xlsx(xlsx[0], xlsx[0].name)
    rc = read_template_csv(csvs[0], csvs[0].name)
    assert rx.problems == [] and rc.problems == []
    assert rx.demo and rc.demo
    frame = pd.concat([bdl, from_raw(rx), from_raw(rc)], ignore_index=True)
    return frame, encodings, seps


@pytest.fixture(scope="module")
def wide(everything):
    frame = everything[0]
    return frame.pivot(index=["teryt", "year"], columns="indicator", values="value")


def test_every_stored_indicator_for_every_unit_and_year_once(everything):
    frame = everything[0]
    assert not frame.duplicated(["teryt", "year", "indicator"]).any()
    gminas = [u.teryt for u in default_registry().gminas_of(POWIAT)]
    assert len(gminas) == 11
    expected = set()
    for ind in default_catalog().stored():
        units = [POWIAT] if ind.level == "powiat" else gminas
        expected |= {(t, y, ind.id) for t in units for y in YEARS}
    got = set(zip(frame.teryt, frame.year, frame.indicator))
    assert got == expected
    derived = {i.id for i in default_catalog().derived()}
    assert not derived & set(frame.indicator)


def test_file_formats_like_real_exports(everything):
    _, encodings, seps = everything
    assert "cp1250" in encodings.values() and "utf-8-sig" in encodings.values()
    all_seps = set().union(*seps.values())
    assert {"\u00a0", "\u202f"} <= all_seps
    files = list(DEMO.iterdir())
    data_files = [p for p in files if p.suffix in (".csv", ".xlsx") and p.name != "mapping.csv"]
    assert all("DANE_DEMONSTRACYJNE" in p.name for p in data_files)
    first = (DEMO / "BDL_ruch_naturalny_migracje_DANE_DEMONSTRACYJNE.csv").read_text("utf-8")
    assert re.search(r'^"3007012";', first, re.M)  # 7-digit TERC in Kod in this file
    readme = (DEMO / "README.md").read_text("utf-8")
    assert "DANE DEMONSTRACYJNE" in readme and "generate_demo.py" in readme


def test_population_plausible_and_consistent(wide):
    g = wide.drop(index=POWIAT, level="teryt")
    assert g.ludnosc.between(3000, 12500).all()
    y2024 = g.xs(2024, level="year")
    assert y2024.ludnosc.idxmax() == "3007083"  # Opatówek the largest
    assert 11000 <= y2024.ludnosc.max() <= 12500
    assert (g.ludnosc_kobiety <= g.ludnosc).all()
    age = g.ludnosc_przedprodukcyjna + g.ludnosc_produkcyjna + g.ludnosc_poprodukcyjna
    assert (age == g.ludnosc).all()
    assert (g.ludnosc_65plus <= g.ludnosc_poprodukcyjna).all()
    assert (g.ludnosc_15_64 + g.ludnosc_65plus <= g.ludnosc).all()
    # the population changes by natural increase plus net migration
    for teryt, one in g.groupby(level="teryt"):
        one = one.droplevel("teryt")
        change = one.ludnosc.diff().iloc[1:]
        assert (change == (one.przyrost_naturalny + one.saldo_migracji).iloc[1:]).all(), teryt
    share = g.groupby(level="year").sum()
    share65 = share.ludnosc_65plus / share.ludnosc * 100
    assert 13 <= share65[2015] <= 15 and 18 <= share65[2024] <= 20
    assert share65.is_monotonic_increasing


def test_unemployment_falls_with_bump_in_2020(wide):
    g = wide.drop(index=POWIAT, level="teryt")
    total = g.bezrobotni.groupby(level="year").sum()
    assert total[2020] > total[2019] and total[2024] < total[2015] / 2
    assert (g.bezrobotni_kobiety <= g.bezrobotni).all()
    assert (g.bezrobotni_dlugotrwale <= g.bezrobotni).all()
    share = (g.bezrobotni / g.ludnosc_produkcyjna).groupby(level="teryt").mean()
    assert share.idxmax() == "3007072"  # Mycielin: high unemployment
    rate = wide.loc[POWIAT].stopa_bezrobocia
    assert rate[2020] > rate[2019] and rate[2024] < rate[2015]


def test_social_assistance_consistent(wide):
    g = wide.drop(index=POWIAT, level="teryt")
    helped = g.osoby_w_rodzinach_pomoc / g.ludnosc
    assert helped.between(0.03, 0.12).all()
    assert (g.rodziny_pomoc <= g.osoby_w_rodzinach_pomoc).all()
    assert (g.beneficjenci <= g.osoby_w_rodzinach_pomoc).all()
    assert (g.praca_socjalna_rodziny <= g.rodziny_pomoc).all()
    reasons = sorted({c[len("powod_"):-len("_rodziny")] for c in g.columns
                      if c.startswith("powod_") and c.endswith("_rodziny")})
    assert len(reasons) == 17
    for r in reasons:
        fam, pers = g[f"powod_{r}_rodziny"], g[f"powod_{r}_osoby"]
        assert (fam <= g.rodziny_pomoc).all(), r
        assert (pers <= g.osoby_w_rodzinach_pomoc).all(), r
        assert (fam <= pers).all(), r
        assert ((fam == 0) == (pers == 0)).all(), r
    totals = {r: g[f"powod_{r}_rodziny"].sum() for r in reasons}
    top5 = sorted(totals, key=totals.get, reverse=True)[:5]
    assert set(top5) == {"ubostwo", "bezrobocie", "niepelnosprawnosc", "choroba", "bezradnosc"}
    for rare in ("handel_ludzmi", "kleska", "cudzoziemcy"):
        assert (g[f"powod_{rare}_rodziny"] == 0).mean() > 0.9, rare


def test_gmina_traits(wide):
    g = wide.drop(index=POWIAT, level="teryt")
    nk = (g.niebieskie_karty / g.ludnosc).groupby(level="teryt").mean()
    assert nk.idxmax() == "3007032"  # Ceków-Kolonia: violence
    alc = (g.powod_alkoholizm_rodziny / g.rodziny_pomoc).groupby(level="teryt").mean()
    assert alc.idxmax() == "3007062"  # Lisków: alcohol
    assert (g.niebieskie_karty_policja + g.niebieskie_karty_ops <= g.niebieskie_karty).all()
    assert (g.rodziny_przemoc <= g.niebieskie_karty).all()


def test_family_assistants_over_limit_exactly_once(wide):
    g = wide.drop(index=POWIAT, level="teryt")
    over = g[g.rodziny_z_asystentem > 15 * g.asystenci_rodziny]
    assert list(over.index) == [("3007053", 2023)]
    assert (g.asystenci_rodziny >= 1).all()
    assert (g.miejsca_wsparcia_dziennego >= g.placowki_wsparcia_dziennego).all()
    assert (g.dzieci_zasilek_rodzinny <= g.ludnosc_przedprodukcyjna).all()


def test_foster_care_adds_up(wide):
    p = wide.loc[POWIAT]
    forms = p[["dzieci_rz_spokrewnione", "dzieci_rz_niezawodowe", "dzieci_rz_zawodowe",
               "dzieci_rdd", "dzieci_placowki"]].sum(axis=1)
    from_gminas = wide.drop(index=POWIAT, level="teryt").dzieci_piecza_z_gminy.groupby(level="year").sum()
    assert (forms == from_gminas).all()
    assert forms.between(80, 160).all()
    for kids, fams in (("dzieci_rz_spokrewnione", "rz_spokrewnione"),
                       ("dzieci_rz_niezawodowe", "rz_niezawodowe"),
                       ("dzieci_rz_zawodowe", "rz_zawodowe"), ("dzieci_rdd", "rodzinne_domy_dziecka")):
        assert (p[fams] <= p[kids]).all() and (p[fams] >= 1).all()
    assert (p.powroty_do_rodziny + p.usamodzielnienia <= p.opuszczenia_piecza).all()
    # the stock follows placements and leavings
    assert (forms.diff().iloc[1:] == (p.umieszczenia_piecza - p.opuszczenia_piecza).iloc[1:]).all()


def test_amounts_have_grosze(everything):
    frame = everything[0]
    amounts = {i.id for i in default_catalog().stored() if i.kind == "amount"}
    vals = frame[frame.indicator.isin(amounts) & (frame.value > 0)].value
    assert len(vals) > 300
    assert (vals.round(2) == vals).all()
    assert (vals != vals.round(0)).mean() > 0.9


def test_regeneration_is_byte_identical(tmp_path):
    spec = importlib.util.spec_from_file_location("generate_demo", DEMO / "generate_demo.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    written = mod.write_all(tmp_path)
    assert len(written) == 10     # seven BDL exports, mapping, two templates
    for p in written:
        assert p.read_bytes() == (DEMO / p.name).read_bytes(), p.name
