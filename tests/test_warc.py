"""WARC (plain and gzipped) and compressed JSON Lines readers: streamed documents, damaged records as failures.

The WARC files are written here with warcio from invented pages, then damaged on purpose.
"""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
import zstandard
from helpers import read
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from chronicle.config import Config
from chronicle.records import Document, Failure
from chronicle.segment import segment

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head><body>
<nav>Home | World | Sport</nav><article><h1>{title}</h1>
<p>{body}</p><p>Officials said more talks would follow next week in the capital.</p></article>
<footer>Invented test page</footer></body></html>"""

PAGES = [
    ("https://news.example/a", "Mayor opens new bridge in Tarvik",
     "The mayor of Tarvik opened a new bridge on Monday."),
    ("https://news.example/b", "Teachers rally in Ostrel",
     "Teachers rallied outside the education ministry in Ostrel."),
    ("https://news.example/c", "Court hears election appeal",
     "The supreme court heard an appeal over the disputed vote."),
]


def _write_warc(path: Path, gz: bool) -> list[int]:
    """Pages as response records, with a request and an image response between them; record offsets."""
    offsets = []
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gz)
        for n, (url, title, body) in enumerate(PAGES):
            html = PAGE.format(title=title, body=body).encode("utf-8")
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            offsets.append(fh.tell())
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(html), http_headers=headers,
                warc_headers_dict={"WARC-Date": f"2025-03-0{n + 1}T10:00:00Z"}))
            request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "news.example")], is_http_request=True)
            writer.write_record(writer.create_warc_record(url, "request", payload=io.BytesIO(b""),
                                                          http_headers=request))
            image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url + ".png", "response",
                                                          payload=io.BytesIO(b"\x89PNG..."), http_headers=image))
    return offsets


@pytest.mark.parametrize("gz", [False, True])
def test_warc_html_responses_become_documents(tmp_path: Path, gz: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    offsets = _write_warc(path, gz)
    docs = read(path)
    assert all(isinstance(d, Document) for d in docs) and len(docs) == 3
    for doc, (url, title, _), offset, day in zip(docs, PAGES, offsets, "123", strict=True):
        assert isinstance(doc, Document)
        assert doc.kind == "html" and doc.url == url and doc.fetched == f"2025-03-0{day}T10:00:00Z"
        assert doc.input_id.startswith(f"{path}@urn:uuid:") and doc.position == f"byte {offset}"
        assert doc.html is not None and title in doc.html
    articles = segment(docs[0], Config())  # type: ignore[arg-type]
    assert not isinstance(articles, Failure)
    assert articles[0].url == PAGES[0][0] and "new bridge" in articles[0].text


def test_a_corrupt_gzipped_record_is_a_failure_and_the_rest_is_read(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    offsets = _write_warc(path, gz=True)
    data = bytearray(path.read_bytes())
    bad = offsets[1]
    data[bad + 20: bad + 60] = b"\x00" * 40  # inside the second page's gzip member
    path.write_bytes(bytes(data))
    out = read(path)
    failures = [x for x in out if isinstance(x, Failure)]
    docs = [x for x in out if isinstance(x, Document)]
    assert [d.url for d in docs] == [PAGES[0][0], PAGES[2][0]]
    assert len(failures) == 1 and failures[0].code == "bad_warc" and failures[0].position == f"byte {bad}"
    assert " — " in failures[0].message


def test_a_corrupt_plain_record_header_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc"
    offsets = _write_warc(path, gz=False)
    data = bytearray(path.read_bytes())
    data[offsets[1]: offsets[1] + 8] = b"GARBAGE!"  # "WARC/1.x" of the second page's record
    path.write_bytes(bytes(data))
    out = read(path)
    assert [d.url for d in out if isinstance(d, Document)] == [PAGES[0][0], PAGES[2][0]]
    (failure,) = [x for x in out if isinstance(x, Failure)]
    assert failure.code == "bad_warc" and failure.position == f"byte {offsets[1]}"


LINES = [{"id": f"z{i}", "text": f"Story number {i} about the harbour strike.", "source": "Test"} for i in range(3)]


@pytest.mark.parametrize("suffix", [".jsonl.gz", ".jsonl.zst"])
def test_compressed_json_lines_are_streamed(tmp_path: Path, suffix: str) -> None:
    raw = "".join(json.dumps(x) + "\n" for x in LINES).encode() + b"{broken\n"
    path = tmp_path / f"feed{suffix}"
    path.write_bytes(gzip.compress(raw) if suffix.endswith(".gz") else zstandard.ZstdCompressor().compress(raw))
    out = read(path)
    assert [d.id for d in out if isinstance(d, Document)] == ["z0", "z1", "z2"]
    assert [(f.code, f.position) for f in out if isinstance(f, Failure)] == [("bad_json", "line 4")]


def test_zstd_in_a_directory(tmp_path: Path) -> None:
    raw = "".join(json.dumps(x) + "\n" for x in LINES).encode()
    (tmp_path / "a.jsonl.zst").write_bytes(zstandard.ZstdCompressor().compress(raw))
    (tmp_path / "b.txt").write_text("Headline\n\nA short story about a strike at the harbour in Tarvik.\n")
    out = read(tmp_path)
    assert [getattr(d, "id", None) for d in out] == ["z0", "z1", "z2", None]
