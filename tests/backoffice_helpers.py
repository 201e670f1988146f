"""Agents of a collectivity for back-office tests: staff with the agents' permissions, logged in with OTP."""

from django.contrib.auth.models import Group, Permission

from tests.auth_helpers import verified_login
from tests.factories import StaffUserFactory

AGENT_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("records", "add_host"),
    ("records", "change_host"),
    ("records", "view_host"),
    ("records", "add_accommodation"),
    ("records", "change_accommodation"),
    ("records", "view_accommodation"),
    ("records", "change_classification"),
    ("records", "view_classification"),
]


def agents_group(name="Agents"):
    group, _ = Group.objects.get_or_create(name=name)
    for app_label, codename in AGENT_PERMISSIONS:
        group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return group


def make_agent(tenant, email=None):
    """A staff member of ``tenant`` (a TenantSite or a Site) in the agents' group."""
    site = getattr(tenant, "site", tenant)
    agent = StaffUserFactory(email=email or f"agent@{site.hostname}", collectivity=site)
    agent.groups.add(agents_group(f"Agents – {site.hostname}"))
    return agent


def allow_letters(agent):
    """Give ``agent`` the right to print activation letters (each letter issues a new code)."""
    agent.user_permissions.add(
        Permission.objects.get(content_type__app_label="accounts", codename="add_activationcode")
    )
    return agent


def agent_client(client_for, tenant, agent=None):
    client = client_for(tenant)
    verified_login(client, agent or make_agent(tenant))
    return client
