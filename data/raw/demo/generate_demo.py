"""Generate the demo input files of powiat kaliski (3007), 2015-2024: DANE DEMONSTRACYJNE.

In: nothing but a fixed seed, the package's unit registry (real TERC codes and names) and its
indicator catalogue. Out: in this folder (or ``--out DIR``)

* seven GUS BDL CSV exports in the long layout (the indicators whose source is GUS BDL), in the
  encodings and number styles real exports have, and ``mapping.csv`` telling which rows of
  which file hold which catalogue indicator;
* the XLSX input template filled with the other indicators (every area but "przemoc");
* the CSV input template with the "przemoc" area.

The figures are invented but plausible for rural Wielkopolska and internally consistent
(families <= persons, reasons <= totals, age groups sum to the population, population follows
natural increase and migration, foster-care forms sum to the children from the gminas).
Each gmina has a few persistent traits (see ``TRAITS``). Running the script twice gives
byte-identical files:

    python data/raw/demo/generate_demo.py
"""
from __future__ import annotations

import argparse
import csv
import io
import math
import random
from datetime import datetime
from pathlib import Path

import pandas as pd

from strategy import DEMO_MARK
from strategy.catalog import default_catalog
from strategy.ingest.template import write_template, write_template_csv
from strategy.units import default_registry

SEED = 3007
POWIAT = "3007"
YEARS = list(range(2015, 2025))
STAMP = datetime(2025, 3, 31, 12, 0, 0)
HERE = Path(__file__).resolve().parent
TAG = "DANE_DEMONSTRACYJNE"
CSV_AREA = "przemoc"  # the area shipped as the CSV template; the rest goes to the XLSX

# Population on 31 XII 2014, yearly natural increase and net migration per 1000, persistent
# traits. Multipliers are relative to an average gmina of the powiat.
TRAITS = {
    "3007012": dict(pop=8500, nat=-0.5, mig=-2.0, old=0.0, unemp=1.0, help=1.0),  # Blizanów
    "3007022": dict(pop=6600, nat=-1.5, mig=-3.0, old=0.5, unemp=1.1, help=1.1,
                    niepelnosprawnosc=1.4, choroba=1.35),                     # Brzeziny: disability
    "3007032": dict(pop=5100, nat=-1.0, mig=-2.5, old=0.0, unemp=1.1, help=1.1,
                    przemoc=4.0, violence=3.0),                              # Ceków: violence
    "3007042": dict(pop=8800, nat=0.5, mig=-1.0, old=-0.5, unemp=0.9, help=0.9),  # Godziesze
    "3007053": dict(pop=7700, nat=-1.0, mig=-2.0, old=0.3, unemp=1.1, help=1.35,
                    bezradnosc=1.8, assistant_overload=2023),                # Koźminek
    "3007062": dict(pop=5400, nat=-1.5, mig=-3.0, old=0.5, unemp=1.2, help=1.2,
                    alkoholizm=3.0, alcohol=3.0),                            # Lisków: alcohol
    "3007072": dict(pop=5000, nat=-3.0, mig=-4.0, old=1.5, unemp=1.7, help=1.7,
                    ubostwo=1.2, bezrobocie=1.5),                            # Mycielin: poverty
    "3007083": dict(pop=10600, nat=1.5, mig=8.5, old=-1.5, unemp=0.65, help=0.7),  # Opatówek
    "3007093": dict(pop=7300, nat=-3.5, mig=-1.5, old=2.0, unemp=1.0, help=1.0),    # Stawiszyn
    "3007102": dict(pop=6900, nat=0.0, mig=-2.5, old=0.0, unemp=1.35, help=1.2,
                    macierzynstwo=1.9),                                      # Szczytniki
    "3007112": dict(pop=9300, nat=0.5, mig=4.5, old=-1.0, unemp=0.8, help=0.8),     # Żelazków
}

# Share of helped families with each reason (average gmina) and persons per such family.
REASONS = {
    "ubostwo": (0.55, 2.6), "sieroctwo": (0.004, 2.5), "bezdomnosc": (0.015, 1.0),
    "macierzynstwo": (0.11, 4.9), "bezrobocie": (0.36, 2.9), "niepelnosprawnosc": (0.34, 2.0),
    "choroba": (0.40, 1.9), "bezradnosc": (0.21, 3.8), "przemoc": (0.025, 3.1),
    "handel_ludzmi": (0.0, 1.0), "alkoholizm": (0.06, 1.5), "narkomania": (0.004, 1.4),
    "zaklad_karny": (0.015, 1.1), "opuszczenie_placowki": (0.004, 1.0),
    "cudzoziemcy": (0.0, 3.0), "zdarzenie_losowe": (0.02, 3.2), "kleska": (0.0, 3.5),
}

