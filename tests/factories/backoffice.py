"""Agents of a collectivity: staff in the agents' group, and their admin sessions (second factor included)."""

from django.contrib.auth.models import Group, Permission
from wagtail.models import Collection

from portal import roles
from tests.factories.accounts import verified_login
from tests.factories.portal import StaffUserFactory

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
    """A client of ``tenant``'s site logged into the admin as ``agent`` (a new agent by default)."""
    client = client_for(tenant)
    verified_login(client, agent or make_agent(tenant))
    return client


def staff_of(tenant, role=roles.AGENT, email=None):
    """A staff member of ``tenant`` in the group of ``role``, with exactly the rights portal.roles grants."""
    collection = Collection.get_first_root_node()
    group = roles.grant(role, tenant.site, collection)
    user = StaffUserFactory(email=email or f"{role.key}@{tenant.hostname}", collectivity=tenant.site)
    user.groups.add(group)
    return user
