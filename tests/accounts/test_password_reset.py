"""« Mot de passe oublié ? »: a generic answer, a branded email with this site's link, a strong new password."""

import pytest
from django.core import mail
from django.urls import reverse

from tests.accounts.login_forms import LOGIN, NEW_PASSWORD, RESET, login_data, request_reset, reset_link, text_of
from tests.factories import DEFAULT_PASSWORD, host_account, legacy_account

pytestmark = pytest.mark.django_db


def test_reset_page_has_a_labelled_email_field(client_for, collectivity):
    page = text_of(client_for(collectivity).get(RESET))
    assert '<label for="id_email">Courriel</label>' in page


@pytest.mark.parametrize("who", ["host", "unknown", "other collectivity"])
def test_the_answer_is_the_same_whatever_the_email(client_for, collectivity, other_collectivity, who):
    host_account(collectivity, email="hote@example.com")
    host_account(other_collectivity, email="voisin@example.com")
    email = {"host": "hote@example.com", "unknown": "inconnu@example.com", "other collectivity": "voisin@example.com"}[
        who
    ]
    response = request_reset(client_for(collectivity), email)
    assert response.redirect_chain == [(reverse("hostspace:password_reset_done"), 302)]
    assert "Si un compte d'hébergeur correspond au courriel saisi" in text_of(response)
    assert len(mail.outbox) == (1 if who == "host" else 0)


def test_email_is_branded_and_links_to_this_site(client_for, collectivity):
    host_account(collectivity, email="hote@example.com")
    request_reset(client_for(collectivity), "hote@example.com")
    (message,) = mail.outbox
    assert message.to == ["hote@example.com"]
    assert "Pays des Écrins" in message.subject
    assert "Communauté de communes Pays des Écrins" in message.body
    assert reset_link(message, "paysdesecrins.localhost").startswith("/espace-hebergeur/reinitialiser/")
    html_body, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "Communauté de communes Pays des Écrins" in html_body
    assert 'href="http://paysdesecrins.localhost/espace-hebergeur/reinitialiser/' in html_body


def test_email_is_in_english_when_asked_in_english(client_for, other_collectivity):
    host_account(other_collectivity, email="hote@serreponcon.example")
    client_for(other_collectivity).post("/en" + RESET, {"email": "hote@serreponcon.example"})
    (message,) = mail.outbox
    assert "Reset your password" in message.subject
    assert "Serre-Ponçon" in message.subject
    assert reset_link(message, "serreponcon.localhost").startswith("/en/espace-hebergeur/reinitialiser/")


def test_host_chooses_a_new_password_then_logs_in_with_it(client_for, collectivity):
    host_account(collectivity, email="hote@example.com")
    client = client_for(collectivity)
    request_reset(client, "hote@example.com")
    link = reset_link(mail.outbox[0], "paysdesecrins.localhost")
    form_page = client.get(link, follow=True)
    assert "Choisissez un nouveau mot de passe" in text_of(form_page)
    set_url = form_page.redirect_chain[-1][0]
    response = client.post(set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}, follow=True)
    assert "Mot de passe enregistré" in text_of(response)
    assert "_auth_user_id" not in client.session  # no automatic login: the host logs in normally
    assert client.post(LOGIN, login_data("hote@example.com", DEFAULT_PASSWORD)).status_code == 200
    assert client.post(LOGIN, login_data("hote@example.com", NEW_PASSWORD)).status_code == 302
    # The link served once.
    assert "Ce lien n'est plus valable" in text_of(client.get(link, follow=True))


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Court-2026", "Ce mot de passe est trop court. Il doit contenir au minimum 12 caractères."),
        ("password1234", "Ce mot de passe est trop courant."),
        ("hote@example.com", "Le mot de passe est trop semblable au champ «\xa0adresse électronique\xa0»."),
    ],
)
def test_new_password_must_pass_the_validators(client_for, collectivity, password, message):
    host_account(collectivity, email="hote@example.com")
    client = client_for(collectivity)
    request_reset(client, "hote@example.com")
    form_page = client.get(reset_link(mail.outbox[0], "paysdesecrins.localhost"), follow=True)
    response = client.post(form_page.redirect_chain[-1][0], {"new_password1": password, "new_password2": password})
    assert response.status_code == 200
    assert message in text_of(response)
    assert 'aria-invalid="true"' in response.content.decode()


def test_a_locked_out_host_is_unlocked_by_a_reset(client_for, collectivity):
    host_account(collectivity, email="hote@example.com")
    client = client_for(collectivity, REMOTE_ADDR="203.0.113.5")
    for _ in range(10):
        client.post(LOGIN, login_data("hote@example.com", "mauvais-mot-de-passe"))
    assert client.post(LOGIN, login_data("hote@example.com", DEFAULT_PASSWORD)).status_code == 429
    request_reset(client, "hote@example.com")
    form_page = client.get(reset_link(mail.outbox[0], "paysdesecrins.localhost"), follow=True)
    client.post(form_page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert client.post(LOGIN, login_data("hote@example.com", NEW_PASSWORD)).status_code == 302


def test_an_old_platform_account_receives_the_link(client_for, collectivity):
    legacy_account(collectivity)
    request_reset(client_for(collectivity), "ancien@example.com")
    assert [message.to for message in mail.outbox] == [["ancien@example.com"]]


def test_a_forged_link_is_refused(client_for, collectivity):
    host_account(collectivity, email="hote@example.com")
    response = client_for(collectivity).get("/espace-hebergeur/reinitialiser/MQ/abc-def/", follow=True)
    assert response.status_code == 200
    assert "Ce lien n'est plus valable" in text_of(response)


def test_link_never_uses_a_host_name_made_up_by_the_request(client, collectivity):
    host_account(collectivity, email="hote@example.com")
    # An unknown host name falls back to the default site (Pays des Écrins): the link still names it.
    client.post(RESET, {"email": "hote@example.com"}, HTTP_HOST="piege.example")
    (message,) = mail.outbox
    assert "piege.example" not in message.body
    assert reset_link(message, "paysdesecrins.localhost")


def test_reset_emails_are_limited_so_nobody_can_flood_a_mailbox(client_for, collectivity):
    host_account(collectivity, email="hote@example.com")
    client = client_for(collectivity)
    answers = {request_reset(client, "hote@example.com").redirect_chain[-1][0] for _ in range(5)}
    assert answers == {reverse("hostspace:password_reset_done")}  # the same answer every time
    assert len(mail.outbox) == 3
