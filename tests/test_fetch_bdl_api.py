"""`strategy pobierz`: the BDL API client against a local fake API (127.0.0.1, no internet).

Fixture powiat: kaliski (3007) with its real TERC/BDL codes, including the type changes of
Koźminek (3007052 -> 3007053 in 2021) and Opatówek (3007082 -> 3007083, town rights in 2020 per the TERC register of 2020-01-01) and the town
and rural parts (types 4, 5) the API lists next to urban-rural gminas.
"""
from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from bdl_fake_server import FakeBdlApi, FakeVariable

from strategy.cli import main
from strategy.errors import FetchError
from strategy.fetch import (
    FetchSettings,
    catalogue_variables,
    fetch_powiat,
    parse_years,
    select,
)
from strategy.fetch.client import BdlClient, _retry_after
from strategy.fetch.progress import Progress
from strategy.fetch.ratelimit import QuotaLimiter
from strategy.store import FLAG_NO_DATA, load

YEARS = list(range(2018, 2025))
POWIAT = "023011807000"
#: BDL id, name, first year, last year (whole gminas and parts, as the API lists level 6)
UNITS = [
    ("023011807012", "Blizanów", 2018, 2024), ("023011807022", "Brzeziny", 2018, 2024),
    ("023011807032", "Ceków-Kolonia", 2018, 2024),
    ("023011807042", "Godziesze Wielkie", 2018, 2024),
    ("023011807052", "Koźminek", 2018, 2020), ("023011807053", "Koźminek", 2021, 2024),
    ("023011807054", "Koźminek - miasto", 2021, 2024),
    ("023011807055", "Koźminek - obszar wiejski", 2021, 2024),
    ("023011807062", "Lisków", 2018, 2024), ("023011807072", "Mycielin", 2018, 2024),
    ("023011807082", "Opatówek", 2018, 2019), ("023011807083", "Opatówek", 2020, 2024),
    ("023011807084", "Opatówek - miasto", 2020, 2024),
    ("023011807085", "Opatówek - obszar wiejski", 2020, 2024),
    ("023011807093", "Stawiszyn", 2018, 2024), ("023011807094", "Stawiszyn - miasto", 2018, 2024),
    ("023011807095", "Stawiszyn - obszar wiejski", 2018, 2024),
    ("023011807102", "Szczytniki", 2018, 2024), ("023011807112", "Żelazków", 2018, 2024),
]
def population(i: int, year: int) -> int:
    """Fixture population of the i-th unit of UNITS in ``year``."""
    return 4000 + 250 * i + 3 * (year - 2018)


#: Powiat kraśnicki (0607): BDL ids of the fixture (TERC = id[2:4] + id[7:12]), same layout
KRASNIK_POWIAT = "060611207000"
KRASNIK_UNITS = [
    ("060611207011", "Kraśnik", 2018, 2024), ("060611207023", "Annopol", 2018, 2024),
    ("060611207024", "Annopol - miasto", 2018, 2024),
    ("060611207025", "Annopol - obszar wiejski", 2018, 2024),
    ("060611207032", "Dzierzkowice", 2018, 2024), ("060611207042", "Gościeradów", 2018, 2024),
    ("060611207052", "Kraśnik", 2018, 2024), ("060611207062", "Szastarka", 2018, 2024),
    ("060611207072", "Trzydnik Duży", 2018, 2024), ("060611207083", "Urzędów", 2018, 2024),
    ("060611207084", "Urzędów - miasto", 2018, 2024),
    ("060611207085", "Urzędów - obszar wiejski", 2018, 2024),
    ("060611207092", "Wilkołaz", 2018, 2024), ("060611207102", "Zakrzówek", 2018, 2024),
]


