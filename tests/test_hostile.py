"""Hostile input at the readers and the segmenter: every bad file becomes a Failure with its reason,
the rest of the batch is read, nothing raises, and nothing big is read into memory whole.

Big and binary inputs are generated in tmp_path; docs/FAILURES.md lists what chronicle does with each.
"""

from __future__ import annotations

import gzip
import io
import json
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from helpers import read
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chronicle.config import Config
from chronicle.read.decode import decode
from chronicle.read.jsonl import bounded_lines, read_jsonl_lines
from chronicle.records import Article, Document, Failure
from chronicle.segment import segment

CONFIG = Config()
ENGLISH = ("Police in São Paulo said on Monday that about 200 protesters – most of them students – marched "
           "to the façade of the education ministry. “We will not stop,” one organiser said.")
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8


def codes(items: list[Any]) -> list[tuple[str, str | None, str]]:
    return [(Path(f.input).name, f.position, f.code) for f in items if isinstance(f, Failure)]


def peak_mb(run: Callable[[], object]) -> float:
    """Peak Python memory (MB) allocated while `run` runs."""
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


# --- files that are not text, or too big ------------------------------------------------------------


def test_empty_and_blank_files_are_failures_and_the_batch_goes_on(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.html").write_text(" \n\t\n")
    (tmp_path / "ok.txt").write_text(ENGLISH)
    out = read(tmp_path / "empty.txt", tmp_path / "blank.html", tmp_path / "ok.txt")
    assert codes(out) == [("empty.txt", None, "empty"), ("blank.html", None, "empty")]
    assert [d.text for d in out if isinstance(d, Document)] == [ENGLISH]


def test_an_image_renamed_txt_is_binary(tmp_path: Path) -> None:
    (tmp_path / "photo.txt").write_bytes(PNG)
    (tmp_path / "photo.jsonl").write_bytes(PNG)
    out = read(tmp_path / "photo.txt", tmp_path / "photo.jsonl")
    assert codes(out) == [("photo.txt", None, "binary"), ("photo.jsonl", None, "binary")]
    assert "pass text, HTML or JSON Lines" in out[0].message  # type: ignore[union-attr]


def test_a_20_mb_single_line_is_rejected_by_its_size_without_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "one_line.txt"
    with open(big, "wb") as fh:
        for _ in range(20):
            fh.write(b"word " * 209_716)  # 20 MB, no newline
    out: list[Document | Failure] = []
    peak = peak_mb(lambda: out.extend(read(big)))
    assert codes(out) == [("one_line.txt", None, "too_large")]
    assert "--max-chars" in out[0].message  # type: ignore[union-attr]
    assert peak < 1, f"{peak:.1f} MB allocated: the file was read"


def test_a_compressed_20_mb_text_is_read_only_up_to_the_limit(tmp_path: Path) -> None:
    big = tmp_path / "one_line.txt.gz"
    with gzip.open(big, "wb") as fh:
        for _ in range(20):
            fh.write(b"word " * 209_716)
    out: list[Document | Failure] = []
    peak = peak_mb(lambda: out.extend(read(big)))
    assert codes(out) == [("one_line.txt.gz", None, "too_large")]
    assert peak < 30, f"{peak:.1f} MB allocated for a limit of 1M characters"


# --- encodings: decoded right, and said -------------------------------------------------------------


LATIN = "Le café à Zürich rouvre; the mayor said prices rose again."


@pytest.mark.parametrize(("name", "data", "text", "note"), [
    ("latin1.txt", LATIN.encode("latin-1"), LATIN, "Windows-1252"),
    ("cp1252.txt", ENGLISH.encode("cp1252"), ENGLISH, "Windows-1252"),
    ("utf16_bom.txt", ENGLISH.encode("utf-16"), ENGLISH, None),  # the BOM declares it: nothing guessed
    ("utf8_bom.txt", b"\xef\xbb\xbf" + ENGLISH.encode("utf-8"), ENGLISH, None),
    ("utf16_no_bom.txt", ENGLISH.encode("utf-16-le"), ENGLISH, "UTF-16-LE"),
])
def test_legacy_encodings_are_decoded_right_and_a_guess_is_noted(tmp_path: Path, name: str, data: bytes,
                                                                 text: str, note: str | None) -> None:
    (tmp_path / name).write_bytes(data)
    out = read(tmp_path / name)
    assert [d.text for d in out if isinstance(d, Document)] == [text]
    notes = [f for f in out if isinstance(f, Failure)]
    if note is None:
        assert notes == []
    else:
        assert [f.code for f in notes] == ["decoded"] and note in notes[0].message
        assert notes[0].message.startswith("note, not a failure")


def test_invalid_utf8_keeps_its_good_characters(tmp_path: Path) -> None:
    raw = ENGLISH.encode("utf-8")
    (tmp_path / "broken.txt").write_bytes(raw[:40] + b"\xff\xfe" + raw[40:])
    out = read(tmp_path / "broken.txt")
    (doc,) = [d for d in out if isinstance(d, Document)]
    assert doc.text is not None and "São Paulo" in doc.text and "façade" in doc.text and "\ufffd" in doc.text
    assert [f.code for f in out if isinstance(f, Failure)] == ["decoded"]


def test_cyrillic_legacy_encoding_is_decoded_by_charset_normalizer(tmp_path: Path) -> None:
    russian = "Полиция задержала более двухсот участников акции протеста в центре города, сообщили власти. " * 3
    (tmp_path / "ru.txt").write_bytes(russian.encode("cp1251"))
    out = read(tmp_path / "ru.txt")
    (doc,) = [d for d in out if isinstance(d, Document)]
    assert doc.text == russian


def test_a_latin1_jsonl_file_is_read_and_noted(tmp_path: Path) -> None:
    line = json.dumps({"id": "l1", "text": "Le café à Zürich rouvre ses portes."}, ensure_ascii=False)
    (tmp_path / "legacy.jsonl").write_bytes((line + "\n").encode("latin-1"))
    out = read(tmp_path / "legacy.jsonl")
    assert codes(out) == [("legacy.jsonl", None, "decoded")]
    assert [d.text for d in out if isinstance(d, Document)] == ["Le café à Zürich rouvre ses portes."]


# --- HTML that is no article ------------------------------------------------------------------------


@pytest.mark.parametrize("html", [
    "<html><head><title>A title and nothing else</title></head></html>",
    "<html><body><script>var s = 'Police arrested 20 people';</script><script>track()</script></body></html>",
    "<html><body>" + "<div>" * 5000 + "<p>Police arrested twelve protesters in the capital on Monday.</p>"
    + "</div>" * 5000 + "</body></html>",
    "<html><body>" + "<div><span>" * 20000 + "Police arrested twelve protesters in the capital.",
    "<table><tr><td>" * 5000 + "cell",
    "<p>" + "&amp;" * 200_000 + "</p>",
    "<html><body><p>" + "<b>bold</b>" * 50_000 + "</p></body></html>",
], ids=["no_body", "only_scripts", "nested_5000", "unclosed_40000", "tables_15000", "entities", "many_tags"])
def test_html_without_an_article_fails_cleanly(html: str) -> None:
    result = segment(Document(input_id="page.html", kind="html", html=html, path="page.html"), CONFIG)
    if isinstance(result, Failure):
        assert result.code == "no_article" and result.input == "page.html"
    else:  # an extractor may find the one paragraph: then it is a real article
        assert result and all(a.text.strip() for a in result)


def test_html_files_without_articles_fail_and_the_next_file_is_read(tmp_path: Path) -> None:
    (tmp_path / "a_scripts.html").write_text("<html><body><script>x()</script></body></html>")
    (tmp_path / "b_deep.html").write_text("<html><body>" + "<div>" * 5000 + "</div>" * 5000 + "</body></html>")
    (tmp_path / "c_ok.txt").write_text(ENGLISH)
    from chronicle.pipeline import segmented

    out = list(segmented([str(tmp_path)], CONFIG))
    assert codes(out) == [("a_scripts.html", None, "no_article"), ("b_deep.html", None, "no_article")]
    assert [a.text for a in out if isinstance(a, Article)] == [ENGLISH]


# --- JSON Lines -------------------------------------------------------------------------------------


def test_broken_jsonl_lines_are_each_reported_and_the_good_ones_kept(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "good-1", "text": ENGLISH}),
        '{"id": "cut", "text": "Police arr',  # broken JSON
        json.dumps({"id": 7, "text": ENGLISH + " Seven."}),  # an int id is fine
        json.dumps({"id": "types", "text": ENGLISH, "title": ["not", "a", "string"]}),
        json.dumps({"id": "no-text", "title": "Only a title"}),
        json.dumps(["an", "array"]),
        json.dumps({"id": "num-text", "text": 42}),
        "[" * 100_000 + "]" * 100_000,  # nested past any parser's recursion limit
        json.dumps({"id": "bool-id", "id2": 1, "text": "x"}).replace('"bool-id"', "true"),
        "\x00\x01 binary junk \xff",
        json.dumps({"id": "good-2", "text": ENGLISH + " Two."}),
    ]
    (tmp_path / "mixed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = read(tmp_path / "mixed.jsonl")
    assert [d.id for d in out if isinstance(d, Document)] == ["good-1", "7", "good-2"]
    assert [(p, c) for _, p, c in codes(out)] == [
        ("line 2", "bad_json"), ("line 4", "bad_field"), ("line 5", "bad_record"), ("line 6", "bad_record"),
        ("line 7", "bad_record"), ("line 8", "bad_json"), ("line 9", "bad_field"), ("line 10", "bad_json")]


def test_a_50_mb_jsonl_line_is_refused_without_holding_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "before", "text": ENGLISH}) + "\n")
        fh.write('{"id": "huge", "text": "')
        for _ in range(50):
            fh.write("word " * 209_716)
        fh.write('"}\n')
        fh.write(json.dumps({"id": "after", "text": ENGLISH}) + "\n")
    assert path.stat().st_size > 50_000_000
    out: list[Document | Failure] = []
    peak = peak_mb(lambda: out.extend(read(path)))
    assert [d.id for d in out if isinstance(d, Document)] == ["before", "after"]
    assert codes(out) == [("huge.jsonl", "line 2", "too_large")]
    assert peak < 40, f"{peak:.0f} MB allocated: the 50 MB line was held whole"


