"""Every admin page an agent and an editor use passes axe-core, in French and in English (RGAA / WCAG 2.1 AA).

The law for French collectivities applies to the staff back-office as much as
to the public site. Each test logs in once (TOTP set up in the browser), visits
the whole list of pages of that role in French, switches the staff member's
admin language to English (Wagtail's ``UserProfile.preferred_language``, what
« Mon compte › Langue » sets) and visits them again. Every failure is collected
so that one run reports every violating page at once; no page may be blocked by
the Content Security Policy either.
"""

import datetime

import pytest
import wagtail_factories
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, GroupSitePermission

from hostspace.records.models import Classification
from tests.browser.steps import audit_in_both_languages, log_in_to_the_admin
from tests.factories import (
    AccommodationFactory,
    ArticlePageFactory,
    ClassificationFactory,
    GuideDocumentFactory,
    HostFactory,
    NewsIndexPageFactory,
    allow_letters,
    make_agent,
    staff_account,
)

pytestmark = pytest.mark.django_db(transaction=True)


def test_every_page_an_agent_uses_is_accessible_in_french_and_english(collectivity, page_factory, axe):
    agent = allow_letters(make_agent(collectivity, email="agent@example.com"))
    # As the demo's agents (portal.demo.hostspace): they export the proof of the accepted CGU too.
    agent.user_permissions.add(Permission.objects.get(content_type__app_label="terms", codename="view_termsacceptance"))
    site = collectivity.site
    host = HostFactory(site=site, with_account=True, last_name="Brunet", first_name="Laure", reference="ECR-2026-001")
    accommodation = AccommodationFactory(host=host, name="Gîte des Mélèzes")
    pending = ClassificationFactory(
        accommodation=accommodation,
        status=Classification.Status.PENDING,
        decision_date=datetime.date(2026, 2, 1),
        decision_document=ContentFile(b"%PDF-1.4\n%%EOF\n", name="decision.pdf"),
    )
    waiting = HostFactory(site=site, last_name="Garnier", reference="ECR-2026-002")  # no account yet

    paths = [
        "/admin/",
        "/admin/hebergeurs/",
        "/admin/hebergeurs/new/",
        f"/admin/hebergeurs/edit/{host.pk}/",
        f"/admin/hebergeurs/edit/{waiting.pk}/",
        "/admin/hebergements/",
        "/admin/hebergements/new/",
        f"/admin/hebergements/edit/{accommodation.pk}/",
        "/admin/classements/?status=pending",
        f"/admin/classements/edit/{pending.pk}/",
        reverse("hostspace_letters:index"),
        reverse("hostspace_letters:host", args=[waiting.pk]),
        reverse("hostspace_import"),
        reverse("hostspace_terms_acceptances"),
        "/admin/account/",
    ]
    page = page_factory()
    log_in_to_the_admin(page, axe, "agent@example.com")

    problems = audit_in_both_languages(page, axe, agent, paths)

    assert problems == [], "\n".join(problems)


def test_every_page_an_editor_uses_is_accessible_in_french_and_english(collectivity, page_factory, axe):
    site = collectivity.site
    news = NewsIndexPageFactory(parent=collectivity.home)
    article = ArticlePageFactory(parent=news, title="Nouveaux tarifs 2026")
    editor = staff_account(collectivity, email="editeur@example.com")
    # As the demo's editors (portal.demo.collectivities, portal.demo.hostspace): their tree, their collection, their
    # site's branding and the CGU versions of their collectivity.
    group = editor.groups.create(name="Éditeurs – Pays des Écrins")
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group, page=collectivity.home, permission=Permission.objects.get(codename=codename)
        )
    collection = Collection.get_first_root_node().add_child(name="Pays des Écrins")
    for app_label, codenames in (
        ("wagtaildocs", ("add_document", "change_document", "choose_document")),
        ("wagtailimages", ("add_image", "change_image", "choose_image")),
    ):
        for codename in codenames:
            GroupCollectionPermission.objects.create(
                group=group,
                collection=collection,
                permission=Permission.objects.get(content_type__app_label=app_label, codename=codename),
            )
    GroupSitePermission.objects.create(
        group=group,
        site=site,
        permission=Permission.objects.get(content_type__app_label="portal", codename="change_brandingsettings"),
    )
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="terms",
            codename__in=["add_termsversion", "change_termsversion", "delete_termsversion", "view_termsversion"],
        )
    )
    wagtail_factories.ImageFactory(title="Lac de l'Eychauda", collection=collection)
    GuideDocumentFactory(collection=collection)

    paths = [
        "/admin/",
        f"/admin/pages/{collectivity.home.pk}/",
        f"/admin/pages/{news.pk}/",
        f"/admin/pages/{article.pk}/edit/",
        f"/admin/pages/add/news/articlepage/{news.pk}/",
        "/admin/images/",
        "/admin/documents/",
        f"/admin/settings/portal/brandingsettings/{site.pk}/",
        reverse("wagtailsnippets_terms_termsversion:list"),
        reverse("wagtailsnippets_terms_termsversion:add"),
        "/admin/account/",
    ]
    page = page_factory()
    log_in_to_the_admin(page, axe, "editeur@example.com")

    problems = audit_in_both_languages(page, axe, editor, paths)

    assert problems == [], "\n".join(problems)
