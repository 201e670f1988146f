"""Nothing of one collectivity is visible or changeable from another, in the admin and in the host space."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from wagtail.models import GroupPagePermission, GroupSitePermission

from hostspace.records.models import Accommodation, Host
from tests.factories import AccommodationFactory, HostFactory, agent_client, agents_group, make_agent, verified_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def foreign_host(other_collectivity):
    return HostFactory(site=other_collectivity.site, with_account=True, last_name="Ponçonnais")


@pytest.fixture
def foreign_accommodation(foreign_host):
    return AccommodationFactory(host=foreign_host, name="Camping du Lac de Serre-Ponçon")


# Admin ------------------------------------------------------------------------------------


def test_agent_does_not_see_another_collectivitys_hosts_in_the_list_or_search(agent_admin, collectivity, foreign_host):
    HostFactory(site=collectivity.site, with_account=True, last_name="Écrinsois")

    listing = agent_admin.get("/admin/hebergeurs/").content.decode()
    search = agent_admin.get("/admin/hebergeurs/", {"q": "Ponçonnais"})

    assert "Écrinsois" in listing and "Ponçonnais" not in listing
    assert foreign_host not in list(search.context["object_list"])


@pytest.mark.parametrize("view", ["edit", "delete", "history", "usage", "inspect"])
def test_agent_gets_404_on_every_view_of_a_foreign_host(agent_admin, foreign_host, view):
    assert agent_admin.get(f"/admin/hebergeurs/{view}/{foreign_host.pk}/").status_code == 404


def test_agent_cannot_change_a_foreign_host_by_posting(agent_admin, foreign_host):
    response = agent_admin.post(
        f"/admin/hebergeurs/edit/{foreign_host.pk}/",
        {"last_name": "Piraté", "address_line1": "x", "postal_code": "05000", "city": "Gap"},
    )

    assert response.status_code == 404
    foreign_host.refresh_from_db()
    assert foreign_host.last_name == "Ponçonnais"


@pytest.mark.parametrize("view", ["edit", "delete", "history"])
def test_agent_gets_404_on_a_foreign_accommodation(agent_admin, foreign_accommodation, view):
    assert agent_admin.get(f"/admin/hebergements/{view}/{foreign_accommodation.pk}/").status_code == 404


def test_accommodation_form_offers_only_the_agents_hosts(agent_admin, collectivity, foreign_host):
    own = HostFactory(site=collectivity.site, with_account=True, last_name="Écrinsois")

    form = agent_admin.get("/admin/hebergements/new/").content.decode()
    host_select = re.search(r'<select name="host".*?</select>', form, re.DOTALL).group(0)

    assert f'value="{own.pk}"' in host_select
    assert f'value="{foreign_host.pk}"' not in host_select
    assert "Écrinsois" in host_select


def test_agent_cannot_attach_an_accommodation_to_a_foreign_host(agent_admin, foreign_host):
    response = agent_admin.post(
        "/admin/hebergements/new/",
        {
            "host": foreign_host.pk,
            "name": "Intrus",
            "kind": "hotel",
            "capacity": 10,
            "address_line1": "1 rue",
            "postal_code": "05000",
            "commune": "Gap",
        },
    )

    assert response.status_code == 200
    assert not Accommodation.objects.filter(name="Intrus").exists()


def test_created_host_always_belongs_to_the_agents_collectivity(agent_admin, collectivity, other_collectivity):
    agent_admin.post(
        "/admin/hebergeurs/new/",
        {
            "site": other_collectivity.site.pk,
            "last_name": "Nouveau",
            "address_line1": "1 rue",
            "postal_code": "05340",
            "city": "Pelvoux",
        },
    )

    assert Host.objects.get(last_name="Nouveau").site == collectivity.site


def test_agent_of_the_other_collectivity_sees_only_theirs(client_for, collectivity, other_collectivity, foreign_host):
    HostFactory(site=collectivity.site, with_account=True, last_name="Écrinsois")
    other_admin = agent_client(client_for, other_collectivity)

    listing = other_admin.get("/admin/hebergeurs/").content.decode()

    assert "Ponçonnais" in listing and "Écrinsois" not in listing


def test_staff_without_a_collectivity_sees_no_host(client_for, collectivity, foreign_host):
    stray = make_agent(collectivity, email="stray@example.com")
    stray.collectivity = None
    stray.save()

    listing = agent_client(client_for, collectivity, stray).get("/admin/hebergeurs/").content.decode()

    assert "Ponçonnais" not in listing


def test_branding_settings_of_another_collectivity_are_refused(client_for, collectivity, other_collectivity):
    agent = make_agent(collectivity)
    group = agents_group(f"Agents – {collectivity.hostname}")
    GroupSitePermission.objects.create(
        group=group,
        site=collectivity.site,
        permission=Permission.objects.get(content_type__app_label="portal", codename="change_brandingsettings"),
    )
    admin = agent_client(client_for, collectivity, agent)

    own = admin.get(f"/admin/settings/portal/brandingsettings/{collectivity.site.pk}/")
    foreign = admin.get(f"/admin/settings/portal/brandingsettings/{other_collectivity.site.pk}/")

    assert own.status_code == 200
    assert foreign.status_code in (302, 403)
    assert other_collectivity.branding.official_name not in foreign.content.decode()


def test_pages_of_another_collectivity_cannot_be_edited(client_for, collectivity, other_collectivity):
    agent = make_agent(collectivity)
    group = agents_group(f"Agents – {collectivity.hostname}")
    GroupPagePermission.objects.create(
        group=group, page=collectivity.home, permission=Permission.objects.get(codename="change_page")
    )
    admin = agent_client(client_for, collectivity, agent)

    assert admin.get(f"/admin/pages/{collectivity.home.pk}/edit/").status_code == 200
    assert admin.get(f"/admin/pages/{other_collectivity.home.pk}/edit/").status_code in (302, 403)


# Host space --------------------------------------------------------------------------------


def test_host_gets_404_for_another_hosts_accommodation(host_client, collectivity):
    neighbour = AccommodationFactory(host=HostFactory(site=collectivity.site, with_account=True))
    url = reverse("hostspace:accommodation_edit", args=[neighbour.pk])

    assert host_client.get(url).status_code == 404
    assert host_client.post(url, {"name": "Piraté"}).status_code == 404


def test_host_gets_404_for_an_accommodation_of_another_collectivity(host_client, foreign_accommodation):
    url = reverse("hostspace:accommodation_edit", args=[foreign_accommodation.pk])

    assert host_client.get(url).status_code == 404


def test_host_record_of_one_collectivity_does_not_open_the_other_site(client_for, other_collectivity, host):
    client = client_for(other_collectivity)
    client.force_login(host.user)

    assert client.get(reverse("hostspace:dashboard")).status_code in (302, 403)


def test_site_history_report_shows_only_the_agents_collectivity(site_history_report):
    report = site_history_report()

    assert report.status_code == 200
    content = report.content.decode()
    assert "Écrinsois" in content
    assert "Ponçonnais" not in content


def test_demo_editors_edit_only_their_own_collectivitys_pages(client_for):
    from django.contrib.auth import get_user_model

    from portal.demo.collectivities import seed_collectivities

    ecrins, serreponcon = seed_collectivities()
    editor = get_user_model().objects.get(email="editeur@example.com")
    client = client_for(ecrins)
    verified_login(client, editor)

    assert client.get(f"/admin/pages/{ecrins.home.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{serreponcon.home.pk}/edit/").status_code in (302, 403)
    assert client.get(f"/admin/settings/portal/brandingsettings/{serreponcon.site.pk}/").status_code in (302, 403)
