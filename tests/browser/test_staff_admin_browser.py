"""The editor's journey that only a browser shows: under the strict script policy, Wagtail's
choosers are started by portal/js/admin-widgets.js (the inline script they come with is blocked)."""

import pytest
from wagtail.models import Site

from tests.browser.steps import csp_reports, log_in_to_the_admin
from tests.factories import NewsIndexPageFactory, make_collectivity, staff_account

pytestmark = pytest.mark.django_db(transaction=True)


def test_editor_chooses_an_image_for_a_new_article(locales, page_factory, axe):
    Site.objects.filter(is_default_site=True).update(is_default_site=False)
    ecrins = make_collectivity(
        "paysdesecrins.localhost", "Pays des Écrins", "#1d4f91", "#a52a1a", "04 92 23 00 00", is_default=True
    )
    news = NewsIndexPageFactory(parent=ecrins.home)
    staff_account(ecrins, email="editeur@example.com", is_superuser=True)
    page = page_factory()
    blocked = csp_reports(page)
    log_in_to_the_admin(page, axe, "editeur@example.com")

    page.goto(f"/admin/pages/add/news/articlepage/{news.pk}/")
    page.locator("[data-chooser-action-choose]").first.click()

    modal = page.locator(".modal", has_text="Choisir une image")
    modal.wait_for(state="visible")
    assert modal.get_by_role("tab", name="Transférer").is_visible()
    assert blocked == []
