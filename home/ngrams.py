"""Chinese-aware tokens for the search index.

SQLite FTS5 and PostgreSQL both keep a run of Chinese characters as one token, so 评审 is not found
inside 山西省建设工程专业技术职务评审通知. The index therefore holds every overlapping two-character
piece of each Chinese run, and a query is split the same way: a query matches when all its pieces
occur in the document (single characters are indexed as well). Latin words and numbers stay whole, lower-cased.
"""

import re

# CJK Unified Ideographs (with extension A) and compatibility ideographs.
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN_RE = re.compile(rf"[{_CJK}]+|[0-9A-Za-z]+")
_CJK_RE = re.compile(rf"[{_CJK}]")

# Beyond this a query is cut: longer strings are pasted text, not a search.
MAX_QUERY_LENGTH = 50


def bigrams(run: str) -> list[str]:
    """Overlapping two-character pieces of one run of Chinese characters."""
    if len(run) < 2:
        return [run] if run else []
    return [run[i : i + 2] for i in range(len(run) - 1)]


def tokens(text: str) -> list[str]:
    """Index tokens of `text`: bigrams of Chinese runs, whole Latin words and numbers."""
    result: list[str] = []
    for match in _TOKEN_RE.finditer(text or ""):
        piece = match.group()
        if _CJK_RE.match(piece):
            result.extend(bigrams(piece))
        else:
            result.append(piece.lower())
    return result


def index_text(text: str) -> str:
    """The space-separated token string stored in the search index (duplicates dropped).

    Single Chinese characters are stored too, so that a one-character query (省) also matches.
    """
    pieces = tokens(text)
    singles = [char for piece in pieces if _CJK_RE.match(piece) for char in piece]
    return " ".join(dict.fromkeys(pieces + singles))


def query_terms(query: str) -> list[str]:
    """Tokens a query must all match, in order, without duplicates; at most MAX_QUERY_LENGTH read."""
    return list(dict.fromkeys(tokens((query or "")[:MAX_QUERY_LENGTH])))
