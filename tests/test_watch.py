"""`chronicle watch` against a real HTTP server on localhost serving invented feeds and pages."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from chronicle.cli import cli
from chronicle.store import Store
from chronicle.watch import Fetcher, FetchError, Politeness, parse_every

SITE = Path(__file__).parent / "fixtures" / "scale" / "site"


class Site:
    def __init__(self, server: ThreadingHTTPServer) -> None:
        self.server = server
        self.base = f"http://127.0.0.1:{server.server_address[1]}"
        self.requests: list[tuple[str, str]] = []  # (path, user agent)


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            site.requests.append((self.path, self.headers.get("User-Agent", "")))
            if self.path.startswith("/broken/"):
                self.send_error(500, "Internal Server Error")
                return
            file = (SITE / self.path.lstrip("/")).resolve()
            if not file.is_file() or SITE.resolve() not in file.parents:
                self.send_error(404)
                return
            body = file.read_bytes()
            if file.suffix in (".rss", ".atom"):
                body = body.replace(b"{BASE}", site.base.encode())
            kind = {".html": "text/html; charset=utf-8", ".rss": "application/rss+xml",
                    ".atom": "application/atom+xml"}.get(file.suffix, "text/plain")
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # keep the test output clean
            pass

    return Handler


@pytest.fixture
def site() -> Iterator[Site]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    holder = Site(server)
    server.RequestHandlerClass = _handler(holder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield holder
    server.shutdown()
    server.server_close()


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


FAST = ("--per-host", "0", "--timeout", "2", "--retries", "1")


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def test_parse_every() -> None:
    assert parse_every("15m") == 900 and parse_every("1h") == 3600 and parse_every("90") == 90
    with pytest.raises(ValueError):
        parse_every("soon")


def test_fetcher_is_polite_and_says_what_failed(site: Site) -> None:
    fetcher = Fetcher(Politeness(per_host_s=0.3, retries=1, backoff_s=0.05, timeout_s=2))
    page = fetcher.get(f"{site.base}/articles/geneva-talks.html")
    assert page.status == 200 and b"Geneva" in page.body
    assert all(agent.startswith("chronicle/") for _, agent in site.requests)
    assert site.requests[0][0] == "/robots.txt"  # read once per host, before the first page
    with pytest.raises(FetchError, match=r"robots\.txt"):
        fetcher.get(f"{site.base}/private/story.html")
    with pytest.raises(FetchError, match=r"HTTP 500.*after 2 tries"):
        fetcher.get(f"{site.base}/broken/story.html")
    assert [p for p, _ in site.requests].count("/broken/story.html") == 2  # retried once
    with pytest.raises(FetchError, match="unreachable"):
        fetcher.get(f"http://127.0.0.1:{_closed_port()}/feed.rss")


def test_per_host_pause(site: Site) -> None:
    import time

    fetcher = Fetcher(Politeness(per_host_s=0.4, obey_robots=False))
    start = time.monotonic()
    for _ in range(3):
        fetcher.get(f"{site.base}/robots.txt")
    assert time.monotonic() - start >= 0.8  # three requests, two pauses


@pytest.mark.model
def test_watch_once_ingests_new_articles_then_skips_them(site: Site, tmp_path: Path) -> None:
    db = str(tmp_path / "w.duckdb")
    offline = f"http://127.0.0.1:{_closed_port()}/world.rss"
    feeds = (f"{site.base}/world.rss", offline, f"{site.base}/world.atom")
    first = run("watch", *feeds, "--db", db, "--once", *FAST)
    assert first.exit_code == 0, first.stderr
    assert f"feed {offline}: cannot fetch" in first.stderr  # reported, and the other feeds went on
    assert "/broken/story.html: fetch_failed" in first.stderr
    assert "robots.txt" in first.stderr
    with Store.open(db, read_only=True) as store:
        rows = store.conn.execute("SELECT url, source, published, title FROM articles ORDER BY url").fetchall()
        failed = {r[0] for r in store.conn.execute("SELECT input FROM failures").fetchall()}
    urls = [r[0] for r in rows]
    # geneva-talks is listed by both feeds and stored once
    assert urls == [f"{site.base}/articles/{n}.html" for n in ("corvana-aid", "geneva-talks", "valdora-strike")]
    assert ("Harbour Wire World", "2025-03-04T09:15:00+00:00") in {(r[1], r[2]) for r in rows}
    assert ("Lakeside Daily: World", "2025-03-05T06:30:00+00:00") in {(r[1], r[2]) for r in rows}  # to UTC
    assert f"{site.base}/broken/story.html" in failed
    pages = [p for p, _ in site.requests if p.startswith("/articles/")]
    assert sorted(pages) == sorted(set(pages))  # no page fetched twice in a round

    site.requests.clear()
    second = run("watch", *feeds[:1], feeds[2], "--db", db, "--once", *FAST)
    assert second.exit_code == 0, second.stderr
    fetched = [p for p, _ in site.requests]
    assert not [p for p in fetched if p.startswith("/articles/")]  # stored URLs are not fetched again
    assert "/broken/story.html" in fetched  # a failed fetch is tried again next round
    assert "0 articles" in second.stderr.splitlines()[-1]


def test_watch_rejects_a_bad_interval(tmp_path: Path) -> None:
    result = run("watch", "x.rss", "--every", "often", "--db", str(tmp_path / "w.duckdb"))
    assert result.exit_code == 2 and "--every" in result.stderr
