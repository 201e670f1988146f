"""Demo of the tourist tax: each collectivity's SIREN and its deliberations of 2025 and 2026 (SPEC.md).

Both levy the tax au réel for every nature of lodging, with the departmental
additional tax (10 %) and a low-rent threshold of 1.00 €; Pays des Écrins
declares monthly (due 31 days after the month, so that the last ended month is always
still « À déclarer »), Serre-Ponçon quarterly (due 20
days after the quarter). The 2025 row repeats the 2026 tariffs so that past
periods compute. The SIRENs are made up (valid checksum) and match
hostspace/tax/fixtures/delta_example.xml, whose 2027 deliberations an agent
can import. Each row is created only when missing: running the seed again
changes nothing.
"""

import datetime
from decimal import Decimal

from hostspace.tax.models import CATEGORY_FIELDS, Deliberation
from portal.models import BrandingSettings

D = Decimal

DEMO = {
    "ecrins": {
        "siren": "200099018",
        "frequency": Deliberation.Frequency.MONTHLY,
        # A month to declare and pay: whatever the day the demo is seeded, its last ended month is « À déclarer »,
        # not yet « En retard ».
        "due_days": 31,
        "tariffs": {
            "palace": D("4.00"),
            "5-stars": D("2.80"),
            "4-stars": D("2.00"),
            "3-stars": D("1.50"),
            "2-stars": D("0.90"),
            "1-star": D("0.80"),
            "camping-3-5-stars": D("0.60"),
            "camping-1-2-stars": D("0.20"),
        },
        "unclassified_rate": D("5"),
        "deliberations": {
            2025: ("Délibération n° 2024-31 du 12 septembre 2024", datetime.date(2024, 9, 12)),
            2026: ("Délibération n° 2025-14 du 11 septembre 2025", datetime.date(2025, 9, 11)),
        },
    },
    "serreponcon": {
        "siren": "200099026",
        "frequency": Deliberation.Frequency.QUARTERLY,
        "due_days": 20,
        "tariffs": {
            "palace": D("4.20"),
            "5-stars": D("3.00"),
            "4-stars": D("2.20"),
            "3-stars": D("1.20"),
            "2-stars": D("0.85"),
            "1-star": D("0.75"),
            "camping-3-5-stars": D("0.55"),
            "camping-1-2-stars": D("0.20"),
        },
        "unclassified_rate": D("4"),
        "deliberations": {
            2025: ("Délibération n° 2024-52 du 26 septembre 2024", datetime.date(2024, 9, 26)),
            2026: ("Délibération n° 2025-40 du 25 septembre 2025", datetime.date(2025, 9, 25)),
        },
    },
}


def seed(collectivity):
    spec = DEMO.get(collectivity.key)
    if spec is None:
        return
    branding = BrandingSettings.for_site(collectivity.site)
    if not branding.siren:
        branding.siren = spec["siren"]
        branding.save(update_fields=["siren"])
    for year, (label, adopted_on) in spec["deliberations"].items():
        valid_from = datetime.date(year, 1, 1)
        if Deliberation.objects.filter(site=collectivity.site, valid_from=valid_from).exists():
            continue
        deliberation = Deliberation(
            site=collectivity.site,
            label=label,
            adopted_on=adopted_on,
            valid_from=valid_from,
            valid_until=datetime.date(year, 12, 31),
            unclassified_rate=spec["unclassified_rate"],
            surcharge_departmental=True,
            low_rent_threshold=D("1.00"),
            declaration_frequency=spec["frequency"],
            due_days=spec["due_days"],
        )
        for code, value in spec["tariffs"].items():
            setattr(deliberation, CATEGORY_FIELDS[code], value)
        # The agent's rules apply to the demo too (2025 has no known grid: accepted, as in the admin).
        deliberation.full_clean()
        deliberation.save()
