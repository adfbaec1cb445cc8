"""Where chronicle writes: exactly the file the user named, never somewhere a link points.

The rule for `-o FILE` (`chronicle extract`, `chronicle export`):

- FILE is created, or truncated and rewritten. `-` (or no `-o`) is standard output.
- A directory is refused: name a file inside it.
- A symbolic link as FILE is refused, wherever it points: following it would let a
  link planted in a shared folder (`out.jsonl -> ~/.bashrc`) make chronicle
  overwrite another file. The file is opened with O_NOFOLLOW, so a link that
  appears between the check and the open is refused too.
- Folders on the way to FILE may be links (`/tmp` on macOS is one): the user chose
  that path, and nothing chronicle reads decides any part of it.

The HTTP API never takes a path: `GET /export` streams to the client.
"""

from __future__ import annotations

import errno
import os
from typing import BinaryIO, Literal, TextIO, overload

from chronicle.errors import ChronicleError

# O_NOFOLLOW is POSIX; where it is missing (Windows) the islink check below still holds.
_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


def check_output_path(path: str) -> None:
    """Raise `bad_output` unless `path` may be written by the rule above (it need not exist yet)."""
    if os.path.islink(path):
        raise ChronicleError("bad_output", f"{path} is a symbolic link (to {os.readlink(path)}); chronicle "
                             "writes only the file named: give the real path")
    if os.path.isdir(path):
        raise ChronicleError("bad_output", f"{path} is a directory; name a file inside it")


@overload
def open_output(path: str, binary: Literal[False] = False) -> TextIO: ...
@overload
def open_output(path: str, binary: Literal[True]) -> BinaryIO: ...
def open_output(path: str, binary: bool = False) -> TextIO | BinaryIO:
    """`path` opened for writing (UTF-8 text, or bytes) by the rule above; ChronicleError when refused."""
    check_output_path(path)
    try:
        fd = os.open(path, _FLAGS, 0o666)  # the umask narrows it, as for any file the user creates
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise ChronicleError("bad_output", f"{path} became a symbolic link; chronicle writes only the "
                                 "file named") from None
        raise ChronicleError("unreadable", f"cannot write {path}: {exc.strerror}") from None
    if binary:
        return os.fdopen(fd, "wb")
    return os.fdopen(fd, "w", encoding="utf-8", newline="")
