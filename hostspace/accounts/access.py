"""Who may open a host-space page: a logged-in person with a host record on this site,
who has accepted the terms in force.

Every host-space view (except login, activation, reset and the terms page
itself) uses :class:`HostRequiredMixin`, which sets ``request.host``.
"""

from django.contrib.auth.mixins import AccessMixin
from django.shortcuts import redirect
from wagtail.models import Site

from hostspace.records.models import Host
from hostspace.terms import services as terms


def current_host(request):
    """The host record of the logged-in user on the requested site, or None."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    site = Site.find_for_request(request)
    if site is None:
        return None
    return Host.objects.select_related("site").filter(site=site, user=user).first()


class HostRequiredMixin(AccessMixin):
    """Open the view only to a host of this collectivity who has accepted the current terms.

    The page's cached fragments (layout, terms in force, the collectivity's
    deliberations, and whatever :meth:`fragment_keys` adds) are asked for in
    one round trip before anything else (``portal.fragments``).
    """

    def fragment_keys(self, site):
        from hostspace.declarations.services import rules_key
        from portal.navigation import navigation_key

        return [navigation_key(site), terms.in_force_key(site), rules_key(site)]

    def dispatch(self, request, *args, **kwargs):
        from portal import fragments

        site = Site.find_for_request(request)
        if site is not None and request.user.is_authenticated:
            fragments.prefetch(self.fragment_keys(site))
        host = current_host(request)
        if host is None:
            return self.handle_no_permission()
        request.host = host
        if terms.must_accept(request, host.site):
            return redirect("hostspace:terms")
        return super().dispatch(request, *args, **kwargs)
