"""The tourist tax of a collectivity on a date: the deliberation in force, its tariffs, an estimate.

The public simulator, the estimate API and the declarations call these
functions, never the models' fields: one place decides which deliberation
applies on a night and which category of L2333-30 an accommodation falls in.
The computation itself is :mod:`hostspace.tax.engine`'s.
"""

import datetime

from django.utils.formats import date_format
from django.utils.translation import gettext

from hostspace.records.models import Accommodation, Classification
from hostspace.tax import engine
from hostspace.tax.models import Deliberation


class NoDeliberation(LookupError):
    """No deliberation of the collectivity is in force on the date asked; the message says so in French."""

    def __init__(self, site, day):
        self.site = site
        self.day = day
        super().__init__(
            gettext("Aucune délibération de taxe de séjour n'est en vigueur le %(day)s.")
            % {"day": date_format(day, "j F Y")}
        )


def deliberation_in_force(site, day):
    """The deliberation of ``site`` (a Wagtail Site) in force on ``day``, or None.

    Validities never overlap (:meth:`Deliberation.clean`), so at most one row
    matches; should two ever do, the one that started last wins.
    """
    return (
        Deliberation.objects.filter(site=site, valid_from__lte=day)
        .exclude(valid_until__lt=day)
        .order_by("-valid_from", "-pk")
        .first()
    )


def tariffs_on(site, day):
    """The :class:`engine.Tariffs` of ``site`` on ``day``; raises :class:`NoDeliberation` when none is in force."""
    deliberation = deliberation_in_force(site, day)
    if deliberation is None:
        raise NoDeliberation(site, day)
    return deliberation.tariffs()


def estimate(site, day, category, stay):
    """What ``stay`` (an :class:`engine.Stay`) owes au réel in ``category`` at the tariffs of ``site`` on ``day``.

    Returns an :class:`engine.TaxResult` with its breakdown. Raises
    :class:`NoDeliberation` when no deliberation is in force on ``day``, and
    :class:`engine.TaxInputError` (one French message per field) for bad input.
    """
    return engine.compute(tariffs_on(site, day), category, stay)


# --- Which category of L2333-30 an accommodation falls in ---------------------------------------
#
# Article L2333-30 CGCT sets the tariff by category of lodging; the category is
# read from the accommodation's nature (Accommodation.Kind) and its star rating
# in force (Classification.Rating). This table is the one place that says how:
#
# - hotels, tourist residences and furnished rentals (and any other lodging
#   that holds a rating) take the category of their stars; a palace
#   distinction is the palace category; without a rating in force they are
#   « en attente de classement ou sans classement » (the rate of 1 to 5 %);
# - villages de vacances: 4 and 5 stars with 2-star hotels, 1 to 3 stars with
#   1-star hotels;
# - chambres d'hôtes and auberges collectives are named in the 1-star line
#   whatever their rating;
# - campsites: 3 to 5 stars in one line, 1 and 2 stars in another; a campsite
#   without stars is « tout autre terrain d'hébergement de plein air de
#   caractéristiques équivalentes » of the 1-2 star line (the unclassified
#   rate excludes the categories the table names, the outdoor ones among them);
# - camper-van areas are named in the 3-5 star campsite line (per 24 hours),
#   marinas in the 1-2 star campsite line;
# - a « Palace » nature is the palace category.

_R = Classification.Rating
_BY_STARS = {
    _R.PALACE: engine.PALACE,
    _R.FIVE: engine.FIVE_STARS,
    _R.FOUR: engine.FOUR_STARS,
    _R.THREE: engine.THREE_STARS,
    _R.TWO: engine.TWO_STARS,
    _R.ONE: engine.ONE_STAR,
    _R.UNRATED: engine.UNCLASSIFIED,
}
_HOLIDAY_VILLAGE = {
    _R.PALACE: engine.TWO_STARS,  # not a rating villages receive; read as their top stars
    _R.FIVE: engine.TWO_STARS,
    _R.FOUR: engine.TWO_STARS,
    _R.THREE: engine.ONE_STAR,
    _R.TWO: engine.ONE_STAR,
    _R.ONE: engine.ONE_STAR,
    _R.UNRATED: engine.UNCLASSIFIED,
}
_CAMPSITE = {
    _R.PALACE: engine.CAMPING_3_5_STARS,  # not a rating campsites receive; read as their top stars
    _R.FIVE: engine.CAMPING_3_5_STARS,
    _R.FOUR: engine.CAMPING_3_5_STARS,
    _R.THREE: engine.CAMPING_3_5_STARS,
    _R.TWO: engine.CAMPING_1_2_STARS,
    _R.ONE: engine.CAMPING_1_2_STARS,
    _R.UNRATED: engine.CAMPING_1_2_STARS,
}


def _whatever(category):
    return dict.fromkeys(_R.values, category)


_K = Accommodation.Kind
CATEGORY_BY_KIND_AND_RATING = {
    _K.HOTEL: _BY_STARS,
    _K.RESIDENCE: _BY_STARS,
    _K.FURNISHED: _BY_STARS,
    _K.OTHER: _BY_STARS,
    _K.HOLIDAY_VILLAGE: _HOLIDAY_VILLAGE,
    _K.GUEST_ROOM: _whatever(engine.ONE_STAR),
    _K.HOSTEL: _whatever(engine.ONE_STAR),
    _K.CAMPSITE: _CAMPSITE,
    _K.CAMPER_AREA: _whatever(engine.CAMPING_3_5_STARS),
    _K.MARINA: _whatever(engine.CAMPING_1_2_STARS),
    _K.PALACE: _whatever(engine.PALACE),
}


def classification_on(accommodation, day):
    """The validated classification of ``accommodation`` in force on ``day``, or None.

    In force: decided on or before ``day`` and not expired then (a rating lasts
    five years). Reads the prefetched ``classifications`` when there are.
    """
    in_force = [
        classification
        for classification in accommodation.classifications.all()
        if classification.status == Classification.Status.VALIDATED
        and (classification.decision_date is None or classification.decision_date <= day)
        and not classification.is_expired(day)
    ]
    if not in_force:
        return None
    return max(
        in_force,
        key=lambda c: (c.decision_date or datetime.date.min, c.reviewed_at or c.submitted_at, c.pk or 0),
    )


def category_of(accommodation, day):
    """The engine's category code (L2333-30) of ``accommodation`` on ``day``: its nature and its rating in force."""
    classification = classification_on(accommodation, day)
    rating = classification.rating if classification is not None else _R.UNRATED
    return CATEGORY_BY_KIND_AND_RATING[accommodation.kind][rating]
