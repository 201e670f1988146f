"""Wagtail's chooser widgets (image, document, page, snippet) without their inline script.

``BaseChooser.render`` follows the widget with ``<script>new ImageChooser(…)</script>``,
which the admin's ``script-src 'self'`` policy blocks: the "Choisir une image"
button then does nothing. Here the widget leaves a hidden marker instead, which
``portal/js/admin-widgets.js`` turns into the same ``new ImageChooser(id, options)``.
"""

import json

from django.utils.html import format_html
from wagtail.admin.widgets.chooser import BaseChooser

from portal import version_guard

# The releases whose ``BaseChooser.render`` this replacement was written from (portal/version_guard.py).
WRITTEN_FOR = {"wagtail": ("7.4",)}


def render_with_marker(self, name, value, attrs=None, renderer=None):
    """``BaseChooser.render`` with a data marker where Wagtail writes an inline script."""
    try:
        id_ = attrs["id"]
    except (KeyError, TypeError) as error:
        raise TypeError("BaseChooser cannot be rendered without an 'id' attribute") from error
    value_data = self.get_value_data(value)
    widget_html = self.render_html(name, value_data, attrs)
    options = self.get_js_init_options(id_, name, value_data)
    return format_html(
        '{}<span hidden data-portal-widget="{}" data-portal-target="{}" data-portal-config="{}"></span>',
        widget_html,
        self.js_constructor,
        id_,
        json.dumps(options),
    )


def install():
    version_guard.require("portal/admin_widgets.py", WRITTEN_FOR)
    version_guard.require_attributes("portal/admin_widgets.py", (BaseChooser, "render"), (BaseChooser, "render_html"))
    BaseChooser.render = render_with_marker
