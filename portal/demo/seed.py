"""``seed_demo``: the demo collectivities, then each app's demo content, in this order."""

from django.db import transaction

from portal.demo import backoffice, declarations, guides, hostspace, legacy, news, payments, tax
from portal.demo.collectivities import seed_collectivities

# Each has a ``seed(collectivity)``: news and help pages first, then the host space that links to them;
# declarations then payments last, since they need the hosts, the deliberations and the declarations.
STEPS = [news, guides, hostspace, legacy, backoffice, tax, declarations, payments]


def seed_all(stdout=None):
    """Seed the collectivities, then every step's content for each of them."""
    collectivities = seed_collectivities()
    for step in STEPS:
        for collectivity in collectivities:
            with transaction.atomic():
                step.seed(collectivity)
        if stdout is not None:
            stdout.write(f"  {step.__name__}: ok")
    return collectivities
