"""Stage "read": files, directories, JSON Lines and streams to Documents or Failures."""

from __future__ import annotations

import gzip
import io
import json
import tracemalloc
from pathlib import Path

from helpers import read
from shared_paths import SHARED

from chronicle.config import Config
from chronicle.read import read_inputs, read_stream
from chronicle.read.sniff import sniff
from chronicle.records import Document, Failure

CONFIG = Config()


def test_jsonl_fixture_reports_bad_lines_and_reads_the_rest(fixtures: Path) -> None:
    path = fixtures / "inputs" / "mixed.jsonl"
    out = read(path)
    failures = [(f.code, f.position) for f in out if isinstance(f, Failure)]
    assert failures == [("bad_json", "line 2"), ("bad_record", "line 3"), ("bad_field", "line 4")]
    docs = [d for d in out if isinstance(d, Document)]
    assert [d.input_id for d in docs] == ["vt-001", f"{path}:6", "42"]
    first = docs[0]
    assert first.kind == "jsonl" and first.id == "vt-001" and first.position == "line 1"
    assert first.title == "Mayor meets protest leaders" and first.source == "Valley Times"
    assert first.published == "2024-05-02" and first.path == str(path)
    assert "gold" not in json.dumps(first.to_dict())
    assert docs[1].fetched == "2024-05-04T12:00:00Z" and docs[1].id is None
    assert docs[2].html is not None and docs[2].text is None and docs[2].id == "42"


def test_every_failure_message_says_what_to_do(fixtures: Path) -> None:
    failures = [f for f in read(fixtures / "inputs" / "mixed.jsonl") if isinstance(f, Failure)]
    assert len(failures) == 3  # bad_json, bad_record, bad_field: else the loop below checks nothing
    for f in failures:
        assert " — " in f.message and f.input.endswith("mixed.jsonl")


def test_missing_path_is_not_found(tmp_path: Path) -> None:
    (f,) = read(tmp_path / "nope.txt")
    assert isinstance(f, Failure) and f.code == "not_found"


def test_empty_and_blank_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("")
    (tmp_path / "b.jsonl").write_text("\n  \n")
    codes = [f.code for f in read(tmp_path / "a.txt", tmp_path / "b.jsonl") if isinstance(f, Failure)]
    assert codes == ["empty", "empty"]


def test_binary_files_are_refused(tmp_path: Path) -> None:
    png = tmp_path / "photo.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    nul = tmp_path / "nul.txt"
    nul.write_bytes(b"some text\x00\x00\x01 more")
    out = read(png, nul)
    assert [f.code for f in out if isinstance(f, Failure)] == ["binary", "binary"]


def test_latin1_cp1252_and_utf16_are_decoded(tmp_path: Path) -> None:
    text = "Protesters in Besançon and Zürich marched on Sunday — “peacefully”, police said. Élise Moreau spoke."
    (tmp_path / "cp1252.txt").write_bytes(text.encode("cp1252"))
    latin = "Le ministre a reçu les délégués à Besançon; la grève continue, a déclaré le syndicat."
    (tmp_path / "latin1.txt").write_bytes(latin.encode("latin-1"))
    (tmp_path / "utf16.txt").write_bytes(text.encode("utf-16"))  # with BOM
    docs = read(tmp_path / "cp1252.txt", tmp_path / "latin1.txt", tmp_path / "utf16.txt")
    assert [d.text for d in docs if isinstance(d, Document)] == [text, latin, text]
    # A guessed encoding is said (a `decoded` note before the document); a BOM is no guess.
    notes = [(Path(f.input).name, f.code) for f in docs if isinstance(f, Failure)]
    assert notes == [("cp1252.txt", "decoded"), ("latin1.txt", "decoded")]


def test_crlf_is_normalised(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"Headline here\r\n\r\nBody line one.\r\n")
    (doc,) = read(tmp_path / "a.txt")
    assert isinstance(doc, Document) and doc.text == "Headline here\n\nBody line one.\n"


def test_too_large_is_rejected_never_truncated(tmp_path: Path) -> None:
    small = Config(max_chars=50)
    (tmp_path / "big.txt").write_text("word " * 20)
    (tmp_path / "ok.txt").write_text("word " * 5)
    line = json.dumps({"id": "x", "text": "word " * 20})
    (tmp_path / "big.jsonl").write_text(line + "\n" + json.dumps({"text": "short"}) + "\n")
    out = read(tmp_path / "big.txt", tmp_path / "ok.txt", tmp_path / "big.jsonl", config=small)
    assert [(type(o).__name__, getattr(o, "code", None)) for o in out] == [
        ("Failure", "too_large"), ("Document", None), ("Failure", "too_large"), ("Document", None),
    ]
    assert isinstance(out[1], Document) and out[1].text == "word " * 5


