"""``strategy pobierz --powiat KOD [--lata 2015-2024] [--zmienne ...]``: BDL API -> the store.

In: the powiat's TERC code, the years (default 2015 to last year), optionally the variables
(BDL ids or catalogue indicator ids; default every variable of the package's BDL mapping).
Out: the API pages in ``data/raw/bdl_api/<powiat>/`` (replaced as a whole, with
``manifest.json``), then the normal ingest of that folder into the store (merged as
``strategy ingest`` merges: the same unit, year and indicator replaced, the rest - e.g. the XLSX
template's figures - kept; ``--od-nowa`` starts afresh), and a Polish summary: variables with
the status of their ids, pages, requests, time, every unit/year the API has no value for, the
powiat-and-city totals skipped, the variables refused because the API describes them otherwise
than the mapping expects, and which areas of the diagnosis now come from GUS and which still
need the XLSX template (``strategy template``).

Exit statuses: 0 everything fetched and ingested; 1 a download failed, a response was refused
or the API cannot be reached (nothing in the folder or the store changed; a new run resumes
from the cache; the message says how to load BDL exports with ``strategy ingest`` instead);
2 bad options or the fetched data did not pass the ingest checks (the store unchanged);
3 fetched and ingested, but the API does not have some of the variables, or describes some
otherwise than the mapping expects (listed; those were not stored).
"""
from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path

from ..catalog import default_catalog
from ..errors import FetchError
from ..fetch import (
    DEFAULT_ROOT,
    FetchSettings,
    catalogue_variables,
    fetch_powiat,
    parse_years,
    select,
)
from ..fetch.progress import Progress
from ..ingest.loading import load_inputs
from ..store import DEFAULT_PATH
from .ingest_cmd import format_problems, save_load

DEFAULT_YEARS = f"2015-{date.today().year - 1}"
#: Gaps listed per variable before "... i N więcej".
GAPS_SHOWN = 8


def register(sub) -> None:
    p = sub.add_parser(
        "pobierz", help="pobierz dane powiatu i jego gmin z API BDL GUS i wczytaj je",
        description="Pobiera z API Banku Danych Lokalnych GUS wszystkie zmienne katalogu "
                    "wskaźników, które mają identyfikator BDL, dla powiatu i jego gmin, zapisuje "
                    "odpowiedzi w data/raw/bdl_api/<powiat>/ i wczytuje je do magazynu danych.")
    p.add_argument("--powiat", metavar="KOD", required=True,
                   help="kod TERC powiatu, 4 cyfry (np. 0607)")
    p.add_argument("--lata", metavar="OD-DO", default=DEFAULT_YEARS,
                   help=f"lata, np. 2015-2024 lub 2018,2020 (domyślnie {DEFAULT_YEARS})")
    p.add_argument("--zmienne", metavar="ID", nargs="+", default=None,
                   help="tylko te zmienne: identyfikatory BDL lub wskaźniki katalogu "
                        "(domyślnie wszystkie z identyfikatorem BDL)")
    p.add_argument("--api-url", metavar="URL", default=None,
                   help="adres API BDL (domyślnie https://bdl.stat.gov.pl/api/v1 lub zmienna "
                        "środowiskowa STRATEGY_BDL_API_URL)")
    p.add_argument("--cache", metavar="FOLDER", type=Path, default=None,
                   help="pamięć podręczna odpowiedzi (domyślnie data/cache/bdl_api)")
    p.add_argument("--odswiez", action="store_true",
                   help="zapytaj API o każdą stronę (odpowiedzi niezmienione, HTTP 304, "
                        "nie są pobierane ponownie)")
    p.add_argument("--wyjscie", metavar="FOLDER", type=Path, default=None,
                   help="folder na pobrane pliki (domyślnie data/raw/bdl_api)")
    p.add_argument("--store", metavar="PLIK", type=Path, default=None,
                   help="plik magazynu danych (domyślnie data/processed/indicators.parquet)")
    p.add_argument("--od-nowa", dest="fresh", action="store_true",
                   help="zacznij magazyn danych od nowa (domyślnie pobrane dane zastępują w nim "
                        "tylko te same jednostki, lata i wskaźniki, reszta zostaje)")
    p.add_argument("--bez-wczytania", action="store_true",
                   help="tylko pobierz pliki, nie wczytuj ich do magazynu danych")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        years = parse_years(args.lata)
        variables = select(catalogue_variables(), _split(args.zmienne))
    except FetchError as exc:
        print(f"BŁĄD: {exc}", file=sys.stderr)
        return 2
    if not variables:
        print("BŁĄD: katalog wskaźników nie podaje żadnej zmiennej BDL do pobrania",
              file=sys.stderr)
        return 2
    settings = FetchSettings.from_env(base_url=args.api_url, cache_dir=args.cache)
    if args.odswiez:
        settings.max_age = 0.0
    out_root = args.wyjscie or DEFAULT_ROOT
    print(f"Pobieranie z API BDL ({settings.base_url}): powiat {args.powiat}, lata "
          f"{_span(years)}, zmienne {len(variables)}; klucz API: "
          f"{'tak' if settings.registered else 'nie (limity dla użytkownika anonimowego)'}",
          flush=True)
    try:
        report = fetch_powiat(args.powiat, years, variables, settings, out_root=out_root,
                              progress=Progress(enabled=True))
    except FetchError as exc:
        print(f"BŁĄD: {exc}", file=sys.stderr)
        return 2 if str(exc).startswith("--powiat") else 1
    print(format_report(report))
    for r in report.refused:
        print(f"UWAGA: {r.refused}", file=sys.stderr)
    if report.errors:
        print(f"BŁĄD: nie pobrano wszystkich danych ({len(report.errors)} "
              f"{'błąd' if len(report.errors) == 1 else 'błędy'}); folder {report.folder} i "
              "magazyn danych pozostały bez zmian. Uruchom polecenie ponownie: strony już "
              "pobrane zostaną wzięte z pamięci podręcznej.", file=sys.stderr)
        return 1
    incomplete = bool(report.missing or report.refused)
    if args.bez_wczytania:
        return 3 if incomplete else 0
    status = _ingest(report, years, args.store, bool(args.fresh))
    if status:
        return status
    return 3 if incomplete else 0


