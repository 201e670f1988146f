"""Who may log in where: the login rules of hosts (host space) and of staff (Wagtail admin).

Views and forms call these functions; they never tell a caller *why* a login
failed beyond two answers: "invalid" (the same for a wrong password, an unknown
email or an account of another collectivity) and "must_reset" (an account taken
over from the old platform, on the collectivity where it is a host).
"""

from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.signals import user_login_failed

from hostspace.records.models import Host

INVALID = "invalid"
MUST_RESET = "must_reset"
# Too many failures on this email from anywhere: no password is checked for a while, a reset link is mailed.
TOO_MANY_FAILURES = "too_many_failures"


class LoginRefused(Exception):
    """A refused login, with a public reason: :data:`INVALID`, :data:`MUST_RESET` or :data:`TOO_MANY_FAILURES`."""

    def __init__(self, code):
        super().__init__(code)
        self.code = code


def normalise_email(value):
    """The email as accounts store it: stripped and in lower case."""
    return get_user_model().objects.normalize_email(value)


def is_host_of(user, site):
    """True when ``user`` holds a host record on ``site`` (the collectivity)."""
    return site is not None and Host.objects.filter(site=site, user=user).exists()


def may_use_admin(user, site):
    """True when ``user`` is staff of the collectivity of ``site`` (or a superuser)."""
    if not (user.is_active and user.is_staff):
        return False
    return user.is_superuser or (site is not None and user.collectivity_id == site.pk)


def legacy_account_on(email, site):
    """The account from the old platform with this email that must reset its password on ``site``, or None."""
    if site is None or not email:
        return None
    return (
        get_user_model()
        .objects.filter(email__iexact=normalise_email(email), must_reset_password=True, is_active=True)
        .filter(host_records__site=site)
        .first()
    )


def _refuse(request, email):
    """Count a refused login for throttling, as a wrong password would be, then refuse it."""
    user_login_failed.send(sender=__name__, credentials={"username": email}, request=request)
    raise LoginRefused(INVALID)


def _authenticated(request, email, password, may_log_in):
    """The user of these credentials when ``may_log_in(user)`` and no reset is due; raise :class:`LoginRefused` otherwise."""
    user = authenticate(request, username=email, password=password)
    if user is None:
        # django-axes has already counted the failure through the signal authenticate() sent.
        raise LoginRefused(INVALID)
    if user.must_reset_password or not may_log_in(user):
        _refuse(request, email)
    return user


def _refuse_a_flooded_account(email):
    """Refuse, before any password is hashed, an email tried too often from anywhere (the same for unknown ones)."""
    from hostspace.accounts import throttling

    if throttling.account_needs_reset(throttling.username_from_request(None, {"username": email})):
        raise LoginRefused(TOO_MANY_FAILURES)


def authenticate_host(request, email, password, site):
    """The host who may log in on ``site`` with these credentials; raise :class:`LoginRefused` otherwise.

    An account that must reset its password is told so (whatever password was
    typed) only on the collectivity where it is a host: anywhere else, and for
    every other failure, the answer is the generic one.
    """
    email = normalise_email(email)
    _refuse_a_flooded_account(email)
    if legacy_account_on(email, site) is not None:
        raise LoginRefused(MUST_RESET)
    return _authenticated(request, email, password, lambda user: is_host_of(user, site))


def authenticate_staff(request, email, password, site):
    """The staff member who may log in to the admin of ``site``; raise :class:`LoginRefused` otherwise."""
    email = normalise_email(email)
    _refuse_a_flooded_account(email)
    return _authenticated(request, email, password, lambda user: may_use_admin(user, site))


def password_was_reset(user):
    """After a successful reset: the account is no longer a legacy one and its lockouts are lifted."""
    from axes.utils import reset as reset_axes

    from hostspace.accounts import throttling

    if user.must_reset_password:
        user.must_reset_password = False
        user.save(update_fields=["must_reset_password"])
    reset_axes(username=user.email)
    throttling.clear_account_failures(throttling.username_from_request(None, {"username": user.email}))
