"""Agents filter hosts by « Compte activé : oui / non », in plain words."""

import html

import pytest

from tests.factories import HostFactory, agent_client

pytestmark = pytest.mark.django_db

HOSTS = "/admin/hebergeurs/"


@pytest.fixture
def admin(client_for, collectivity):
    HostFactory(with_account=True, site=collectivity.site, last_name="Activée")
    HostFactory(site=collectivity.site, last_name="Enattente")
    return agent_client(client_for, collectivity)


def test_the_filter_reads_compte_active_oui_non(admin):
    page = html.unescape(admin.get(HOSTS).content.decode())

    assert "Compte activé" in page
    assert "is null" not in page and "Activé le" not in page


@pytest.mark.parametrize(
    ("answer", "shown", "hidden"), [("oui", "Activée", "Enattente"), ("non", "Enattente", "Activée")]
)
def test_filtering_on_the_account_keeps_the_hosts_it_says(admin, answer, shown, hidden):
    listing = admin.get(HOSTS, {"account": answer}).content.decode()

    assert shown in listing and hidden not in listing
