"""The host's accommodation form as a browser posts it, opening periods included."""

from hostspace.records.models import Accommodation


def accommodation_data(**overrides):
    """A furnished rental open from 15 June to 15 September; ``overrides`` change any field."""
    values = {
        "name": "Gîte du Torrent",
        "kind": Accommodation.Kind.FURNISHED,
        "address_line1": "12 chemin du Lac",
        "address_line2": "",
        "postal_code": "05340",
        "commune": "Pelvoux",
        "capacity": "5",
        "registration_number": "05101 000123ab",
        "opening_notes": "Fermé le lundi",
        **periods_data([(15, 6, 15, 9)]),
    }
    values.update(overrides)
    return values


def periods_data(rows, initial=0):
    """The periods formset as the browser posts it: ``rows`` of (day, month, day, month[, id[, delete]])."""
    values = {
        "periodes-TOTAL_FORMS": str(len(rows)),
        "periodes-INITIAL_FORMS": str(initial),
        "periodes-MIN_NUM_FORMS": "0",
        "periodes-MAX_NUM_FORMS": "12",
    }
    for index, row in enumerate(rows):
        start_day, start_month, end_day, end_month, *rest = row
        values.update(
            {
                f"periodes-{index}-start_day": str(start_day),
                f"periodes-{index}-start_month": str(start_month),
                f"periodes-{index}-end_day": str(end_day),
                f"periodes-{index}-end_month": str(end_month),
                f"periodes-{index}-id": str(rest[0]) if rest else "",
            }
        )
        if len(rest) > 1 and rest[1]:
            values[f"periodes-{index}-DELETE"] = "on"
    return values
