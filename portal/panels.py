"""Admin panels every app shares."""

from modelcluster.forms import BaseChildFormSet
from wagtail.admin.panels import InlinePanel

from portal.forms import CappedFormSet


class CappedChildFormSet(CappedFormSet, BaseChildFormSet):
    """An inline panel's formset that builds at most ``max_num`` forms (see :class:`portal.forms.CappedFormSet`)."""


class CappedInlinePanel(InlinePanel):
    """Wagtail's ``InlinePanel`` with a required ``max_num``, enforced without building extra forms.

    Every inline panel of the project is one of these (a test checks it), so no
    admin form instantiates the thousand forms a forged ``TOTAL_FORMS`` asks for.
    """

    formset_class = CappedChildFormSet

    def __init__(self, *args, max_num, **kwargs):
        super().__init__(*args, max_num=max_num, **kwargs)

    def get_form_options(self):
        options = super().get_form_options()
        options["formsets"][self.relation_name]["formset"] = self.formset_class
        return options