def powiat_values(units, powiat, name, offset=0) -> list[dict]:
    """Return the fixture values of one powiat: {variable: {unit id: (name, {year: value})}}."""
    whole = [u for u in units if u[0][-1] in "123"]
    pop = {uid: (n, {y: population(i + offset, y) for y in range(a, b + 1)})
           for i, (uid, n, a, b) in enumerate(units)}
    pop[powiat] = (name, {y: sum(population(i + offset, y) for i, u in enumerate(units)
                                 if u in whole and u[2] <= y <= u[3]) for y in YEARS})
    share65 = {uid: (n, {y: round(15 + 0.1 * i + 0.2 * (y - 2018), 1)
                         for y in range(a, b + 1)}) for i, (uid, n, a, b) in enumerate(units)}
    share65[powiat] = (name, {y: 17.5 for y in YEARS})
    unemployed = {uid: (n, {y: 4.0 + 0.1 * i for y in range(a, b + 1)})
                  for i, (uid, n, a, b) in enumerate(units)}
    unemployed[powiat] = (name, {y: 4.4 for y in YEARS})
    helped = {uid: (n, {y: 300.0 + i for y in range(a, b + 1)})
              for i, (uid, n, a, b) in enumerate(units)}
    helped[powiat] = (name, {y: 310.0 for y in YEARS})
    care = {powiat: (name, {y: 5.5 + 0.1 * (y - 2018) for y in YEARS})}
    return {"72305": pop, "79214": unemployed, "634989": share65, "1548717": helped,
            "1724774": care}


def fixture_variables() -> list[FakeVariable]:
    values = powiat_values(UNITS, POWIAT, "Powiat kaliski")
    values["79214"]["023011807012"][1][2024] = (None, 50)      # not yet published
    for var, by_unit in powiat_values(KRASNIK_UNITS, KRASNIK_POWIAT, "Powiat kraśnicki",
                                      offset=40).items():
        values[var].update(by_unit)
    # descriptions as /variables/{id} gives them (72305 as quoted from a live answer)
    return [
        FakeVariable("72305", "ogółem", "osoba", 6, values["72305"], subject="P2137",
                     n2="ogółem", measure_unit_id=26),
        FakeVariable("79214", "udział bezrobotnych zarejestrowanych w liczbie ludności w wieku "
                     "produkcyjnym", "%", 6, values["79214"], subject="P2670",
                     measure_unit_id=50),
        FakeVariable("634989", "odsetek osób w wieku 65 lat i więcej w populacji ogółem", "%",
                     6, values["634989"], subject="P2426", measure_unit_id=50),
        FakeVariable("1548717", "beneficjenci środowiskowej pomocy społecznej na 10 tys. "
                     "ludności", "-", 6, values["1548717"], subject="P3870"),
        FakeVariable("1724774", "dzieci w rodzinnej pieczy zastępczej na 1000 dzieci", "-", 5,
                     values["1724774"], subject="P3893"),
    ]


#: Subject names /subjects/{id} gives (P2137's variables have only "ogółem" in n1, n2).
SUBJECTS = {"P2137": "Ludność wg grup wieku i płci"}
#: The five variables of these fixtures (the mapping has more: see test_fetch_bdl_mapping.py).
FIVE_IDS = ["72305", "79214", "634989", "1548717", "1724774"]


def five():
    return select(catalogue_variables(), FIVE_IDS)


POWIATS = [("023011807000", "Powiat kaliski"), ("023011861000", "Powiat m. Kalisz"),
           ("060611207000", "Powiat kraśnicki")]


@pytest.fixture
def api():
    with FakeBdlApi(fixture_variables(), POWIATS, max_page_size=4, subjects=SUBJECTS) as server:
        yield server


