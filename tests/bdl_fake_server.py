"""A local stand-in for the GUS BDL API (``/api/v1``) on 127.0.0.1, for tests without internet.

It answers from fixtures in the JSON shapes real answers have (``SingleVariableData``,
``SingleUnitData``, ``VariableDetails``, ``UnitList``, ``Version``, ``/attributes``,
``/subjects/{id}``): ``format=json``, ``page``/``page-size`` paging, ``year`` filters,
``unit-parent-id`` + ``unit-level``, ETag / ``If-None-Match`` -> 304, errors as
``{"errors": [{"errorResult": ..., "errorReason": ...}]}``.

``paging="real"`` answers as saved real bodies do: an answer that fits on one page carries no
``page``, ``pageSize`` or ``links``; the ``links`` of a paged answer keep only ``page`` and
``page-size`` (real links were seen dropping the other query parameters), so a client that
follows them loses ``year`` and ``unit-parent-id``. ``paging="documented"`` always sends the
paging fields with full links. ``bodies`` maps a path (``/api/v1/data/by-variable/72305``) to a
body sent exactly as given (a saved answer) for page 0.

Scripted faults per path and page: 429 with ``Retry-After``, 500, an HTML page, a truncated
body, a changed schema, a dropped connection. Every request is logged (path, query, the headers
that matter, status, time).
"""
from __future__ import annotations

import hashlib
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Self
from urllib.parse import parse_qsl, urlencode, urlsplit


@dataclass
class FakeVariable:
    """Fixture of one variable: metadata and values by 12-digit unit id."""

    id: str
    n1: str
    measure_unit: str = "osoba"
    level: int = 6
    #: bdl unit id -> (name, {year: value or (value, attrId)})
    values: dict[str, tuple[str, dict]] = field(default_factory=dict)
    subject: str = "P0000"
    n2: str = ""
    measure_unit_id: int = 1


#: The API's ``/attributes`` dictionary as public code saved it (id, name, symbol, description).
ATTRIBUTES = [
    (0, "0", " ", ""), (1, "wartość", " ", ""),
    (3, "wartość", "k", "Agregat może być niekompletny"),
    (4, "0", "x", ("Brak informacji, konieczność zachowania tajemnicy statystycznej lub "
                  "wypełnienie pozycji jest niemożliwe albo niecelowe")),
    (7, "0", "a", "Wartość mniejsza niż przyjęty format prezentacji"),
    (15, "-", " ", ("Znak '-' oznacza brak informacji z powodu: zmiany poziomu prezentacji, "
                   "zmian wprowadzonych do wykazu jednostek terytorialnych lub modyfikacji "
                   "listy cech w danym okresie sprawozdawczym")),
    (50, "- lub 0", "n", "Dana jeszcze niedostępna, będzie dostępna"),
    (91, "0", "x", ("Brak informacji, konieczność zachowania tajemnicy statystycznej lub "
                   "wypełnienie pozycji jest niemożliwe albo niecelowe")),
    (97, "wartość", "p", "Łącznie dla powiatu i miasta na prawach powiatu"),
]


@dataclass
class Logged:
    path: str
    query: list[tuple[str, str]]
    headers: dict[str, str]
    status: int
    at: float

    def param(self, name: str) -> str | None:
        return next((v for k, v in self.query if k == name), None)


