"""Rich text posted in a shape the editor cannot read answers with a message, not a server error.

Draftail posts its content as JSON, which Wagtail's widget converts without
guarding: a value that is not Draftail's JSON (a forged or truncated post, a
script that filled the hidden field) raised inside the form and answered 500.
:class:`CheckedDraftailRichTextArea` (the admin's rich text widget, see
``WAGTAILADMIN_RICH_TEXT_EDITORS``) reads such a value as :data:`UNREADABLE`,
which every form treats as an empty text; forms with
:class:`ReadableRichTextMixin` say precisely what happened on that field.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.rich_text import DraftailRichTextArea

UNREADABLE_MESSAGE = _(
    "Le texte envoyé n'a pas pu être lu : rien n'a été enregistré. Rechargez la page et saisissez-le de nouveau "
    "dans l'éditeur (pour un texte venant d'un traitement de texte, copiez-le puis collez-le dans l'éditeur)."
)


class _Unreadable:
    """What the widget returns for a value it cannot read: an empty text to forms that do not know it."""

    def __str__(self):
        return ""

    def __repr__(self):
        return "UNREADABLE"


UNREADABLE = _Unreadable()


class CheckedDraftailRichTextArea(DraftailRichTextArea):
    """Wagtail's Draftail widget, which tells a value it cannot convert from a text."""

    def value_from_datadict(self, data, files, name):
        try:
            return super().value_from_datadict(data, files, name)
        except (ValueError, TypeError, KeyError, AttributeError, IndexError):
            return UNREADABLE

    def format_value(self, value):
        # The editor shows an empty text again, never the unreadable value.
        return super().format_value(None if value is UNREADABLE else value)


class ReadableRichTextMixin:
    """A form that says « le texte envoyé n'a pas pu être lu » on a rich text field the widget could not read."""

    def full_clean(self):
        super().full_clean()
        if not self.is_bound:
            return
        for name in self.fields:
            if self[name].data is UNREADABLE:
                self._errors[name] = self.error_class([UNREADABLE_MESSAGE])
                self.cleaned_data.pop(name, None)
