"""Polite HTTP fetching for the feed watcher (standard library only).

Reads URLs; gives their bytes (`Fetched`) or a `FetchError` whose message says
what went wrong (host unreachable, HTTP status, timeout, refused by
robots.txt). Every request carries a user agent naming chronicle; requests to
one host are spaced by `Politeness.per_host_s`; connection errors, timeouts,
429 and 5xx are retried `retries` times with exponential backoff (429/503
honour a short Retry-After); robots.txt is read once per host and obeyed.
"""

from __future__ import annotations

import threading
import time
import urllib.error
import urllib.request
import urllib.robotparser
from dataclasses import dataclass, field
from email.message import Message
from urllib.parse import urlsplit

from chronicle import __version__

USER_AGENT = f"chronicle/{__version__} (+news event extraction; polite feed watcher)"
_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})


@dataclass(frozen=True)
class Politeness:
    """How gently to fetch: defaults suit public news sites."""

    timeout_s: float = 20.0
    retries: int = 2
    backoff_s: float = 2.0  # first retry waits this long, then twice as long each time
    per_host_s: float = 1.0  # at least this long between two requests to one host
    max_bytes: int = 8_000_000
    max_retry_after_s: float = 60.0
    user_agent: str = USER_AGENT
    obey_robots: bool = True


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    status: int  # 200, or 304 when the feed did not change
    body: bytes
    content_type: str
    etag: str | None = None
    last_modified: str | None = None


class FetchError(Exception):
    """A URL that could not be fetched; `str()` is a one-line reason."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason


@dataclass
class Fetcher:
    politeness: Politeness = field(default_factory=Politeness)
    _last: dict[str, float] = field(default_factory=dict)
    _robots: dict[str, urllib.robotparser.RobotFileParser | None] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """GET `url` politely; FetchError when it cannot be had after the retries."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise FetchError(url, "not an http(s) URL")
        if self.politeness.obey_robots and not self._allowed(url):
            raise FetchError(url, "disallowed by the site's robots.txt")
        headers = {"User-Agent": self.politeness.user_agent, "Accept-Encoding": "identity"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        wait = self.politeness.backoff_s
        attempt = 0
        while True:
            self._pace(parts.netloc)
            try:
                return self._once(url, headers)
            except _Retry as retry:
                attempt += 1
                if attempt > self.politeness.retries:
                    raise FetchError(url, f"{retry.reason} (after {attempt} tries)") from None
                pause = wait if retry.after is None else min(retry.after, self.politeness.max_retry_after_s)
                time.sleep(pause)
                wait *= 2

    def _once(self, url: str, headers: dict[str, str]) -> Fetched:
        request = urllib.request.Request(url, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=self.politeness.timeout_s) as response:
                body = response.read(self.politeness.max_bytes + 1)
                if len(body) > self.politeness.max_bytes:
                    raise FetchError(url, f"larger than {self.politeness.max_bytes:,} bytes")
                info: Message = response.headers
                return Fetched(url=response.geturl(), status=response.status, body=body,
                               content_type=info.get("Content-Type", ""), etag=info.get("ETag"),
                               last_modified=info.get("Last-Modified"))
        except urllib.error.HTTPError as exc:
            if exc.code == 304:
                return Fetched(url=url, status=304, body=b"", content_type="")
            if exc.code in _RETRY_STATUS:
                raise _Retry(f"HTTP {exc.code} {exc.reason}", _retry_after(exc.headers)) from None
            raise FetchError(url, f"HTTP {exc.code} {exc.reason}") from None
        except urllib.error.URLError as exc:
            raise _Retry(f"host unreachable ({exc.reason})", None) from None
        except (TimeoutError, ConnectionError, OSError) as exc:
            raise _Retry(f"network error ({type(exc).__name__}: {exc})", None) from None

    def _pace(self, host: str) -> None:
        with self._lock:
            now = time.monotonic()
            ready = self._last.get(host, 0.0) + self.politeness.per_host_s
            self._last[host] = max(now, ready)
        if ready > now:
            time.sleep(ready - now)

    def _allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        root = f"{parts.scheme}://{parts.netloc}"
        if root not in self._robots:
            parser: urllib.robotparser.RobotFileParser | None = urllib.robotparser.RobotFileParser()
            try:
                self._pace(parts.netloc)
                fetched = self._once(f"{root}/robots.txt", {"User-Agent": self.politeness.user_agent})
                assert parser is not None
                parser.parse(fetched.body.decode("utf-8", "replace").splitlines())
            except (FetchError, _Retry):
                parser = None  # no robots.txt (404) or none reachable: nothing is forbidden
            self._robots[root] = parser
        robots = self._robots[root]
        return robots is None or robots.can_fetch(self.politeness.user_agent, url)


class _Retry(Exception):
    def __init__(self, reason: str, after: float | None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.after = after


def _retry_after(headers: Message | None) -> float | None:
    value = headers.get("Retry-After") if headers is not None else None
    if value and value.strip().isdigit():
        return float(value.strip())
    return None
