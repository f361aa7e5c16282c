"""Fetchers: how verification reaches DID documents, keys and status lists.

``MapFetcher`` answers URLs from local files (``--resolve MAP.json``: URL prefix -> folder,
relative to the map file, the format of ``vc-test-fixtures/resolve.json``). ``HttpFetcher``
fetches over HTTP(S) with a size limit and a timeout; ``loopback_only`` restricts it to
127.0.0.0/8 and ::1, and ``loopback_plain_http`` reads https://127.0.0.1 URLs over plain HTTP
(tests: did:web always names https). ``chain`` tries fetchers in turn. Every failure is our error.
"""

from __future__ import annotations

import ipaddress
import json
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from apprenance.credentials.trust.did import Fetcher
from apprenance.errors import InputError, NotFound, UnreadableInput

MAX_BYTES = 8 * 1024 * 1024


class MapFetcher:
    """Answers URLs from local folders, by longest matching URL prefix."""

    def __init__(self, mapping: dict[str, Path]) -> None:
        self.mapping = dict(sorted(mapping.items(), key=lambda kv: -len(kv[0])))

    @classmethod
    def from_file(cls, path: Path) -> MapFetcher:
        """Read a resolve map (keys starting with ``_`` are comments)."""
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise UnreadableInput(f"cannot read the resolve map {path}: {exc}") from None
        if not isinstance(raw, dict):
            raise UnreadableInput(f"the resolve map {path} is not a JSON object")
        base = path.resolve().parent
        return cls(
            {
                url: base / folder
                for url, folder in raw.items()
                if not url.startswith("_") and isinstance(folder, str)
            }
        )

    def __call__(self, url: str) -> bytes:
        for prefix, folder in self.mapping.items():
            if url.startswith(prefix):
                rest = url[len(prefix) :].split("#", 1)[0].split("?", 1)[0]
                target = (folder / rest).resolve()
                if not target.is_relative_to(folder.resolve()):
                    raise NotFound(f"{url} points outside its folder")
                try:
                    return target.read_bytes()
                except OSError:
                    raise NotFound(f"no local file answers {url} ({target})") from None
        raise NotFound(f"no local file answers {url} (not in the resolve map)")


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only to a URL ``allow`` accepts (a public https URL must not lead
    to a private address)."""

    def __init__(self, allow: Callable[[str], bool]) -> None:
        self.allow = allow

    def redirect_request(self, req: Any, fp: Any, code: int, msg: str, headers: Any,
                         newurl: str) -> urllib.request.Request | None:
        if not self.allow(newurl):
            raise NotFound(f"not following the redirect of {req.full_url} to {newurl}")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class HttpFetcher:
    """Fetches http(s) URLs (JSON or bytes) with a timeout and a size limit; with ``allow``,
    a redirect is followed only to a URL it accepts."""

    def __init__(
        self, *, timeout: float = 10.0, loopback_only: bool = False,
        loopback_plain_http: bool = False, allow: Callable[[str], bool] | None = None,
    ) -> None:
        self.timeout = timeout
        self.loopback_only = loopback_only
        self.loopback_plain_http = loopback_plain_http  # tests: https://127.0.0.1 -> http
        self.open = (urllib.request.build_opener(_CheckedRedirects(allow)).open
                     if allow is not None else urllib.request.urlopen)

    def __call__(self, url: str) -> bytes:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise InputError(f"cannot fetch {url!r}: only http(s) URLs")
        if self.loopback_only and not _is_loopback(parts.hostname):
            raise NotFound(f"refusing to fetch {url}: only loopback addresses are allowed")
        if self.loopback_plain_http and parts.scheme == "https" and _is_loopback(parts.hostname):
            url = "http" + url[len("https"):]
        request = urllib.request.Request(
            url.split("#", 1)[0],
            headers={"Accept": "application/ld+json, application/json, */*"},
        )
        try:
            with self.open(request, timeout=self.timeout) as response:
                data: bytes = response.read(MAX_BYTES + 1)
        except urllib.error.HTTPError as exc:
            raise NotFound(f"{url} answered HTTP {exc.code}") from None
        except (urllib.error.URLError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", exc)
            raise NotFound(f"cannot reach {url}: {reason}") from None
        if len(data) > MAX_BYTES:
            raise UnreadableInput(f"{url} is larger than {MAX_BYTES} bytes")
        return data


def refuse(url: str) -> bytes:
    """The offline fetcher: every URL is refused."""
    raise NotFound(f"offline: not fetching {url}")


def chain(*fetchers: Fetcher) -> Fetcher:
    """Try each fetcher in turn; the last failure is raised."""

    def fetch(url: str) -> bytes:
        error: NotFound | None = None
        for fetcher in fetchers:
            try:
                return fetcher(url)
            except NotFound as exc:
                error = exc
        raise error or NotFound(f"nothing answers {url}")

    return fetch


def caching(fetcher: Fetcher) -> Callable[[str], bytes]:
    """``fetcher`` with answers kept for the life of one verification run."""
    cache: dict[str, bytes] = {}

    def fetch(url: str) -> bytes:
        key = url.split("#", 1)[0]
        if key not in cache:
            cache[key] = fetcher(url)
        return cache[key]

    return fetch
