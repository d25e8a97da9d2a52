"""`strategy pobierz` against answers in the shapes the real BDL API gives (local server only).

What saved real answers show and the documentation does not: a ``/data/by-variable`` answer that
fits on one page has no ``page``, ``pageSize`` or ``links``; ``links`` of paged answers drop query
parameters; attrId 97 marks a figure of the powiat together with its city-powiat; errors come as
``{"errors": [{"errorResult", "errorReason"}]}``. Also: an unreachable API ends quickly with the
way on, and a variable the API describes otherwise than the mapping expects is refused.
"""
from __future__ import annotations

import json
import socket
import time

import pytest
from bdl_fake_server import FakeBdlApi, FakeVariable

from strategy.catalog import default_catalog
from strategy.cli import main
from strategy.fetch import FetchSettings
from strategy.fetch.client import BdlClient, Unreachable
from strategy.fetch.variables import STATUSES, api_rows, catalogue_variables
from strategy.store import load

POWIAT = "023011807000"
POWIATS = [(POWIAT, "Powiat kaliski")]
SUBJECTS = {"P2137": "Ludność wg grup wieku i płci", "P1944": "Bezrobotni zarejestrowani wg płci"}

#: A one-page answer of /data/by-variable/72305 as the real API sends it: no page, pageSize or
#: links; lastUpdate null; measureUnitId 26 (osoba); Koźminek's town and rural parts listed.
BODY_72305 = """{"totalRecords":4,"variableId":72305,"measureUnitId":26,"aggregateId":1,
"lastUpdate":null,"results":[
{"id":"023011807012","name":"Blizanów","values":[{"year":"2023","val":8569.0,"attrId":1},
 {"year":"2024","val":8540.0,"attrId":1}]},
{"id":"023011807053","name":"Koźminek","values":[{"year":"2023","val":7468.0,"attrId":1},
 {"year":"2024","val":7431.0,"attrId":1}]},
{"id":"023011807054","name":"Koźminek - miasto","values":[{"year":"2023","val":1694.0,"attrId":1},
 {"year":"2024","val":1680.0,"attrId":1}]},
{"id":"023011807055","name":"Koźminek - obszar wiejski","values":[{"year":"2023","val":5774.0,
 "attrId":1},{"year":"2024","val":5751.0,"attrId":1}]}]}"""
#: The same for registered unemployed (10514); one value not yet published (attrId 50).
BODY_10514 = """{"totalRecords":2,"variableId":10514,"measureUnitId":26,"aggregateId":1,
"lastUpdate":"2025-06-27T10:10:34.517","results":[
{"id":"023011807012","name":"Blizanów","values":[{"year":"2023","val":182.0,"attrId":1},
 {"year":"2024","val":0.0,"attrId":50}]},
{"id":"023011807053","name":"Koźminek","values":[{"year":"2023","val":201.0,"attrId":1},
 {"year":"2024","val":190.0,"attrId":1}]}]}"""
#: /data/by-unit of the powiat: population its own; the unemployed of 2023 and 2024 given
#: together with the city of Kalisz (attrId 97), not the powiat's own figure.
BODY_UNIT = """{"totalRecords":2,"unitId":"023011807000","unitName":"Powiat kaliski",
"aggregateId":1,"results":[
{"id":72305,"measureUnitId":26,"lastUpdate":null,"values":[{"year":"2023","val":81870.0,
 "attrId":1},{"year":"2024","val":81523.0,"attrId":1}]},
{"id":10514,"measureUnitId":26,"lastUpdate":null,"values":[{"year":"2023","val":4275.0,
 "attrId":97},{"year":"2024","val":4120.0,"attrId":97}]}]}"""


def variables() -> list[FakeVariable]:
    """Metadata as /variables/{id} gives it (72305 as a live answer was quoted)."""
    return [FakeVariable("72305", "ogółem", "osoba", 6, subject="P2137", n2="ogółem",
                         measure_unit_id=26),
            FakeVariable("10514", "ogółem", "osoba", 6, subject="P1944", measure_unit_id=26)]


