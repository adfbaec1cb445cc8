"""The segment stage in the registry (chronicle/registry.py): run by `chronicle.pipeline`, not per article."""

from chronicle.registry import Stage, register

SEGMENT = register(Stage(
    key="segment", name="segment.lines", version=1, reads=("documents",), adds=("article",),
    summary="Page chrome dropped, glued articles split; each article's text, title, published date and "
            "dateline.",
))
