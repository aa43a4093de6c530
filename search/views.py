"""`/search/?q=`: paginated search over published notices. Anonymous visitors' answers are kept in
the public page cache (home.cache), so a repeated search costs no query until the next publish."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.shortcuts import render

from home.cache import accept_query, mark_anonymous_cacheable
from home.ngrams import MAX_QUERY_LENGTH

from .services import search_notices

RESULTS_PER_PAGE = 20


def search(request):
    query = request.GET.get("q", "").strip()
    results = search_notices(query)
    page = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page")) if results is not None else None
    if page is not None:
        # Stored only for the query as typed and a page number the results really have.
        accepted = {"q": request.GET["q"]}
        if "page" in request.GET:
            accepted["page"] = str(page.number)
        accept_query(request, **accepted)
    response = render(
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
    return mark_anonymous_cacheable(request, response)
