"""URLs of the protected host space (the host accounts capability fills them in)."""

from django.contrib.auth import views as auth_views
from django.urls import path
from django.views.generic import TemplateView

app_name = "hostspace"

urlpatterns = [
    path("", auth_views.LoginView.as_view(template_name="hostspace/login.html"), name="login"),
    path("tableau-de-bord/", TemplateView.as_view(template_name="hostspace/dashboard.html"), name="dashboard"),
]