# Registered unemployed as a share of working-age population, average gmina, by year.
UNEMP = dict(zip(YEARS, [7.2, 6.1, 5.0, 4.3, 3.8, 4.5, 4.1, 3.5, 3.3, 3.1]))
RATE = dict(zip(YEARS, [7.9, 6.6, 5.3, 4.6, 4.0, 4.9, 4.4, 3.7, 3.5, 3.3]))  # powiat, %


class Gen:
    """Seeded helpers; Python's random.Random gives the same numbers on every platform."""

    def __init__(self, seed: int):
        self.r = random.Random(seed)

    def noise(self, sd: float) -> float:
        return 1.0 + self.r.gauss(0.0, sd)

    def poisson(self, lam: float) -> int:
        if lam <= 0:
            return 0
        if lam > 30:
            return max(0, round(self.r.gauss(lam, math.sqrt(lam))))
        k, p, limit = 0, 1.0, math.exp(-lam)
        while True:
            p *= self.r.random()
            if p <= limit:
                return k
            k += 1

    def uniform(self, a: float, b: float) -> float:
        return self.r.uniform(a, b)

    def money(self, amount: float) -> float:
        """Return an amount in zł with grosze (never a round figure)."""
        return round(amount + self.r.randint(1, 99) / 100.0, 2)


