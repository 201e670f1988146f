"""Every response tells the browser that the portal uses no camera, microphone, location or payment API."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from portal.middleware import PermissionsPolicyMiddleware

pytestmark = pytest.mark.django_db


def features(response):
    return {part.strip() for part in response["Permissions-Policy"].split(",")}


@pytest.mark.parametrize(
    "path", ["/", "/en/", "/espace-hebergeur/", "/securite/connexion/", "/branding.css", "/page-qui-n-existe-pas/"]
)
def test_every_response_carries_the_permissions_policy(client_for, collectivity, path):
    response = client_for(collectivity).get(path)

    assert {"camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"} <= features(response)
    assert "fullscreen=(self)" in features(response)  # the tutorial videos may go full screen


def test_the_admin_carries_it_too(client_for, collectivity):
    from tests.factories import agent_client

    response = agent_client(client_for, collectivity).get("/admin/")

    assert response.status_code == 200
    assert "camera=()" in features(response)


def test_a_server_header_set_inside_the_application_is_removed():
    def answer_with_a_server_header(request):
        response = HttpResponse("ok")
        response["Server"] = "WSGIServer/0.2 CPython/3.11"
        return response

    response = PermissionsPolicyMiddleware(answer_with_a_server_header)(RequestFactory().get("/"))

    assert "Server" not in response
    assert "Permissions-Policy" in response
