"""`chronicle serve` keeps answering while data is ingested through it, and readers never see half a
request: each POST /ingest is one transaction, so every count a reader sees is a count after some
whole number of requests.
"""

from __future__ import annotations

import json
import subprocess
import threading
import urllib.request
from typing import Any

import pytest
from test_api_server import TOKEN, get, server  # noqa: F401 - `server` is the fixture used below


def _post(url: str, lines: list[str]) -> dict[str, Any]:
    request = urllib.request.Request(url + "/ingest", data="\n".join(lines).encode(), method="POST",
                                     headers={"Authorization": f"Bearer {TOKEN}"})
    with urllib.request.urlopen(request, timeout=300) as response:
        return dict(json.load(response))


@pytest.mark.model
@pytest.mark.slow
def test_readers_see_whole_requests_only_while_ingest_runs(
        server: tuple[str, str, subprocess.Popen[str]]) -> None:  # noqa: F811
    url, _, _ = server
    requests = [[json.dumps({"id": f"r{r}-d{d}", "published": "2025-04-02", "text": (
        f"Police in Lima arrested {d + 2} protesters on Tuesday, officials said. Students in Quito marched "
        f"to parliament on request {r}.")}) for d in range(25)] for r in range(5)]
    answers: list[dict[str, Any]] = []
    writer_error: list[BaseException] = []

    def write() -> None:
        try:
            for lines in requests:
                answers.append(_post(url, lines))
        except BaseException as exc:  # reported by the main thread
            writer_error.append(exc)

    thread = threading.Thread(target=write)
    thread.start()
    seen: list[tuple[int, int]] = []
    while thread.is_alive():
        facets = get(url + "/stats/facets?copies=true")  # every report, as the page below; errors raise
        page = get(url + "/events?limit=1000&copies=true")  # every report: this is about atomicity
        seen.append((facets["events"], page["count"]))
    thread.join()
    assert not writer_error, writer_error
    assert all(a["failures"] == [] and a["articles"] == 25 for a in answers)
    totals = [0]
    for a in answers:
        totals.append(totals[-1] + a["events"])
    assert totals[-1] > 0 and len(seen) >= 3
    for facet_events, page_events in seen:
        assert facet_events in totals and page_events in totals, (facet_events, page_events, totals)
    assert get(url + "/stats/facets?copies=true")["events"] == totals[-1]
