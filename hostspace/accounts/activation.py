"""Activation codes: generated at random, printed on a letter, stored only as a keyed hash.

A code is 16 characters from an alphabet without look-alikes (no 0/O, 1/I/L),
printed in four groups (``XXXX-XXXX-XXXX-XXXX``): 16 × log2(31) ≈ 79 bits. It is
single use, expires after ``ACTIVATION_CODE_VALIDITY_DAYS`` days and opens only
the host record it was issued for, on that collectivity's site. Re-issuing
revokes the previous code.

The stored value is HMAC-SHA256 of the normalised code with a key derived from
``SECRET_KEY``: with this much entropy a slow hash adds nothing, and a keyed
hash lets us look a code up directly.
"""

import datetime
import math
import re
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from hostspace.accounts.models import ActivationCode
from hostspace.records.models import Host

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
GROUPS = 4
GROUP_LENGTH = 4
CODE_LENGTH = GROUPS * GROUP_LENGTH
ENTROPY_BITS = CODE_LENGTH * math.log2(len(ALPHABET))
# Longer input than any code is rejected before hashing.
MAX_INPUT_LENGTH = 64
DEFAULT_VALIDITY_DAYS = 90
_HMAC_SALT = "hostspace.accounts.activation.code"
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212_.]+")


class ActivationError(Exception):
    """The code cannot activate an account; one reason for all cases, so nothing leaks."""


class AccountRefused(Exception):
    """The email belongs to an account whose password was not given: the host must log in with it first."""


def validity():
    return datetime.timedelta(days=getattr(settings, "ACTIVATION_CODE_VALIDITY_DAYS", DEFAULT_VALIDITY_DAYS))


def generate_code():
    """A new random code in readable groups, e.g. ``7KQM-W3RX-HF9T-2ZPA``."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i : i + GROUP_LENGTH] for i in range(0, CODE_LENGTH, GROUP_LENGTH))


def normalise(value):
    """The code as typed, upper-cased, without spaces, dashes or dots; '' when it cannot be a code."""
    if not isinstance(value, str) or len(value) > MAX_INPUT_LENGTH * 2:
        return ""
    cleaned = _SEPARATORS.sub("", value).upper()
    if not cleaned or len(cleaned) > MAX_INPUT_LENGTH or not cleaned.isascii() or not cleaned.isalnum():
        return ""
    return cleaned


def hash_code(value):
    """The keyed hash stored for a code (normalised first)."""
    return salted_hmac(_HMAC_SALT, normalise(value), algorithm="sha256").hexdigest()


@transaction.atomic
def issue_code(host, issued_by=None, code=None, now=None):
    """Give ``host`` a new code, revoking any previous one; return the clear code (shown only on the letter).

    ``code`` is for the demo's fixed code only; real codes are random.
    """
    now = now or timezone.now()
    ActivationCode.objects.filter(host=host, used_at__isnull=True, revoked_at__isnull=True).update(revoked_at=now)
    for _attempt in range(5):
        clear = code or generate_code()
        try:
            with transaction.atomic():
                ActivationCode.objects.create(
                    host=host,
                    code_hash=hash_code(clear),
                    created_at=now,
                    expires_at=now + validity(),
                    issued_by=issued_by,
                )
        except IntegrityError:
            if code:
                raise
            continue
        return clear
    raise RuntimeError("Could not draw a unique activation code.")  # pragma: no cover


def draw_codes(hosts):
    """Fresh clear codes for many hosts at once (a batch of letters), ``{host.pk: clear code}``; nothing stored yet."""
    return {host.pk: generate_code() for host in hosts}


@transaction.atomic
def store_codes(codes, issued_by=None, now=None):
    """Store ``{host pk: clear code}`` (hashed), revoking each host's previous codes: once the letters exist."""
    now = now or timezone.now()
    ActivationCode.objects.filter(host__in=list(codes), used_at__isnull=True, revoked_at__isnull=True).update(
        revoked_at=now
    )
    ActivationCode.objects.bulk_create(
        [
            ActivationCode(
                host_id=pk,
                code_hash=hash_code(code),
                created_at=now,
                expires_at=now + validity(),
                issued_by=issued_by,
            )
            for pk, code in codes.items()
        ],
        batch_size=500,
    )
    return codes


def find_usable_code(value, site, now=None):
    """The usable code matching ``value`` for a host of ``site``, or None (wrong, used, revoked, expired, elsewhere)."""
    normalised = normalise(value)
    if not normalised or site is None:
        return None
    return (
        ActivationCode.objects.usable(now)
        .select_related("host")
        .filter(code_hash=hash_code(normalised), host__site=site, host__user__isnull=True)
        .first()
    )


@dataclass
class Activation:
    user: object
    host: Host
    created: bool


@transaction.atomic
def activate(value, site, email, password, now=None):
    """Use a code: create the account (or take the existing one, given its password) and bind the host record.

    Raises :class:`ActivationError` for any unusable code and :class:`AccountRefused`
    when the email has an account but the password is not its own.
    """
    now = now or timezone.now()
    found = find_usable_code(value, site, now)
    if found is None:
        raise ActivationError
    # Lock the code row so that two simultaneous submissions cannot both use it.
    code = ActivationCode.objects.select_for_update().get(pk=found.pk)
    host = Host.objects.select_for_update().get(pk=found.host_id)
    if not code.is_usable(now) or host.user_id is not None:
        raise ActivationError
    user_model = get_user_model()
    email = user_model.objects.normalize_email(email)
    user = user_model.objects.filter(email__iexact=email).first()
    created = user is None
    if created:
        user = user_model.objects.create_user(email=email, password=password)
    elif (
        user.is_staff
        or not user.is_active
        or user.must_reset_password
        or not user.check_password(password)
        or Host.objects.filter(site=site, user=user).exists()
    ):
        raise AccountRefused
    code.used_at = now
    code.save(update_fields=["used_at"])
    host.user = user
    host.activated_at = now
    host.save(update_fields=["user", "activated_at", "updated_at"])
    ActivationCode.objects.filter(host=host, used_at__isnull=True, revoked_at__isnull=True).update(revoked_at=now)
    return Activation(user=user, host=host, created=created)
