"""The header and footer are rendered once per site, language, content version (and address, for the header),
then kept in the worker's memory: a logged-in host's pages, which the page cache never serves, skip them too.
Each test that could pass on a stale part first proves the part was kept."""

import contextlib

import pytest
from django.test.signals import template_rendered

from portal import layout
from portal.pages import publish
from tests.factories import NewsIndexPageFactory

pytestmark = pytest.mark.django_db

DASHBOARD = "/espace-hebergeur/tableau-de-bord/"
PARTS = {"includes/site_header.html", "includes/site_footer.html"}


@contextlib.contextmanager
def rendered_templates():
    names = []

    def record(sender, template, context, **kwargs):
        names.append(template.name)

    template_rendered.connect(record)
    try:
        yield names
    finally:
        template_rendered.disconnect(record)


def visit(client, url):
    """Visit ``url``; the content, and which of the header and footer had to be rendered for it."""
    with rendered_templates() as names:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), PARTS & set(names)


def kept_visit(client, url):
    """Visit ``url`` twice and check that the second visit took both parts from memory; return its text."""
    visit(client, url)
    content, rendered = visit(client, url)
    assert rendered == set()
    return content


def test_a_host_s_second_visit_takes_the_header_and_footer_from_memory(host_client):
    first, rendered = visit(host_client, DASHBOARD)
    assert rendered == PARTS

    second = kept_visit(host_client, DASHBOARD)

    assert second.count('<header class="site-header">') == 1 and second.count('<footer class="site-footer">') == 1
    assert first.split("<main")[0] == second.split("<main")[0]


def test_the_header_marks_the_address_it_was_rendered_for(collectivity, client_for):
    NewsIndexPageFactory(parent=collectivity.home, title="Actualités", slug="actualites", show_in_menus=True)
    client = client_for(collectivity)
    kept_visit(client, "/")

    news_page, rendered = visit(client, "/actualites/")

    assert "includes/site_header.html" in rendered and "includes/site_footer.html" not in rendered
    assert 'href="/actualites/" aria-current="page"' in news_page
    assert 'href="/actualites/" aria-current="page"' not in kept_visit(client, "/")


def test_each_language_has_its_own_header_and_footer(host_client):
    kept_visit(host_client, DASHBOARD)

    english, rendered = visit(host_client, "/en" + DASHBOARD)

    assert rendered == PARTS
    assert 'aria-label="Main menu"' in english and 'aria-label="Menu principal"' not in english


def test_a_branding_change_shows_at_once_in_a_host_s_header_and_footer(collectivity, host_client):
    kept_visit(host_client, DASHBOARD)
    collectivity.branding.short_name = "Écrins et Vallées"
    collectivity.branding.support_phone = "04 92 00 00 99"
    collectivity.branding.save()

    content, rendered = visit(host_client, DASHBOARD)

    assert rendered == PARTS
    assert '<span class="site-brand__name">Écrins et Vallées</span>' in content
    assert 'href="tel:0492000099"' in content


def test_a_page_added_to_the_menu_shows_at_once_in_a_host_s_header(collectivity, host_client):
    kept_visit(host_client, DASHBOARD)

    publish(NewsIndexPageFactory(parent=collectivity.home, title="Nouvelles", slug="nouvelles", show_in_menus=True))

    assert '<a href="/nouvelles/">Nouvelles</a>' in visit(host_client, DASHBOARD)[0]


def test_nothing_is_kept_without_a_content_version(host_client, monkeypatch):
    monkeypatch.setattr(layout.versions, "active", lambda: None)
    visit(host_client, DASHBOARD)

    assert visit(host_client, DASHBOARD)[1] == PARTS
