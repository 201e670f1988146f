"""Logging out of the admin takes a POST, and then the session is over on the server too."""

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session

from tests.factories import staff_account, verified_login

pytestmark = pytest.mark.django_db

LOGOUT = "/admin/logout/"


@pytest.fixture
def staff_client(client_for, collectivity):
    return verified_login(client_for(collectivity), staff_account(collectivity, email="agent@example.com"))


def test_a_get_on_the_admin_logout_logs_nobody_out(staff_client):
    response = staff_client.get(LOGOUT)

    assert response.status_code == 405
    assert settings.SESSION_COOKIE_NAME not in response.cookies  # the browser keeps its session
    assert staff_client.get("/admin/").status_code == 200


def test_a_post_on_the_admin_logout_ends_the_session_on_the_server(staff_client, client_for, collectivity):
    session_key = staff_client.session.session_key

    response = staff_client.post(LOGOUT)

    assert response.status_code == 302
    assert response["Location"].startswith("/securite/connexion/")
    assert not Session.objects.filter(session_key=session_key).exists()
    replayed = client_for(collectivity)
    replayed.cookies[settings.SESSION_COOKIE_NAME] = session_key  # someone who kept the old cookie
    assert replayed.get("/admin/").status_code == 302
