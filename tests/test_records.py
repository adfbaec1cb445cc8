"""`article_from_dict` is the inverse of `Article.to_dict()`."""

from __future__ import annotations

import json

from fixtures.store.builders import article_a, article_b

from chronicle.records import article_from_dict


def test_article_round_trips_through_its_json_dict() -> None:
    for article in (article_a(), article_b()):
        data = json.loads(json.dumps(article.to_dict()))
        assert article_from_dict(data) == article
