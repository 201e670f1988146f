"""Versioned CGU and privacy policy, and the proof of their acceptance (host accounts capability)."""


def needs_acceptance(user, site):
    """True while ``user`` has not accepted every terms version in force on ``site``."""
    return False
