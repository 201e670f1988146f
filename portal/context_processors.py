"""What every page's layout needs: the site, its branding and its navigation.

The branding comes with the cached navigation (``portal.navigation``): no query
and no cache write (the logo's rendition) per request.
"""

from wagtail.models import Site

from portal.navigation import navigation_for


def portal(request):
    site = Site.find_for_request(request)
    navigation = navigation_for(site)
    return {
        "current_site": site,
        "branding": navigation["branding"],
        "branding_version": navigation["branding_version"],
        "navigation": navigation,
    }
