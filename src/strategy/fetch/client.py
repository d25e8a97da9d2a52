"""HTTP client of the GUS BDL API: cache, quotas, retries, conditional requests, refusals.

In: :class:`~strategy.fetch.settings.FetchSettings`, an API path (``data/by-variable/72305``)
built by :meth:`BdlClient.url` with query parameters, a Polish description of what is asked
("zmienna 72305, strona 2") and a check of the documented shape. Out: :class:`Fetched` - the
body exactly as received and its parsed JSON - or :class:`~strategy.errors.FetchError` with a
Polish message naming what was asked.

Why ``httpx`` + ``tenacity`` and not the ``pybdl`` client: pybdl (1.1) fixes the API address
in a module constant (its client cannot be pointed at the local test server without patching
its insides), returns parsed dictionaries instead of the bytes received (we keep the raw pages
as the input files of the ingest), and keeps its own HTTP and quota caches in the working
folder. What this module needs of it is small: ``httpx`` (already installed with JupyterLab)
does the HTTP, ``tenacity`` (already installed with papermill) the retry loop, and the quota
windows, ETag cache and shape checks are a few dozen lines each here.

Behaviour:

- a cached response younger than ``max_age`` is used without a request; an older one is
  revalidated with ``If-None-Match`` / ``If-Modified-Since`` and HTTP 304 keeps it;
- every request waits for the client-side quota (:mod:`.ratelimit`);
- HTTP 429 is answered by waiting as ``Retry-After`` says (seconds or an HTTP date; capped at
  15 minutes), or by backoff when the header is missing; timeouts, a connection dropped in the
  middle of an answer and 5xx by exponential backoff with jitter; at most ``attempts`` tries;
- a connection that cannot be made at all (name not resolved or the name server silent within
  ``connect_timeout``, refused, no route, no answer to the connection within
  ``connect_timeout``) is tried once more after a short pause and then
  ends the download with :class:`Unreachable`: an offline machine learns it in seconds, with the
  way on (BDL exports loaded by ``strategy ingest``), instead of minutes of backoff;
- HTTP 404 (and other 4xx) means the API does not have what was asked: :class:`NotFound`; the
  API's own reason (``{"errors": [{"errorResult": ..., "errorReason": ...}]}``) is quoted;
- an HTML page, a body that is not JSON (truncated, damaged) or JSON of another shape is
  refused with a message naming what was asked; refused bodies are never cached;
- the key goes only in the ``X-ClientId`` header and only to the configured API host.
"""
from __future__ import annotations

import ipaddress
import json
import random
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Self
from urllib.parse import urlencode, urlsplit
from urllib.request import getproxies

import httpx
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception_type,
    stop_after_attempt,
)

from ..errors import FetchError
from .cache import Entry, ResponseCache
from .ratelimit import QuotaLimiter
from .settings import FetchSettings

USER_AGENT = "strategy-warsztat (pobieranie danych GUS BDL dla powiatu)"


class NotFound(FetchError):
    """The API answered 404 (or another 4xx): it does not have what was asked."""

    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.status = status


class Unreachable(FetchError):
    """The API's host cannot be reached at all (DNS, refused, no route, connect timeout)."""


#: What a user without access to the API can do instead (printed with :class:`Unreachable`).
OFFLINE_HINT = (
    "Bez dostępu do API można wczytać dane GUS pobrane ręcznie z Banku Danych Lokalnych "
    "(https://bdl.stat.gov.pl, eksport tabeli do pliku CSV): zapisz pliki w jednym folderze i "
    "uruchom: strategy ingest FOLDER --powiat KOD. Dane, których BDL nie ma, wpisuje się do "
    "szablonu XLSX (strategy template).")


class _ConnectFailed(Exception):
    """No connection could be made (not retried by backoff)."""


class _Retryable(Exception):
    """A failure worth another attempt (timeout, connection error, 5xx, 429)."""

    def __init__(self, message: str, retry_after: float | None = None):
        super().__init__(message)
        self.retry_after = retry_after


@dataclass
class Fetched:
    """One accepted response."""

    url: str
    body: bytes
    data: object
    from_cache: bool       # served from the cache without any request
    revalidated: bool      # the API confirmed the cached copy (HTTP 304)


@dataclass
class Stats:
    """What the client did: requests sent, downloads, 304s, cache hits, retries, waiting."""

    requests: int = 0
    downloaded: int = 0
    not_modified: int = 0
    cache_hits: int = 0
    retries: int = 0
    rate_limited: int = 0
    waited: float = 0.0
    bytes: int = 0
    events: list[str] = field(default_factory=list)


