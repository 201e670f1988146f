"""Every emailed or printed link is on the collectivity's canonical address: its Site's host name and port,
with the scheme of the settings, whatever address the request that caused it used."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import Site

from hostspace.backoffice import letters
from hostspace.declarations import reminders
from portal.tenancy import base_url
from tests.factories import HostFactory, host_account

pytestmark = pytest.mark.django_db

RESET = "/espace-hebergeur/mot-de-passe-oublie/"


def test_on_a_laptop_the_address_keeps_the_sites_port_in_plain_http(settings):
    settings.PORTAL_URL_SCHEME = "http"
    site = Site(hostname="paysdesecrins.localhost", port=8000)
    assert base_url(site) == "http://paysdesecrins.localhost:8000"


@pytest.mark.parametrize("port", [80, 443])
def test_in_production_the_address_is_https_without_a_default_port(settings, port):
    settings.PORTAL_URL_SCHEME = "https"
    site = Site(hostname="taxe.paysdesecrins.fr", port=port)
    assert base_url(site) == "https://taxe.paysdesecrins.fr"


def test_a_reset_asked_on_another_port_links_to_the_sites_own_port(settings, collectivity, client):
    settings.PORTAL_URL_SCHEME = "http"
    Site.objects.filter(pk=collectivity.site.pk).update(port=8000)
    host_account(collectivity, email="hote@example.com")

    # The default site, reached by its IP address on another port (runserver 127.0.0.1:8101).
    client.post(RESET, {"email": "hote@example.com"}, HTTP_HOST="127.0.0.1:8101")

    (message,) = mail.outbox
    assert "http://paysdesecrins.localhost:8000/espace-hebergeur/reinitialiser/" in message.body
    assert "127.0.0.1" not in message.body


def test_behind_a_tls_proxy_the_reset_link_is_https(settings, collectivity, client_for):
    settings.PORTAL_URL_SCHEME = "https"
    host_account(collectivity, email="hote@example.com")

    # The proxy talks plain HTTP to the application, and the site's port is 80.
    client_for(collectivity).post(RESET, {"email": "hote@example.com"})

    (message,) = mail.outbox
    assert "https://paysdesecrins.localhost/espace-hebergeur/reinitialiser/" in message.body
    html_body, _mimetype = message.alternatives[0]
    assert 'href="https://paysdesecrins.localhost/espace-hebergeur/reinitialiser/' in html_body


def test_the_activation_letter_prints_the_canonical_address(settings, collectivity):
    settings.PORTAL_URL_SCHEME = "https"
    Site.objects.filter(pk=collectivity.site.pk).update(port=8443)
    collectivity.site.refresh_from_db()

    context = letters.letter_context(collectivity.site)

    assert context["activation_url"] == "https://paysdesecrins.localhost:8443/espace-hebergeur/activer/"


def test_reminders_link_to_the_canonical_address(settings, collectivity):
    settings.PORTAL_URL_SCHEME = "https"
    host = HostFactory(site=collectivity.site)

    context = reminders._context(collectivity.site, host, [], datetime.date(2026, 7, 1))

    assert context["declarations_url"].startswith("https://paysdesecrins.localhost/")


def test_the_email_change_link_is_on_the_canonical_address(settings, collectivity, client_for):
    settings.PORTAL_URL_SCHEME = "https"
    host = HostFactory(site=collectivity.site, with_account=True)
    client = client_for(collectivity, HTTP_X_FORWARDED_HOST="evil.example")
    client.force_login(host.user)

    client.post(
        reverse("hostspace:profile"),
        {
            "civility": "mme",
            "first_name": "Hélène",
            "last_name": "Dupont",
            "company_name": "",
            "siret": "",
            "address_line1": "8 route du Pelvoux",
            "address_line2": "",
            "postal_code": "05340",
            "city": "Pelvoux",
            "phone": "06 12 34 56 78",
            "email": "nouvelle@example.com",
        },
    )

    links = [link for message in mail.outbox for link in re.findall(r"https?://\S+", message.body)]
    assert links and all(link.startswith("https://paysdesecrins.localhost/") for link in links)