class FakeBdlApi:
    """Run with ``with FakeBdlApi(...) as api:``; ``api.base_url`` is the API address."""

    def __init__(self, variables: list[FakeVariable], powiats: list[tuple[str, str]], *,
                 max_page_size: int = 100, version: str = "1.0.4-test",
                 paging: str = "real", subjects: dict[str, str] | None = None,
                 bodies: dict[str, str] | None = None):
        assert paging in ("real", "documented")
        self.paging = paging
        self.subjects = dict(subjects or {})
        self.bodies = dict(bodies or {})
        self.variables = {v.id: v for v in variables}
        self.powiats = powiats
        self.max_page_size = max_page_size
        self.version = version
        self.log: list[Logged] = []
        self.faults: list[tuple[str, int | None, list]] = []
        self._lock = threading.Lock()
        handler = type("Handler", (_Handler,), {"api": self})
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}/api/v1"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    def add_fault(self, path_part: str, page: int | None, *responses) -> None:
        """Answer the next requests whose path has ``path_part`` (and ``page``) with faults.

        Each response: ``("429", seconds)``, ``("500",)``, ``("html",)``, ``("truncated",)``,
        ``("schema",)``, ``("drop",)``; used once each, in order.
        """
        self.faults.append((path_part, page, list(responses)))

    def data_requests(self) -> list[Logged]:
        return [r for r in self.log if "/data/" in r.path]

    # -- answers ---------------------------------------------------------------------------
    def take_fault(self, path: str, query: dict) -> tuple | None:
        with self._lock:
            page = int(query.get("page", 0))
            for part, want_page, responses in self.faults:
                if part in path and (want_page is None or want_page == page) and responses:
                    return responses.pop(0)
        return None

    def answer(self, path: str, query: list[tuple[str, str]]) -> tuple[int, object]:
        prefix = "/api/v1/"
        if not path.startswith(prefix):
            return 404, _error("Nie znaleziono zasobu")
        parts = path[len(prefix):].strip("/").split("/")
        q = dict(query)
        years = {int(v) for k, v in query if k == "year"}
        page = int(q.get("page", 0))
        size = min(int(q.get("page-size", 10)), self.max_page_size)
        if parts == ["version"]:
            return 200, {"id": self.version, "major": 1, "minor": 0,
                         "dateModified": "2026-01-01T00:00:00"}
        if parts == ["attributes"]:
            items = [{"id": i, "name": n, "symbol": s, "description": d}
                     for i, n, s, d in ATTRIBUTES]
            return 200, self._paged(path, query, items, page, size, {})
        if len(parts) == 2 and parts[0] == "subjects":
            if parts[1] not in self.subjects:
                return 404, _error(f"Nie znaleziono tematu {parts[1]}")
            return 200, {"id": parts[1], "name": self.subjects[parts[1]], "hasVariables": True,
                         "levels": [5, 6]}
        if parts == ["units"]:
            level = int(q.get("level", 0))
            units = [{"id": i, "name": n, "parentId": i[:7] + "00000", "level": 5, "kind": "",
                      "hasDescription": False} for i, n in self.powiats if level in (0, 5)]
            return 200, self._paged(path, query, units, page, size, {})
        if len(parts) == 2 and parts[0] == "variables":
            var = self.variables.get(parts[1])
            if var is None:
                return 404, _error(f"Nie znaleziono zmiennej {parts[1]}")
            meta = {"id": int(var.id), "subjectId": var.subject, "n1": var.n1}
            if var.n2:
                meta["n2"] = var.n2
            meta.update(level=var.level, measureUnitId=var.measure_unit_id,
                        measureUnitName=var.measure_unit)
            return 200, meta
        if len(parts) == 3 and parts[:2] == ["data", "by-variable"]:
            var = self.variables.get(parts[2])
            if var is None:
                return 404, _error(f"Nie znaleziono zmiennej {parts[2]}")
            parent, level = q.get("unit-parent-id", ""), int(q.get("unit-level", 0))
            units = []
            for uid, (name, vals) in sorted(var.values.items()):
                if parent and (uid[:9] != parent[:9] or uid == parent):
                    continue
                if level == 6 and uid.endswith("000"):
                    continue
                values = _values(vals, years)
                if values:
                    units.append({"id": uid, "name": name, "values": values})
            head = {"variableId": int(var.id), "measureUnitId": 1, "aggregateId": 1,
                    "lastUpdate": "2026-06-30T00:00:00"}
            return 200, self._paged(path, query, units, page, size, head)
        if len(parts) == 3 and parts[:2] == ["data", "by-unit"]:
            uid = parts[2]
            results, name = [], ""
            for var_id in (v for k, v in query if k == "var-id"):
                var = self.variables.get(var_id)
                if var is None:
                    return 400, _error(f"Nieznana zmienna {var_id}")
                if uid in var.values:
                    name = var.values[uid][0]
                    values = _values(var.values[uid][1], years)
                    if values:
                        results.append({"id": int(var.id), "measureUnitId": 1,
                                        "lastUpdate": "2026-06-30T00:00:00", "values": values})
            head = {"unitId": uid, "unitName": name, "aggregateId": 1}
            return 200, self._paged(path, query, results, page, size, head)
        return 404, _error("Nie znaleziono zasobu")

    def _paged(self, path, query, items, page, size, head) -> dict:
        total = len(items)
        pages = max(1, -(-total // size))

        def link(n):
            if self.paging == "real":     # real links keep only page and page-size
                q = [("page", str(n)), ("page-size", str(size))]
            else:
                q = [(k, v) for k, v in query if k != "page"] + [("page", str(n))]
            return f"{self.base_url}{path[len('/api/v1'):]}?{urlencode(q)}"

        results = items[page * size:(page + 1) * size]
        if self.paging == "real" and pages == 1 and page == 0:
            return {"totalRecords": total, **head, "results": results}
        links = {"first": link(0), "self": link(page)}
        if page + 1 < pages:
            links["next"] = link(page + 1)
        if page > 0:
            links["prev"] = link(page - 1)
        links["last"] = link(pages - 1)
        return {"totalRecords": total, "page": page, "pageSize": size, "links": links, **head,
                "results": results}


def _error(reason: str) -> dict:
    """Return an error body as the API sends it."""
    return {"errors": [{"errorResult": "Błąd", "errorReason": reason}]}


def _values(vals: dict, years: set[int]) -> list[dict]:
    out = []
    for year, v in sorted(vals.items()):
        if years and year not in years:
            continue
        val, attr = v if isinstance(v, tuple) else (v, 1)
        out.append({"year": str(year), "val": val, "attrId": attr})
    return out


class _Handler(BaseHTTPRequestHandler):
    api: FakeBdlApi
    protocol_version = "HTTP/1.1"
    # one buffered write per response and no Nagle delay: ~1 ms per request on loopback
    wbufsize = 1 << 16
    disable_nagle_algorithm = True

    def log_message(self, *args) -> None:   # quiet
        pass

    def do_GET(self) -> None:
        split = urlsplit(self.path)
        query = parse_qsl(split.query, keep_blank_values=True)
        seen = {k: self.headers[k] for k in ("X-ClientId", "If-None-Match", "Accept")
                if self.headers.get(k) is not None}
        fault = self.api.take_fault(split.path, dict(query))
        canned = self.api.bodies.get(split.path)
        if fault is not None:
            status = self._fault(fault, split.path, query)
        else:
            if canned is not None and int(dict(query).get("page", 0)) == 0:
                status, body = 200, canned.encode("utf-8")
            else:
                status, data = self.api.answer(split.path, query)
                body = json.dumps(data, ensure_ascii=False).encode("utf-8")
            etag = '"' + hashlib.sha256(body).hexdigest()[:20] + '"'
            if status == 200 and self.headers.get("If-None-Match") == etag:
                status = 304
                self._send(304, b"", {"ETag": etag})
            else:
                self._send(status, body, {"ETag": etag} if status == 200 else {})
        self.api.log.append(Logged(split.path, query, seen, status, time.monotonic()))

    def _fault(self, fault: tuple, path: str, query) -> int:
        kind = fault[0]
        if kind == "429":
            self._send(429, b'{"errorReason": "Przekroczono limit"}',
                       {"Retry-After": str(fault[1])})
            return 429
        if kind == "500":
            self._send(500, json.dumps(_error("Wewnętrzny błąd serwera")).encode("utf-8"), {})
            return 500
        if kind == "html":
            self._send(200, b"<!DOCTYPE html><html><body><h1>Przerwa techniczna</h1></body>"
                       b"</html>", {}, ctype="text/html; charset=utf-8")
            return 200
        _, data = self.api.answer(path, query)
        body = json.dumps(data, ensure_ascii=False).encode("utf-8")
        if kind == "truncated":
            self._send(200, body[: len(body) // 2], {})
            return 200
        if kind == "schema":
            data = dict(data)
            data["wyniki"] = data.pop("results")
            self._send(200, json.dumps(data).encode("utf-8"), {})
            return 200
        if kind == "drop":
            self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n{\"total")
            self.wfile.flush()
            self.close_connection = True
            return 200
        raise AssertionError(f"unknown fault {fault}")

    def _send(self, status: int, body: bytes, headers: dict, ctype="application/json; "
              "charset=utf-8") -> None:
        self.send_response(status)
        if status != 304:
            self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers.items():
            self.send_header(k, v)
        self.end_headers()
        if body:
            self.wfile.write(body)
