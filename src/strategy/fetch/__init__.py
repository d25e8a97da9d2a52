"""Getting a powiat's data straight from the GUS BDL API (``strategy pobierz``).

In: a powiat's TERC code, years, the catalogue's BDL variables. Out: the raw API pages under
``data/raw/bdl_api/<powiat>/`` with a manifest, which the normal ingest then reads.

- :mod:`.settings` - API address, optional client key, documented quotas, cache folder;
- :mod:`.ratelimit` - the client-side quota windows;
- :mod:`.cache` - responses on disk by URL, with ETag / Last-Modified, written atomically;
- :mod:`.client` - HTTP with retries, 429 ``Retry-After``, conditional requests, refusals,
  an unreachable host given up within seconds;
- :mod:`.variables` - which variables (the API rows of ``data/bdl_mapping.csv``: indicator,
  status of the id, its sources, the description the API must give);
- :mod:`.download` - the queries for one powiat, attributes, description checks, gaps,
  manifest, the folder swapped in whole;
- :mod:`.progress` - a bar on a terminal, plain lines otherwise.
"""
from .download import DEFAULT_ROOT, FetchReport, fetch_powiat, parse_years
from .settings import FetchSettings
from .variables import BdlVariable, catalogue_variables, select, template_only

__all__ = ["DEFAULT_ROOT", "BdlVariable", "FetchReport", "FetchSettings", "catalogue_variables",
           "fetch_powiat", "parse_years", "select", "template_only"]