def _ingest(report, years: list[int], store_path: Path | None, fresh: bool) -> int:
    """Ingest the fetched folder as ``strategy ingest FOLDER --powiat KOD`` does (merged)."""
    store_path = store_path or DEFAULT_PATH
    store, problems, summary = load_inputs([report.folder], powiat=report.powiat,
                                           years=(years[0], years[-1]))
    if problems:
        print(format_problems(problems))
        print(f"BŁĄD: pobrane dane mają problemy ({len(problems)}); pliki są w {report.folder}, "
              f"magazyn danych {store_path} pozostał bez zmian.", file=sys.stderr)
        return 2
    print()
    return save_load(store, summary, store_path, fresh=fresh, command="strategy pobierz")


def format_report(report) -> str:
    """Return the Polish summary of a download: what, how many requests, gaps, failures."""
    lines = ["", (f"{report.powiat_name or 'powiat'} ({report.powiat}, jednostka BDL "
                  f"{report.powiat_bdl or '?'}), lata {_span(report.years)}")]
    lines.append(f"Wersja API: {report.api_version}")
    if report.attributes_source:
        lines.append(f"Słownik atrybutów: {report.attributes_source}")
    ok = [r for r in report.results if not r.error and not r.missing and not r.refused]
    lines.append(f"Zmienne pobrane: {len(ok)} z {len(report.results)}; stron zapisanych: "
                 f"{report.pages}")
    for r in report.results:
        inds = ", ".join(r.variable.indicators) or "spoza katalogu"
        state = ("BŁĄD" if r.error else "ODRZUCONA (opis w API inny niż oczekiwany)"
                 if r.refused else "brak w API" if r.missing
                 else f"jednostki z wartościami: {len(r.units)}")
        status = f" [identyfikator: {r.variable.status}]" if r.variable.status else ""
        lines.append(f"  {r.variable.id:>8}  {inds}: {state}{status}")
        if r.name:
            lines.append(f"            opis w API: {r.name}"
                         + (f" [{r.measure_unit}]" if r.measure_unit else "")
                         + ("" if r.variable.expected is not None else
                            " - zmienna spoza mapowania, porównaj opis ze wskaźnikiem"))
    lines.append(f"Zapytania do API: {report.requests} (pobrane odpowiedzi: {report.downloaded}, "
                 f"niezmienione HTTP 304: {report.not_modified}, ponowienia: {report.retries}, "
                 f"HTTP 429: {report.rate_limited}); z pamięci podręcznej bez zapytania: "
                 f"{report.cache_hits}")
    lines.append("Czas: " + f"{report.seconds:.1f}".replace(".", ",") + "\u00a0s")
    gaps = [g for r in report.results for g in r.gaps]
    if gaps:
        lines += ["", ("Brakujące wartości (jednostka i rok, dla których API nie podaje "
                       f"liczby): {len(gaps)}")]
        by_var = defaultdict(list)
        for g in gaps:
            by_var[g.variable].append(g)
        for var, items in by_var.items():
            lines.append(f"  zmienna {var}: {len(items)}")
            for g in items[:GAPS_SHOWN]:
                lines.append(f"    {g.label} ({g.unit}), {g.year}: {g.why}")
            if len(items) > GAPS_SHOWN:
                lines.append(f"    ... i {len(items) - GAPS_SHOWN} więcej (pełna lista w "
                             "manifest.json)")
    combined = report.combined
    if combined:
        lines += ["", (f"Pominięte wartości łączne powiatu i miasta na prawach powiatu: "
                       f"{len(combined)} (API podaje je zamiast liczby samego powiatu; nie "
                       "zapisano ich jako liczby powiatu)")]
        for g in combined[:GAPS_SHOWN * 2]:
            lines.append(f"  zmienna {g.variable}, {g.year}: {g.why}")
        if len(combined) > GAPS_SHOWN * 2:
            lines.append(f"  ... i {len(combined) - GAPS_SHOWN * 2} więcej (pełna lista w "
                         "manifest.json)")
    if report.refused:
        lines += ["", ("Zmienne odrzucone (opis w API nie zgadza się z mapowaniem; nie zapisano "
                      "ich):")]
        lines += [f"  - {r.refused}" for r in report.refused]
    if report.missing:
        lines += ["", "Zmienne, których API nie ma dla tego powiatu:"]
        lines += [f"  - {r.missing}" for r in report.missing]
    if report.errors:
        lines += ["", "Błędy pobierania:"]
        lines += [f"  - {e}" for e in report.errors]
    if report.written:
        lines += ["", f"Pliki zapisano w folderze: {report.folder}"]
        lines += [""] + areas_summary(report)
    return "\n".join(lines)


