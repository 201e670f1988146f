"""The agents' Wagtail dashboard: what is waiting for them, with a link to each task.

Without it an agent lands on an empty dashboard with a search of pages they cannot edit.
"""

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.ui.components import Component

from hostspace.backoffice.letter_views import can_print_letters
from hostspace.records.models import Classification, Host
from portal.tenancy import scope


class AgentTasksPanel(Component):
    name = "agent_tasks"
    template_name = "backoffice/dashboard_tasks.html"
    order = 50

    def get_context_data(self, parent_context):
        user = parent_context["request"].user
        context = super().get_context_data(parent_context)
        context["pending_classifications"] = (
            scope(Classification.objects.all(), user).filter(status=Classification.Status.PENDING).count()
        )
        context["hosts_waiting"] = scope(Host.objects.all(), user).filter(user__isnull=True).count()
        context["classifications_url"] = reverse("classifications:index") + "?status=pending"
        context["letters_url"] = reverse("hostspace_letters:index") if can_print_letters(user) else None
        context["hosts_url"] = reverse("hosts:index")
        context["import_url"] = reverse("hostspace_import")
        return context


@hooks.register("construct_homepage_panels")
def agent_tasks_on_the_dashboard(request, panels):
    if request.user.has_perm("records.view_host"):
        panels.append(AgentTasksPanel())