@pytest.fixture(autouse=True)
def no_key(monkeypatch, tmp_path):
    for name in ("BDL_API_KEY", "STRATEGY_BDL_KEY", "STRATEGY_BDL_API_URL",
                 "STRATEGY_BDL_CACHE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("STRATEGY_BDL_KEY_FILE", str(tmp_path / "brak_klucza"))


def cli(url, tmp_path, *extra) -> list[str]:
    return ["pobierz", "--powiat", "3007", "--lata", "2023-2024", "--api-url", url,
            "--cache", str(tmp_path / "cache"), "--wyjscie", str(tmp_path / "raw"),
            "--store", str(tmp_path / "store.parquet"), *extra]


def test_real_one_page_answers_without_paging_fields_are_stored(tmp_path, capsys):
    bodies = {"/api/v1/data/by-variable/72305": BODY_72305,
              "/api/v1/data/by-variable/10514": BODY_10514,
              f"/api/v1/data/by-unit/{POWIAT}": BODY_UNIT}
    with FakeBdlApi(variables(), POWIATS, subjects=SUBJECTS, bodies=bodies) as api:
        rc = main(cli(api.base_url, tmp_path, "--zmienne", "72305", "10514"))
        log = list(api.log)
    out, err = capsys.readouterr()
    assert rc == 0, out + err
    v = load(tmp_path / "store.parquet").frame.set_index(["teryt", "year", "indicator"])
    # the numbers of the bodies above, read by hand
    assert v.loc[("3007012", 2023, "ludnosc"), "value"] == 8569
    assert v.loc[("3007053", 2024, "ludnosc"), "value"] == 7431
    assert v.loc[("3007", 2023, "ludnosc"), "value"] == 81870
    assert v.loc[("3007", 2024, "ludnosc"), "value"] == 81523
    assert v.loc[("3007053", 2023, "bezrobotni"), "value"] == 201
    assert v.loc[("3007012", 2023, "bezrobotni"), "value"] == 182
    assert v.loc[("3007012", 2024, "bezrobotni"), "value"] != v.loc[("3007012", 2024,
                                                                         "bezrobotni"), "value"]
    # town and rural parts of Koźminek are not stored
    assert not {"3007054", "3007055"} & set(v.index.get_level_values("teryt"))
    # attrId 97: the powiat-and-city total is not stored as the powiat's figure
    assert ("3007", 2023, "bezrobotni") not in v.index
    assert ("3007", 2024, "bezrobotni") not in v.index
    assert "Pominięte wartości łączne powiatu i miasta na prawach powiatu: 2" in out
    assert ("zmienna 10514, 2023: pominięto: wartość łączna (atrybut 97: „Łącznie dla powiatu "
            "i miasta na prawach powiatu”), nie liczba samego powiatu") in out
    # one page each: no second page asked of an answer without paging fields
    data = [r for r in log if "/data/" in r.path]
    assert [r.param("page") for r in data] == ["0", "0", "0"]
    # what strategy ingest reads of the saved folder later is the same (97 skipped, said so)
    assert main(["ingest", str(tmp_path / "raw" / "3007"), "--store",
                 str(tmp_path / "again.parquet")]) == 0
    again_out = capsys.readouterr().out
    again = load(tmp_path / "again.parquet").frame.set_index(["teryt", "year", "indicator"])
    assert ("3007", 2023, "bezrobotni") not in again.index
    assert again.loc[("3007", 2024, "ludnosc"), "value"] == 81523
    assert "pominięto 2 wartości z atrybutem 97" in again_out
    manifest = json.loads((tmp_path / "raw" / "3007" / "manifest.json").read_text("utf-8"))
    assert manifest["attributes_source"] == "API /attributes"


POP = {  # unit id -> (name, population 2023, population 2024); n = the last 3 digits
    f"023011807{n:03d}": (name, 1000 + 10 * n, 1001 + 10 * n)
    for n, name in [(12, "Blizanów"), (22, "Brzeziny"), (32, "Ceków-Kolonia"),
                    (42, "Godziesze Wielkie"), (53, "Koźminek"), (54, "Koźminek - miasto"),
                    (55, "Koźminek - obszar wiejski"), (62, "Lisków"), (72, "Mycielin"),
                    (83, "Opatówek"), (93, "Stawiszyn"), (102, "Szczytniki"),
                    (112, "Żelazków")]
}


@pytest.mark.parametrize("paging", ["real", "documented"])
def test_paged_answers_next_page_from_our_own_query(tmp_path, paging):
    values = {uid: (name, {2023: a, 2024: b}) for uid, (name, a, b) in POP.items()}
    values[POWIAT] = ("Powiat kaliski", {2023: 5000.0, 2024: 5001.0})
    var = FakeVariable("72305", "ogółem", "osoba", 6, values, subject="P2137", n2="ogółem",
                       measure_unit_id=26)
    with FakeBdlApi([var], POWIATS, subjects=SUBJECTS, max_page_size=5, paging=paging) as api:
        assert main(cli(api.base_url, tmp_path, "--zmienne", "72305")) == 0
        pages = [r for r in api.log if r.path.endswith("/by-variable/72305")]
    # 13 units on pages of 5: 3 pages, each asked with our whole query
    assert [r.param("page") for r in pages] == ["0", "1", "2"]
    assert all(r.param("unit-parent-id") == POWIAT and r.param("unit-level") == "6"
               and [v for k, v in r.query if k == "year"] == ["2023", "2024"] for r in pages)
    saved = json.loads((tmp_path / "raw" / "3007" / "gminy" / "zmienna_72305_strona_000.json")
                       .read_text("utf-8"))
    if paging == "real":         # the links the server gave lost the query's parameters
        assert "unit-parent-id" not in saved["links"]["next"]
    v = load(tmp_path / "store.parquet").frame.set_index(["teryt", "year", "indicator"])["value"]
    # 1000 + 10 n and 1001 + 10 n for gmina n, as POP defines them
    assert v[("3007112", 2024, "ludnosc")] == 1001 + 10 * 112
    assert v[("3007012", 2023, "ludnosc")] == 1000 + 10 * 12
    assert v[("3007053", 2023, "ludnosc")] == 1000 + 10 * 53
    assert v[("3007", 2024, "ludnosc")] == 5001
    assert len([t for t in v.index.get_level_values("teryt").unique() if len(t) == 7]) == 11


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize("url", [f"http://127.0.0.1:{_closed_port()}/api/v1",
                                 "http://serwer-bdl-ktorego-nie-ma.invalid/api/v1"])
def test_unreachable_api_ends_quickly_with_the_way_on(tmp_path, capsys, url):
    started = time.monotonic()
    rc = main(cli(url, tmp_path))
    elapsed = time.monotonic() - started
    _out, err = capsys.readouterr()
    assert rc == 1
    assert elapsed < 15
    assert "BŁĄD: nie można połączyć się z API BDL" in err
    assert "strategy ingest FOLDER --powiat KOD" in err
    assert "ponawiam za 1,0\u00a0s" in err          # one quick retry, no backoff series
    assert "próbach" not in err
    assert not (tmp_path / "raw").exists() and not (tmp_path / "store.parquet").exists()


def test_variable_described_otherwise_is_refused_and_not_stored(tmp_path, capsys):
    wrong = FakeVariable("72305", "dochody budżetu gminy", "zł", 6, subject="P1234",
                         measure_unit_id=4,
                         values={"023011807012": ("Blizanów", {2023: 1.0, 2024: 2.0})})
    right = FakeVariable("10514", "ogółem", "osoba", 6, subject="P1944", measure_unit_id=26,
                         values={"023011807012": ("Blizanów", {2023: 182.0, 2024: 170.0})})
    with FakeBdlApi([wrong, right], POWIATS, subjects=SUBJECTS) as api:
        rc = main(cli(api.base_url, tmp_path, "--zmienne", "72305", "10514"))
        asked = [r.path for r in api.data_requests()]
    out, err = capsys.readouterr()
    assert rc == 3, out + err
    assert ("UWAGA: zmienna 72305: opis w API nie zgadza się z tym, czego oczekuje mapowanie "
            "dla wskaźnika ludnosc (temat P1234 zamiast P2137; opis nie zawiera „ludność”, "
            "„ogółem”; jednostka miary „zł” zamiast „osoba”)") in err
    assert "72305  ludnosc: ODRZUCONA (opis w API inny niż oczekiwany)" in out
    assert not [p for p in asked if p.endswith("/72305")]
    f = load(tmp_path / "store.parquet").frame
    assert "ludnosc" not in set(f["indicator"])
    assert set(f["indicator"]) == {"bezrobotni"}


def test_api_error_reason_is_shown_in_polish(tmp_path, capsys):
    bodies = {"/api/v1/data/by-variable/72305": BODY_72305,
              f"/api/v1/data/by-unit/{POWIAT}": BODY_UNIT}
    with FakeBdlApi(variables(), POWIATS, subjects=SUBJECTS, bodies=bodies) as api:
        rc = main(cli(api.base_url, tmp_path, "--zmienne", "ludnosc", "999999"))
    out, _err = capsys.readouterr()
    assert rc == 3
    assert ("zmienna 999999: opis (metadane): API odpowiedziało HTTP 404 (Nie znaleziono "
            "zmiennej 999999)") in out


def test_at_least_20_catalogue_indicators_carry_a_bdl_id_with_a_status():
    rows = api_rows()
    catalog = default_catalog()
    mapped = {r.indicator for r in rows}
    assert len(mapped) >= 20
    assert mapped <= {i.id for i in catalog}
    for r in rows:
        assert r.status in STATUSES and r.sources, r.variable
        assert "bdl_variable_ids.md" in r.sources
        assert r.expected.fragments or r.expected.subject
        assert r.expected.level in (5, 6)
    # the catalogue names the same variable for each mapped indicator
    for r in rows:
        assert catalog.get(r.indicator).bdl_var == r.variable
    # both levels where GUS has them; the powiat's unemployment rate and alimony fund only there
    scope = {r.indicator: r.scope for r in rows}
    assert scope["ludnosc"] == scope["bezrobotni"] == ("gmina", "powiat")
    assert scope["stopa_bezrobocia"] == scope["fundusz_alimentacyjny_osoby"] == ("powiat",)
    for needed in ("ludnosc", "ludnosc_kobiety", "ludnosc_przedprodukcyjna",
                   "udzial_poprodukcyjnej", "udzial_65plus", "urodzenia", "zgony",
                   "przyrost_naturalny_na_1000", "saldo_migracji_na_1000", "bezrobotni",
                   "udzial_bezrobotnych", "stopa_bezrobocia", "beneficjenci_na_10tys",
                   "dzieci_zlobki", "rodziny_zasilek_rodzinny", "fundusz_alimentacyjny_na_10tys"):
        assert needed in mapped, needed
    corroborated = {r.variable for r in rows if r.status == "potwierdzony"}
    assert {"72305", "65", "68", "1365234", "10514", "79214", "1548717"} <= corroborated
    assert {r.status for r in rows if r.variable in ("72295", "1728281")} == {"jedno źródło"}
    assert len(catalogue_variables()) == len({r.variable for r in rows})


def _fake_from_mapping() -> list[FakeVariable]:
    """A fake variable for every mapped one, described as the mapping expects, with values
    ``10 + n % 50`` (2023) and ``20 + n % 50`` (2024) for the unit whose id ends in n (every
    figure a plausible count, share or rate), the powiat 70 and 71."""
    out = []
    for r in api_rows():
        e = r.expected
        n1 = " ".join(alts[0] for alts in e.fragments)
        values = {}
        if "gmina" in r.scope:
            values = {uid: (name, {2023: 10.0 + int(uid[9:]) % 50, 2024: 20.0 + int(uid[9:]) % 50})
                      for uid, (name, _a, _b) in POP.items()}
        values[POWIAT] = ("Powiat kaliski", {2023: 70.0, 2024: 71.0})
        out.append(FakeVariable(r.variable, n1, e.unit or "-", e.level or 6, values,
                                subject=e.subject or "P0001"))
    return out


def test_default_run_fetches_every_mapped_variable_and_says_which_areas_come_from_gus(
        tmp_path, capsys):
    with FakeBdlApi(_fake_from_mapping(), POWIATS, subjects=SUBJECTS) as api:
        rc = main(cli(api.base_url, tmp_path))
        asked = {r.path.rsplit("/", 1)[1] for r in api.log if "/variables/" in r.path}
    out, err = capsys.readouterr()
    assert rc == 0, out + err
    assert asked == {r.variable for r in api_rows()}
    f = load(tmp_path / "store.parquet").frame
    assert set(f["indicator"]) == {r.indicator for r in api_rows()}
    v = f.set_index(["teryt", "year", "indicator"])["value"]
    assert v[("3007093", 2024, "zgony")] == 20 + 93 % 50       # Stawiszyn: id ends in 093
    assert v[("3007", 2023, "stopa_bezrobocia")] == 70
    assert not (f["indicator"].eq("stopa_bezrobocia") & f["teryt"].str.len().eq(7)).any()
    assert "Zmienne pobrane: 30 z 30" in out
    # Demografia: 11 stored indicators, 9 of them mapped (not 15-64 and 65+ counts), and the 9
    # mapped derived ones fetched as GUS publishes them: 18 from GUS, 2 from the template
    assert "  Demografia: z GUS 18 wskaźników, z szablonu XLSX 2 wskaźniki" in out
    # Rynek pracy: bezrobotni, kobiety, stopa (stored) and udział (derived); long-term unemployed
    assert "  Rynek pracy i bezrobocie: z GUS 4 wskaźniki, z szablonu XLSX 1 wskaźnik" in out
    assert "  Przemoc domowa: z GUS 0 wskaźników, z szablonu XLSX 4 wskaźniki" in out
    assert "Wyłącznie z szablonu XLSX: " in out and "Przemoc domowa" in out
    assert "strategy template" in out


def test_a_name_server_that_does_not_answer_in_time_counts_as_unreachable(tmp_path):
    # the name lookup is bounded by connect_timeout (here far shorter than any real lookup)
    settings = FetchSettings(base_url="http://nazwa-bez-odpowiedzi.invalid/api/v1",
                             cache_dir=tmp_path / "cache", connect_timeout=1e-6,
                             connect_retry_wait=0.01)
    started = time.monotonic()
    with BdlClient(settings) as client, pytest.raises(Unreachable) as exc:
        client.get(client.url("version"), "wersja API")
    assert time.monotonic() - started < 15
    assert "serwer nazw (DNS) nie odpowiada" in str(exc.value)
    assert "strategy ingest FOLDER --powiat KOD" in str(exc.value)
    assert client.stats.requests == 0          # nothing was sent
