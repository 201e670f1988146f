"""Every admin URL, filled with another collectivity's ids, shows and changes nothing of it.

The staff member walking the admin is the administrator of Serre-Ponçon (the
role with the most rights on a collectivity). Every URL pattern of
``wagtail.admin.urls`` (the hooks' URLs and the viewsets included) is asked
then posted with its parameters filled by the ids of Pays des Écrins' records,
and every bulk action of Wagtail's registry with those ids. No answer may
contain the word that names every Écrins record, none may be a server error,
and the Écrins rows stay as they were.
"""

import uuid

import pytest
import wagtail_factories
from django.core.files.base import ContentFile
from django.db.models import Q
from django.test import Client
from django.urls import URLPattern, URLResolver, reverse
from django.urls.exceptions import NoReverseMatch
from django.urls.resolvers import RoutePattern
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site

from hostspace.accounts.models import ActivationCode
from hostspace.declarations.models import Declaration
from hostspace.payments import services as payments
from hostspace.payments.models import Allocation, Basket, PayfipOperation, Payment, PaymentSettings
from hostspace.records.models import Accommodation, Classification, Host, OpeningPeriod
from hostspace.terms.models import TermsAcceptance, TermsVersion
from portal.models import BrandingSettings
from tests.factories import (
    AccommodationFactory,
    ActivationCodeFactory,
    ArticlePageFactory,
    ClassificationFactory,
    HostFactory,
    TermsAcceptanceFactory,
    TermsVersionFactory,
    UserFactory,
    declared,
    payment_settings,
    verified_login,
)

pytestmark = pytest.mark.django_db

# Every Écrins record carries this word (plain ASCII, so that JSON escaping cannot hide it).
SECRET = "Zebulon"
# Logging out ends the walk's session, and Wagtail's « failwhale » is its own deliberate error.
NOT_WALKED = {"wagtailadmin_logout", "wagtailadmin_error_test"}
# Models named in URLs (``<app_label>/<model_name>``): each is tried with its own Écrins ids.
MODEL_LABELS = [
    ("records", "host"),
    ("records", "accommodation"),
    ("records", "classification"),
    ("terms", "termsversion"),
    ("portal", "brandingsettings"),
    ("payments", "paymentsettings"),
    ("wagtailcore", "page"),
    ("news", "articlepage"),
    ("wagtailimages", "image"),
    ("wagtaildocs", "document"),
]
APP_PARAMS = {"app_label", "app_name", "content_type_app_name"}
MODEL_PARAMS = {"model_name", "content_type_model_name"}
RECORD_PARAMS = {"pk", "object_id"}
PAGE_PARAMS = {"page_id", "parent_page_id", "page_to_move_id", "page_pk", "destination_id"}
WORDS = {
    "filter_spec": ["original"],
    "mode": ["", "desktop"],
    "action_name": ["publish", "approve", "delete", "copy"],
    "job_id": [uuid.uuid4()],
    "uidb64": ["x"],
    "token": ["x"],
}


