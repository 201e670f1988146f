"""Wagtail admin for agents: each concern registers its own views in hostspace/backoffice/."""

from hostspace.backoffice import records  # noqa: F401  hosts, accommodations, classification queue
