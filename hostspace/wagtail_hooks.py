"""Wagtail admin for agents: each concern registers its own views in hostspace/backoffice/."""
