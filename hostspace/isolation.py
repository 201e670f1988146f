"""Tenancy rules for collectivity staff: an agent sees and changes only the records,
documents and settings of the collectivity (``User.collectivity``) they work for.

Superusers (the platform's own team) see every collectivity. Staff without a
collectivity see nothing: a missing assignment must fail closed.
"""

from hostspace.models import Accommodation, Classification, Host


def collectivity_of(user):
    """The Site the staff member works for, or None."""
    if user is None or not user.is_authenticated:
        return None
    return user.collectivity if user.collectivity_id else None


def sees_everything(user):
    return bool(user and user.is_authenticated and user.is_superuser and not user.collectivity_id)


def hosts_for(user):
    queryset = Host.objects.all()
    if sees_everything(user):
        return queryset
    site_id = getattr(user, "collectivity_id", None)
    return queryset.filter(site_id=site_id) if site_id else queryset.none()


def accommodations_for(user):
    queryset = Accommodation.objects.all()
    if sees_everything(user):
        return queryset
    site_id = getattr(user, "collectivity_id", None)
    return queryset.filter(host__site_id=site_id) if site_id else queryset.none()


def classifications_for(user):
    queryset = Classification.objects.all()
    if sees_everything(user):
        return queryset
    site_id = getattr(user, "collectivity_id", None)
    return queryset.filter(accommodation__host__site_id=site_id) if site_id else queryset.none()


def staff_may_see_host(user, host):
    """An agent may read a host's documents when the host belongs to their collectivity."""
    if not (user and user.is_authenticated and user.is_staff):
        return False
    return sees_everything(user) or (user.collectivity_id is not None and user.collectivity_id == host.site_id)


def sites_for(user):
    """The sites whose settings the staff member may edit."""
    from wagtail.models import Site

    if sees_everything(user):
        return Site.objects.all()
    site_id = getattr(user, "collectivity_id", None)
    return Site.objects.filter(pk=site_id) if site_id else Site.objects.none()


# How each record reaches its collectivity.
SITE_LOOKUPS = {
    "hostspace.host": "site_id",
    "hostspace.accommodation": "host__site_id",
    "hostspace.classification": "accommodation__host__site_id",
}


def scope(queryset, user):
    """``queryset`` narrowed to the collectivity of ``user`` (everything for the platform team)."""
    if sees_everything(user):
        return queryset
    lookup = SITE_LOOKUPS.get(queryset.model._meta.label_lower)
    site_id = getattr(user, "collectivity_id", None)
    if lookup is None or not site_id:
        return queryset.none()
    return queryset.filter(**{lookup: site_id})
