"""Fixtures of the tax tests: the national grid as the migration loads it, staff holding the real roles."""

import pytest
from wagtail.models import Collection

from portal import roles
from tests.factories import StaffUserFactory, load_national_grid, verified_login


@pytest.fixture
def grid(db):
    """The known years of the national grid (2024, 2026), whatever a transactional test flushed before."""
    return load_national_grid()


def staff_of(tenant, role=roles.AGENT, email=None):
    """A staff member of ``tenant`` in the group of ``role``, with exactly the rights portal.roles grants."""
    collection = Collection.get_first_root_node()
    group = roles.grant(role, tenant.site, collection)
    user = StaffUserFactory(email=email or f"{role.key}@{tenant.hostname}", collectivity=tenant.site)
    user.groups.add(group)
    return user


@pytest.fixture
def agent_for(client_for):
    """``agent_for(tenant)``: a logged-in (second factor included) client of an agent of ``tenant``."""

    def make(tenant, role=roles.AGENT):
        return verified_login(client_for(tenant), staff_of(tenant, role))

    return make