@pytest.fixture(autouse=True)
def no_key(monkeypatch, tmp_path):
    for name in ("BDL_API_KEY", "STRATEGY_BDL_KEY", "STRATEGY_BDL_API_URL",
                 "STRATEGY_BDL_CACHE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("STRATEGY_BDL_KEY_FILE", str(tmp_path / "brak_klucza"))


def settings(api, tmp_path, **kw) -> FetchSettings:
    kw.setdefault("backoff", 0.01)
    kw.setdefault("backoff_cap", 0.05)
    return FetchSettings(base_url=api.base_url, cache_dir=tmp_path / "cache", **kw)


def cli(api, tmp_path, *extra) -> list[str]:
    """The command for the five fixture variables (a later --zmienne in ``extra`` wins)."""
    return ["pobierz", "--powiat", "3007", "--lata", "2018-2024", "--api-url", api.base_url,
            "--cache", str(tmp_path / "cache"), "--wyjscie", str(tmp_path / "raw"),
            "--store", str(tmp_path / "store.parquet"), "--zmienne", *FIVE_IDS, *extra]


def test_fetch_and_ingest_the_fixture_variables(api, tmp_path, capsys):
    rc = main(cli(api, tmp_path))
    out, err = capsys.readouterr()
    assert rc == 0, out + err
    store = load(tmp_path / "store.parquet")
    f = store.frame.set_index(["teryt", "year", "indicator"])
    # gminas: values as the fixture defines them; predecessor codes become the current gmina
    assert f.loc[("3007012", 2018, "ludnosc"), "value"] == population(0, 2018)
    assert f.loc[("3007053", 2019, "ludnosc"), "value"] == population(4, 2019)   # was 3007052
    assert f.loc[("3007053", 2022, "ludnosc"), "value"] == population(5, 2022)
    assert f.loc[("3007093", 2024, "udzial_65plus"), "value"] == pytest.approx(15 + 1.4 + 1.2)
    # parts of urban-rural gminas (types 4, 5) are not stored
    assert not store.frame["teryt"].isin(["3007094", "3007095", "3007054"]).any()
    # the powiat's own figures (by-unit), including the variable published only for powiats
    assert f.loc[("3007", 2020, "dzieci_rodzinna_piecza_na_1000"), "value"] == \
        pytest.approx(5.7)
    assert f.loc[("3007", 2024, "udzial_bezrobotnych"), "value"] == pytest.approx(4.4)
    assert not ((store.frame["indicator"] == "dzieci_rodzinna_piecza_na_1000")
                & (store.frame["teryt"].str.len() == 7)).any()
    assert f.loc[("3007012", 2024, "udzial_bezrobotnych"), "flag"] == FLAG_NO_DATA
    assert set(store.frame["indicator"]) == {"ludnosc", "udzial_bezrobotnych", "udzial_65plus",
                                             "beneficjenci_na_10tys",
                                             "dzieci_rodzinna_piecza_na_1000"}
    assert sorted(store.frame["year"].unique()) == YEARS
    # files as the API sent them, with a manifest
    folder = tmp_path / "raw" / "3007"
    pages = sorted(p.name for p in (folder / "gminy").iterdir())
    assert len(pages) == 4 * 5     # 4 variables mapped for gminas x ceil(19 units / 4)
    assert pages[0] == "zmienna_1548717_strona_000.json"
    assert not [p for p in pages if "1724774" in p]       # mapped for the powiat only
    assert len(list((folder / "powiat").iterdir())) == 2     # 5 variables, 4 per page
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["powiat"] == "3007" and manifest["powiat_bdl_id"] == POWIAT
    assert manifest["years"] == YEARS and manifest["api_version"] == "1.0.4-test"
    assert manifest["client_key_used"] is False
    assert {v["id"] for v in manifest["variables"]} == {"72305", "79214", "634989", "1548717",
                                                         "1724774"}
    pop = next(v for v in manifest["variables"] if v["id"] == "72305")
    assert pop["name"] == "ogółem; ogółem (temat P2137: Ludność wg grup wieku i płci)"
    assert pop["measure_unit"] == "osoba" and pop["refused"] is None
    assert pop["id_verified"] is True and "/variables/72305" in pop["id_sources"]
    assert pop["id_status"] == "potwierdzony" and "temat P2137" in pop["expected"]
    share = next(v for v in manifest["variables"] if v["id"] == "79214")
    assert share["id_verified"] is False and share["id_status"] == "potwierdzony"
    assert manifest["attributes"]["97"]["description"] == ("Łącznie dla powiatu i miasta na "
                                                           "prawach powiatu")
    gap = [g for v in manifest["variables"] if v["id"] == "79214" for g in v["gaps"]]
    assert gap == [{"unit": "3007012", "year": 2024, "why": "wartość pusta (atrybut 50)"}]
    # the variable published only for powiats: no gmina query, no gmina "missing"
    care = next(v for v in manifest["variables"] if v["id"] == "1724774")
    assert care["level"] == 5 and care["gaps"] == [] and care["units_with_values"] == ["3007"]
    assert not [r for r in api.data_requests() if r.path.endswith("/by-variable/1724774")]
    by_var = [r for r in api.data_requests() if r.path.endswith("/72305")]
    assert all(r.param("unit-parent-id") == POWIAT and r.param("unit-level") == "6"
               for r in by_var)
    assert [r.param("page") for r in by_var] == ["0", "1", "2", "3", "4"]
    assert all("X-ClientId" not in r.headers for r in api.log)
    # the summary names the gap, the requests and the ingest
    assert "Blizanów (gmina wiejska) (3007012), 2024: wartość pusta (atrybut 50)" in out
    assert f"Zapytania do API: {len(api.log)} " in out
    assert "opis w API: ogółem; ogółem (temat P2137: Ludność wg grup wieku i płci) [osoba]\n" \
        in out
    assert "72305  ludnosc: jednostki z wartościami: 12 [identyfikator: potwierdzony]" in out
    assert "Magazyn danych zapisano" in out
    # what `strategy ingest` of the folder reads is what was stored
    assert main(["ingest", str(folder), "--store", str(tmp_path / "again.parquet")]) == 0
    again = load(tmp_path / "again.parquet").frame
    assert len(again) == len(store.frame)


def test_second_run_makes_no_requests_and_refresh_uses_etags(api, tmp_path, capsys):
    assert main(cli(api, tmp_path)) == 0
    first = len(api.log)
    # version, attributes (9 on pages of 4), metadata, subject P2137, gmina pages, powiat pages
    assert first == 1 + 3 + 5 + 1 + 4 * 5 + 2
    before = (tmp_path / "raw" / "3007" / "gminy" / "zmienna_72305_strona_000.json").read_bytes()
    assert main(cli(api, tmp_path)) == 0
    assert len(api.log) == first          # everything from the cache
    assert "z pamięci podręcznej bez zapytania: 32" in capsys.readouterr().out
    assert main(cli(api, tmp_path, "--odswiez")) == 0
    again = api.log[first:]
    assert len(again) == first and {r.status for r in again} == {304}
    assert all(r.headers.get("If-None-Match", "").startswith('"') for r in again)
    after = (tmp_path / "raw" / "3007" / "gminy" / "zmienna_72305_strona_000.json").read_bytes()
    assert after == before


def test_429_waits_as_retry_after_says(api, tmp_path):
    api.add_fault("by-variable/72305", 2, ("429", 1))
    report = fetch_powiat("3007", YEARS, five(), settings(api, tmp_path),
                          out_root=tmp_path / "raw")
    assert report.written and not report.errors
    hits = [r for r in api.log if r.path.endswith("/72305") and r.param("page") == "2"]
    assert [r.status for r in hits] == [429, 200]
    assert hits[1].at - hits[0].at >= 1.0
    assert report.rate_limited == 1 and report.retries == 1


def test_server_error_and_dropped_connection_are_retried(api, tmp_path):
    api.add_fault("by-variable/634989", 1, ("500",), ("drop",))
    report = fetch_powiat("3007", YEARS, five(), settings(api, tmp_path),
                          out_root=tmp_path / "raw")
    assert report.written and not report.errors and report.retries == 2
    hits = [r for r in api.log if r.path.endswith("/634989") and r.param("page") == "1"]
    assert [r.status for r in hits] == [500, 200, 200]


@pytest.mark.parametrize("fault, says", [
    ("truncated", "nie jest poprawnym JSON-em (odpowiedź jest ucięta)"),
    ("html", "stronę HTML zamiast danych JSON"),
    ("schema", "inny układ niż opisany w dokumentacji (brak listy 'results')"),
])
def test_bad_response_is_refused_and_store_left_as_it_was(api, tmp_path, capsys, fault, says):
    assert main(cli(api, tmp_path)) == 0
    folder = tmp_path / "raw" / "3007"
    manifest = (folder / "manifest.json").read_bytes()
    store = (tmp_path / "store.parquet").read_bytes()
    api.add_fault("by-variable/79214", 3, (fault,))
    rc = main(cli(api, tmp_path, "--odswiez"))
    out, err = capsys.readouterr()
    assert rc == 1
    assert "zmienna 79214 (udzial_bezrobotnych), gminy, strona 3: " in out
    assert says in out
    assert "pozostały bez zmian" in err
    assert (folder / "manifest.json").read_bytes() == manifest
    assert (tmp_path / "store.parquet").read_bytes() == store
    assert not [p for p in folder.parent.iterdir() if p.name.startswith(".")]


def test_interrupted_run_resumes_from_cache(api, tmp_path):
    class Interrupt(Progress):
        def advance(self):
            super().advance()
            if self.done == 3:
                raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        fetch_powiat("3007", YEARS, five(), settings(api, tmp_path),
                     out_root=tmp_path / "raw", progress=Interrupt(enabled=False))
    assert not (tmp_path / "raw" / "3007").exists()
    done = {(r.path, r.param("page")) for r in api.data_requests()}
    assert len(done) == 4        # 72305 (the lowest id) pages 0-3, then interrupted
    n = len(api.log)
    report = fetch_powiat("3007", YEARS, five(), settings(api, tmp_path),
                          out_root=tmp_path / "raw")
    assert report.written
    resumed = {(r.path, r.param("page")) for r in api.log[n:] if "/data/" in r.path}
    assert not resumed & done
    assert len(resumed) == 4 * 5 + 2 - 4
    # version, attributes (3 pages), metadata of 72305, its subject, its 4 pages
    assert report.cache_hits == 1 + 3 + 1 + 1 + 4


def test_variable_the_api_lacks_is_reported_and_the_rest_fetched(api, tmp_path, capsys):
    rc = main(cli(api, tmp_path, "--zmienne", "ludnosc", "999999"))
    out, err = capsys.readouterr()
    assert rc == 3, out + err
    assert "zmienna 999999: opis (metadane): API odpowiedziało HTTP 404 (Nie znaleziono " \
           "zmiennej 999999)" in out
    store = load(tmp_path / "store.parquet")
    assert set(store.frame["indicator"]) == {"ludnosc"}
    assert not [r for r in api.data_requests() if "999999" in r.path]
    unit_req = [r for r in api.data_requests() if "/by-unit/" in r.path]
    assert [v for r in unit_req for k, v in r.query if k == "var-id"] == ["72305"]


def test_key_is_sent_in_header_and_never_printed(api, tmp_path, capsys, monkeypatch):
    secret = "0f0e0d0c-1111-2222-3333-444455556666"
    monkeypatch.setenv("BDL_API_KEY", secret)
    assert main(cli(api, tmp_path, "--zmienne", "72305")) == 0
    out, err = capsys.readouterr()
    assert {r.headers.get("X-ClientId") for r in api.log} == {secret}
    assert secret not in out + err
    assert "klucz API: tak" in out
    written = [p for p in tmp_path.rglob("*") if p.is_file() and p.suffix != ".parquet"]
    assert written and not [p for p in written if secret.encode() in p.read_bytes()]
    assert secret not in repr(FetchSettings.from_env())


def test_key_from_file(monkeypatch, tmp_path):
    key_file = tmp_path / "klucz"
    key_file.write_text("# klucz BDL\nabc-123\n", encoding="utf-8")
    monkeypatch.setenv("STRATEGY_BDL_KEY_FILE", str(key_file))
    s = FetchSettings.from_env()
    assert s.key == "abc-123" and s.registered
    assert s.quota_limits() == {1: 10, 900: 500, 43_200: 5_000, 604_800: 50_000}


def test_powiat_id_found_through_units_when_register_lacks_it(api, tmp_path):
    from strategy.units import Registry, default_registry

    frame = default_registry().frame().copy()
    frame.loc[frame["teryt"] == "3007", "bdl_id"] = None
    frame["note"] = ""
    registry = Registry(frame)
    with FakeBdlApi(fixture_variables(), POWIATS, max_page_size=2, subjects=SUBJECTS) as small:
        report = fetch_powiat("3007", YEARS, five()[:1],
                              settings(small, tmp_path), out_root=tmp_path / "raw",
                              registry=registry)
        units = [r for r in small.log if r.path.endswith("/units")]
    assert report.powiat_bdl == POWIAT and report.written
    assert [r.param("page") for r in units] == ["0"]       # found on the first page of 2


def test_unknown_powiat_in_api_is_a_clear_error(api, tmp_path):
    from strategy.units import Registry

    registry = Registry.from_csv(Path(__file__).parents[1] / "src/strategy/data/units.csv")
    with pytest.raises(FetchError, match="powiat 3010: API BDL nie zna jednostki"):
        fetch_powiat("3010", YEARS, five()[:1], settings(api, tmp_path),
                     out_root=tmp_path / "raw", registry=registry)


def test_parse_years():
    assert parse_years("2015-2018") == [2015, 2016, 2017, 2018]
    assert parse_years("2018,2020-2021") == [2018, 2020, 2021]
    assert parse_years("2015–2016") == [2015, 2016]         # an en dash as typed in Polish text
    for bad in ("2018-2015", "15-18", "rok", "1990-1992"):
        with pytest.raises(FetchError, match="--lata"):
            parse_years(bad)


def test_bad_options_exit_2(api, tmp_path, capsys):
    assert main(cli(api, tmp_path)[:1] + ["--powiat", "30071", "--api-url", api.base_url]) == 2
    assert "--powiat" in capsys.readouterr().err
    assert main(["pobierz", "--powiat", "3007", "--zmienne", "nie_ma_takiego"]) == 2
    assert "nie znam wskaźnika nie_ma_takiego" in capsys.readouterr().err
    assert api.log == []


def test_quota_limiter_waits_for_the_tightest_window():
    now = [0.0]
    slept = []

    def sleep(s):
        slept.append(s)
        now[0] += s

    limiter = QuotaLimiter({1: 2, 10: 3}, clock=lambda: now[0], sleep=sleep)
    for _ in range(2):
        limiter.acquire()
    assert slept == []
    limiter.acquire()            # third in the same second: waits for the 1 s window
    assert slept == [1.0]
    limiter.acquire()            # fourth: the 10 s window (3 requests) is full until t=10
    assert now[0] == pytest.approx(10.0)


def test_retry_after_accepts_seconds_and_http_date():
    assert _retry_after("3") == 3.0
    later = time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(time.time() + 30))
    assert 28 <= _retry_after(later) <= 30
    assert _retry_after("") is None and _retry_after("kiedyś") is None


