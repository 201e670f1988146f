"""The Wagtail admin opens only to a session verified with a second factor."""

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from two_factor.utils import default_device


class StaffSecondFactorMiddleware:
    """Send anyone logged in without a second factor away from the admin: to set one up, or to log in with it.

    Must come after ``django_otp.middleware.OTPMiddleware`` (which tells whether
    the session is verified).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        redirection = self.redirection_for(request)
        return redirection or self.get_response(request)

    def redirection_for(self, request):
        admin_root = reverse("wagtailadmin_home")
        if not request.path_info.startswith(admin_root):
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.is_verified():
            return None
        if request.path_info == reverse("wagtailadmin_logout"):
            return None
        if not (user.is_staff or user.is_superuser or user.has_perm("wagtailadmin.access_admin")):
            return None  # Wagtail itself refuses them.
        if default_device(user) is None:
            # First admin login: set up the second factor, then come back here.
            request.session["next"] = request.get_full_path()
            return redirect("two_factor:setup")
        return redirect_to_login(request.get_full_path(), reverse("two_factor:login"))
