"""Demo: an account of the old platform (2018) that must reset its password, on Pays des Écrins."""

import datetime

from django.contrib.auth import get_user_model

from hostspace.records.models import Host

EMAIL = "ancien@example.com"


def seed(collectivity):
    """Create ``ancien@example.com`` (created 2018-06-01, no usable password) and its host record, once."""
    if collectivity.key != "ecrins":
        return
    user_model = get_user_model()
    user = user_model.objects.filter(email__iexact=EMAIL).first()
    if user is None:
        user = user_model(
            email=EMAIL,
            first_name="Bernard",
            last_name="Ancien",
            must_reset_password=True,
            date_joined=datetime.datetime(2018, 6, 1, 9, 0, tzinfo=datetime.UTC),
        )
        user.set_unusable_password()
        user.save()
    if not Host.objects.filter(site=collectivity.site, user=user).exists():
        Host.objects.create(
            site=collectivity.site,
            user=user,
            first_name="Bernard",
            last_name="Ancien",
            contact_email=EMAIL,
            address_line1="12 rue du Glacier Blanc",
            postal_code="05340",
            city="Pelvoux",
        )