def areas_summary(report, catalog=None) -> list[str]:
    """Return the lines saying which areas of the diagnosis come from GUS and which still need
    the XLSX template (a stored catalogue indicator counts as from GUS when a fetched variable
    gave it at least one value)."""
    catalog = catalog or default_catalog()
    fed = {i for r in report.results if r.units and not r.error and not r.refused
           for i in r.variable.indicators}
    lines = ["Obszary diagnozy (wskaźniki zapisywane w magazynie danych):"]
    from_gus, partly, template = [], [], []
    for area, name in catalog.areas.items():
        stored = [i.id for i in catalog.in_area(area) if not i.derived or i.id in fed]
        gus = [i for i in stored if i in fed]
        rest = [i for i in stored if i not in fed]
        lines.append(f"  {name}: z GUS {_count(len(gus))}"
                     + (f", z szablonu XLSX {_count(len(rest))}" if rest else ""))
        (from_gus if not rest else partly if gus else template).append(name)
    lines.append("Z danych GUS w całości: " + (", ".join(from_gus) or "żaden obszar"))
    lines.append("Z danych GUS częściowo (reszta z szablonu XLSX): "
                 + (", ".join(partly) or "żaden obszar"))
    lines.append("Wyłącznie z szablonu XLSX: " + (", ".join(template) or "żaden obszar"))
    lines.append("Dane spoza GUS (sprawozdania OPS i PCPR, ewidencje) wpisuje się do szablonu "
                 "XLSX: strategy template, a wypełniony plik wczytuje strategy ingest.")
    return lines


def _count(n: int) -> str:
    """Return ``n`` with the agreed form of "wskaźnik" (1 wskaźnik, 2 wskaźniki, 5 wskaźników)."""
    if n == 1:
        return "1 wskaźnik"
    if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14):
        return f"{n} wskaźniki"
    return f"{n} wskaźników"


def _split(items: list[str] | None) -> list[str] | None:
    if not items:
        return None
    return [p for item in items for p in item.replace(";", ",").split(",") if p.strip()]


def _span(years: list[int]) -> str:
    if not years:
        return "brak"
    if years == list(range(years[0], years[-1] + 1)) and len(years) > 1:
        return f"{years[0]}–{years[-1]}"
    return ", ".join(map(str, years))
