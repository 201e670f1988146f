"""The site search: the pages of the current site, in the current language."""

import re

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.http import urlencode
from wagtail.models import Page, Site

from portal.pages import site_home

WORD_RE = re.compile(r"\w+")
FTS_OPERATORS = {"AND", "OR", "NOT", "NEAR"}
RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200


def search(request):
    """Full-text search (Wagtail's database backend) among live public pages of this site and language."""
    site = Site.find_for_request(request)
    home = site_home(site)
    query = " ".join(request.GET.get("q", "").split())[:MAX_QUERY_LENGTH]
    # Only words reach the full-text engine: quotes and operators would be
    # syntax for SQLite's FTS5 or PostgreSQL, and a syntax error is a 500.
    terms = " ".join(word for word in WORD_RE.findall(query) if word.upper() not in FTS_OPERATORS)
    results = Page.objects.none()
    if home is not None and terms:
        results = (
            Page.objects.live()
            .public()
            .descendant_of(home, inclusive=True)
            .filter(locale_id=home.locale_id)
            .specific()
            .search(terms, operator="and")
        )
    paginator = Paginator(results, RESULTS_PER_PAGE)
    # get_page() never fails: « abc » gives the first page, « 99999 » the last.
    results_page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "home/search.html",
        {
            "search_query": query,
            "results": results_page,
            "result_count": paginator.count if query else 0,
            "query_string": urlencode({"q": query}) if query else "",
        },
    )
