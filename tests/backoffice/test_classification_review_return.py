"""After deciding on a classification, the agent is back on the queue they filtered, told « validé » or « refusé »."""

import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.messages import get_messages

from hostspace.records.models import Classification
from tests.factories import AccommodationFactory, ClassificationFactory, HostFactory, agent_client

pytestmark = pytest.mark.django_db

QUEUE = "/admin/classements/"


@pytest.fixture
def request_(collectivity):
    hotel = AccommodationFactory(host=HostFactory(with_account=True, site=collectivity.site), name="Hôtel du Glacier")
    return ClassificationFactory(accommodation=hotel, status=Classification.Status.PENDING, rating="4")


@pytest.fixture
def admin(client_for, collectivity):
    return agent_client(client_for, collectivity)


def review_link(admin, request_, query):
    listing = html.unescape(admin.get(QUEUE, query).content.decode())
    start = listing.index(f"{QUEUE}edit/{request_.pk}/")
    return listing[start : listing.index('"', start)]


def test_the_review_link_remembers_the_filtered_queue(admin, request_):
    link = review_link(admin, request_, {"status": "pending", "rating": "4"})

    assert parse_qs(urlsplit(link).query)["next"] == [f"{QUEUE}?status=pending&rating=4"]


def test_after_validating_the_agent_is_back_on_the_filtered_queue_told_valide(admin, request_):
    link = review_link(admin, request_, {"status": "pending", "rating": "4"})
    form = admin.get(link).content.decode()

    response = admin.post(link, {"decision": "validate", "review_note": ""})

    assert re.search(r'<form[^>]+action="' + re.escape(html.escape(link)) + '"', form)  # it posts the queue along
    assert response.status_code == 302
    assert response["Location"] == f"{QUEUE}?status=pending&rating=4"
    said = [str(message) for message in get_messages(response.wsgi_request)]
    assert any("est validé" in text for text in said), said
    request_.refresh_from_db()
    assert request_.status == Classification.Status.VALIDATED


def test_after_refusing_the_message_says_refuse(admin, request_):
    link = review_link(admin, request_, {"status": "pending"})

    response = admin.post(link, {"decision": "reject", "review_note": "La décision jointe est illisible."})

    assert response["Location"] == f"{QUEUE}?status=pending"
    said = [str(message) for message in get_messages(response.wsgi_request)]
    assert any("est refusée" in text for text in said), said


def test_without_a_queue_to_return_to_the_agent_lands_on_the_pending_requests(admin, request_):
    response = admin.post(
        f"{QUEUE}edit/{request_.pk}/?next=https://evil.example/", {"decision": "validate", "review_note": ""}
    )

    assert response["Location"] == f"{QUEUE}?status=pending"
