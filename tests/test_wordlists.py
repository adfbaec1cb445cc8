"""Word lists live once, as data (chronicle/data/words/), read by one loader."""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import pytest

from chronicle import wordlists
from chronicle.wordlists import WordListError, mapping, ordered, words

PACKAGE = Path(__file__).resolve().parent.parent / "chronicle"


def test_every_list_opens_with_its_purpose_and_parses() -> None:
    files = sorted(wordlists.WORDS.rglob("*.t*"))
    assert len(files) > 100
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("#"), f"{path}: say what the list is for in a first comment line"
        name = str(path.relative_to(wordlists.WORDS).with_suffix(""))
        assert (mapping(name) if path.suffix == ".tsv" else words(name)), f"{path} is empty"


def test_every_list_is_read_by_the_code() -> None:
    source = "\n".join(p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py"))
    unread = [str(p.relative_to(wordlists.WORDS).with_suffix("")) for p in wordlists.WORDS.rglob("*.t*")
              if f'"{p.relative_to(wordlists.WORDS).with_suffix("")}"' not in source]
    assert not unread, f"word lists no module reads: {unread}"


def test_no_word_list_is_written_twice_in_the_data() -> None:
    contents = Counter(tuple(sorted(words(str(p.relative_to(wordlists.WORDS).with_suffix("")))))
                       for p in wordlists.WORDS.rglob("*.txt"))
    assert not [c for c, n in contents.items() if n > 1]


def test_no_long_word_list_left_in_code() -> None:
    """A literal set or tuple of five or more lower-case English words belongs in data/words."""
    found = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Set | ast.List | ast.Tuple):
                strs = [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
                if len(strs) >= 5 and len(strs) == len(node.elts) and all(
                        s.isalpha() and s.islower() and len(s) > 2 for s in strs) and not _codes(strs):
                    found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert not found, f"word lists in code: {found}"


def _codes(strs: list[str]) -> bool:
    """Dependency labels, stage keys and record field names are code, not English word lists."""
    code_words = {"xcomp", "ccomp", "pcomp", "pobj", "prep", "dobj", "acomp", "dative", "attr", "oprd", "relcl",
                  "acl", "advcl", "conj", "nsubjpass", "det", "poss", "amod", "compound", "nummod", "nmod",
                  "quantmod", "case", "predet", "advmod", "npadvmod", "neg", "read", "segment", "language",
                  "spacy", "ner", "article",
                  "doc", "entities", "times", "locations", "asserted", "alleged", "planned", "hypothetical",
                  "negated", "denied", "historical", "sentence", "context", "dateline", "day", "week", "month",
                  "year", "unknown", "text", "published", "killed", "injured", "arrested", "count", "pattern",
                  "verb", "support", "occurrence", "existential", "headline", "background", "title", "url",
                  "publication", "interval", "total", "undated", "buckets", "source", "fetched", "country",
                  "type", "mode", "status", "actor", "since", "until", "query", "path", "header", "body",
                  "csv", "parquet", "jsonl", "plover", "unit", "kind", "record", "articles", "new", "replaced",
                  "unchanged", "events", "copies", "failures", "input", "relative", "segmented"}
    return all(s in code_words for s in strs)


def test_loader_errors_name_the_file_and_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "twice.txt").write_text("# a list\nalpha\nbeta\nalpha\n", encoding="utf-8")
    (tmp_path / "t" / "bad.tsv").write_text("# a map\nkey\tvalue\nno tab here\n", encoding="utf-8")
    monkeypatch.setattr(wordlists, "WORDS", tmp_path)
    for fn in (ordered, words, mapping):
        fn.cache_clear()
    try:
        with pytest.raises(WordListError, match="'alpha' is listed twice"):
            ordered("t/twice")
        with pytest.raises(WordListError, match=r"bad\.tsv line 3"):
            mapping("t/bad")
        with pytest.raises(WordListError, match="no such word list"):
            words("t/missing")
    finally:
        for fn in (ordered, words, mapping):
            fn.cache_clear()
