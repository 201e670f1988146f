"""A host activates their account with the code of their letter (« Activer mon compte »)."""

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hostspace.accounts import activation
from hostspace.accounts.models import ActivationCode
from tests.factories import AccommodationFactory, HostFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "Montagne-Ecrins-2026!"
URL = "/espace-hebergeur/activer/"


def post(client, code, email="nouvel.hote@example.com", password=PASSWORD, confirmation=None, **extra):
    return client.post(
        URL, {"code": code, "email": email, "password1": password, "password2": confirmation or password}, **extra
    )


def test_the_activation_page_asks_for_the_code_an_email_and_the_password_twice(collectivity, client_for):
    response = client_for(collectivity).get(URL)
    assert response.status_code == 200
    assert reverse("hostspace:activate") == URL
    page = response.content.decode()
    for label in (
        "Activer mon compte",
        "Code d&#x27;activation",
        "Courriel",
        "Mot de passe",
        "Confirmation du mot de passe",
    ):
        assert label in page
    assert 'autocomplete="new-password"' in page
    assert 'aria-describedby="id_code_helptext"' in page


def test_the_activation_page_is_in_english_under_en(collectivity, client_for):
    response = client_for(collectivity).get("/en" + URL)
    assert response.status_code == 200
    assert "Activate my account" in response.content.decode()


def test_a_host_activates_their_account_and_is_sent_to_the_terms(collectivity, client_for):
    host = HostFactory(site=collectivity.site)
    hotel = AccommodationFactory(host=host, name="Hôtel du Glacier")
    code = activation.issue_code(host)
    client = client_for(collectivity)
    response = post(client, code.lower().replace("-", " "))
    assert response.status_code == 302
    assert response["Location"] == reverse("hostspace:terms")
    host.refresh_from_db()
    user = get_user_model().objects.get(email="nouvel.hote@example.com")
    assert host.user == user
    assert host.activated_at is not None
    assert list(user.host_records.get().accommodations.all()) == [hotel]
    assert int(client.session["_auth_user_id"]) == user.pk
    assert ActivationCode.objects.get(host=host).used_at is not None


def test_a_wrong_code_gets_a_clear_error_and_keeps_what_was_typed_but_the_password(collectivity, client_for):
    HostFactory(site=collectivity.site)
    response = post(client_for(collectivity), "ABCD-EFGH-JKMN-PQRS", email="moi@example.com")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ce code d&#x27;activation n&#x27;est pas valable" in page
    assert 'value="moi@example.com"' in page
    assert 'value="ABCD-EFGH-JKMN-PQRS"' in page
    assert PASSWORD not in page
    assert 'aria-invalid="true"' in page
    assert 'href="#id_code"' in page
    assert not get_user_model().objects.filter(email="moi@example.com").exists()


def test_a_code_of_another_collectivity_is_refused_like_any_wrong_code(collectivity, other_collectivity, client_for):
    code = activation.issue_code(HostFactory(site=other_collectivity.site))
    response = post(client_for(collectivity), code)
    assert "Ce code d&#x27;activation n&#x27;est pas valable" in response.content.decode()
    assert not get_user_model().objects.filter(email="nouvel.hote@example.com").exists()


def test_a_used_code_is_refused(collectivity, client_for):
    code = activation.issue_code(HostFactory(site=collectivity.site))
    post(client_for(collectivity), code)
    response = post(client_for(collectivity), code, email="autre@example.com")
    assert "Ce code d&#x27;activation n&#x27;est pas valable" in response.content.decode()


def test_a_weak_or_mismatched_password_is_refused_before_the_code_is_used(collectivity, client_for):
    host = HostFactory(site=collectivity.site)
    code = activation.issue_code(host)
    weak = post(client_for(collectivity), code, password="court")
    assert weak.status_code == 200
    assert "Ce mot de passe est trop court" in weak.content.decode() or "too short" in weak.content.decode()
    mismatch = post(client_for(collectivity), code, confirmation="Autre-mot-de-passe-2026!")
    assert "Les deux mots de passe ne sont pas identiques." in mismatch.content.decode()
    assert activation.find_usable_code(code, collectivity.site) is not None


