"""Tenancy: a collectivity's staff see and change only their collectivity's records, pages and settings.

Staff work for one collectivity (``User.collectivity``, a Wagtail ``Site``).
The platform's own team (superusers without a collectivity) see every
collectivity. Staff without a collectivity see nothing: a missing assignment
fails closed.

:func:`scope` is the one rule: every admin viewset, chooser, export, report and
host-space query narrows its queryset through it. A model says how it reaches
its collectivity with a ``collectivity_field`` attribute (a lookup path ending
at the ``Site``, for example ``"host__site"``); pages belong to the
collectivity whose tree (French home and its translations) holds them.
"""

from functools import reduce
from operator import or_

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db.models import Q
from wagtail.models import Page, Site
from wagtail.permission_policies import ModelPermissionPolicy


def base_url(site):
    """The collectivity's canonical address, without a trailing slash, for every emailed or printed link.

    Its Site's host name and port, with the scheme of ``PORTAL_URL_SCHEME``
    (https in production, http on a laptop): never the host name or port a
    request happened to use, and never a guess from the port (Wagtail's
    ``Site.root_url`` says http for any port but 443, wrong behind a TLS proxy).
    """
    scheme = settings.PORTAL_URL_SCHEME
    port = "" if site.port in (80, 443) else f":{site.port}"
    return f"{scheme}://{site.hostname}{port}"


def collectivity_of(user):
    """The Site the staff member works for, or None."""
    if user is None or not user.is_authenticated:
        return None
    return user.collectivity if user.collectivity_id else None


def sees_everything(user):
    """True for the platform's own team: superusers attached to no collectivity."""
    return bool(user and user.is_authenticated and user.is_superuser and not user.collectivity_id)


def working_collectivity(request):
    """The collectivity a staff member works for in this request: theirs, the request's site for the platform team.

    Raises ``PermissionDenied`` for staff attached to no collectivity (a missing assignment fails closed).
    """
    site = collectivity_of(request.user)
    if site is None and sees_everything(request.user):
        site = Site.find_for_request(request)
    if site is None:
        raise PermissionDenied
    return site


def collectivity_field(model):
    """The lookup path from ``model`` to its collectivity's Site."""
    if issubclass(model, Site):
        return "pk"
    try:
        return model.collectivity_field
    except AttributeError:
        raise ImproperlyConfigured(f"{model.__name__} does not say which collectivity it belongs to") from None


def _site_tree(site):
    """Pages of ``site``: its home page and the translations of it, with everything below them."""
    homes = site.root_page.get_translations(inclusive=True).values_list("path", flat=True)
    return reduce(or_, (Q(path__startswith=path) for path in homes), Q(pk__in=[]))


def scope(queryset, user):
    """``queryset`` narrowed to the collectivity of ``user`` (everything for the platform team)."""
    if sees_everything(user):
        return queryset
    site = collectivity_of(user)
    if site is None:
        return queryset.none()
    if issubclass(queryset.model, Page):
        return queryset.filter(_site_tree(site))
    field = collectivity_field(queryset.model)
    return queryset.filter(**{field if field == "pk" else f"{field}_id": site.pk})


def site_id_of(instance):
    """The id of the collectivity ``instance`` belongs to, following its ``collectivity_field``."""
    field = collectivity_field(type(instance))
    if field == "pk":
        return instance.pk
    *path, last = field.split("__")
    target = reduce(getattr, path, instance)
    return getattr(target, f"{last}_id", None)


def in_scope(instance, user):
    """True when ``user`` may see ``instance`` at all (before any model permission)."""
    if sees_everything(user):
        return True
    return bool(getattr(user, "collectivity_id", None)) and site_id_of(instance) == user.collectivity_id


class CollectivityPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, and on top of them: only the objects of the user's own collectivity.

    Wagtail's snippet views ask their permission policy which objects a user
    may act on; this one answers through :func:`scope`. Bulk actions and
    choosers do not ask it: :mod:`portal.admin_tenancy` narrows them.
    """

    def user_has_permission_for_instance(self, user, action, instance):
        return in_scope(instance, user) and super().user_has_permission_for_instance(user, action, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return in_scope(instance, user) and super().user_has_any_permission_for_instance(user, actions, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        return scope(super().instances_user_has_any_permission_for(user, actions), user)