def test_gives_up_after_the_attempts_with_a_polish_message(api, tmp_path):
    api.add_fault("version", None, ("500",), ("500",))
    client = BdlClient(settings(api, tmp_path, attempts=2))
    with pytest.raises(FetchError, match="wersja API: nie udało się pobrać danych po 2 "
                                         "próbach \\(HTTP 500: błąd serwera API "
                                         "\\(Wewnętrzny błąd serwera\\)\\)"):
        client.get(client.url("version"), "wersja API")
    assert [r.status for r in api.log] == [500, 500]


def test_powiat_krasnicki_0607_fetched_and_ingested(api, tmp_path, capsys):
    args = ["pobierz", "--powiat", "0607", "--lata", "2018-2024", "--api-url", api.base_url,
            "--cache", str(tmp_path / "cache"), "--wyjscie", str(tmp_path / "raw"),
            "--store", str(tmp_path / "store.parquet"), "--zmienne", *FIVE_IDS]
    rc = main(args)
    out, err = capsys.readouterr()
    assert rc == 0, out + err
    f = load(tmp_path / "store.parquet").frame
    gminas = sorted(c for c in f["teryt"].unique() if len(c) == 7)
    assert gminas == ["0607011", "0607023", "0607032", "0607042", "0607052", "0607062",
                      "0607072", "0607083", "0607092", "0607102"]
    v = f.set_index(["teryt", "year", "indicator"])["value"]
    # the two gminas named Kraśnik (town, i=0; rural, i=6 in KRASNIK_UNITS) keep their values
    assert v[("0607011", 2018, "ludnosc")] == population(40, 2018)
    assert v[("0607052", 2024, "ludnosc")] == population(46, 2024)
    assert v[("0607", 2021, "ludnosc")] == sum(
        population(40 + i, 2021) for i, u in enumerate(KRASNIK_UNITS) if u[0][-1] in "123")
    assert "Kraśnik (gmina miejska)" in out and "Kraśnik (gmina wiejska)" in out
    # the package register (TERC 2020-01-01) has no BDL id for 0607: found through /units
    units = [r for r in api.log if r.path.endswith("/units")]
    assert len(units) == 1 and units[0].param("level") == "5"
    assert all(r.param("unit-parent-id") == KRASNIK_POWIAT for r in api.data_requests()
               if "/by-variable/" in r.path)
    manifest = json.loads((tmp_path / "raw" / "0607" / "manifest.json").read_text("utf-8"))
    assert manifest["powiat_bdl_id"] == KRASNIK_POWIAT and manifest["gminas"] == gminas
    assert all(v["gaps"] == [] for v in manifest["variables"])
    n = len(api.log)
    assert main(args) == 0
    assert len(api.log) == n


