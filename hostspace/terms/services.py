"""Versioned CGU and privacy policy, and the proof of their acceptance.

The version in force of a kind on a site is the latest one whose date in
force has come. A host must have accepted the version in force of each kind
before any other host-space page opens (see ``hostspace.accounts.access``).
"""

from django.db import IntegrityError, transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from hostspace.terms.models import TermsAcceptance, TermsVersion

KINDS = [TermsVersion.Kind.TERMS, TermsVersion.Kind.PRIVACY]
USER_AGENT_MAX = TermsAcceptance._meta.get_field("user_agent").max_length


def version_in_force(site, kind, today=None):
    """The version of ``kind`` ("cgu" or "privacy") in force on ``site`` today, or None."""
    if site is None:
        return None
    return (
        TermsVersion.objects.for_site(site).filter(kind=kind).in_force(today).order_by("-in_force_from", "-pk").first()
    )


def versions_in_force(site, today=None):
    """``{kind: version}`` for the kinds that have a version in force on ``site`` (one query)."""
    if site is None:
        return {}
    latest = (
        TermsVersion.objects.for_site(site)
        .filter(kind=OuterRef("kind"))
        .in_force(today)
        .order_by("-in_force_from", "-pk")
        .values("pk")[:1]
    )
    versions = TermsVersion.objects.for_site(site).in_force(today).filter(pk=Subquery(latest))
    return {version.kind: version for version in versions}


def pending_versions(user, site, today=None):
    """The versions in force on ``site`` that ``user`` has not accepted yet, CGU first."""
    if user is None or not user.is_authenticated:
        return []
    in_force = versions_in_force(site, today)
    if not in_force:
        return []
    accepted = set(
        TermsAcceptance.objects.filter(user=user, version__in=in_force.values()).values_list("version_id", flat=True)
    )
    return [in_force[kind] for kind in KINDS if kind in in_force and in_force[kind].pk not in accepted]


def needs_acceptance(user, site):
    """True while ``user`` has not accepted every terms version in force on ``site``."""
    return bool(pending_versions(user, site))


def in_force_key(site, today=None):
    """The cache key of the versions in force on ``site`` today (they change with the content version and the day)."""
    from portal import versions

    return f"terms:in-force:{versions.current()}:{site.pk}:{(today or timezone.localdate()).isoformat()}"


ACCEPTED_SESSION_KEY = "terms_accepted"


def must_accept(request, site):
    """:func:`needs_acceptance` for the gate of every host-space page, with no query once the answer is known.

    The versions in force come from the cache (a new version bumps the content
    version, one coming into force at midnight changes the day in the key);
    acceptances are append-only, so once this session has seen the user accept
    the versions in force, it remembers their ids and asks no more.
    """
    from portal import fragments

    user = request.user
    if user is None or not user.is_authenticated or site is None:
        return False
    in_force = fragments.get_or_build(in_force_key(site), lambda: versions_in_force(site), 60 * 10)
    if not in_force:
        return False
    ids = sorted(version.pk for version in in_force.values())
    session = getattr(request, "session", None)
    if session is not None and session.get(ACCEPTED_SESSION_KEY) == [user.pk, ids]:
        return False
    accepted = set(TermsAcceptance.objects.filter(user=user, version__in=ids).values_list("version_id", flat=True))
    if accepted.issuperset(ids):
        if session is not None:
            session[ACCEPTED_SESSION_KEY] = [user.pk, ids]
        return False
    return True


def client_ip(request):
    from axes.helpers import get_client_ip_address

    return get_client_ip_address(request) or request.META.get("REMOTE_ADDR") or None


@transaction.atomic
def accept(user, versions, request=None, ip_address=None, user_agent=""):
    """Record that ``user`` accepted each of ``versions`` now, with the client's IP and user agent.

    Safe under a double submit: a version already accepted (by a request that
    won the race) keeps its first proof, which is returned instead.
    """
    if request is not None:
        ip_address = ip_address or client_ip(request)
        user_agent = user_agent or request.META.get("HTTP_USER_AGENT", "")
    now = timezone.now()
    return [_record(user, version, now, ip_address, (user_agent or "")[:USER_AGENT_MAX]) for version in versions]


def _record(user, version, now, ip_address, user_agent):
    try:
        with transaction.atomic():  # a savepoint: the unique constraint may refuse the row
            return TermsAcceptance.objects.create(
                user=user, version=version, accepted_at=now, ip_address=ip_address, user_agent=user_agent
            )
    except IntegrityError:
        return TermsAcceptance.objects.get(user=user, version=version)
