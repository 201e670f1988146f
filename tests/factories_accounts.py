"""Factories for the login tests: host accounts on a collectivity, old-platform accounts, staff."""

import datetime

from tests.factories import DEFAULT_PASSWORD, StaffUserFactory, UserFactory
from tests.factories_hostspace import HostFactory

__all__ = ["DEFAULT_PASSWORD", "HostRecordFactory", "host_account", "legacy_account", "staff_account"]


class HostRecordFactory(HostFactory):
    """A host record without account; ``host_account`` gives it one."""

    site = None  # always given
    last_name = "Martin"


def host_account(tenant, email=None, password=DEFAULT_PASSWORD, **fields):
    """A user with a host record on ``tenant``'s site, who can log in with ``password``."""
    kwargs = {"email": email} if email else {}
    user = UserFactory(password=password, **kwargs, **fields)
    HostRecordFactory(site=tenant.site, user=user)
    return user


def legacy_account(tenant, email="ancien@example.com"):
    """An account of the old platform (2018): no usable password, must reset it; host on ``tenant``."""
    user = UserFactory(
        email=email, must_reset_password=True, date_joined=datetime.datetime(2018, 6, 1, tzinfo=datetime.UTC)
    )
    user.set_unusable_password()
    user.save()
    HostRecordFactory(site=tenant.site, user=user)
    return user


def staff_account(tenant, email=None, password=DEFAULT_PASSWORD, **fields):
    """A staff member (editor or agent) of ``tenant``'s collectivity, with access to the Wagtail admin."""
    from django.contrib.auth.models import Permission

    kwargs = {"email": email} if email else {}
    user = StaffUserFactory(password=password, collectivity=tenant.site, **kwargs, **fields)
    user.user_permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    return user
