"""The patches of Wagtail's and wagtail-localize's internals refuse to start on a release they were not written for."""

from importlib import metadata

import pytest
from django.core.exceptions import ImproperlyConfigured

from portal import admin_widgets, localize_access, version_guard


def test_the_installed_releases_are_the_ones_the_patches_were_written_for():
    version_guard.require("portal/admin_widgets.py", admin_widgets.WRITTEN_FOR)
    version_guard.require("portal/localize_access.py", localize_access.WRITTEN_FOR)


@pytest.mark.parametrize(
    ("module", "package", "other_release"),
    [
        (admin_widgets, "wagtail", "7.5.0"),
        (localize_access, "wagtail", "8.0"),
        (localize_access, "wagtail-localize", "1.15.1"),
    ],
)
def test_start_up_stops_on_another_release_before_patching(monkeypatch, module, package, other_release):
    real_version = metadata.version
    monkeypatch.setattr(metadata, "version", lambda name: other_release if name == package else real_version(name))

    with pytest.raises(ImproperlyConfigured, match=rf"{package} {other_release} is installed"):
        module.install()


def test_a_vanished_method_stops_start_up():
    class Widget:
        pass

    with pytest.raises(ImproperlyConfigured, match="Widget.render, which no longer exists"):
        version_guard.require_attributes("portal/admin_widgets.py", (Widget, "render"))
