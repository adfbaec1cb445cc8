"""Nothing gets in: hostile filter values reach DuckDB only as bound parameters, limits are capped,
writing needs a token and is off unless configured, CORS is off by default, `-o` writes exactly the
named file, and the dashboard never turns data into markup. docs/SECURITY.md states each rule.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from fixtures.store.builders import article_a, article_b
from helpers import TOKEN

from chronicle.api import Settings, create_app
from chronicle.cli import cli
from chronicle.errors import ChronicleError
from chronicle.records import Article
from chronicle.safety import open_output
from chronicle.store import Store

INJECTIONS = [
    "' OR 1=1 --", "'; DROP TABLE events; --", '" OR ""="', "1; SELECT * FROM articles",
    "%' UNION SELECT id, text FROM articles --", "); DELETE FROM events; --", "$1", "?", "\\", "%", "_",
    "MLI' OR 'a'='a", "2025-01-01' OR '1'='1", "1 OR 1=1", "-1", "0x41", "ASSAULT'--", "' || (SELECT 1) || '",
    "☃'; ATTACH '/tmp/x.db' AS x; --", "x" * 5000,
]
FILTERS = ["country", "type", "mode", "status", "actor", "actor_code", "place", "bbox", "since", "until", "text",
           "quad", "cursor", "order", "limit"]
ENDPOINTS = {"/events": [], "/actors": ["name", "role"], "/places": ["name"], "/stats/timeline": ["interval", "by"]}


@pytest.fixture
def store_articles() -> list[Article]:
    """conftest's `store` and `client` over these: six events in three articles."""
    return [article_a(), article_b(), article_a("art-c", published="2025-05-01")]


def state(store: Store) -> tuple[dict[str, int], list[str]]:
    tables = sorted(r[0] for r in store.conn.cursor().execute(
        "SELECT table_name FROM duckdb_tables()").fetchall())
    return store.counts(), tables


def test_sql_injection_in_every_filter_changes_nothing_and_breaks_nothing(client: TestClient,
                                                                          store: Store) -> None:
    before = state(store)
    all_events = client.get("/events").json()["count"]
    for path, extra in ENDPOINTS.items():
        for param in FILTERS + extra:
            for value in INJECTIONS:
                response = client.get(path, params={param: value})
                assert response.status_code in (200, 400, 422), (path, param, value, response.text)
                if response.status_code != 200:
                    assert response.json()["error"]["code"] in ("bad_parameter",)
                elif path == "/events" and param not in ("limit", "order"):
                    # A filter value never widens the result.
                    assert response.json()["count"] <= all_events
    for value in INJECTIONS[:8]:
        assert client.get(f"/events/{value}").status_code == 404
        assert client.get(f"/articles/{value}").status_code == 404
    assert state(store) == before


def test_injection_strings_are_matched_as_text_not_as_sql(client: TestClient) -> None:
    # "%" and "_" are LIKE wildcards elsewhere; here they are plain characters, so nothing matches.
    for value in ("%", "_", "' OR 1=1 --"):
        assert client.get("/events", params={"actor": value}).json()["count"] == 0
        assert client.get("/events", params={"text": value}).json()["count"] == 0


def test_sql_injection_through_the_cli_filters(tmp_path: Path, store: Store) -> None:
    db = store.path
    store.close()
    for option in ("--country", "--type", "--mode", "--status", "--actor", "--since", "--until", "--text"):
        for value in INJECTIONS[:10]:
            result = CliRunner().invoke(cli, ["events", "--db", db, option, value, "--format", "json"])
            assert result.exit_code in (0, 2), (option, value, result.output)
            assert "Traceback" not in result.output
    with Store.open(db, read_only=True) as again:
        assert again.counts()["events"] == 6


def test_limits_are_capped(client: TestClient) -> None:
    body = client.get("/events", params={"limit": 10**12}).json()
    assert body["limit"] == 1000
    assert len(client.get("/actors", params={"limit": 10**9}).json()["actors"]) <= 1000
    assert client.get("/events", params={"limit": 0}).status_code == 422
    assert client.get("/events", params={"limit": -5}).status_code == 422


def test_every_writing_endpoint_needs_the_token(store: Store) -> None:
    app = create_app(store, Settings(token=TOKEN))
    writing = [(method.upper(), path) for path, ops in app.openapi()["paths"].items() for method in ops
               if method not in ("get", "head")]
    assert writing == [("POST", "/ingest")]  # a new writing endpoint must be added to these checks
    line = json.dumps({"id": "sneak", "text": "Police arrested 3 people."}).encode()
    with TestClient(app) as c:
        for method, path in writing:
            assert c.request(method, path, content=line).status_code == 401
            assert c.request(method, path, content=line, headers={"Authorization": "Bearer wrong"}).status_code == 401
            assert c.request(method, path, content=line,
                             headers={"Authorization": f"Basic {TOKEN}"}).status_code == 401
    with TestClient(create_app(store, Settings())) as off:  # no token configured: writing is off
        for method, path in writing:
            response = off.request(method, path, content=line, headers={"Authorization": "Bearer "})
            assert response.status_code == 403 and response.json()["error"]["code"] == "ingest_disabled"
    assert store.article_record("sneak") is None


