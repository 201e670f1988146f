"""The staff roles of a collectivity, as groups whose rights stop at that collectivity.

Each collectivity has three groups, one per :class:`Role`:

- **editors** publish the public site: pages (French and English trees), images
  and documents of the collectivity's collection, translations, the branding
  (phone, colours), the technical service's hours (a translatable snippet), the CGU and privacy versions;
- **agents** keep the host records: hosts, accommodations, classification
  decisions, activation letters, CGU and privacy versions and their proofs;
  the collectivity's tourist-tax deliberations (entered or imported from DELTA); the hosts'
  declarations (the period board, états, paper declarations entered for a host, reminders); the
  payments (PayFiP operations, cheques and transfers recorded, reversals);
- **administrators** do both, and keep the régie's payment settings (PayFiP numcli, IBAN).

Model permissions say *what* a role may do; :mod:`portal.tenancy` keeps every
listing to the staff member's own collectivity (``User.collectivity``). Page,
collection and site permissions are bound to the collectivity's own tree,
collection and site. :func:`grant_roles` is idempotent.
"""

from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from django.utils.translation import gettext_lazy as _
from wagtail.models import GroupCollectionPermission, GroupPagePermission, GroupSitePermission

TERMS_VERSIONS = (
    "terms.add_termsversion",
    "terms.change_termsversion",
    "terms.delete_termsversion",
    "terms.view_termsversion",
)
HOST_RECORDS = (
    "records.add_host",
    "records.change_host",
    "records.view_host",
    "records.add_accommodation",
    "records.change_accommodation",
    "records.view_accommodation",
    "records.change_classification",
    "records.view_classification",
    "accounts.add_activationcode",
    "accounts.view_activationcode",
    "terms.view_termsacceptance",
)
# The deliberation's tariffs and rules (hostspace/tax); the national grid is the platform operator's, no role's.
TAX_DELIBERATIONS = (
    "tax.add_deliberation",
    "tax.change_deliberation",
    "tax.delete_deliberation",
    "tax.view_deliberation",
)
# Declarations (hostspace/declarations): follow the periods, see every version and état, enter a paper
# declaration on a host's behalf (with its stays), send reminders. Nobody changes or deletes a declaration.
DECLARATIONS = (
    "declarations.view_declaration",
    "declarations.add_declaration",
    "declarations.view_stay",
    "declarations.add_stay",
    "declarations.delete_stay",
    "declarations.view_reminderlog",
    "declarations.add_reminderlog",
)
# Payments (hostspace/payments): follow PayFiP operations and payments, record cheques and transfers
# (and their reversals). Nobody changes or deletes a payment. The régie's settings are the administrators'.
PAYMENTS = (
    "payments.view_payment",
    "payments.add_payment",
)
PAYMENT_SETTINGS = ("payments.change_paymentsettings",)
PAGES = ("add_page", "change_page", "publish_page", "delete_page", "lock_page", "unlock_page")
MEDIA = (
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
)
BRANDING = ("portal.change_brandingsettings",)
# The technical service's hours, a translatable snippet of the collectivity (portal.models.SupportHours).
SUPPORT_HOURS = ("portal.add_supporthours", "portal.change_supporthours", "portal.view_supporthours")
ADMIN_ACCESS = ("wagtailadmin.access_admin",)
TRANSLATION = ("wagtail_localize.submit_translation",)


@dataclass(frozen=True)
class Role:
    """A kind of staff member: the rights their group holds on their collectivity."""

    key: str
    label: str
    permissions: tuple = ()
    page_permissions: tuple = ()
    collection_permissions: tuple = ()
    site_permissions: tuple = ()

    def group_name(self, site):
        return f"{self.label} – {site.site_name or site.hostname}"


EDITOR = Role(
    "editors",
    _("Éditeurs"),
    permissions=(*ADMIN_ACCESS, *TRANSLATION, *TERMS_VERSIONS, *SUPPORT_HOURS),
    page_permissions=PAGES,
    collection_permissions=MEDIA,
    site_permissions=BRANDING,
)
AGENT = Role(
    "agents",
    _("Agents"),
    permissions=(*ADMIN_ACCESS, *TERMS_VERSIONS, *HOST_RECORDS, *TAX_DELIBERATIONS, *DECLARATIONS, *PAYMENTS),
)
ADMINISTRATOR = Role(
    "administrators",
    _("Administrateurs"),
    permissions=(
        *ADMIN_ACCESS,
        *TRANSLATION,
        *TERMS_VERSIONS,
        *SUPPORT_HOURS,
        *HOST_RECORDS,
        *TAX_DELIBERATIONS,
        *DECLARATIONS,
        *PAYMENTS,
    ),
    page_permissions=PAGES,
    collection_permissions=MEDIA,
    site_permissions=(*BRANDING, *PAYMENT_SETTINGS),
)
ROLES = (EDITOR, AGENT, ADMINISTRATOR)


def _permissions(labels):
    found = []
    for label in labels:
        app_label, codename = label.split(".")
        found.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return found


def grant(role, site, collection):
    """The group of ``role`` for the collectivity of ``site``, holding exactly the role's rights there."""
    group, _created = Group.objects.get_or_create(name=str(role.group_name(site)))
    group.permissions.add(*_permissions(role.permissions))
    pages = [
        Permission.objects.get(content_type__app_label="wagtailcore", codename=name) for name in role.page_permissions
    ]
    # The English tree is a sibling of the French home: both belong to the collectivity.
    for home in site.root_page.get_translations(inclusive=True):
        for permission in pages:
            GroupPagePermission.objects.get_or_create(group=group, page=home, permission=permission)
    for permission in _permissions(role.collection_permissions):
        GroupCollectionPermission.objects.get_or_create(group=group, collection=collection, permission=permission)
    for permission in _permissions(role.site_permissions):
        GroupSitePermission.objects.get_or_create(group=group, site=site, permission=permission)
    return group


def grant_roles(site, collection):
    """The three groups of a collectivity, keyed by role."""
    return {role.key: grant(role, site, collection) for role in ROLES}
