"""The editor's journey that only a browser shows: under the strict script policy, Wagtail's
choosers are started by portal/js/admin-widgets.js (the inline script they come with is blocked)."""

import pytest

from tests.browser.steps import csp_reports, log_in_to_the_admin
from tests.factories import NewsIndexPageFactory, staff_account

pytestmark = pytest.mark.django_db(transaction=True)


def test_editor_chooses_an_image_for_a_new_article(ecrins, page_factory, axe):
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