def test_cors_is_off_unless_origins_are_listed(store: Store) -> None:
    with TestClient(create_app(store, Settings(token=TOKEN))) as c:
        response = c.get("/events", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in response.headers
        preflight = c.options("/ingest", headers={"Origin": "https://evil.example",
                                                  "Access-Control-Request-Method": "POST"})
        assert "access-control-allow-origin" not in preflight.headers
    with TestClient(create_app(store, Settings(cors_origins=("https://ok.example",)))) as c:
        assert c.get("/events", headers={"Origin": "https://ok.example"}).headers[
            "access-control-allow-origin"] == "https://ok.example"
        assert "access-control-allow-origin" not in c.get("/events", headers={"Origin": "https://evil.example"}).headers


def test_export_takes_no_path(client: TestClient, tmp_path: Path) -> None:
    target = tmp_path / "written_by_server.csv"
    response = client.get("/export", params={"format": "csv", "path": str(target), "output": str(target),
                                             "o": str(target)})
    # a parameter the endpoint does not take is refused outright (issue 12), and nothing is written
    assert response.status_code == 400 and "`path`" in response.json()["error"]["message"]
    assert not target.exists()
    response = client.get("/export", params={"format": "csv"})
    assert response.status_code == 200 and response.text.startswith("id,")
    assert "attachment" in response.headers["content-disposition"]


# --- `-o FILE` writes exactly FILE -------------------------------------------------------------------


def test_output_refuses_a_symlink_and_leaves_its_target_alone(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    link = tmp_path / "out.jsonl"
    link.symlink_to(victim)
    with pytest.raises(ChronicleError) as caught:
        open_output(str(link))
    assert caught.value.code == "bad_output" and "symbolic link" in str(caught.value)
    dangling = tmp_path / "dangling.jsonl"
    dangling.symlink_to(tmp_path / "nowhere" / "x")
    with pytest.raises(ChronicleError):
        open_output(str(dangling))
    assert victim.read_text() == "precious" and not (tmp_path / "nowhere").exists()


def test_output_refuses_a_directory_and_writes_a_plain_file(tmp_path: Path) -> None:
    with pytest.raises(ChronicleError) as caught:
        open_output(str(tmp_path))
    assert "directory" in str(caught.value)
    target = tmp_path / "ok.jsonl"
    target.write_text("old content that must go")
    with open_output(str(target)) as fh:
        fh.write("new\n")
    assert target.read_text() == "new\n"


def test_the_cli_output_rule_holds_for_extract_and_export(tmp_path: Path, store: Store) -> None:
    db = store.path
    store.close()
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    link = tmp_path / "events.csv"
    link.symlink_to(victim)
    for args in (["export", "--db", db, "--format", "csv", "-o", str(link)],
                 ["export", "--db", db, "--format", "parquet", "-o", str(link)],
                 ["export", "--db", db, "--format", "jsonl", "-o", str(tmp_path)]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 2, result.output
        assert "refused to write there" in result.stderr and "Traceback" not in result.output
    assert victim.read_text() == "precious"
    good = tmp_path / "events.parquet"
    assert CliRunner().invoke(cli, ["export", "--db", db, "--format", "parquet", "-o", str(good)]).exit_code == 0
    assert good.stat().st_size > 0 and not good.is_symlink()
    story = tmp_path / "story.txt"
    story.write_text("Police arrested 3 people in Lima on Monday, officials said.")
    result = CliRunner().invoke(cli, ["extract", str(story), "-o", str(link), "-q"])
    assert result.exit_code == 2 and victim.read_text() == "precious"


def test_a_new_output_file_gets_the_umask_permissions(tmp_path: Path) -> None:
    old = os.umask(0o077)
    try:
        with open_output(str(tmp_path / "private.jsonl")) as fh:
            fh.write("x")
    finally:
        os.umask(old)
    assert (tmp_path / "private.jsonl").stat().st_mode & 0o777 == 0o600


def test_the_dashboard_never_builds_markup_from_data() -> None:
    from chronicle.dashboard import __file__ as dashboard_init

    script = (Path(dashboard_init).parent / "static" / "app.js").read_text(encoding="utf-8")
    code = "\n".join(line for line in script.splitlines() if not line.lstrip().startswith("//"))
    sinks = re.findall(r"\b(innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\s*\(|new Function)", code)
    assert sinks == [], "article text reaches the page only through textContent"
