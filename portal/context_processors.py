"""What every page's layout needs: the site, its branding and its navigation."""

from wagtail.models import Site

from portal.models import BrandingSettings
from portal.navigation import navigation_for
from portal.views import branding_version


def portal(request):
    site = Site.find_for_request(request)
    branding = BrandingSettings.for_site(site) if site else None
    return {
        "current_site": site,
        "branding": branding,
        "branding_version": branding_version(branding),
        "navigation": navigation_for(site),
    }
