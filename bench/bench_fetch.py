"""Benchmark of ``strategy pobierz`` against the local fake BDL API (not a test, no internet).

Prints a table and writes bench/fetch_results.json. For powiat kraśnicki (0607) and kaliski
(3007), years 2018-2024, every catalogue variable with a BDL id:

(a) cold: empty cache, the fake API serving pages of 100 (the real API's largest page);
(b) cold with pages of 4 records (many pages, ``links.next`` followed);
(c) warm: the same command again (everything from the cache);
(d) refresh: ``--odswiez`` (every page revalidated with If-None-Match, answered 304);
(e) cold under the documented anonymous quotas (5 requests/s, 100/15 min ...), which the
    client applies to the GUS host only - here forced on, to show what a real first run costs.

Each row: HTTP requests, responses downloaded, 304s, cache hits, seconds of the download and of
the ingest that follows. The fixture data come from tests/test_fetch_bdl_api.py; the units from
the package's TERC register.
"""
from __future__ import annotations

import json
import shutil
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "src"))

import test_fetch_bdl_api as fx
from bdl_fake_server import FakeBdlApi

from strategy.fetch import FetchSettings, catalogue_variables, fetch_powiat
from strategy.fetch.settings import QUOTAS
from strategy.ingest.loading import load_inputs

WORK = HERE / "_work" / "fetch"


def run(api, powiat: str, name: str, cache: Path, out: Path, **kw) -> dict:
    s = FetchSettings(base_url=api.base_url, cache_dir=cache, **kw)
    t0 = time.perf_counter()
    report = fetch_powiat(powiat, fx.YEARS, catalogue_variables(), s, out_root=out)
    t1 = time.perf_counter()
    store, problems, _ = load_inputs([report.folder], powiat=powiat, years=(2018, 2024))
    t2 = time.perf_counter()
    return {"powiat": powiat, "case": name, "requests": report.requests,
            "downloaded": report.downloaded, "not_modified": report.not_modified,
            "cache_hits": report.cache_hits, "pages_written": report.pages,
            "fetch_s": round(t1 - t0, 3), "ingest_s": round(t2 - t1, 3),
            "rows": len(store.frame), "problems": len(problems),
            "ok": report.written and not report.errors and not problems}


def main() -> None:
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    anonymous = {w: pair[0] for w, pair in QUOTAS.items()}
    rows = []
    for powiat in ("0607", "3007"):
        for size, label in ((100, "strony po 100"), (4, "strony po 4")):
            with FakeBdlApi(fx.fixture_variables(), fx.POWIATS, max_page_size=size) as api:
                cache, out = WORK / f"cache_{powiat}_{size}", WORK / f"raw_{powiat}_{size}"
                rows.append(run(api, powiat, f"zimny start, {label}", cache, out))
                rows.append(run(api, powiat, f"ponownie, {label}", cache, out))
                rows.append(run(api, powiat, f"--odswiez, {label}", cache, out, max_age=0.0))
        with FakeBdlApi(fx.fixture_variables(), fx.POWIATS, max_page_size=100) as api:
            rows.append(run(api, powiat, "zimny start, limity anonimowe", WORK / f"q_{powiat}",
                            WORK / f"qraw_{powiat}", quotas=anonymous))
    head = ["powiat", "case", "requests", "downloaded", "not_modified", "cache_hits",
            "pages_written", "fetch_s", "ingest_s", "rows", "ok"]
    widths = [max(len(h), *(len(str(r[h])) for r in rows)) for h in head]
    print("  ".join(h.ljust(w) for h, w in zip(head, widths)))
    for r in rows:
        print("  ".join(str(r[h]).ljust(w) for h, w in zip(head, widths)))
    (HERE / "fetch_results.json").write_text(json.dumps(rows, ensure_ascii=False, indent=1),
                                             encoding="utf-8")


if __name__ == "__main__":
    main()