def test_an_existing_email_is_not_revealed_and_no_account_is_taken_over(collectivity, client_for):
    UserFactory(email="deja@example.com")
    host = HostFactory(site=collectivity.site)
    code = activation.issue_code(host)
    response = post(client_for(collectivity), code, email="deja@example.com")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Impossible d&#x27;activer le compte avec ces informations." in page
    assert "existe déjà" not in page
    host.refresh_from_db()
    assert host.user is None


def test_a_person_with_an_account_elsewhere_binds_this_record_with_their_own_password(
    collectivity, other_collectivity, client_for
):
    person = UserFactory(email="deja@example.com")
    HostFactory(site=other_collectivity.site, user=person)
    host = HostFactory(site=collectivity.site)
    code = activation.issue_code(host)
    client = client_for(collectivity)
    response = post(client, code, email="deja@example.com", password="Un-mot-de-passe-solide-2026")
    assert response.status_code == 302
    # Not logged in here: their usual login (with its second factor, if any) applies.
    assert response["Location"] == reverse("hostspace:login")
    assert "_auth_user_id" not in client.session
    host.refresh_from_db()
    assert host.user == person


def test_a_logged_in_host_goes_to_their_dashboard(collectivity, client_for):
    host = HostFactory(site=collectivity.site, active=True)
    client = client_for(collectivity)
    client.force_login(host.user)
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == reverse("hostspace:dashboard")


@override_settings(ACTIVATION_CODE_MAX_ATTEMPTS=3)
def test_guessing_codes_is_throttled_per_client(collectivity, client_for):
    host = HostFactory(site=collectivity.site)
    good = activation.issue_code(host)
    client = client_for(collectivity, REMOTE_ADDR="198.51.100.9")
    for attempt in range(3):
        response = post(client, f"ABCD-EFGH-JKMN-PQR{attempt + 2}")
        assert response.status_code == 200
    assert "réessayez dans 15 minutes" in response.content.decode()
    refused = post(client, good)
    assert refused.status_code == 429
    assert "Trop de tentatives" in refused.content.decode()
    host.refresh_from_db()
    assert host.user is None
    # Another client is not affected.
    other = client_for(collectivity, REMOTE_ADDR="203.0.113.50")
    assert post(other, good).status_code == 302


@override_settings(ACTIVATION_CODE_MAX_ATTEMPTS=2)
def test_a_successful_activation_forgets_the_previous_failures(collectivity, client_for):
    from django.test import RequestFactory

    from hostspace.accounts import throttling

    client = client_for(collectivity, REMOTE_ADDR="198.51.100.10")
    post(client, "ABCD-EFGH-JKMN-PQRS")
    request = RequestFactory().get("/", REMOTE_ADDR="198.51.100.10")
    assert throttling.failed_code_attempts(request) == 1
    post(client, activation.issue_code(HostFactory(site=collectivity.site)))
    assert throttling.failed_code_attempts(request) == 0


hostile_text = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1000, max_size=5000),
    st.sampled_from(["", " ", "\x00", "ECRINS-2026-DEMO", "' OR 1=1 --", "<script>alert(1)</script>", "é" * 70]),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.dictionaries(
        keys=st.sampled_from(["code", "email", "password1", "password2", "csrfmiddlewaretoken", "other"]),
        values=st.one_of(hostile_text, st.lists(hostile_text, max_size=3)),
        max_size=6,
    )
)
def test_hostile_posts_never_cause_a_server_error(collectivity, client_for, data):
    from django.core.cache import caches

    caches["security"].clear()  # the code-guessing counters
    client = client_for(collectivity)
    client.raise_request_exception = False
    response = client.post(URL, data)
    assert response.status_code in (200, 429)
