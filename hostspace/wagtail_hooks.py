"""Wagtail admin for agents: each concern registers its own views in hostspace/backoffice/."""

import hostspace.backoffice.import_views  # noqa: F401  CSV import of hosts with their accommodations
import hostspace.backoffice.records  # noqa: F401  hosts, accommodations, classification queue
