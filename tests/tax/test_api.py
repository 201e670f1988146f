"""The public API: the tariffs in force and an estimate, per collectivity (Host header), with an OpenAPI schema."""

import json

import pytest
import yaml
from django.core.cache import caches
from openapi_spec_validator import validate
from rest_framework.throttling import ScopedRateThrottle

from tests.factories import DeliberationFactory

pytestmark = pytest.mark.django_db

TARIFFS = "/api/v1/tariffs/"
ESTIMATE = "/api/v1/estimate/"
BODY = {
    "date": "2026-07-14",
    "category": "3-stars",
    "nights": 2,
    "persons": 2,
    "exempt": {"minors": 0, "seasonal_workers": 0, "emergency_housing": 0, "low_rent": 0},
    "price_per_night": "150.00",
}


@pytest.fixture
def deliberations(collectivity, other_collectivity):
    DeliberationFactory(site=collectivity.site, year=2026)
    DeliberationFactory(
        site=other_collectivity.site,
        year=2026,
        tariff_3_stars="1.20",
        unclassified_rate="4",
        declaration_frequency="quarterly",
        due_days=20,
    )


def post(client, body, **headers):
    return client.post(ESTIMATE, json.dumps(body), content_type="application/json", **headers)


def test_the_estimate_of_the_issue_example_is_1_65_per_person_night_6_60_in_all(
    client_for, collectivity, deliberations
):
    response = post(client_for(collectivity), BODY)

    assert response.status_code == 200
    data = response.json()
    assert (data["amount_per_person_night"], data["taxable_person_nights"], data["total"]) == ("1.65", 4, "6.60")
    assert data["breakdown"]["communal_tariff"] == "1.50"
    assert [line["code"] for line in data["breakdown"]["surcharges"]] == ["departmental"]


def test_the_host_header_chooses_the_collectivity(client_for, other_collectivity, deliberations):
    data = post(client_for(other_collectivity), BODY).json()

    # Serre-Ponçon: 1.20 € × 1.10 = 1.32 € per person-night.
    assert (data["amount_per_person_night"], data["total"]) == ("1.32", "5.28")


def test_an_unclassified_estimate_needs_a_price_and_is_capped(client_for, collectivity, deliberations):
    client = client_for(collectivity)
    body = {**BODY, "category": "unclassified", "persons": 4, "exempt": {"minors": 2}}

    missing = post(client, {key: value for key, value in body.items() if key != "price_per_night"})
    capped = post(client, {**body, "price_per_night": "400.00"}).json()

    assert missing.status_code == 400 and "price_per_night" in missing.json()
    # 400 € ÷ 4 occupants × 5 % = 5.00 €, capped at 4.00 € (palace), × 1.10 = 4.40 € × 2 taxable × 2 nights.
    assert capped["breakdown"]["cap_applied"] is True
    assert (capped["amount_per_person_night"], capped["total"]) == ("4.40", "17.60")


def test_bad_input_gets_a_message_per_field_in_the_request_language(client_for, collectivity, deliberations):
    body = {**BODY, "category": "castle", "nights": 0, "persons": "two"}

    french = post(client_for(collectivity), body)
    english = post(client_for(collectivity), body, HTTP_ACCEPT_LANGUAGE="en")

    assert french.status_code == english.status_code == 400
    assert set(french.json()) == {"category", "nights", "persons"}
    assert "n'est pas un choix valide" in french.json()["category"][0]
    assert "is not a valid choice" in english.json()["category"][0]


def test_more_exempt_persons_than_occupants_is_refused(client_for, collectivity, deliberations):
    response = post(client_for(collectivity), {**BODY, "exempt": {"minors": 3}})

    assert response.status_code == 400
    assert "plus de personnes exonérées" in json.dumps(response.json(), ensure_ascii=False)


def test_a_date_without_deliberation_is_a_404_that_says_so(client_for, collectivity, deliberations):
    response = post(client_for(collectivity), {**BODY, "date": "2031-07-14"})
    tariffs = client_for(collectivity).get(TARIFFS, {"date": "2031-07-14"}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 404
    assert "Aucune délibération" in response.json()["detail"]
    assert tariffs.status_code == 404 and "No tourist tax deliberation" in tariffs.json()["detail"]


def test_tariffs_lists_categories_and_surcharges_in_force(client_for, collectivity, deliberations):
    response = client_for(collectivity).get(TARIFFS, {"date": "2026-03-01"})

    assert response.status_code == 200
    data = response.json()
    categories = {item["code"]: item for item in data["categories"]}
    assert list(categories)[0] == "palace" and len(categories) == 9
    assert categories["3-stars"]["tariff"] == "1.50"
    assert (categories["unclassified"]["rate"], categories["unclassified"]["cap"]) == ("5.00", "4.00")
    assert data["surcharges"] == [{"code": "departmental", "rate": "10.00"}]
    assert (data["valid_from"], data["valid_until"]) == ("2026-01-01", "2026-12-31")


def test_a_malformed_date_is_a_400(client_for, collectivity, deliberations):
    response = client_for(collectivity).get(TARIFFS, {"date": "14/07/2026"})

    assert response.status_code == 400 and "date" in response.json()


def test_the_estimate_is_throttled_per_client(client_for, collectivity, deliberations, monkeypatch):
    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"estimate": "3/min", "tariffs": "3/min"})
    caches["security"].clear()  # the throttle's counters
    client = client_for(collectivity)

    answers = [post(client, BODY).status_code for _ in range(4)]

    assert answers == [200, 200, 200, 429]


def test_the_schema_is_valid_openapi_and_describes_both_endpoints(client_for, collectivity):
    response = client_for(collectivity).get("/api/v1/schema/")

    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    validate(schema)
    assert {"/api/v1/tariffs/", "/api/v1/estimate/"} <= set(schema["paths"])


def test_the_documentation_page_loads_nothing_from_elsewhere(client_for, collectivity):
    response = client_for(collectivity).get("/api/v1/docs/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "http://" not in page.replace("http://testserver", "") and "https://" not in page
    assert "<script>" not in page  # the page's script is a static file: the CSP holds