@pytest.mark.slow
def test_documents_build_from_what_was_fetched(api, tmp_path):
    store = tmp_path / "store.parquet"
    assert main(["pobierz", "--powiat", "0607", "--lata", "2018-2024", "--api-url",
                 api.base_url, "--cache", str(tmp_path / "cache"), "--wyjscie",
                 str(tmp_path / "raw"), "--store", str(store), "--zmienne", *FIVE_IDS]) == 0
    reports = tmp_path / "reports"
    rc = main(["build", "--powiat", "0607", "--gmina", "0607052", "--only", "diagnoza",
               "--jobs", "1", "--no-html", "--store", str(store), "--reports", str(reports)])
    assert rc == 0
    docs = list(reports.rglob("*.docx"))
    assert len(docs) == 1 and "0607052" in docs[0].as_posix()
    from docx2python import docx2python

    with docx2python(docs[0]) as doc:
        text = doc.text.replace("\xa0", " ").replace("\u202f", " ")
    assert "gminy Kraśnik" in text
    pop = population(46, 2024)          # 0607052 is KRASNIK_UNITS[6]
    assert f"{pop // 1000} {pop % 1000:03d}" in text      # 15 518, as the fixture defines it


def test_progress_bar_on_a_terminal_plain_lines_otherwise():
    import io

    class Tty(io.StringIO):
        def isatty(self):
            return True

    tty, pipe = Tty(), io.StringIO()
    for stream in (tty, pipe):
        p = Progress(stream=stream)
        p.start(total=2)
        p.describe("zmienna 72305")
        p.grow(1)
        p.advance()
        p.note("HTTP 429: czekam 1.0 s")
        p.advance()
        p.advance()
        p.close()
    assert "Pobieranie z API BDL" in tty.getvalue() and "3/3" in tty.getvalue()
    assert "\r" in tty.getvalue()
    assert pipe.getvalue().splitlines() == [
        "[1/3] zmienna 72305", "  uwaga: HTTP 429: czekam 1.0 s", "[2/3] zmienna 72305",
        "[3/3] zmienna 72305"]


