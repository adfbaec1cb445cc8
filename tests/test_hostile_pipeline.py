"""Hostile input through the whole pipeline and the CLI: the run goes on, each bad input is reported
(code, position, what to do), `--strict` turns any failure (not a note) into exit status 1, long texts
are parsed in pieces with exact offsets, and one text that breaks spaCy fails alone.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
import spacy
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc
from test_hostile_language import FOREIGN
from test_offsets import offset_errors

from chronicle import annotate as pipeline
from chronicle.cli import cli
from chronicle.nlp.pieces import cut_points, pipe_pieces
from chronicle.records import Article, Failure

STORY = ("Riot police arrested 14 farmers who blocked the main road into Nairobi on Monday, officials said. "
         "The farmers had demanded lower fertiliser prices.")


def hostile_corpus(root: Path) -> Path:
    """One folder holding one of each kind of bad input, and two good ones."""
    root.mkdir()
    (root / "a_good.txt").write_text(STORY)
    (root / "b_empty.txt").write_bytes(b"")
    (root / "c_image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (root / "d_latin1.txt").write_bytes(("Le café de Zürich: " + STORY).encode("latin-1"))
    (root / "e_arabic.txt").write_text(FOREIGN["ar"])
    (root / "f_scripts.html").write_text("<html><body><script>x()</script></body></html>")
    (root / "g_deep.html").write_text("<html><body>" + "<div>" * 5000 + "</div>" * 5000 + "</body></html>")
    (root / "h_lines.jsonl").write_text("\n".join([
        json.dumps({"id": "ok-line", "text": STORY}), "{broken", json.dumps({"title": "no text"}),
        json.dumps({"id": "ru", "text": FOREIGN["ru"]}), json.dumps({"id": "fr-given", "language": "fr",
                                                                     "text": STORY})]) + "\n")
    (root / "i_cut.jsonl.gz").write_bytes(gzip.compress(
        (json.dumps({"id": "gz", "text": STORY}) + "\n").encode() * 200)[:300])
    return root


@pytest.mark.model
def test_a_hostile_folder_is_extracted_with_every_failure_reported(tmp_path: Path) -> None:
    corpus = hostile_corpus(tmp_path / "in")
    result = CliRunner().invoke(cli, ["extract", str(corpus), "-q"])
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    ids = [r["input_id"] for r in records]
    assert ids[:2] == [str(corpus / "a_good.txt"), str(corpus / "d_latin1.txt")] and "ok-line" in ids
    assert "gz" in ids  # the lines before the cut of the gzip were read
    assert any(r["events"] for r in records)
    summary = result.stderr.splitlines()
    assert summary[0].startswith(f"{len(records)} articles from 1 input; ") and "1 note:" in summary[0]
    lines = "\n".join(summary[1:])
    for name, code in [("c_image.txt", "binary"), ("d_latin1.txt", "decoded"),
                       ("e_arabic.txt", "unsupported_language"), ("f_scripts.html", "no_article"),
                       ("g_deep.html", "no_article"), ("h_lines.jsonl line 2", "bad_json"),
                       ("h_lines.jsonl line 3", "bad_record"), ("ru", "unsupported_language"),
                       ("fr-given", "unsupported_language"), ("i_cut.jsonl.gz", "damaged")]:
        assert f"{name}" in lines and f": {code} — " in lines, (name, code)
    # b_empty.txt in a folder walk: an empty file is still reported
    assert "b_empty.txt: empty" in lines
    strict = CliRunner().invoke(cli, ["extract", str(corpus), "-q", "--strict"])
    assert strict.exit_code == 1 and strict.stdout == result.stdout


@pytest.mark.model
def test_strict_ignores_notes(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes(("Le café de Zürich: " + STORY).encode("latin-1"))
    result = CliRunner().invoke(cli, ["extract", str(path), "-q", "--strict"])
    assert result.exit_code == 0, result.stderr
    assert "1 article from 1 input; 1 note: " in result.stderr and "Windows-1252" in result.stderr
    assert json.loads(result.stdout)["text"].startswith("Le café de Zürich")


@pytest.mark.model
def test_ingest_records_the_failures_and_strict_fails(tmp_path: Path) -> None:
    corpus = hostile_corpus(tmp_path / "in")
    db = str(tmp_path / "h.duckdb")
    result = CliRunner().invoke(cli, ["ingest", str(corpus), "--db", db, "-q", "--strict"])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].endswith(" failures, 1 note recorded:")
    listed = CliRunner().invoke(cli, ["failures", "--db", db])
    codes = {line.split(": ")[1].split(" — ")[0] for line in listed.stdout.splitlines()}
    assert {"binary", "decoded", "unsupported_language", "no_article", "bad_json", "bad_record", "damaged",
            "empty"} <= codes


@pytest.mark.model
def test_long_text_is_parsed_in_pieces_with_exact_offsets(nlp: Language) -> None:
    text = " ".join([STORY.replace(".", "") + " and"] * 40)  # one 5,000-character "sentence"
    cuts = cut_points(text, 1000)
    assert len(cuts) > 5 and all(b - a <= 1000 for a, b in zip([0, *cuts], cuts, strict=False))
    (doc,) = pipe_pieces(nlp, [text], size=1000)
    assert doc.text == text and len(doc) > 500
    article = pipeline.analyse(Article(id="long", input_id="long", text=text), doc)
    assert article.events and offset_errors(article.to_dict()) == []


def test_cut_points_prefer_paragraphs_then_sentences_then_spaces() -> None:
    text = ("a" * 60 + "\n" + "b" * 30 + ". " + "c" * 20 + " " + "d" * 100)
    assert cut_points(text, 100)[0] == 61  # after the newline
    assert cut_points("x" * 250, 100) == [100, 200, 250]  # no boundary at all: cut anyway
    assert cut_points("", 100) == [0]


def test_a_text_that_breaks_spacy_fails_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    nlp = spacy.blank("en")

    @Language.component("explode_on_boom")
    def explode(doc: Doc) -> Doc:
        if "BOOM" in doc.text:
            raise ValueError("cannot parse this")
        return doc

    nlp.add_pipe("explode_on_boom")
    monkeypatch.setattr(pipeline, "load_nlp", lambda: nlp)
    monkeypatch.setattr(pipeline, "analyse", lambda article, doc: article)
    batch: list[Article | Failure] = [
        Article(id=f"a{n}", input_id=f"in{n}", text=("BOOM " if n == 2 else "") + STORY) for n in range(5)]
    out = list(pipeline.annotate_batch(batch))
    assert [type(x).__name__ for x in out] == ["Article", "Article", "Failure", "Article", "Article"]
    assert out[2].code == "processing" and "cannot parse this" in out[2].message  # type: ignore[union-attr]


_WORDS = st.sampled_from(["police", "arrested", "14", "farmers", "in", "Nairobi", "on", "Monday", ",", ".", "said",
                          "the", "minister", "\"", "who", "met", "rebels", "near", "Mali", "\n", "—", "(", ")",
                          "killed", "3", "people", "yesterday", "'", "U.S.", "denied", "attacking", "Kenya's"])


@pytest.mark.model
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_WORDS, min_size=1, max_size=120))
def test_any_jumble_of_news_words_gives_valid_offsets(words: list[str]) -> None:
    text = " ".join(words).strip() or "police"
    (item,) = pipeline.annotate_batch([Article(id="h", input_id="h", text=text, published="2025-03-03")])
    if isinstance(item, Failure):  # too few English function words may read as another language
        assert item.code == "unsupported_language"
        return
    assert offset_errors(item.to_dict()) == []


def test_binary_on_stdin_is_a_failure_not_a_crash() -> None:
    image = b"\x89PNG\r\n\x1a\n" + bytes(range(256))
    result = CliRunner().invoke(cli, ["extract", "-", "-q", "--strict"], input=image)
    # CliRunner reports an escaped exception as exit code 1 too: check there was none.
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit | None), result.exception
    assert "-: binary — " in result.stderr and result.stdout == ""


@pytest.mark.model
def test_latin1_on_stdin_is_decoded_and_noted() -> None:
    result = CliRunner().invoke(cli, ["extract", "-", "-q"], input=("Le café de Zürich: " + STORY).encode("latin-1"))
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["text"].startswith("Le café de Zürich")
    assert "1 note: -: decoded" in result.stderr
