"""Cut whole articles into the sentence rows labellers label, each with its article's title and the
sentence before it (the context GUIDE.md asks labellers to read).

    python training/split_articles.py training/labels/fetched9a_docs.jsonl

Reads `<stem>_docs.jsonl` (one article per line: doc, title, url, licence, source, date, group, text)
and writes `<stem>_sentences.jsonl` beside it: one row per sentence, `<doc>-sNNN` ids in reading
order, paragraphs (blank-line separated) cut into sentences by chronicle's spaCy pipeline. Sentences
are matched to the coder's by containment (scripts/tune_learned.py `holds`), so the cut need not
agree with the pipeline's to the character.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from chronicle.nlp.model import load_nlp  # noqa: E402
from training.corpus import read_jsonl  # noqa: E402


def paragraphs(text: str) -> list[str]:
    """The article's paragraphs, inner whitespace collapsed."""
    return [re.sub(r"\s+", " ", p).strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def sentence_rows(doc: dict) -> list[dict]:
    """One labelling row per sentence of a docs-file article."""
    nlp = load_nlp()
    texts = [s.text.strip() for para in paragraphs(doc["text"]) for s in nlp(para).sents if s.text.strip()]
    rows, prev = [], None
    for i, text in enumerate(texts):
        rows.append({"id": f"{doc['doc']}-s{i:03d}", "doc": doc["doc"], "title": doc["title"], "prev": prev,
                     "text": text})
        prev = text
    return rows


def main(argv: list[str]) -> int:
    for name in argv:
        path = Path(name)
        if not path.name.endswith("_docs.jsonl"):
            print(f"{path}: expected a <stem>_docs.jsonl file", file=sys.stderr)
            return 2
        out = path.with_name(path.name.removesuffix("_docs.jsonl") + "_sentences.jsonl")
        rows = [r for doc in read_jsonl(path) for r in sentence_rows(doc)]
        out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        print(f"{out}: {len(rows)} sentences")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
