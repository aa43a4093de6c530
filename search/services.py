"""Site search over published notices, Chinese-aware through the n-gram field of NoticePage."""

from __future__ import annotations

from home.ngrams import query_terms
from home.services import published_notices


def search_notices(query: str):
    """Live, public notices matching every piece of `query`, newest first; None for an empty query."""
    terms = query_terms(query)
    if not terms:
        return None
    return (
        published_notices()
        .order_by("-publish_date", "-id")
        .search(" ".join(terms), operator="and", order_by_relevance=False)
    )
