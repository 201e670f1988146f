"""The host's dashboard (« Bienvenue sur votre tableau de bord »)."""

from django.views.generic import TemplateView

from hostspace.access import HostRequiredMixin


class DashboardView(HostRequiredMixin, TemplateView):
    template_name = "hostspace/dashboard.html"
