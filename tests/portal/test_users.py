"""The custom user: identified by email, compared case-insensitively."""

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.db import IntegrityError

from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_email_is_stored_in_lower_case_and_is_the_login():
    user = get_user_model().objects.create_user(email="  Marie.Dupont@Example.COM ", password=DEFAULT_PASSWORD)
    assert user.email == "marie.dupont@example.com"
    assert get_user_model().USERNAME_FIELD == "email"
    assert not hasattr(user, "username") or user.username is None


def test_same_email_in_another_case_cannot_make_a_second_account():
    UserFactory(email="marie@example.com")
    with pytest.raises(IntegrityError):
        get_user_model().objects.create_user(email="MARIE@example.com", password=DEFAULT_PASSWORD)


def test_login_accepts_the_email_in_any_case(rf):
    UserFactory(email="marie@example.com")
    request = rf.post("/")
    assert authenticate(request, username="Marie@Example.com", password=DEFAULT_PASSWORD) is not None
