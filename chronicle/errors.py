"""Every error chronicle reports: a code, and a message that says what to do.

Readers and stages never raise these for bad *input*: they turn them into
`Failure` records (input, position, code, message) so the rest of the batch
goes on. `ChronicleError` is raised only for problems with the invocation
itself (a missing path, a store held by another process), and the CLI maps
it to an exit code without a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass

from chronicle.records import Failure

# code -> (summary, what the user should do)
CODES: dict[str, tuple[str, str]] = {
    "not_found": ("input path does not exist", "check the path, or quote it if it holds spaces"),
    "unreadable": ("input cannot be read", "check file permissions"),
    "empty": ("input holds no text", "remove the file or give it content"),
    "binary": ("input is binary, not text", "pass text, HTML or JSON Lines files only"),
    "too_large": ("document longer than the size limit",
                  "split the document, or raise the limit with --max-chars"),
    "bad_json": ("line is not valid JSON", "fix or remove that line; the other lines were processed"),
    "bad_record": ("JSON line has neither a string `text` nor `html`",
                   "give each line a `text` (or `html`) string field"),
    "bad_field": ("JSON field has the wrong type", "make `id`, `title`, `url`, `published` strings"),
    "bad_date": ("date cannot be parsed", "use ISO 8601, e.g. 2025-08-11 or 2025-08-11T09:30:00Z"),
    "no_article": ("no article text found in the input", "check that the page holds an article body"),
    "bad_warc": ("WARC record cannot be parsed",
                 "the file is damaged at that byte offset; the records after it were read"),
    "bad_feed": ("not an RSS or Atom feed", "check the feed file or URL (it must serve RSS or Atom XML)"),
    "worker_failed": ("a worker process stopped", "run with fewer --workers (each loads the models) or "
                      "without --workers to see the error"),
    "fetch_failed": ("a page or feed could not be fetched",
                     "check the URL and the network; the watcher tries again next round"),
    "unsupported_type": ("file type not supported", "pass .txt, .html, .jsonl, or a directory of them"),
    "damaged": ("compressed input is damaged or cut short",
                "the documents before the damage were read; fetch or compress the file again"),
    "unsupported_language": ("text in a language chronicle cannot code (it codes English only)",
                             "nothing to fix if the article is not English; if it is, report the "
                             "misdetection with the text attached"),
    "decoded": ("note, not a failure: the input is not UTF-8 and was decoded with a guessed encoding",
                "check the stored text; save the file as UTF-8 to be certain"),
    "cleaned": ("note, not a failure: stray control characters (a NUL byte, an escape code) were removed "
                "from otherwise plain text", "nothing to do unless the file really is binary; the rest was read"),
    "skipped": ("note, not a failure: left out of a directory walk",
                "name the file itself to read it; hidden files, and files of unknown type that are not text, "
                "are passed over in a directory"),
    "processing": ("internal error while processing this document",
                   "report it with the input attached; the rest of the batch went on"),
    "store_locked": ("the store is held by another process",
                     "stop that process, or send data through its server (chronicle ingest --server URL)"),
    "bad_output": ("refused to write there", "name a regular file (not a directory or a symbolic link), "
                   "or - for standard output"),
    "bad_argument": ("invalid command-line argument", "see the command's --help"),
    "bad_store": ("not a chronicle store", "pass the store file that `chronicle ingest` wrote (--db FILE)"),
    "store_version": ("the store was written with another store layout",
                      "use the chronicle version that wrote it, or ingest again into a new --db file"),
    "server_refused": ("the server refused the request",
                       "check --server and --token (or CHRONICLE_TOKEN) against the running `chronicle serve`"),
    "server_unreachable": ("the server cannot be reached",
                           "check that `chronicle serve` runs and that --server gives its address and port"),
}


def message(code: str, detail: str = "") -> str:
    summary, action = CODES[code]
    text = f"{summary}: {detail}" if detail else summary
    return f"{text} — {action}"


def failure(input_name: str, position: str | None, code: str, detail: str = "") -> Failure:
    """A Failure record whose message names the problem and the fix."""
    return Failure(input=input_name, position=position, code=code, message=message(code, detail))


@dataclass
class ChronicleError(Exception):
    """An error in how chronicle was invoked (not in one input document)."""

    code: str
    detail: str = ""
    exit_code: int = 2

    def __str__(self) -> str:
        return message(self.code, self.detail)
