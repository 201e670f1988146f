"""Hostile or malformed posts to the login and reset forms get a form error, never a 500 (property-based)."""

import pytest
from django.core import mail
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.accounts.login_forms import LOGIN, RESET, STAFF_LOGIN
from tests.factories import host_account

pytestmark = pytest.mark.django_db

hostile_text = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1000, max_size=5000),
    st.sampled_from(
        [
            "",
            " ",
            "\x00",
            "a@b\x00.fr",
            "' OR 1=1 --",
            "<script>alert(1)</script>@example.com",
            "hote@example.com\r\nBcc: victime@example.com",
            "☃@例え.テスト",
            "a" * 10_000,
            "%s%s%s%n",
            "../../etc/passwd",
        ]
    ),
)
field_value = st.one_of(hostile_text, st.lists(hostile_text, max_size=3))
step_value = st.one_of(st.sampled_from(["auth", "token", "backup", "", "0", "nope"]), st.text(max_size=20))

HYPOTHESIS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture
def tenant(collectivity):
    host_account(collectivity, email="hote@example.com")
    return collectivity


@HYPOTHESIS
@given(
    username=field_value,
    password=field_value,
    remember=field_value,
    step=step_value,
    goto=st.one_of(st.none(), step_value),
)
def test_login_form_never_fails_on_hostile_input(client_for, tenant, username, password, remember, step, goto):
    data = {
        "host_login_view-current_step": step,
        "auth-username": username,
        "auth-password": password,
        "auth-remember_me": remember,
        "token-otp_token": password,
    }
    if goto is not None:
        data["wizard_goto_step"] = goto
    response = client_for(tenant).post(LOGIN, data)
    assert response.status_code in (200, 302, 400, 429)
    if response.status_code == 200:
        assert "<script>alert(1)</script>" not in response.content.decode()


@HYPOTHESIS
@given(username=field_value, password=field_value, step=step_value)
def test_staff_login_form_never_fails_on_hostile_input(client_for, tenant, username, password, step):
    data = {"staff_login_view-current_step": step, "auth-username": username, "auth-password": password}
    response = client_for(tenant).post(STAFF_LOGIN, data)
    assert response.status_code in (200, 302, 400, 429)


@HYPOTHESIS
@given(email=field_value)
def test_reset_form_never_fails_and_never_mails_a_stranger(client_for, tenant, email):
    mail.outbox.clear()
    response = client_for(tenant).post(RESET, {"email": email})
    assert response.status_code in (200, 302)
    for message in mail.outbox:
        assert message.to == ["hote@example.com"]


@HYPOTHESIS
@given(password1=field_value, password2=field_value)
def test_new_password_form_never_fails_on_hostile_input(client_for, tenant, password1, password2):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.http import urlsafe_base64_encode

    user = get_user_model().objects.get(email="hote@example.com")
    uid = urlsafe_base64_encode(str(user.pk).encode())
    client = client_for(tenant)
    form_page = client.get(
        f"/espace-hebergeur/reinitialiser/{uid}/{default_token_generator.make_token(user)}/", follow=True
    )
    response = client.post(form_page.redirect_chain[-1][0], {"new_password1": password1, "new_password2": password2})
    assert response.status_code in (200, 302)


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"host_login_view-current_step": "auth"},
        {"auth-username": "hote@example.com", "auth-password": "x"},
        {"host_login_view-current_step": "token", "token-otp_token": "123456"},
        {"host_login_view-current_step": "backup", "backup-otp_token": "abc"},
        {"wizard_goto_step": "token"},
        {"challenge_device": "otp_totp.totpdevice/1"},
    ],
)
def test_login_wizard_out_of_order_posts_are_refused_quietly(client_for, tenant, data):
    client = client_for(tenant)
    response = client.post(LOGIN, data)
    assert response.status_code in (200, 400)
    assert "_auth_user_id" not in client.session
