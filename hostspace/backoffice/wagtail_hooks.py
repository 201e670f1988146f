"""Wagtail admin for agents: each concern registers its own views in hostspace/backoffice/."""

import hostspace.backoffice.classifications  # noqa: F401  the classification queue, the decisions for agents
import hostspace.backoffice.dashboard  # noqa: F401  what waits for the agents, on the Wagtail dashboard
import hostspace.backoffice.deletion  # noqa: F401  accounts holding proof of accepted terms are not deleted
import hostspace.backoffice.import_views  # noqa: F401  CSV import of hosts with their accommodations
import hostspace.backoffice.letter_views  # noqa: F401  activation letters, one or a batch
import hostspace.backoffice.records  # noqa: F401  hosts and accommodations, in one menu with the queue
