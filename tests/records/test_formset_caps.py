"""A forged form count cannot make the server build a thousand forms: every formset stops at what a person needs."""

import pytest
from django.urls import reverse
from wagtail.admin.panels import InlinePanel, get_edit_handler
from wagtail.models import get_page_models

from hostspace.backoffice.records import AccommodationViewSet
from hostspace.records.models import Accommodation
from portal.panels import CappedInlinePanel
from tests.factories import AccommodationFactory, HostFactory, agent_client

pytestmark = pytest.mark.django_db

FORGED_COUNT = "1000"


@pytest.fixture
def host(collectivity):
    return HostFactory(with_account=True, site=collectivity.site)


@pytest.fixture
def gite(host):
    return AccommodationFactory(host=host, name="Gîte du Torrent", kind=Accommodation.Kind.HOTEL, capacity=4)


def accommodation_data(prefix, total, **extra):
    return {
        "name": "Gîte piraté",
        "kind": Accommodation.Kind.HOTEL,
        "address_line1": "12 chemin du Lac",
        "postal_code": "05340",
        "commune": "Pelvoux",
        "capacity": "5",
        f"{prefix}-TOTAL_FORMS": total,
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "12",
        **extra,
    }


def test_a_host_posting_a_thousand_periods_gets_a_message_and_only_twelve_forms_are_built(
    client_for, collectivity, host, gite
):
    client = client_for(collectivity)
    client.force_login(host.user)

    response = client.post(
        reverse("hostspace:accommodation_edit", args=[gite.pk]), accommodation_data("periodes", FORGED_COUNT)
    )

    assert response.status_code == 200
    assert len(response.context["form"].periods.forms) <= 12
    assert "Indiquez au plus 12 périodes d&#x27;ouverture." in response.content.decode()
    gite.refresh_from_db()
    assert gite.name == "Gîte du Torrent"


def test_an_agent_posting_a_thousand_periods_in_the_admin_gets_a_message_and_only_twelve_forms(
    client_for, collectivity, host, gite
):
    data = accommodation_data("opening_periods", FORGED_COUNT, host=host.pk, registration_number="")

    response = agent_client(client_for, collectivity).post(f"/admin/hebergements/edit/{gite.pk}/", data)

    assert response.status_code == 200
    assert len(response.context["form"].formsets["opening_periods"].forms) <= 12
    assert "Indiquez au plus 12 périodes d&#x27;ouverture." in response.content.decode()
    gite.refresh_from_db()
    assert gite.name == "Gîte du Torrent"


def inline_panels(panel):
    if isinstance(panel, InlinePanel):
        yield panel
    for child in getattr(panel, "children", []):
        yield from inline_panels(child)


def test_every_inline_panel_of_the_admin_is_capped():
    handlers = [get_edit_handler(model) for model in get_page_models()] + [AccommodationViewSet().edit_handler]

    panels = [panel for handler in handlers for panel in inline_panels(handler)]

    assert panels, "the walk found no inline panel at all"
    assert [panel.relation_name for panel in panels if not isinstance(panel, CappedInlinePanel)] == []
    assert all(panel.max_num for panel in panels)
