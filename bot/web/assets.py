"""The widget's static files as served: content-hashed, gzip-compressed, cached by browsers.

Each file is read once (and again only when it changes on disk) and kept with its SHA-256
content hash and a gzip copy. How a response is cached depends on how it was asked for:

* with ``?v=<its current hash>`` (what widget.js and the demo page ask for): one year,
  ``immutable``: a browser never asks again, and a changed file has a new hash, so a new URL;
* otherwise (``/widget.js`` as embedding pages include it, or an old hash): ``no-cache`` with an
  ``ETag``: the browser asks each time and gets ``304 Not Modified`` while the file is unchanged.

Clients that accept gzip get it (``Vary: Accept-Encoding``). widget.js itself carries the hashes
of the files it loads (its ``/*MNDW_VERSIONS*/`` placeholder is filled in), so one cheap
revalidated request is all a returning visitor makes before everything comes from the cache.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, Mapping, Tuple

from sanic import response
from sanic.request import Request
from sanic.response import HTTPResponse

VERSIONS_PLACEHOLDER = b"{/*MNDW_VERSIONS*/}"
LOADER = "widget.js"
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
# Compressing tiny files gains nothing.
MIN_GZIP_BYTES = 512


@dataclass(frozen=True)
class Asset:
    body: bytes
    gzipped: bytes | None
    digest: str
    content_type: str

    @classmethod
    def of(cls, body: bytes, content_type: str) -> Asset:
        digest = hashlib.sha256(body).hexdigest()[:16]
        gzipped = gzip.compress(body, compresslevel=9, mtime=0) if len(body) >= MIN_GZIP_BYTES else None
        return cls(body, gzipped, digest, content_type)


class Assets:
    """The files served under the widget's prefix, by name, each from its own path on disk."""

    def __init__(self, files: Mapping[str, Tuple[Path, str]], headers: Callable[[str], Dict[str, str]]) -> None:
        self.files = dict(files)
        self.headers = headers
        self._cache: Dict[str, Tuple[int, Asset]] = {}

    def _raw(self, name: str) -> Asset:
        path, content_type = self.files[name]
        stamp = path.stat().st_mtime_ns
        cached = self._cache.get(name)
        if cached and cached[0] == stamp:
            return cached[1]
        asset = Asset.of(path.read_bytes(), content_type)
        self._cache[name] = (stamp, asset)
        return asset

    def versions(self) -> Dict[str, str]:
        """The current hash of every file except the loader (files missing on disk are left out)."""
        found = {}
        for name in self.files:
            if name != LOADER:
                try:
                    found[name] = self._raw(name).digest
                except OSError:
                    continue
        return found

    def get(self, name: str) -> Asset:
        """The file as served; the loader with the others' hashes filled in. OSError if it is missing."""
        if name != LOADER:
            return self._raw(name)
        raw = self._raw(name)
        filled = raw.body.replace(VERSIONS_PLACEHOLDER, json.dumps(self.versions(), sort_keys=True).encode())
        cached = self._cache.get("\0" + name)
        if cached and cached[1].body == filled:
            return cached[1]
        asset = Asset.of(filled, raw.content_type)
        self._cache["\0" + name] = (0, asset)
        return asset

    def respond(self, request: Request, name: str) -> HTTPResponse:
        asset = self.get(name)
        etag = f'"{asset.digest}"'
        headers = self.headers(asset.content_type)
        headers["ETag"] = etag
        headers["Vary"] = "Accept-Encoding"
        headers["Cache-Control"] = IMMUTABLE if request.args.get("v") == asset.digest else REVALIDATE
        if etag in [t.strip() for t in request.headers.get("if-none-match", "").split(",")]:
            return response.empty(status=304, headers={k: v for k, v in headers.items() if k != "Content-Type"})
        accepts_gzip = "gzip" in request.headers.get("accept-encoding", "").lower()
        if asset.gzipped is not None and accepts_gzip:
            headers["Content-Encoding"] = "gzip"
            return response.raw(asset.gzipped, headers=headers)
        return response.raw(asset.body, headers=headers)
