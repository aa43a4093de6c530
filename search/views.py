"""`/search/?q=`: paginated search over published notices."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.shortcuts import render

from home.ngrams import MAX_QUERY_LENGTH

from .services import search_notices

RESULTS_PER_PAGE = 20


def search(request):
    query = request.GET.get("q", "").strip()
    results = search_notices(query)
    page = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page")) if results is not None else None
    return render(
        request,
        "search/search.html",
        {
            "search_query": query,
            "page_query": urlencode({"q": query}) + "&",
            "results": page,
            "too_long": len(query) > MAX_QUERY_LENGTH,
            "max_length": MAX_QUERY_LENGTH,
        },
    )