def test_directory_recursion_is_sorted_typed_and_skips_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("Second article text.")
    (tmp_path / "a.html").write_text("<html><body><p>Hi</p></body></html>")
    (tmp_path / "c.ndjson").write_text(json.dumps({"text": "one"}) + "\n")
    (tmp_path / ".hidden.txt").write_text("never read")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("never read")
    (tmp_path / "notes").write_text('{"text": "sniffed as JSON Lines"}\n')
    (tmp_path / "image.bin").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    out = read(tmp_path)
    got = [(Path(d.path or "").relative_to(tmp_path).as_posix(), d.kind) for d in out if isinstance(d, Document)]
    assert got == [("a.html", "html"), ("b/z.txt", "text"), ("c.ndjson", "jsonl"), ("notes", "jsonl")]
    # what is passed over is still named, as a note (issue 12: nothing vanishes)
    skipped = [(Path(f.input).relative_to(tmp_path).as_posix(), f.code) for f in out if isinstance(f, Failure)]
    assert sorted(skipped) == [(".git", "skipped"), (".hidden.txt", "skipped"), ("image.bin", "skipped")]


def test_a_stray_nul_is_stripped_with_a_note(tmp_path: Path) -> None:
    # issue 12: one NUL byte in a text file no longer makes the whole file "binary"
    text = "Soldiers attacked a market in Dorrin on Monday, officials said. " * 5
    (tmp_path / "nul.txt").write_bytes(text.encode()[:40] + b"\x00" + text.encode()[40:] + b"\x1b")
    out = read(tmp_path / "nul.txt")
    notes = [f for f in out if isinstance(f, Failure)]
    assert [f.code for f in notes] == ["cleaned"]
    assert "2 stray control characters removed (NUL, U+001B)" in notes[0].message
    (doc,) = [d for d in out if isinstance(d, Document)]
    assert "\x00" not in doc.text and "\x1b" not in doc.text and doc.text.count("Dorrin") == 5


def test_unknown_extension_named_explicitly_is_sniffed(tmp_path: Path) -> None:
    (tmp_path / "page.dat").write_text("<!DOCTYPE html><html><body><p>x</p></body></html>")
    (tmp_path / "pic.dat").write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 64)
    out = read(tmp_path / "page.dat", tmp_path / "pic.dat")
    assert isinstance(out[0], Document) and out[0].kind == "html"
    assert isinstance(out[1], Failure) and out[1].code == "binary"


def test_gzipped_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "g1", "text": "Gzipped text."}) + "\n")
    (doc,) = read(path)
    assert isinstance(doc, Document) and doc.input_id == "g1" and doc.text == "Gzipped text."


def test_stdin_sniffing() -> None:
    jsonl = io.StringIO('\n{"text": "first"}\nnot json\n{"id": "b", "text": "second"}\n')
    out = list(read_stream(jsonl, CONFIG))
    assert [getattr(o, "input_id", None) or o.position for o in out] == ["-:2", "line 3", "b"]  # type: ignore[union-attr]
    (html,) = read_stream(io.StringIO("<!doctype html>\n<html><body><p>x</p></body></html>"), CONFIG)
    assert isinstance(html, Document) and html.kind == "html" and html.input_id == "-"
    (text,) = read_stream(io.StringIO("Headline\n\nBody text.\n"), CONFIG)
    assert isinstance(text, Document) and text.kind == "text" and text.text == "Headline\n\nBody text.\n"
    (empty,) = read_stream(io.StringIO("\n\n"), CONFIG)
    assert isinstance(empty, Failure) and empty.code == "empty"


def test_sniff() -> None:
    assert sniff('\n  {"text": "x"}\n') == "jsonl"
    assert sniff("<html><body></body></html>") == "html"
    assert sniff("{not json at all}\nmore") == "text"
    assert sniff("<3 this is text") == "text"


def test_jsonl_streams_without_holding_the_file(tmp_path: Path) -> None:
    path = tmp_path / "many.jsonl"
    line = json.dumps({"text": "Police detained protesters outside the ministry on Monday. " * 20}) + "\n"
    with path.open("w") as fh:
        for _ in range(5000):
            fh.write(line)
    size = path.stat().st_size
    tracemalloc.start()
    count = 0
    for _ in read_inputs([str(path)], CONFIG):  # consumed one at a time, as the pipeline does
        count += 1
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert count == 5000
    assert peak < size / 10  # a few lines in flight, not the whole file


def test_wikinews_sample_is_read(fixtures: Path) -> None:
    sample = SHARED / "sample" / "wikinews.jsonl"
    if not sample.exists():
        import pytest

        pytest.skip("shared sample not present")
    docs = read(sample)
    assert len(docs) == 253 and all(isinstance(d, Document) and d.id for d in docs)