def generate() -> pd.DataFrame:
    """Return the canonical frame (teryt, year, indicator, value, flag) of every stored figure."""
    g = Gen(SEED)
    reg = default_registry()
    gminas = [u.teryt for u in reg.gminas_of(POWIAT)]
    assert set(gminas) == set(TRAITS), "the registry's gminas of 3007 changed"
    rows: list[tuple[str, int, str, float]] = []

    def put(teryt, year, ind, value):
        rows.append((teryt, year, ind, value))

    child_pop: dict[tuple[str, int], int] = {}
    for teryt in gminas:
        tr = TRAITS[teryt]
        pop = tr["pop"]
        kids_share = 0.205 + (0.012 if tr["old"] < -1 else 0.0) - 0.004 * tr["old"]
        for t, y in enumerate(YEARS):
            covid = 2.2 if y in (2020, 2021) else 0.0
            nat = round(pop * (tr["nat"] - covid - 0.08 * t) / 1000 + g.r.gauss(0, 3))
            mig = round(pop * tr["mig"] / 1000 + g.r.gauss(0, 4))
            pop = pop + nat + mig
            women = round(pop * g.uniform(0.498, 0.508))
            s65 = (14.0 + 5.0 * t / 9 + tr["old"]) / 100 * g.noise(0.01)
            p65 = round(pop * s65)
            kids = round(pop * (kids_share - 0.0012 * t) * g.noise(0.01))
            poprod = p65 + round(pop * g.uniform(0.036, 0.042))  # women 60-64 are in it too
            prod = pop - kids - poprod
            p15_64 = pop - round(kids * g.uniform(0.82, 0.85)) - p65
            child_pop[(teryt, y)] = kids
            for ind, v in (("ludnosc", pop), ("ludnosc_kobiety", women),
                           ("ludnosc_przedprodukcyjna", kids), ("ludnosc_produkcyjna", prod),
                           ("ludnosc_poprodukcyjna", poprod), ("ludnosc_15_64", p15_64),
                           ("ludnosc_65plus", p65), ("przyrost_naturalny", nat),
                           ("saldo_migracji", mig)):
                put(teryt, y, ind, v)

            unemp = round(prod * UNEMP[y] / 100 * tr["unemp"] * g.noise(0.06))
            put(teryt, y, "bezrobotni", unemp)
            put(teryt, y, "bezrobotni_kobiety", round(unemp * g.uniform(0.53, 0.61)))
            put(teryt, y, "bezrobotni_dlugotrwale", round(unemp * (0.45 - 0.01 * t) * g.noise(0.05)))

            share = 0.066 * tr["help"] * (0.962 ** t) * (1.04 if y == 2020 else 1.0) * g.noise(0.04)
            share = min(0.118, max(0.031, share))
            persons = round(pop * share)
            size = g.uniform(2.3, 2.75)
            families = round(persons / size)
            put(teryt, y, "osoby_w_rodzinach_pomoc", persons)
            put(teryt, y, "rodziny_pomoc", families)
            put(teryt, y, "beneficjenci", round(persons * g.uniform(0.9, 0.99)))
            put(teryt, y, "praca_socjalna_rodziny", round(families * g.uniform(0.55, 0.8)))
            put(teryt, y, "wydatki_pomoc_spoleczna",
                g.money(pop * 330 * (1.065 ** t) * tr["help"] ** 0.5 * g.noise(0.05)))
            for reason, (frac, per_family) in REASONS.items():
                mult = tr.get(reason, 1.0)
                if reason == "bezrobocie":
                    mult *= UNEMP[y] / 5.0
                lam = families * frac * mult
                if reason == "cudzoziemcy" and y in (2022, 2023) and teryt in ("3007083", "3007112"):
                    lam = 1.2  # families from Ukraine
                if reason == "kleska" and y == 2021 and teryt == "3007093":
                    lam = 3.0  # a hailstorm
                fam = min(families, g.poisson(lam))
                pers = 0
                if fam:
                    pers = round(fam * per_family * g.noise(0.08))
                    pers = max(fam, min(pers, persons))
                put(teryt, y, f"powod_{reason}_rodziny", fam)
                put(teryt, y, f"powod_{reason}_osoby", pers)

            assistants = 1 + (pop > 9000) + (tr["help"] > 1.3 and y >= 2019)
            load = g.uniform(8, 14)
            if tr.get("assistant_overload") == y:
                assistants, load = 1, 18
            put(teryt, y, "asystenci_rodziny", assistants)
            put(teryt, y, "rodziny_z_asystentem", round(assistants * load))
            put(teryt, y, "koszt_asystentow", g.money(assistants * 44000 * (1.07 ** t) * g.noise(0.04)))
            centres = 1 if (pop > 8000 or teryt == "3007053") else 0
            if teryt == "3007083" and y >= 2019:
                centres = 2
            put(teryt, y, "placowki_wsparcia_dziennego", centres)
            put(teryt, y, "miejsca_wsparcia_dziennego", centres * g.r.choice((15, 20, 25)))
            put(teryt, y, "rodziny_wspierajace", 1 if (teryt in ("3007042", "3007102") and y >= 2018) else 0)

            fam_benefit = round(pop * 0.055 * (0.97 ** t) * tr["help"] ** 0.4 * g.noise(0.04))
            put(teryt, y, "rodziny_zasilek_rodzinny", fam_benefit)
            put(teryt, y, "dzieci_zasilek_rodzinny", min(kids, round(fam_benefit * g.uniform(1.8, 2.1))))
            put(teryt, y, "wydatki_swiadczenia_rodzinne",
                g.money(fam_benefit * 12 * 330 * (1.02 ** t) * g.noise(0.03)))

            nk = g.poisson(pop / 10000 * 20 * tr.get("violence", 1.0))
            police = round(nk * g.uniform(0.7, 0.82))
            ops = min(nk - police, round(nk * g.uniform(0.1, 0.2)))
            put(teryt, y, "niebieskie_karty", nk)
            put(teryt, y, "niebieskie_karty_policja", police)
            put(teryt, y, "niebieskie_karty_ops", ops)
            put(teryt, y, "rodziny_przemoc", round(nk * g.uniform(0.8, 0.95)))

            put(teryt, y, "gkrpa_wnioski", g.poisson(pop / 1000 * 0.9 * tr.get("alcohol", 1.0)))
            put(teryt, y, "osoby_terapia_uzaleznien", g.poisson(pop / 1000 * 2.0 * tr.get("alcohol", 1.0)))
            put(teryt, y, "osoby_bezdomne", g.poisson(pop / 1000 * 0.45))
            put(teryt, y, "miejsca_schronienia", 2 if pop < 8000 else 4)

            care = round(p65 * 0.02 * g.noise(0.1) * (1.03 ** t))
            put(teryt, y, "uslugi_opiekuncze_osoby", care)
            dps = max(3, round(pop / 1000 * 1.6 * g.noise(0.12)))
            put(teryt, y, "dps_mieszkancy", dps)
            put(teryt, y, "dps_wydatki_gminy", g.money(dps * 28000 * (1.08 ** t) * g.noise(0.05)))

    # Foster care: the powiat's stock follows placements and leavings; children come from gminas.
    stock = 104
    for t, y in enumerate(YEARS):
        placed = g.poisson(19)
        left = g.poisson(19 + (2 if stock > 110 else -2))
        stock = stock + placed - left if t else stock
        returns = round(left * g.uniform(0.25, 0.4))
        independent = min(left - returns, round(left * g.uniform(0.15, 0.3)))
        forms = _split(stock, {"dzieci_rz_spokrewnione": 0.40 - 0.01 * t, "dzieci_rz_niezawodowe": 0.2,
                               "dzieci_rz_zawodowe": 0.12 + 0.008 * t, "dzieci_rdd": 0.1,
                               "dzieci_placowki": 0.18 + 0.002 * t})
        for ind, v in forms.items():
            put(POWIAT, y, ind, v)
        put(POWIAT, y, "rz_spokrewnione", max(1, round(forms["dzieci_rz_spokrewnione"] / 1.3)))
        put(POWIAT, y, "rz_niezawodowe", max(1, round(forms["dzieci_rz_niezawodowe"] / 1.4)))
        put(POWIAT, y, "rz_zawodowe", max(1, round(forms["dzieci_rz_zawodowe"] / 3.2)))
        put(POWIAT, y, "rodzinne_domy_dziecka", max(1, forms["dzieci_rdd"] // 5))
        put(POWIAT, y, "umieszczenia_piecza", placed)
        put(POWIAT, y, "opuszczenia_piecza", left)
        put(POWIAT, y, "powroty_do_rodziny", returns)
        put(POWIAT, y, "usamodzielnienia", independent)
        put(POWIAT, y, "koordynatorzy_pieczy", 3 + (y >= 2018) + (y >= 2022))
        put(POWIAT, y, "kandydaci_rz", g.poisson(5))
        put(POWIAT, y, "wydatki_piecza_powiat", g.money(stock * 26000 * (1.06 ** t) * g.noise(0.03)))
        put(POWIAT, y, "stopa_bezrobocia", RATE[y])
        put(POWIAT, y, "orzeczenia_niepelnosprawnosci", round(1650 * g.noise(0.06)))
        put(POWIAT, y, "sds_miejsca", 35 if y < 2019 else 50)
        put(POWIAT, y, "wtz_uczestnicy", 45 if y < 2021 else 55)
        put(POWIAT, y, "dps_miejsca", 192 if y < 2020 else 186)
        put(POWIAT, y, "dps_oczekujacy", g.poisson(14 + t))
        weights = {}
        for teryt in gminas:
            w = child_pop[(teryt, y)] * TRAITS[teryt]["help"] * (1.6 if teryt == "3007072" else 1.0)
            weights[teryt] = w
        total = sum(weights.values())
        by_gmina = _split(stock, {k: v / total for k, v in weights.items()})
        for teryt, n in by_gmina.items():
            put(teryt, y, "dzieci_piecza_z_gminy", n)
            put(teryt, y, "wydatki_gminy_piecza", g.money(n * 5200 * (1.07 ** t) * g.noise(0.05)) if n else 0.0)

    _later_indicators(rows, gminas, put)
    frame = pd.DataFrame(rows, columns=["teryt", "year", "indicator", "value"])
    frame["flag"] = ""
    return frame


def _later_indicators(rows, gminas, put) -> None:
    """Add the indicators the catalogue gained later (births and deaths, nurseries, the alimony
    fund) from their own seeded generator, so every figure made before stays the same."""
    g = Gen(SEED + 1)
    value = {(t, y, i): v for t, y, i, v in rows}
    for teryt in gminas:
        tr = TRAITS[teryt]
        town = teryt[-1] == "3"
        for t, y in enumerate(YEARS):
            pop, nat = value[(teryt, y, "ludnosc")], value[(teryt, y, "przyrost_naturalny")]
            births = round(pop * (10.2 + 0.5 * tr["nat"] - 0.15 * t) / 1000 * g.noise(0.08))
            births = max(births, nat + 25, 20)
            put(teryt, y, "urodzenia", births)
            put(teryt, y, "zgony", births - nat)            # natural increase = births - deaths
            under3 = value[(teryt, y, "ludnosc_przedprodukcyjna")] * 3 / 18
            nursery = round(under3 * g.uniform(0.10, 0.16)) if town and y >= 2019 else 0
            put(teryt, y, "dzieci_zlobki", nursery)
            clubs = round(under3 * g.uniform(0.03, 0.06)) if y >= 2021 else 0
            put(teryt, y, "dzieci_zlobki_kluby_na_1000",
                round((nursery + clubs) / under3 * 1000, 1))
    for t, y in enumerate(YEARS):
        pop = sum(value[(teryt, y, "ludnosc")] for teryt in gminas)
        put(POWIAT, y, "fundusz_alimentacyjny_osoby",
            round(pop * (78 - 3.0 * t) / 10000 * g.noise(0.04)))


def _split(total: int, weights: dict[str, float]) -> dict[str, int]:
    """Return integer parts of ``total`` proportional to ``weights`` (largest remainders)."""
    s = sum(weights.values())
    exact = {k: total * w / s for k, w in weights.items()}
    out = {k: int(math.floor(v)) for k, v in exact.items()}
    rest = total - sum(out.values())
    for k in sorted(exact, key=lambda k: (exact[k] - out[k], k), reverse=True)[:rest]:
        out[k] += 1
    return out


# ----------------------------------------------------------------------------- BDL CSV files

# (file name, encoding, newline, thousands separator, code style, dimension headers,
#  [(indicator, dimension values, unit)], BDL variable id for the mapping, note)
BDL_FILES = [
    ("BDL_ludnosc_ekonomiczne_grupy_wieku_" + TAG + ".csv", "utf-8-sig", "\n", "\u202f", "bdl",
     ["Wiek", "Płeć"],
     [("ludnosc", ("ogółem", "ogółem"), "osoba"),
      ("ludnosc_kobiety", ("ogółem", "kobiety"), "osoba"),
      ("ludnosc_przedprodukcyjna", ("przedprodukcyjny", "ogółem"), "osoba"),
      ("ludnosc_produkcyjna", ("produkcyjny", "ogółem"), "osoba"),
      ("ludnosc_poprodukcyjna", ("poprodukcyjny", "ogółem"), "osoba")],
     "UTF-8 z BOM; separator tysięcy: wąska spacja niełamiąca"),
    ("BDL_ludnosc_wg_wieku_" + TAG + ".csv", "cp1250", "\r\n", "\u00a0", "bdl",
     ["Wiek", "Płeć"],
     [("ludnosc_15_64", ("15-64", "ogółem"), "osoba"),
      ("ludnosc_65plus", ("65 i więcej", "ogółem"), "osoba")],
     "Windows-1250; separator tysięcy: spacja niełamiąca"),
    ("BDL_ruch_naturalny_migracje_" + TAG + ".csv", "utf-8", "\n", " ", "terc",
     ["Wymiar 1"],
     [("przyrost_naturalny", ("przyrost naturalny",), "osoba"),
      ("saldo_migracji", ("saldo migracji ogółem",), "osoba"),
      ("urodzenia", ("urodzenia żywe",), "osoba"), ("zgony", ("zgony",), "osoba")],
     "UTF-8 bez BOM; kolumna Kod zawiera 7-cyfrowy TERC zamiast identyfikatora BDL"),
    ("BDL_bezrobotni_zarejestrowani_" + TAG + ".csv", "utf-8-sig", "\n", " ", "bdl",
     ["Płeć"],
     [("bezrobotni", ("ogółem",), "osoba"), ("bezrobotni_kobiety", ("kobiety",), "osoba")],
     "UTF-8 z BOM"),
    ("BDL_beneficjenci_pomocy_spolecznej_" + TAG + ".csv", "utf-8-sig", "\n", " ", "bdl",
     ["Ogółem"],
     [("beneficjenci", ("ogółem",), "osoba")],
     "UTF-8 z BOM"),
    ("BDL_stopa_bezrobocia_powiat_" + TAG + ".csv", "utf-8-sig", "\n", " ", "bdl",
     ["Ogółem"],
     [("stopa_bezrobocia", ("ogółem",), "%")],
     "UTF-8 z BOM; tylko powiat (stopa bezrobocia nie jest publikowana dla gmin)"),
    ("BDL_zlobki_" + TAG + ".csv", "utf-8-sig", "\n", " ", "bdl",
     ["Wymiar 1"],
     [("dzieci_zlobki", ("dzieci w żłobkach",), "osoba"),
      ("dzieci_zlobki_kluby_na_1000", ("dzieci w żłobkach i klubach dziecięcych na 1000 dzieci "
                                       "w wieku do lat 3",), "-")],
     "UTF-8 z BOM"),
]
BDL_VARS = {"ludnosc": "72305"}


def _bdl_number(v: float, sep: str) -> str:
    if float(v).is_integer():
        n = int(v)
        s = f"{abs(n):,}".replace(",", sep)
        return ("-" if n < 0 else "") + s
    return f"{v:.1f}".replace(".", ",")


def bdl_csv_bytes(frame: pd.DataFrame, spec) -> bytes:
    """Return one BDL export in the long layout for ``spec`` (an item of BDL_FILES)."""
    fname, enc, nl, sep, code_style, dims, series, _note = spec
    reg = default_registry()
    values = {(t, y, i): v for t, y, i, v in
              zip(frame["teryt"], frame["year"], frame["indicator"], frame["value"])}
    heads = ["Kod", "Nazwa", *dims, "Rok", "Wartosc", "Jednostka miary", "Atrybut"]
    lines = [";".join(f'"{h}"' for h in heads) + ";"]
    cat = default_catalog()
    for ind, dim_values, unit in series:
        level = cat.get(ind).level
        units = [reg.get(POWIAT)] if level == "powiat" else reg.gminas_of(POWIAT)
        for u in units:
            code = u.bdl_id if code_style == "bdl" else u.teryt
            name = f"Powiat {u.name}" if u.kind == "powiat" else f"{u.name} ({u.teryt[-1]})"
            for y in YEARS:
                v = values[(u.teryt, y, ind)]
                cells = [f'"{code}"', f'"{name}"', *(f'"{d}"' for d in dim_values), f'"{y}"',
                         _bdl_number(v, sep), f'"{unit}"', '"1"']
                lines.append(";".join(cells) + ";")
    return (nl.join(lines) + nl).encode(enc)


def mapping_bytes() -> bytes:
    out = io.StringIO()
    w = csv.writer(out, delimiter=";", lineterminator="\n")
    w.writerow(["plik", "zmienna_bdl", "filtr", "wskaznik", "uwagi"])
    for fname, _enc, _nl, _sep, _code, dims, series, note in BDL_FILES:
        glob = fname.split("_" + TAG)[0] + "_*.csv"
        for ind, dim_values, _unit in series:
            filt = "; ".join(f"{d}={v}" for d, v in zip(dims, dim_values))
            w.writerow([glob, BDL_VARS.get(ind, ""), filt, ind, f"{DEMO_MARK}; {note}"])
    return out.getvalue().encode("utf-8")


def write_all(out_dir: Path) -> list[Path]:
    """Write every demo file into ``out_dir``; return their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    frame = generate()
    cat = default_catalog()
    bdl_inds = {ind for spec in BDL_FILES for ind, _, _ in spec[6]}
    written = []
    for spec in BDL_FILES:
        p = out_dir / spec[0]
        p.write_bytes(bdl_csv_bytes(frame, spec))
        written.append(p)
    p = out_dir / "mapping.csv"
    p.write_bytes(mapping_bytes())
    written.append(p)
    rest = frame[~frame["indicator"].isin(bdl_inds)]
    areas_xlsx = [a for a in cat.areas if a != CSV_AREA]
    written.append(write_template(
        out_dir / f"szablon_{TAG}_powiat_kaliski_2015-2024.xlsx", POWIAT, years=YEARS, data=rest,
        demo=True, areas=areas_xlsx, timestamp=STAMP))
    written.append(write_template_csv(
        out_dir / f"szablon_przemoc_{TAG}_powiat_kaliski_2015-2024.csv", POWIAT, years=YEARS,
        data=rest, demo=True, areas=[CSV_AREA]))
    return written


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Generuje dane demonstracyjne powiatu kaliskiego.")
    parser.add_argument("--out", type=Path, default=HERE, help="folder docelowy (domyślnie ten folder)")
    args = parser.parse_args(argv)
    for p in write_all(args.out):
        print(p.name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