@pytest.fixture
def secrets(ecrins):
    """Écrins records of every kind, each named with :data:`SECRET`, by model."""
    site = ecrins.site
    user = UserFactory(email=f"{SECRET.lower()}@ecrins.example", last_name=SECRET)
    host = HostFactory(site=site, user=user, last_name=SECRET, reference=f"{SECRET}-1", company_name=f"SARL {SECRET}")
    accommodation = AccommodationFactory(host=host, name=f"Gîte {SECRET}", periods=[(1, 6, 30, 9)])
    pending = ClassificationFactory(
        accommodation=accommodation, status=Classification.Status.PENDING, review_note=f"Note {SECRET}"
    )
    accepted = TermsVersionFactory(site=site, label=f"Version {SECRET} acceptée")
    draft = TermsVersionFactory(site=site, label=f"Version {SECRET} projet", in_force_from=None)
    acceptance = TermsAcceptanceFactory(user=user, version=accepted, user_agent=f"Navigateur {SECRET}")
    code = ActivationCodeFactory(host=HostFactory(site=site, user=None, last_name=f"{SECRET} en attente"))
    news = ecrins.home.get_children().get(slug="actualites")
    article = ArticlePageFactory(parent=news, title=f"Brouillon {SECRET}", slug="brouillon", live=False)
    article.save_revision()
    image = get_image_model().objects.create(
        title=f"Image {SECRET}", file=wagtail_factories.ImageFactory.build().file, collection=ecrins.collection
    )
    document = get_document_model().objects.create(
        title=f"Document {SECRET}", file=ContentFile(b"%PDF-1.4", name="secret.pdf"), collection=ecrins.collection
    )
    # Payments: the régie's settings, a declared period, a basket paid on PayFiP, a cheque.
    regie = payment_settings(site, regie_name=f"Régie {SECRET}")
    declaration = declared(accommodation)
    basket = payments.create_basket(host, [declaration.pk], "payfip", user=user)
    operation = PayfipOperation.objects.create(
        basket=basket, id_op=f"{SECRET}-op", numcli="123456", exer=2026, saisie="T", amount=basket.total,
        mel=user.email, status=PayfipOperation.Status.PAID, resultrans="P",
    )  # fmt: skip
    card = Payment.objects.create(
        host=host, basket=basket, operation=operation, method="card", amount=basket.total,
        received_on=declaration.period_end, reference=operation.id_op,
    )  # fmt: skip
    cheque = payments.record_payment(
        host=host, method="cheque", amount=basket.total, received_on=declaration.period_end,
        reference=f"Chèque {SECRET}", declarations_=[declaration], user=user,
    )  # fmt: skip
    return {
        PaymentSettings: [regie],
        Declaration: [declaration],
        Basket: [basket],
        PayfipOperation: [operation],
        Payment: [card, cheque],
        Allocation: list(Allocation.objects.filter(payment__host=host)),
        Host: [host, code.host],
        Accommodation: [accommodation],
        OpeningPeriod: list(accommodation.opening_periods.all()),
        Classification: [pending],
        TermsVersion: [accepted, draft],
        TermsAcceptance: [acceptance],
        ActivationCode: [code],
        Page: [ecrins.home, ecrins.home_en, news, article],
        get_image_model(): [image],
        get_document_model(): [document],
        BrandingSettings: [ecrins.branding],
        Site: [site],
        Revision: list(Revision.objects.filter(object_id=str(article.pk))),
        type(user): [user],
    }


def snapshot(secrets):
    """Every stored field of every Écrins record, and of every page of its tree."""
    state = {}
    for model, objects in secrets.items():
        for row in model._base_manager.filter(pk__in=[obj.pk for obj in objects]).values():
            state[(model.__name__, row["id"])] = row
    home, home_en = secrets[Page][:2]
    tree = Q(path__startswith=home.path) | Q(path__startswith=home_en.path)
    state["pages"] = list(Page.objects.filter(tree).order_by("path").values())
    return state


def ids_for(model, secrets):
    """The ids of the Écrins records of ``model`` (any page type counts as a page); all ids if unknown."""
    for known, objects in secrets.items():
        if model is not None and issubclass(model, known):
            return [obj.pk for obj in objects]
    return sorted({obj.pk for objects in secrets.values() for obj in objects})