def test_bounded_lines_counts_a_skipped_line() -> None:
    lines = list(bounded_lines(io.StringIO("short\n" + "x" * 25 + "\nlast"), 10))
    assert lines[0] == "short\n" and lines[2] == "last"
    assert getattr(lines[1], "length", None) == 26


def test_a_truncated_gzip_keeps_what_came_before_the_cut(tmp_path: Path) -> None:
    lines = "".join(json.dumps({"id": f"d{n}", "text": f"{ENGLISH} Number {n}."}) + "\n" for n in range(2000))
    whole = gzip.compress(lines.encode("utf-8"))
    (tmp_path / "cut.jsonl.gz").write_bytes(whole[: len(whole) // 2])
    (tmp_path / "cut.txt.gz").write_bytes(gzip.compress(ENGLISH.encode() * 50)[:200])
    (tmp_path / "not_gzip.txt.gz").write_bytes(b"plain bytes, no gzip header at all")
    out = read(tmp_path / "cut.jsonl.gz", tmp_path / "cut.txt.gz", tmp_path / "not_gzip.txt.gz")
    docs = [d for d in out if isinstance(d, Document)]
    assert 0 < len(docs) < 2000 and [d.id for d in docs] == [f"d{n}" for n in range(len(docs))]
    assert [(n, c) for n, _, c in codes(out)] == [
        ("cut.jsonl.gz", "damaged"), ("cut.txt.gz", "damaged"), ("not_gzip.txt.gz", "damaged")]
    assert "fetch or compress the file again" in out[-1].message  # type: ignore[union-attr]


def test_a_damaged_zstd_file_is_reported(tmp_path: Path) -> None:
    zstandard = pytest.importorskip("zstandard")
    lines = "".join(json.dumps({"id": f"z{n}", "text": ENGLISH}) + "\n" for n in range(500)).encode()
    data = zstandard.ZstdCompressor().compress(lines)
    (tmp_path / "cut.jsonl.zst").write_bytes(data[: len(data) // 2])
    (tmp_path / "two.jsonl.zst").write_bytes(data + zstandard.ZstdCompressor().compress(b'{"id": "last", '
                                                                                           b'"text": "x"}\n'))
    out = read(tmp_path / "cut.jsonl.zst")
    assert [c for _, _, c in codes(out)] == ["damaged"]
    kept = [d.id for d in out if isinstance(d, Document)]
    assert kept == [f"z{n}" for n in range(len(kept))]  # what came before the cut is kept, in order
    whole = [d.id for d in read(tmp_path / "two.jsonl.zst") if isinstance(d, Document)]
    assert whole == [f"z{n}" for n in range(500)] + ["last"]  # a file of two frames reads whole


def test_a_warc_with_a_corrupt_record_gives_the_other_records(tmp_path: Path) -> None:
    pytest.importorskip("warcio")
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc"
    offsets = []
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=False)
        for n in range(3):
            page = (f"<html><head><title>Council vote {n}</title></head><body><article><h1>Council vote {n}</h1>"
                    f"<p>{ENGLISH}</p><p>The council met again on day {n}.</p></article></body></html>")
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                       protocol="HTTP/1.1")
            offsets.append(fh.tell())
            writer.write_record(writer.create_warc_record(f"https://example.test/{n}", "response",
                                                          payload=io.BytesIO(page.encode()), http_headers=headers))
    data = bytearray(path.read_bytes())
    # Garble the second record's header block (its WARC/1.x line and its length).
    data[offsets[1]:offsets[1] + 40] = b"GARBAGE!" * 5
    path.write_bytes(bytes(data))
    out = read(path)
    assert [c for _, _, c in codes(out)] == ["bad_warc"]
    assert [d.url for d in out if isinstance(d, Document)] == ["https://example.test/0", "https://example.test/2"]


# --- property-based: readers and segmenter never raise ----------------------------------------------

_PROPS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                          HealthCheck.function_scoped_fixture])
_TEXTISH = st.text(st.characters(codec="utf-8"), max_size=400)


