"""Login, logout, password reset, two-factor settings of hosts."""

from django.contrib.auth import views as auth_views
from django.urls import path

urlpatterns = [
    path("", auth_views.LoginView.as_view(template_name="hostspace/login.html"), name="login"),
]