class BdlClient:
    """Talks to the BDL API at ``settings.base_url``."""

    def __init__(self, settings: FetchSettings, *, on_event: Callable[[str], None] | None = None,
                 transport: httpx.BaseTransport | None = None):
        self.settings = settings
        self.cache = ResponseCache(settings.cache_dir)
        self.limiter = QuotaLimiter(settings.quota_limits())
        self.stats = Stats()
        self._on_event = on_event
        self._host = urlsplit(settings.base_url).netloc
        self._resolved: set[str] = set()
        self._transport_given = transport is not None
        timeout = httpx.Timeout(settings.timeout, connect=settings.connect_timeout)
        self._http = httpx.Client(timeout=timeout, transport=transport,
                                  headers={"User-Agent": USER_AGENT,
                                           "Accept": "application/json"})

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def url(self, path: str, params: list[tuple[str, object]] | None = None) -> str:
        """Return the full URL of an API path with the language, format and ``params``."""
        query = [("format", "json"), ("lang", self.settings.language)] + list(params or [])
        return f"{self.settings.base_url}/{path.lstrip('/')}?{urlencode(query)}"

    def same_host(self, url: str) -> bool:
        return urlsplit(url).netloc == self._host

    def get(self, url: str, what: str, check: Callable[[object], str | None] | None = None,
            *, max_age: float | None = None) -> Fetched:
        """Return the accepted response of ``url`` (from the cache when fresh enough)."""
        max_age = self.settings.max_age if max_age is None else max_age
        entry = self.cache.get(url)
        if entry is not None and entry.age() < max_age:
            data = _parse(entry.body, "application/json", what)
            if check is None or check(data) is None:
                self.stats.cache_hits += 1
                return Fetched(url, entry.body, data, True, False)
            entry = None   # a cached body that no longer passes the check is fetched again
        for connect_try in (1, 2):
            retrying = Retrying(
                stop=stop_after_attempt(max(1, self.settings.attempts)),
                wait=self._wait, retry=retry_if_exception_type(_Retryable),
                before_sleep=self._before_sleep, reraise=True)
            try:
                return retrying(self._attempt, url, what, check, entry)
            except _Retryable as exc:
                raise FetchError(f"{what}: nie udało się pobrać danych po "
                                 f"{self.settings.attempts} próbach ({exc})") from None
            except _ConnectFailed as exc:
                if connect_try == 1:
                    self.stats.retries += 1
                    self._event(f"{exc}; ponawiam za {_seconds(self.settings.connect_retry_wait)}")
                    time.sleep(self.settings.connect_retry_wait)
                    continue
                host = urlsplit(url).hostname or url
                raise Unreachable(
                    f"nie można połączyć się z API BDL ({host}: {exc}); sprawdź połączenie z "
                    f"internetem lub adres API (--api-url). {OFFLINE_HINT}") from None
        raise AssertionError("unreachable")   # the loop returns or raises

    # -- one attempt -------------------------------------------------------------------------
    def _attempt(self, url: str, what: str, check, entry: Entry | None) -> Fetched:
        headers = {}
        if self.settings.key and self.same_host(url):
            headers["X-ClientId"] = self.settings.key
        if entry is not None and entry.etag:
            headers["If-None-Match"] = entry.etag
        if entry is not None and entry.last_modified:
            headers["If-Modified-Since"] = entry.last_modified
        self._check_name(url)
        self.limiter.acquire()
        self.stats.requests += 1
        try:
            resp = self._http.get(url, headers=headers)
        except httpx.ConnectTimeout:
            raise _ConnectFailed("serwer nie odpowiada na próbę połączenia") from None
        except httpx.ConnectError as exc:
            raise _ConnectFailed(_connect_reason(exc)) from None
        except httpx.TimeoutException:
            raise _Retryable("przekroczono czas oczekiwania na odpowiedź") from None
        except httpx.TransportError as exc:
            raise _Retryable(f"błąd połączenia: {type(exc).__name__}") from None
        status = resp.status_code
        if status == 304 and entry is not None:
            self.stats.not_modified += 1
            self.cache.touch(entry)
            return Fetched(url, entry.body, _parse(entry.body, "application/json", what),
                           False, True)
        if status == 429:
            self.stats.rate_limited += 1
            raise _Retryable("HTTP 429: przekroczono limit zapytań API",
                             retry_after=_retry_after(resp.headers.get("Retry-After")))
        if status >= 500:
            reason = _error_text(resp)
            raise _Retryable(f"HTTP {status}: błąd serwera API"
                             + (f" ({reason})" if reason != "bez opisu" else ""))
        if status == 404 or 400 <= status < 500:
            raise NotFound(f"{what}: API odpowiedziało HTTP {status} "
                           f"({_error_text(resp)})", status)
        if status != 200:
            raise FetchError(f"{what}: nieoczekiwana odpowiedź API HTTP {status}")
        body = resp.content
        data = _parse(body, resp.headers.get("Content-Type", ""), what)
        problem = check(data) if check is not None else None
        if problem:
            raise FetchError(f"{what}: odpowiedź API ma inny układ niż opisany w dokumentacji "
                             f"({problem}); odrzucono ją")
        self.stats.downloaded += 1
        self.stats.bytes += len(body)
        self.cache.put(url, body, resp.headers.get("ETag"), resp.headers.get("Last-Modified"))
        return Fetched(url, body, data, False, False)

    def _check_name(self, url: str) -> None:
        """Resolve the host's name once, within ``connect_timeout``.

        The name lookup is not bound by the HTTP client's connect timeout: a machine whose name
        server does not answer would wait the resolver's own timeouts (often 10-20 s per try)
        before the connection error. A host given as an address, a proxy (which resolves the
        name itself) or a transport given by the caller skip the check.
        """
        parts = urlsplit(url)
        host = parts.hostname or ""
        if not host or host in self._resolved or self._transport_given \
                or parts.scheme in getproxies():
            return
        try:
            ipaddress.ip_address(host)
            self._resolved.add(host)
            return
        except ValueError:
            pass
        outcome: dict[str, object] = {}

        def lookup() -> None:
            try:
                socket.getaddrinfo(host, parts.port or (443 if parts.scheme == "https" else 80))
                outcome["ok"] = True
            except OSError as exc:
                outcome["error"] = exc

        worker = threading.Thread(target=lookup, daemon=True, name="bdl-dns")
        worker.start()
        worker.join(self.settings.connect_timeout)
        if worker.is_alive():
            raise _ConnectFailed("serwer nazw (DNS) nie odpowiada")
        if "error" in outcome:
            raise _ConnectFailed("nie można ustalić adresu serwera (DNS)")
        self._resolved.add(host)

    # -- tenacity hooks ----------------------------------------------------------------------
    def _wait(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        if isinstance(exc, _Retryable) and exc.retry_after is not None:
            return min(exc.retry_after, self.settings.retry_after_cap)
        step = self.settings.backoff * 2 ** max(0, state.attempt_number - 1)
        jitter = random.uniform(0, self.settings.backoff / 2)
        return min(self.settings.backoff_cap, step + jitter)

    def _before_sleep(self, state: RetryCallState) -> None:
        exc = state.outcome.exception() if state.outcome else None
        wait = state.next_action.sleep if state.next_action else 0.0
        self.stats.retries += 1
        self.stats.waited += wait
        why = "Retry-After" if isinstance(exc, _Retryable) and exc.retry_after is not None \
            else "ponowienie z opóźnieniem"
        self._event(f"{exc}; czekam {_seconds(wait)} ({why}), próba {state.attempt_number + 1} "
                    f"z {self.settings.attempts}")

    def _event(self, text: str) -> None:
        self.stats.events.append(text)
        if self._on_event is not None:
            self._on_event(text)


def _parse(body: bytes, content_type: str, what: str) -> object:
    """Return the JSON of a body, or raise FetchError saying why it is refused."""
    head = body.lstrip()[:200].lower()
    if "html" in content_type.lower() or head.startswith((b"<!doctype", b"<html", b"<")):
        raise FetchError(f"{what}: API zwróciło stronę HTML zamiast danych JSON (zwykle strona "
                         "błędu serwera lub bramki); odrzucono odpowiedź")
    try:
        return json.loads(body.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise FetchError(f"{what}: odpowiedź API nie jest tekstem UTF-8; odrzucono ją") from None
    except json.JSONDecodeError as exc:
        end = body.rstrip()[-1:]
        cut = " (odpowiedź jest ucięta)" if end not in (b"}", b"]") else ""
        raise FetchError(f"{what}: odpowiedź API nie jest poprawnym JSON-em{cut}: błąd w znaku "
                         f"{exc.pos} z {len(body)}; odrzucono ją") from None


def _seconds(value: float) -> str:
    """Return seconds as Polish text: ``1,5\u00a0s`` (decimal comma, no-break space)."""
    return f"{value:.1f}".replace(".", ",") + "\u00a0s"


def _retry_after(value: str | None) -> float | None:
    """Return the wait a ``Retry-After`` header asks for (seconds or an HTTP date)."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _error_text(resp: httpx.Response) -> str:
    """Return the API's reason for a refusal (``errors[].errorReason`` and older shapes)."""
    try:
        data = resp.json()
    except ValueError:
        return "bez opisu"
    return error_reason(data) or "bez opisu"


def error_reason(data: object) -> str:
    """Return the reasons of an API error body: ``{"errors": [{"errorReason": ...}]}``."""
    if not isinstance(data, dict):
        return ""
    errors = data.get("errors")
    if isinstance(errors, list):
        reasons = []
        for e in errors:
            if isinstance(e, dict):
                text = e.get("errorReason") or e.get("errorResult") or e.get("message")
                if text:
                    reasons.append(str(text).strip())
            elif isinstance(e, str) and e.strip():
                reasons.append(e.strip())
        if reasons:
            return "; ".join(dict.fromkeys(reasons))[:300]
    for key in ("errorReason", "message", "error"):
        if data.get(key):
            return str(data[key])[:300]
    return ""


def _connect_reason(exc: httpx.ConnectError) -> str:
    """Return in Polish why no connection was made (name, refusal, route)."""
    text = str(exc).lower()
    if any(k in text for k in ("name or service not known", "nodename nor servname",
                               "temporary failure in name resolution", "getaddrinfo",
                               "no address associated", "name resolution")):
        return "nie można ustalić adresu serwera (DNS)"
    if "refused" in text:
        return "połączenie odrzucone"
    if "unreachable" in text or "no route" in text:
        return "brak trasy do serwera (sieć niedostępna)"
    return "nie udało się nawiązać połączenia"