@_PROPS
@given(st.binary(max_size=2000))
def test_decode_never_raises(data: bytes) -> None:
    result = decode(data)
    assert (result.text is None) == (result.code == "binary")
    if result.text is not None:
        assert "\r" not in result.text


_JSON_VALUES = st.one_of(st.none(), st.booleans(), st.integers(), _TEXTISH, st.lists(st.integers(), max_size=3))
_JSON_LINES = st.builds(json.dumps, st.dictionaries(
    st.sampled_from(["id", "text", "html", "title", "url", "published", "language", "fetched", "x"]), _JSON_VALUES))


@_PROPS
@given(st.lists(st.one_of(_TEXTISH, _JSON_LINES), max_size=8))
def test_jsonl_reader_never_raises_and_numbers_every_failure(lines: list[str]) -> None:
    for item in read_jsonl_lines([line.replace("\n", " ") + "\n" for line in lines], "p.jsonl", CONFIG):
        if isinstance(item, Failure):
            assert item.position is None or item.position.startswith("line ")
        else:
            assert isinstance(item.text, str) or isinstance(item.html, str)


@_PROPS
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".txt", ".html", ".jsonl", "", ".gz", ".txt.gz"]))
def test_reading_any_bytes_as_any_file_never_raises(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"input{suffix}"
    path.write_bytes(data)
    for item in read(path):
        assert isinstance(item, Document | Failure)


_LINES = st.lists(st.one_of(
    st.sampled_from(["", "Share this", "By Jo Writer", "Updated 2 hours ago", "12 March 2025", "Advertisement",
                     "BAMAKO (Reuters) - Police said on Monday they held 12 men.", "Read more", "* a bullet"]),
    _TEXTISH), max_size=30)


@_PROPS
@given(lines=_LINES, kind=st.sampled_from(["text", "html", "jsonl"]))
def test_segmenting_any_document_never_raises(lines: list[str], kind: str) -> None:
    body = "\n".join(lines)
    if kind == "html":
        doc = Document(input_id="x", kind="html", html="<html><body>" + "".join(f"<p>{t}</p>" for t in lines)
                       + "</body></html>")
    else:
        doc = Document(input_id="x", kind=kind, text=body)
    result = segment(doc, CONFIG)
    if isinstance(result, Failure):
        assert result.code == "no_article"
        return
    for article in result:
        assert article.text.strip() and article.id
        assert article.dateline is None or article.dateline.strip()
