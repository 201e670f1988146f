"""The Wagtail admin works under the strict script policy: no inline script is left in its pages."""

import pytest

from tests.factories import UserFactory, verified_login
from tests.portal.csp import executable_inline_scripts

pytestmark = pytest.mark.django_db


def policy_directive(policy, name):
    for part in policy.split(";"):
        words = part.split()
        if words and words[0] == name:
            return words[1:]
    return None


@pytest.fixture
def admin_client(client_for, collectivity):
    superuser = UserFactory(email="super@example.com", is_staff=True, is_superuser=True)
    return verified_login(client_for(collectivity), superuser)


def test_page_editor_has_no_inline_script(admin_client, collectivity):
    response = admin_client.get(f"/admin/pages/{collectivity.home.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    assert executable_inline_scripts(html) == []
    # The date pickers are still initialised, from the static file.
    assert "data-portal-chooser" in html
    assert "portal/js/admin-widgets" in html


def test_admin_keeps_script_src_self_and_only_loosens_styles(admin_client, collectivity):
    response = admin_client.get("/admin/")
    policy = response["Content-Security-Policy"]
    assert policy_directive(policy, "script-src") == ["'self'"]
    assert "'unsafe-inline'" in policy_directive(policy, "style-src")


def test_public_pages_keep_the_strict_style_policy(client_for, collectivity):
    policy = client_for(collectivity).get("/")["Content-Security-Policy"]
    assert policy_directive(policy, "style-src") == ["'self'"]
    assert policy_directive(policy, "script-src") == ["'self'"]


def test_no_avatar_is_requested_from_an_outside_service(admin_client):
    html = admin_client.get("/admin/").content.decode()
    assert "gravatar.com" not in html
