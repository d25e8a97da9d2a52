"""On-disk cache of BDL API responses, keyed by the request URL (the client key is not in it).

In: a folder (default ``data/cache/bdl_api``). Out: :class:`ResponseCache` with ``get(url)`` ->
:class:`Entry` (the body exactly as received, its ETag / Last-Modified, when it was fetched or
last confirmed) and ``put``/``touch``.

Each entry is two files named by the SHA-256 of the URL: ``<hash>.body`` and ``<hash>.json``
(metadata). Both are written to a temporary file and renamed, the body first, so an entry
without its metadata file is ignored: a download interrupted at any point leaves only whole
entries, and the next run resumes from them. Only responses the client accepted (HTTP 200 and
a body of the documented shape) are stored.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Entry:
    url: str
    body: bytes
    etag: str | None
    last_modified: str | None
    fetched_at: float          # time.time() of the download or of the last 304 confirmation

    def age(self, now: float | None = None) -> float:
        return (time.time() if now is None else now) - self.fetched_at


class ResponseCache:
    """Responses stored by URL under ``folder``."""

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)

    def _paths(self, url: str) -> tuple[Path, Path]:
        digest = hashlib.sha256(url.encode("utf-8")).hexdigest()
        base = self.folder / digest[:2] / digest
        return base.with_suffix(".body"), base.with_suffix(".json")

    def get(self, url: str) -> Entry | None:
        """Return the stored entry of ``url`` or None (also when it is damaged)."""
        body_path, meta_path = self._paths(url)
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            body = body_path.read_bytes()
        except (OSError, ValueError):
            return None
        if meta.get("url") != url or meta.get("sha256") != hashlib.sha256(body).hexdigest():
            return None
        return Entry(url=url, body=body, etag=meta.get("etag"),
                     last_modified=meta.get("last_modified"),
                     fetched_at=float(meta.get("fetched_at", 0)))

    def put(self, url: str, body: bytes, etag: str | None, last_modified: str | None,
            fetched_at: float | None = None) -> Entry:
        """Store a response (body first, then its metadata) and return the entry."""
        body_path, _ = self._paths(url)
        entry = Entry(url, body, etag, last_modified,
                      time.time() if fetched_at is None else fetched_at)
        atomic_write(body_path, body, sync=False)
        self._write_meta(entry)
        return entry

    def touch(self, entry: Entry) -> Entry:
        """Record that the API confirmed ``entry`` unchanged now (HTTP 304)."""
        entry.fetched_at = time.time()
        self._write_meta(entry)
        return entry

    def _write_meta(self, entry: Entry) -> None:
        _, meta_path = self._paths(entry.url)
        meta = {"url": entry.url, "etag": entry.etag, "last_modified": entry.last_modified,
                "fetched_at": entry.fetched_at,
                "sha256": hashlib.sha256(entry.body).hexdigest()}
        atomic_write(meta_path, json.dumps(meta, ensure_ascii=False, indent=1).encode("utf-8"),
                     sync=False)


def atomic_write(path: Path, data: bytes, *, sync: bool = True) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename.

    ``sync=False`` skips the fsync (cache entries: a torn one fails its SHA-256 check and is
    downloaded again).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if sync:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