def patterns(entries, chain=(), namespace=""):
    """``(full name, URL pattern, patterns from the root to it)`` of every URL under ``entries``."""
    for entry in entries:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from patterns(entry.url_patterns, (*chain, entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            yield (f"{namespace}{entry.name}" if entry.name else None), entry, (*chain, entry.pattern)


def parameters(chain):
    """The named parameters of a URL, and how many unnamed (regular expression) groups it has."""
    named, unnamed = set(), 0
    for pattern in chain:
        if isinstance(pattern, RoutePattern):
            named.update(pattern.converters)
        else:
            named.update(pattern.regex.groupindex)
            unnamed += pattern.regex.groups - len(pattern.regex.groupindex)
    return named, unnamed


def view_model(entry):
    """The model a viewset's view was built for, when the URL says it."""
    model = getattr(entry.callback, "view_initkwargs", {}).get("model")
    return model if isinstance(model, type) else None


def candidates(named, model, secrets):
    """Values to try for each parameter: the Écrins ids of the model concerned, or fixed words."""
    choices = {}
    for param in named - APP_PARAMS - MODEL_PARAMS:
        if param in PAGE_PARAMS:
            choices[param] = ids_for(Page, secrets)
        elif param == "image_id":
            choices[param] = ids_for(get_image_model(), secrets)
        elif param in {"document_id", "doc_id"}:
            choices[param] = ids_for(get_document_model(), secrets)
        elif param in WORDS:
            choices[param] = WORDS[param]
        elif param in RECORD_PARAMS and model is not None:
            # A per-site setting is reached by its site's id.
            choices[param] = ids_for(model, secrets) + ids_for(Site, secrets)
        else:  # revision, task, translation ids…: every Écrins id
            choices[param] = ids_for(None, secrets)
    return choices


def one_at_a_time(choices):
    """Each value of each parameter once, the other parameters at their first value (not every product)."""
    base = {param: values[0] for param, values in choices.items()}
    yield base
    for param, values in choices.items():
        for value in values[1:]:
            yield {**base, param: value}


def fillings(named, entry, secrets):
    """Keyword arguments for a URL with ``named`` parameters."""
    app_param = next(iter(named & APP_PARAMS), None)
    model_param = next(iter(named & MODEL_PARAMS), None)
    if not model_param:
        yield from one_at_a_time(candidates(named, view_model(entry), secrets))
        return
    for app, model_name in MODEL_LABELS:
        from django.apps import apps

        labels = {model_param: model_name, **({app_param: app} if app_param else {})}
        for kwargs in one_at_a_time(candidates(named, apps.get_model(app, model_name), secrets)):
            yield {**kwargs, **labels}


def urls(name, entry, chain, secrets):
    """The URLs to request for one pattern (none when it cannot be written)."""
    named, unnamed = parameters(chain)
    if name is None:  # unnamed: only a plain route can be written down
        if all(isinstance(p, RoutePattern) for p in chain) and not named:
            yield "/admin/" + "".join(str(p) for p in chain)
        return
    if unnamed:  # the revisions comparison, a regular expression with unnamed groups
        for pk in ids_for(Page, secrets):
            yield reverse(name, args=(pk, "earliest", "latest"))
        return
    for kwargs in fillings(named, entry, secrets):
        try:
            yield reverse(name, kwargs=kwargs)
        except NoReverseMatch:  # two patterns share this name with other parameters
            continue


def bulk_action_urls(secrets):
    """Each registered bulk action, for each Écrins id of its model, for all of them, and for « all »."""
    bulk_action_registry.get_bulk_actions_for_model("wagtailcore", "page")  # the registry reads its hooks once
    for app_label, models in bulk_action_registry.actions.items():
        for model_name, actions in models.items():
            from django.apps import apps

            ids = ids_for(apps.get_model(app_label, model_name), secrets)
            for action_type in actions:
                url = reverse("wagtail_bulk_action", args=[app_label, model_name, action_type])
                for query in [*(f"id={pk}" for pk in ids), "&".join(f"id={pk}" for pk in ids), "id=all"]:
                    yield f"{url}?{query}"


def body(response):
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def test_another_collectivitys_staff_walking_every_admin_url_sees_and_changes_nothing(serreponcon, secrets):
    walker = Client(HTTP_HOST=serreponcon.site.hostname, raise_request_exception=False)
    verified_login(walker, serreponcon.administrator)
    before = snapshot(secrets)
    shown, errors, unwalked, walked = [], [], [], 0

    def visit(method, url, data=None):
        nonlocal walked
        walked += 1
        response = getattr(walker, method)(url, data or {})
        if response.status_code >= 500:
            errors.append(f"{method.upper()} {url} → {response.status_code}")
        elif SECRET in body(response):
            shown.append(f"{method.upper()} {url} → {response.status_code}")

    for name, entry, chain in patterns(wagtailadmin_urls.urlpatterns):
        if name in NOT_WALKED or name == "wagtail_bulk_action":  # bulk actions: below, from their registry
            continue
        found = list(urls(name, entry, chain, secrets))
        if not found and str(chain[-1]) != "^.*/$":  # Wagtail's catch-all 404 has nothing to fill
            unwalked.append(name or str(chain[-1]))
        for url in found:
            visit("get", url)
            if parameters(chain) != (set(), 0):  # only URLs that carry an Écrins id are posted to
                visit("post", url)

    for url in bulk_action_urls(secrets):
        visit("get", url)
        visit("post", url, {"collection": serreponcon.collection.pk, "tags": "x", "include_descendants": "on"})

    after = snapshot(secrets)
    changed = sorted(str(key) for key in before.keys() | after.keys() if before.get(key) != after.get(key))
    report = {"not walked": unwalked, "server errors": errors, "Écrins records shown": shown, "changed": changed}
    assert walked > 300
    assert not any(report.values()), "\n".join(f"{key}: {value}" for key, value in report.items() if value)
    assert walker.get(reverse("wagtailadmin_home")).status_code == 200  # still logged in: the walk was real
