"""One set of rules for a stay, whoever enters it: the host's form, the CSV import and the API create the
same stays and refuse the same ones with the same messages; the API is the host's own, by personal token."""

import datetime
import json
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hostspace.declarations import imports, tokens
from hostspace.declarations.models import ApiToken, Stay
from tests.factories import HostFactory, StayFactory

pytestmark = pytest.mark.django_db

D = Decimal
FIELDS = ("arrival", "departure", "persons", "exempt_minors", "price_per_night", "channel", "platform_name")
HEADER = "hebergement;arrivee;depart;occupants;mineurs;saisonniers;hebergement_urgence;petit_loyer;prix_nuitee;canal;plateforme;reference"


def form_post(client, accommodation, **data):
    return client.post(reverse("hostspace:stay_add", args=[accommodation.pk]), data)


def csv_import(client, lines):
    upload = SimpleUploadedFile("sejours.csv", ("\n".join([HEADER, *lines]) + "\n").encode(), "text/csv")
    preview = client.post(reverse("hostspace:stay_import"), {"file": upload})
    token = preview.context.get("token")
    if preview.context["plan"].is_valid:
        client.post(reverse("hostspace:stay_import"), {"confirm": "1", "token": token})
    return preview


def api(client, token, method, path="/api/v1/stays/", body=None, **headers):
    call = getattr(client, method)
    kwargs = {"HTTP_AUTHORIZATION": f"Token {token}", **headers}
    if body is not None:
        return call(path, json.dumps(body), content_type="application/json", **kwargs)
    return call(path, **kwargs)


def snapshot(stay):
    return tuple(getattr(stay, name) for name in FIELDS)


@pytest.fixture
def token(host):
    return tokens.create(host, "Mon PMS")[1]


def test_form_csv_and_api_create_the_same_stays(host_client, client_for, collectivity, meuble, hotel, token):
    form_post(
        host_client, meuble, arrival="2026-08-03", departure="2026-08-07", persons="4", exempt_minors="2",
        price_per_night="120,50", channel="airbnb",
    )  # fmt: skip
    csv_import(host_client, ["Chalet du Pré;03/08/2026;07/08/2026;4;2;0;0;0;120,50;Airbnb;;"])
    created = api(
        client_for(collectivity), token, "post", body={
            "accommodation": meuble.pk, "arrival": "2026-08-03", "departure": "2026-08-07", "persons": 4,
            "exempt": {"minors": 2}, "price_per_night": "120.50", "channel": "airbnb",
        },
    )  # fmt: skip

    assert created.status_code == 201 and created.json()["nights"] == 4
    stays = list(Stay.objects.order_by("pk"))
    assert [stay.source for stay in stays] == ["form", "csv", "api"]
    assert {snapshot(stay) for stay in stays} == {
        (datetime.date(2026, 8, 3), datetime.date(2026, 8, 7), 4, 2, D("120.50"), "airbnb", "")
    }


@pytest.mark.parametrize(
    ("form", "row", "body", "field", "message"),
    [
        (
            {"arrival": "2026-08-07", "departure": "2026-08-03", "persons": "2"},
            "Chalet du Pré;07/08/2026;03/08/2026;2;0;0;0;0;80;direct;;",
            {"arrival": "2026-08-07", "departure": "2026-08-03", "persons": 2, "price_per_night": "80"},
            "departure",
            "La date de départ doit suivre la date d'arrivée.",
        ),
        (
            {"arrival": "2026-08-03", "departure": "2026-08-05", "persons": "2", "exempt_minors": "3"},
            "Chalet du Pré;03/08/2026;05/08/2026;2;3;0;0;0;80;direct;;",
            {"arrival": "2026-08-03", "departure": "2026-08-05", "persons": 2, "exempt": {"minors": 3},
             "price_per_night": "80"},
            "persons",
            "Il y a plus de personnes exonérées (3) que d'occupants (2)",
        ),
        (
            {"arrival": "2026-08-03", "departure": "2026-08-05", "persons": "2"},
            "Chalet du Pré;03/08/2026;05/08/2026;2;0;0;0;0;;direct;;",
            {"arrival": "2026-08-03", "departure": "2026-08-05", "persons": 2},
            "price_per_night",
            "Le prix de la nuitée est requis pour un hébergement non classé.",
        ),
        (
            {"arrival": "2026-08-03", "departure": "2026-08-05", "persons": "2", "price_per_night": "80",
             "channel": "other"},
            "Chalet du Pré;03/08/2026;05/08/2026;2;0;0;0;0;80;other;;",
            {"arrival": "2026-08-03", "departure": "2026-08-05", "persons": 2, "price_per_night": "80",
             "channel": "other"},
            "platform_name",
            "Indiquez le nom de la plateforme qui a perçu la taxe.",
        ),
        (
            {"arrival": "2031-08-03", "departure": "2031-08-05", "persons": "2", "price_per_night": "80"},
            "Chalet du Pré;03/08/2031;05/08/2031;2;0;0;0;0;80;direct;;",
            {"arrival": "2031-08-03", "departure": "2031-08-05", "persons": 2, "price_per_night": "80"},
            "non_field_errors",
            "Aucune délibération de taxe de séjour n'est en vigueur le 3 août 2031.",
        ),
    ],
)  # fmt: skip
def test_the_three_entry_points_refuse_the_same_stays_with_the_same_message(
    host_client, client_for, collectivity, meuble, hotel, token, form, row, body, field, message
):
    page = form_post(host_client, meuble, **form).content.decode().replace("&#x27;", "'")
    preview = csv_import(host_client, [row])
    response = api(client_for(collectivity), token, "post", body={"accommodation": meuble.pk, **body})

    assert message in page
    assert any(message in error for error in preview.context["plan"].lines[0].errors)
    assert response.status_code == 400 and any(message in error for error in response.json()[field])
    assert not Stay.objects.exists()


