"""Deleting an account in the Wagtail admin: refused, with a message, while it holds proof.

A collectivity must be able to prove which CGU and privacy policy each host
accepted, when and from where, for as long as it may be challenged: an
acceptance (``TermsAcceptance``) is append-only and protects its account
(``on_delete=PROTECT``). Deleting such an account would raise ``ProtectedError``
(a 500), so these hooks check first and, when the account cannot go, send the
admin back with a message that explains why and suggests deactivating it (the
person can no longer log in; the proof stays). The host record itself may still
be deleted by agents: the account and its proofs do not depend on it.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db import router
from django.db.models.deletion import Collector, ProtectedError, RestrictedError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail import hooks

from hostspace.terms.models import TermsAcceptance


def deletion_blockers(users):
    """``{user: reason}`` for the accounts among ``users`` that cannot be deleted.

    The reason is ``"terms"`` when the account accepted terms (the proof is kept),
    ``"protected"`` when something else refers to it and forbids the deletion.
    """
    users = list(users)
    if not users:
        return {}
    with_proof = set(
        TermsAcceptance.objects.filter(user__in=users).values_list("user_id", flat=True).distinct().order_by()
    )
    blockers = {user: "terms" for user in users if user.pk in with_proof}
    others = [user for user in users if user not in blockers]
    if others and _deletion_refused(others):
        blockers.update({user: "protected" for user in others if _deletion_refused([user])})
    return blockers


def _deletion_refused(objects):
    """True when deleting ``objects`` would be refused by a protected relation (a dry run: nothing is deleted)."""
    collector = Collector(using=router.db_for_write(type(objects[0]), instance=objects[0]))
    try:
        collector.collect(objects)
    except (ProtectedError, RestrictedError):
        return True
    return False


def refusal_message(user, reason):
    if reason == "terms":
        return _(
            "Le compte « %(user)s » ne peut pas être supprimé : ses acceptations des CGU et de la politique de "
            "confidentialité sont des preuves que la collectivité doit conserver. Désactivez-le plutôt (case "
            "« Actif » de son profil) : il ne pourra plus se connecter."
        ) % {"user": user}
    return _(
        "Le compte « %(user)s » ne peut pas être supprimé : d'autres données y sont rattachées. "
        "Désactivez-le plutôt (case « Actif » de son profil)."
    ) % {"user": user}


@hooks.register("before_delete_user")
def refuse_deleting_an_account_with_proofs(request, user):
    """Single delete (confirmation page and its POST): back to the account with the reason."""
    reason = deletion_blockers([user]).get(user)
    if reason is None:
        return None
    messages.error(request, refusal_message(user, reason))
    return redirect(reverse("wagtailusers_users:edit", args=[user.pk]))


@hooks.register("before_bulk_action")
def refuse_bulk_deleting_accounts_with_proofs(request, action_type, objects, action_class_instance):
    """Bulk delete from the users' list: nothing is deleted if one of the accounts must stay."""
    if action_type != "delete" or getattr(action_class_instance, "model", None) is not get_user_model():
        return None
    blockers = deletion_blockers(objects)
    if not blockers:
        return None
    for user, reason in blockers.items():
        messages.error(request, refusal_message(user, reason))
    messages.warning(
        request,
        ngettext(
            "Aucun compte n'a été supprimé : %(count)d compte sélectionné doit être conservé.",
            "Aucun compte n'a été supprimé : %(count)d comptes sélectionnés doivent être conservés.",
            len(blockers),
        )
        % {"count": len(blockers)},
    )
    return redirect(action_class_instance.next_url)
