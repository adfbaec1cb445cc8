"""Distributed extraction on Ray (`chronicle extract --engine ray`), Parquet shards in, store out.

    ray_engine.py  read -> segment (tasks) -> annotate in an actor pool -> Parquet shards
    shards.py      article records <-> shard rows, and the shards back in input order
"""
