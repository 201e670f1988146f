"""Patches of Wagtail's and wagtail-localize's internals run only on the releases they were written for.

``portal/admin_widgets.py`` and ``portal/localize_access.py`` replace methods
that are not public API (tenancy and CSP fixes with no public hook). A new
release may rename, move or rewrite them: the patch would then silently do
nothing, or break a page, and one collectivity might see another's data. So
each patch names the ``major.minor`` releases it was read against, and start-up
stops with :class:`ImproperlyConfigured` on any other: read the patch against the
new release's code, adjust it, then add the release to its list.
"""

from importlib import metadata

from django.core.exceptions import ImproperlyConfigured


def release(package):
    """The installed ``major.minor`` of ``package`` (a distribution name), e.g. ``"7.4"``."""
    return ".".join(metadata.version(package).split(".")[:2])


def require(patch, written_for):
    """Raise unless every package of ``written_for`` (``{distribution: ("7.4", …)}``) is at a listed release."""
    for package, releases in written_for.items():
        installed = release(package)
        if installed not in releases:
            raise ImproperlyConfigured(
                f"{patch} patches internals of {package} {' or '.join(releases)}, but {package} "
                f"{metadata.version(package)} is installed. Check the patch against this release's code, "
                f"then add {installed!r} to its WRITTEN_FOR."
            )


def require_attributes(patch, *targets):
    """Raise unless each ``(owner, name)`` still exists: a patch of a vanished method would do nothing."""
    for owner, name in targets:
        if not callable(getattr(owner, name, None)):
            raise ImproperlyConfigured(f"{patch} patches {owner.__qualname__}.{name}, which no longer exists.")