def test_the_csv_import_is_all_or_nothing_and_reports_each_line(host_client, hotel, meuble):
    preview = csv_import(
        host_client,
        [
            "Hôtel des Écrins;03/08/2026;05/08/2026;2;0;0;0;0;;direct;;R1",
            "Hôtel inconnu;03/08/2026;05/08/2026;2;0;0;0;0;;direct;;R2",
            "Hôtel des Écrins;10/08/2026;12/08/2026;2;0;0;0;0;;direct;;R1",
        ],
    )

    errors = [line.errors for line in preview.context["plan"].lines]
    assert errors[0] == [] and errors[1][0].startswith("hebergement : ")
    assert errors[2] == ["reference : déjà utilisée à la ligne 2 du fichier."]
    assert "2 lignes contiennent des erreurs : rien n'a été importé." in preview.content.decode().replace("&#x27;", "'")
    assert not Stay.objects.exists()


def test_the_csv_template_is_downloadable_and_imports_as_is(host_client, hotel):
    response = host_client.get(reverse("hostspace:stay_import_sample"))
    text = response.content.decode("utf-8-sig")

    plan = imports.check(hotel.host, imports.parse(text, hotel.host))

    assert response["Content-Type"].startswith("text/csv") and text.startswith("hebergement;arrivee;depart")
    assert plan.is_valid and len(plan.lines) == 2


def test_the_api_needs_a_valid_token_of_this_collectivity(client_for, collectivity, other_collectivity, host, token):
    client = client_for(collectivity)

    assert client.get("/api/v1/stays/").status_code == 401
    assert api(client, "tsj_wrong", "get").status_code == 401
    assert api(client_for(other_collectivity), token, "get").status_code == 401
    assert api(client, token, "get").status_code == 200
    tokens.revoke(ApiToken.objects.get())
    assert api(client, token, "get").status_code == 401


def test_the_api_never_reaches_another_host_s_stays(client_for, collectivity, hotel, token):
    other = StayFactory(accommodation__host=HostFactory(with_account=True, site=collectivity.site))
    mine = StayFactory(accommodation=hotel)
    client = client_for(collectivity)

    listed = api(client, token, "get").json()["results"]
    created = api(
        client, token, "post",
        body={"accommodation": other.accommodation_id, "arrival": "2026-08-03", "departure": "2026-08-05", "persons": 2},
    )  # fmt: skip

    assert [stay["id"] for stay in listed] == [mine.pk]
    assert api(client, token, "get", f"/api/v1/stays/{other.pk}/").status_code == 404
    assert api(client, token, "delete", f"/api/v1/stays/{other.pk}/").status_code == 404
    assert created.status_code == 400 and "accommodation" in created.json()


def test_the_api_answers_in_the_request_language(client_for, collectivity, meuble, token):
    body = {"accommodation": meuble.pk, "arrival": "2026-08-07", "departure": "2026-08-03", "persons": 2}

    english = api(client_for(collectivity), token, "post", body=body, HTTP_ACCEPT_LANGUAGE="en")

    assert english.status_code == 400 and "departure" in english.json()


def test_a_declared_stay_cannot_be_changed_nor_deleted_through_the_api(client_for, collectivity, hotel, host, token):
    from hostspace.declarations import services

    stay = StayFactory(accommodation=hotel)
    services.declare(hotel, datetime.date(2026, 7, 1), user=host.user)
    client = client_for(collectivity)

    assert api(client, token, "get", f"/api/v1/stays/{stay.pk}/").json()["locked"] is True
    assert api(client, token, "delete", f"/api/v1/stays/{stay.pk}/").status_code == 409
    changed = api(
        client, token, "put", f"/api/v1/stays/{stay.pk}/",
        body={"arrival": "2026-07-06", "departure": "2026-07-10", "persons": 2},
    )  # fmt: skip
    assert changed.status_code == 400 and "est déjà déclarée" in changed.json()["non_field_errors"][0]


def test_the_stays_endpoints_are_in_the_openapi_schema(client):
    import yaml
    from openapi_spec_validator import validate

    schema = yaml.safe_load(client.get("/api/v1/schema/").content)

    validate(schema)
    assert {"/api/v1/stays/", "/api/v1/stays/{id}/", "/api/v1/accommodations/"} <= set(schema["paths"])
    assert "hostToken" in schema["components"]["securitySchemes"]


def test_a_host_creates_a_token_sees_it_once_and_revokes_it(host_client, host):
    created = host_client.post(reverse("hostspace:api_tokens"), {"label": "Mon PMS"})
    clear = created.context["new_token"]

    stored = ApiToken.objects.get()
    assert clear.startswith("tsj_") and stored.key_hash == tokens.hash_key(clear) and clear not in stored.key_hash
    assert clear not in host_client.get(reverse("hostspace:api_tokens")).content.decode()
    host_client.post(reverse("hostspace:api_token_revoke", args=[stored.pk]))
    assert ApiToken.objects.get().revoked_at is not None
