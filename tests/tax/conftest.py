"""Fixtures of the tax tests: the national grid as the migration loads it, staff holding the real roles."""

import pytest

from portal import roles
from tests.factories import load_national_grid, verified_login
from tests.factories.backoffice import staff_of


@pytest.fixture
def grid(db):
    """The known years of the national grid (2024, 2026), whatever a transactional test flushed before."""
    return load_national_grid()


@pytest.fixture
def agent_for(client_for):
    """``agent_for(tenant)``: a logged-in (second factor included) client of an agent of ``tenant``."""

    def make(tenant, role=roles.AGENT):
        return verified_login(client_for(tenant), staff_of(tenant, role))

    return make
