"""Settings of a BDL API download: address, client key, quotas, cache, retries.

In: command-line options and the environment. Out: :class:`FetchSettings`.

- API address: ``--api-url`` or ``STRATEGY_BDL_API_URL`` (default :data:`DEFAULT_BASE_URL`);
  the tests point it at a local server.
- Client key (optional; GUS gives it on registration, it raises the quotas): the environment
  variable ``BDL_API_KEY`` or ``STRATEGY_BDL_KEY``, else the first line of the file named by
  ``STRATEGY_BDL_KEY_FILE`` or of ``~/.config/strategy/bdl_api_key``. The key is sent only in
  the ``X-ClientId`` header, only to the configured API host, and is never printed or written
  (``repr`` hides it; the manifest records only whether one was used).
- Cache: ``--cache`` or ``STRATEGY_BDL_CACHE`` (default ``data/cache/bdl_api``).

Quotas (requests per window) as the BDL API documentation gives them ("Opis metod API BDL",
https://api.stat.gov.pl/Home/BdlApi; the same figures are the defaults of the pyBDL client):

=========  ==========  ===========
window     anonymous   with a key
=========  ==========  ===========
1 s        5           10
15 min     100         500
12 h       1 000       5 000
7 days     10 000      50 000
=========  ==========  ===========
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

DEFAULT_BASE_URL = "https://bdl.stat.gov.pl/api/v1"
GUS_HOST = "stat.gov.pl"
DEFAULT_CACHE = Path("data/cache/bdl_api")
URL_ENV = "STRATEGY_BDL_API_URL"
CACHE_ENV = "STRATEGY_BDL_CACHE"
KEY_ENVS = ("BDL_API_KEY", "STRATEGY_BDL_KEY")
KEY_FILE_ENV = "STRATEGY_BDL_KEY_FILE"
KEY_FILE = Path("~/.config/strategy/bdl_api_key")

#: window in seconds -> (anonymous, registered) requests allowed in it.
QUOTAS = {1: (5, 10), 900: (100, 500), 43_200: (1_000, 5_000), 604_800: (10_000, 50_000)}
#: Largest page the API serves (``page-size``).
PAGE_SIZE = 100


@dataclass
class FetchSettings:
    """How to talk to the API. ``key`` never appears in ``repr`` or messages."""

    base_url: str = DEFAULT_BASE_URL
    key: str | None = field(default=None, repr=False)
    cache_dir: Path = DEFAULT_CACHE
    #: A cached response younger than this is used without asking the API at all; an older
    #: one is revalidated with ``If-None-Match`` (ETag) when the API gave an ETag.
    max_age: float = 24 * 3600
    timeout: float = 60.0
    #: Longest wait for a connection to be made; a host that cannot be reached (DNS, refused,
    #: no route, this timeout) is tried once more after ``connect_retry_wait`` and then given
    #: up, so an offline run ends within about 2 x 5 s + 1 s.
    connect_timeout: float = 5.0
    connect_retry_wait: float = 1.0
    #: Attempts per request (read timeouts, dropped connections, 5xx, 429) before giving up.
    attempts: int = 6
    #: First backoff after a timeout or 5xx, doubled each time (plus jitter), capped.
    backoff: float = 2.0
    backoff_cap: float = 120.0
    #: Longest wait accepted from a ``Retry-After`` header (the 15-minute window).
    retry_after_cap: float = 900.0
    page_size: int = PAGE_SIZE
    language: str = "pl"
    quotas: dict[int, int] | None = None   # None: the documented quotas for the key status

    @property
    def registered(self) -> bool:
        return bool(self.key)

    def quota_limits(self) -> dict[int, int]:
        """Return ``window seconds -> requests`` for this client (anonymous or registered).

        The documented quotas are GUS's: they apply to the GUS host (``*.stat.gov.pl``). Another
        address (a local copy of the API, the tests' server) gets no client-side limit unless
        ``quotas`` is given; HTTP 429 from it is still obeyed.
        """
        if self.quotas is not None:
            return dict(self.quotas)
        host = (urlsplit(self.base_url).hostname or "").lower()
        if host != GUS_HOST and not host.endswith("." + GUS_HOST):
            return {}
        return {w: pair[1 if self.registered else 0] for w, pair in QUOTAS.items()}

    @classmethod
    def from_env(cls, *, base_url: str | None = None, cache_dir: Path | None = None,
                 **kwargs) -> FetchSettings:
        """Return settings from the options given, then the environment, then the defaults."""
        url = base_url or os.environ.get(URL_ENV) or DEFAULT_BASE_URL
        cache = cache_dir or (Path(os.environ[CACHE_ENV]) if os.environ.get(CACHE_ENV)
                              else DEFAULT_CACHE)
        return cls(base_url=url.rstrip("/"), key=load_key(), cache_dir=Path(cache), **kwargs)


def load_key() -> str | None:
    """Return the client key from the environment or the key file, or None."""
    for name in KEY_ENVS:
        value = os.environ.get(name, "").strip()
        if value:
            return value
    path = Path(os.environ.get(KEY_FILE_ENV) or KEY_FILE).expanduser()
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    first = next((ln.strip() for ln in lines if ln.strip() and not ln.startswith("#")), "")
    return first or None
