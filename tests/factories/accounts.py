"""Accounts and how they log in: host accounts, old-platform accounts, staff, activation codes, admin sessions."""

import datetime

import factory
from django.contrib.auth.models import Permission
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from hostspace.accounts import activation
from hostspace.accounts.models import ActivationCode
from tests.factories.portal import DEFAULT_PASSWORD, StaffUserFactory, UserFactory
from tests.factories.records import HostFactory


def host_account(tenant, email=None, password=DEFAULT_PASSWORD, **fields):
    """A user with a host record on ``tenant``'s site, who can log in with ``password``."""
    kwargs = {"email": email} if email else {}
    user = UserFactory(password=password, **kwargs, **fields)
    HostFactory(site=tenant.site, user=user)
    return user


def legacy_account(tenant, email="ancien@example.com"):
    """An account of the old platform (2018): no usable password, must reset it; host on ``tenant``."""
    user = UserFactory(
        email=email, must_reset_password=True, date_joined=datetime.datetime(2018, 6, 1, tzinfo=datetime.UTC)
    )
    user.set_unusable_password()
    user.save()
    HostFactory(site=tenant.site, user=user)
    return user


def staff_account(tenant, email=None, password=DEFAULT_PASSWORD, **fields):
    """A staff member (editor or agent) of ``tenant``'s collectivity, with access to the Wagtail admin."""
    kwargs = {"email": email} if email else {}
    user = StaffUserFactory(password=password, collectivity=tenant.site, **kwargs, **fields)
    user.user_permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    return user


def verified_login(client, user):
    """Log ``user`` in on ``client`` as if they had also entered a valid TOTP code."""
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="default", defaults={"confirmed": True})
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def staff_client(client_for, tenant, *permissions):
    """A client logged into the admin (second factor included) as a staff member of ``tenant`` who has
    ``permissions`` (``"app_label.codename"``) besides access to the admin."""
    user = staff_account(tenant, email=f"staff-{len(permissions)}@{tenant.hostname}")
    for permission in permissions:
        app_label, codename = permission.split(".")
        user.user_permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return verified_login(client_for(tenant), user)


class ActivationCodeFactory(factory.django.DjangoModelFactory):
    """A stored code. Pass ``clear="ABCD-…"`` to know its value, or use :meth:`with_clear`."""

    class Meta:
        model = ActivationCode
        exclude = ["clear"]

    host = factory.SubFactory(HostFactory)
    clear = factory.LazyFunction(activation.generate_code)
    code_hash = factory.LazyAttribute(lambda o: activation.hash_code(o.clear))
    created_at = factory.LazyFunction(timezone.now)
    expires_at = factory.LazyAttribute(lambda o: o.created_at + activation.validity())

    @classmethod
    def with_clear(cls, **kwargs):
        """``(stored code, clear value)``."""
        clear = kwargs.pop("clear", None) or activation.generate_code()
        return cls(clear=clear, **kwargs), clear
