"""The read stage in the registry (chronicle/registry.py): run by `chronicle.pipeline`, not per article."""

from chronicle.registry import Stage, register

READ = register(Stage(
    key="read", name="read.files", version=1, reads=("paths",), adds=("documents",),
    summary="Files, directories, archives, JSON Lines, feeds and WARC records in; one Document per input "
            "document, or a Failure naming the file and line.",
))