def test_gmina_missing_from_the_api_is_reported_with_the_reason(tmp_path):
    variables = fixture_variables()
    del variables[0].values["023011807112"]          # Żelazków: no population at all
    with FakeBdlApi(variables, POWIATS, subjects=SUBJECTS) as api:
        report = fetch_powiat("3007", YEARS, five()[:1],
                              settings(api, tmp_path), out_root=tmp_path / "raw")
    assert report.written and not report.errors
    gaps = [(g.unit, g.year, g.why) for r in report.results for g in r.gaps]
    assert gaps == [("3007112", y, "API nie podaje tej gminy") for y in YEARS]


def test_api_address_and_cache_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("STRATEGY_BDL_API_URL", "http://127.0.0.1:9/api/v1/")
    monkeypatch.setenv("STRATEGY_BDL_CACHE", str(tmp_path / "c"))
    s = FetchSettings.from_env()
    assert s.base_url == "http://127.0.0.1:9/api/v1" and s.cache_dir == tmp_path / "c"
    assert s.quota_limits() == {}            # GUS quotas are for the GUS host
    gus = FetchSettings()
    assert gus.quota_limits() == {1: 5, 900: 100, 43_200: 1_000, 604_800: 10_000}


def test_fetched_data_merge_into_the_store_and_od_nowa_starts_afresh(api, tmp_path, capsys):
    ops = tmp_path / "ops.csv"
    ops.write_text("teryt,year,indicator,value,unit,source,flag\n"
                   "3007012,2023,rodziny_pomoc,41,rodzina,OPS,\n"
                   "3007012,2023,ludnosc,1,osoba,OPS,\n", encoding="utf-8")
    store_path = tmp_path / "store.parquet"
    assert main(["ingest", str(ops), "--store", str(store_path)]) == 0
    assert main(cli(api, tmp_path, "--zmienne", "ludnosc")) == 0
    f = load(store_path).frame.set_index(["teryt", "year", "indicator"])["value"]
    assert f[("3007012", 2023, "rodziny_pomoc")] == 41          # kept
    assert f[("3007012", 2023, "ludnosc")] == population(0, 2023)   # replaced by the API's
    assert main(cli(api, tmp_path, "--zmienne", "ludnosc", "--od-nowa")) == 0
    assert set(load(store_path).frame["indicator"]) == {"ludnosc"}
