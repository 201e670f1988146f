"""Demo of the host space: terms versions, hosts with accounts and accommodations, a pending invitation.

For each collectivity: CGU v1 and privacy policy v1 (French, with an English
courtesy translation). Pays des Écrins: ``hote@example.com`` (active, terms
accepted, a 3-star hotel and an unclassified meublé) and a host invited by
letter with the fixed demo code ``ECRINS-2026-DEMO``. Serre-Ponçon:
``hote@serreponcon.example`` with one accommodation. Each step looks up first.
"""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from hostspace.accounts import activation
from hostspace.accounts.models import ActivationCode
from hostspace.records.models import Accommodation, Classification, Host, OpeningPeriod
from hostspace.terms.models import TermsAcceptance, TermsVersion

DEMO_PASSWORD = "Demo-hote-2026!"
DEMO_CODE = "ECRINS-2026-DEMO"
IN_FORCE_FROM = datetime.date(2026, 1, 1)


CGU_FR = """<h2>1. Objet</h2>
<p>Les présentes conditions générales d'utilisation (CGU) encadrent l'usage de la plateforme de déclaration et de
reversement de la taxe de séjour de {name}, et de l'espace hébergeur qu'elle propose.</p>
<h2>2. Accès à l'espace hébergeur</h2>
<p>L'accès est réservé aux hébergeurs du territoire, qui activent leur compte avec le code reçu par courrier.
L'hébergeur garde son mot de passe secret ; il peut activer la double authentification.</p>
<h2>3. Engagements de l'hébergeur</h2>
<p>L'hébergeur tient à jour ses informations personnelles, ses hébergements et leurs classements, et déclare
chaque période les nuitées perçues dans les délais fixés par la délibération de la collectivité.</p>
<h2>4. Disponibilité</h2>
<p>La collectivité s'efforce de rendre la plateforme disponible en permanence, sans pouvoir le garantir.
En cas de difficulté, le service technique est joignable aux coordonnées indiquées en bas de page.</p>
<h2>5. Modification des CGU</h2>
<p>Toute nouvelle version est soumise à l'acceptation de l'hébergeur lors de sa connexion suivante.</p>"""

CGU_EN = """<h2>1. Purpose</h2>
<p>These terms of use govern the use of the tourist tax declaration and payment platform of {name}, and of
its host space.</p>
<h2>2. Access to the host space</h2>
<p>Access is reserved for the territory's hosts, who activate their account with the code received by post.
Hosts keep their password secret; they may turn on two-factor authentication.</p>
<h2>3. Host's commitments</h2>
<p>Hosts keep their personal details, accommodations and their classifications up to date, and declare the nights collected
for each period within the deadlines set by the collectivity.</p>
<h2>4. Availability</h2>
<p>The collectivity strives to keep the platform available at all times, without guaranteeing it. The technical
service can be reached at the details shown at the bottom of each page.</p>
<h2>5. Changes to these terms</h2>
<p>Each new version must be accepted by the host at their next login.</p>"""

PRIVACY_FR = """<h2>Responsable du traitement</h2>
<p>{official}, pour la gestion de la taxe de séjour. Vos données à caractère personnel sont traitées par
Nouveaux Terroires en qualité de sous-traitant pour le compte de la collectivité.</p>
<h2>Données traitées et finalités</h2>
<p>Identité, coordonnées, hébergements, classements et déclarations : pour percevoir la taxe de séjour et vous
assister (obligation légale, articles L. 2333-26 et suivants du code général des collectivités territoriales).</p>
<h2>Durée de conservation</h2>
<p>Les données sont conservées pendant la durée de votre activité d'hébergeur, puis six ans.</p>
<h2>Vos droits</h2>
<p>Vous disposez d'un droit d'accès, de rectification, de limitation et d'opposition, auprès du service taxe de
séjour de la collectivité, et pouvez saisir la CNIL.</p>"""

PRIVACY_EN = """<h2>Controller</h2>
<p>{official}, to manage the tourist tax. Your personal data is processed by Nouveaux Terroires as a processor
on behalf of the collectivity.</p>
<h2>Data and purposes</h2>
<p>Identity, contact details, accommodations, classifications and declarations: to collect the tourist tax and help you
(legal obligation, articles L. 2333-26 and following of the French local authorities code).</p>
<h2>Retention</h2>
<p>Data is kept while you are a host, then for six years.</p>
<h2>Your rights</h2>
<p>You may access, correct, restrict and object to the processing of your data with the collectivity's tourist
tax service, and may complain to the CNIL.</p>"""

HOSTS = {
    "ecrins": {
        "account": {
            "email": "hote@example.com",
            "first_name": "Claire",
            "last_name": "Montagnier",
            "host": {
                "reference": "ECR-2026-0001",
                "civility": "mme",
                "company_name": "SARL Hôtel des Écrins",
                "siret": "",
                "contact_email": "hote@example.com",
                "phone": "04 92 23 11 22",
                "address_line1": "4 place de l'Église",
                "postal_code": "05340",
                "city": "Pelvoux",
            },
            "accommodations": [
                {
                    "name": "Hôtel des Écrins",
                    "kind": Accommodation.Kind.HOTEL,
                    "address_line1": "4 place de l'Église",
                    "postal_code": "05340",
                    "commune": "Pelvoux",
                    "capacity": 38,
                    "periods": [(15, 12, 15, 4), (1, 6, 30, 9)],
                    "opening_notes": "Restaurant fermé le lundi hors saison.",
                    "classification": {
                        "rating": Classification.Rating.THREE,
                        "status": Classification.Status.VALIDATED,
                        "decision_date": datetime.date(2024, 5, 14),
                    },
                },
                {
                    "name": "Le Chalet du Pré de Madame Carle",
                    "kind": Accommodation.Kind.FURNISHED,
                    "address_line1": "Hameau d'Ailefroide",
                    "postal_code": "05340",
                    "commune": "Pelvoux",
                    "capacity": 6,
                    "registration_number": "05101000123AB",
                    "open_all_year": True,
                    "classification": {
                        "rating": Classification.Rating.UNRATED,
                        "status": Classification.Status.VALIDATED,
                        "decision_date": None,
                    },
                },
            ],
        },
        "invited": {
            "reference": "ECR-2026-0002",
            "civility": "m",
            "first_name": "Lucien",
            "last_name": "Invité",
            "contact_email": "lucien.invite@example.org",
            "address_line1": "7 route de la Bérarde",
            "postal_code": "05340",
            "city": "Vallouise-Pelvoux",
            "accommodation": {
                "name": "Gîte de la Bérarde",
                "kind": Accommodation.Kind.FURNISHED,
                "address_line1": "7 route de la Bérarde",
                "postal_code": "05340",
                "commune": "Vallouise-Pelvoux",
                "capacity": 4,
                "periods": [(1, 5, 31, 10)],
            },
        },
    },
    "serreponcon": {
        "account": {
            "email": "hote@serreponcon.example",
            "first_name": "Marc",
            "last_name": "Durance",
            "host": {
                "reference": "SP-2026-0001",
                "civility": "m",
                "company_name": "",
                "contact_email": "hote@serreponcon.example",
                "phone": "04 92 43 55 66",
                "address_line1": "18 avenue du Lac",
                "postal_code": "05200",
                "city": "Embrun",
            },
            "accommodations": [
                {
                    "name": "Camping du Lac de Serre-Ponçon",
                    "kind": Accommodation.Kind.CAMPSITE,
                    "address_line1": "Route du plan d'eau",
                    "postal_code": "05200",
                    "commune": "Embrun",
                    "capacity": 240,
                    "periods": [(1, 4, 30, 9)],
                    "classification": {
                        "rating": Classification.Rating.FOUR,
                        "status": Classification.Status.VALIDATED,
                        "decision_date": datetime.date(2023, 3, 2),
                    },
                },
            ],
        },
    },
}


def _terms(collectivity):
    branding = collectivity.branding
    name = branding.short_name or collectivity.site.site_name
    official = branding.official_name or name
    versions = []
    for kind, text, text_en in (
        (TermsVersion.Kind.TERMS, CGU_FR, CGU_EN),
        (TermsVersion.Kind.PRIVACY, PRIVACY_FR, PRIVACY_EN),
    ):
        # The onboarding's draft becomes the demo's version in force.
        version = TermsVersion.objects.filter(site=collectivity.site, kind=kind).order_by("pk").first()
        if version is None or (version.in_force_from is None and not version.acceptances.exists()):
            version = version or TermsVersion(site=collectivity.site, kind=kind)
            version.label = "Version 1"
            version.text = text.format(name=name, official=official)
            version.text_en = text_en.format(name=name, official=official)
            version.in_force_from = IN_FORCE_FROM
            version.save()
        versions.append(version)
    return versions


def add_opening_periods(accommodation, opening):
    """The demo's periods, ``(start day, start month, end day, end month)``, unless some are there already."""
    if opening and not accommodation.open_all_year and not accommodation.opening_periods.exists():
        OpeningPeriod.objects.bulk_create(
            OpeningPeriod(accommodation=accommodation, start_day=a, start_month=b, end_day=c, end_month=d)
            for a, b, c, d in opening
        )


def _accommodation(host, spec):
    spec = dict(spec)
    rating = spec.pop("classification", None)
    opening = spec.pop("periods", [])
    accommodation, _ = Accommodation.objects.get_or_create(host=host, name=spec.pop("name"), defaults=spec)
    add_opening_periods(accommodation, opening)
    if rating and not accommodation.classifications.exists():
        Classification.objects.create(
            accommodation=accommodation,
            reviewed_at=timezone.now() if rating["status"] == Classification.Status.VALIDATED else None,
            **rating,
        )
    return accommodation


def _active_host(collectivity, spec, versions):
    user_model = get_user_model()
    user = user_model.objects.filter(email__iexact=spec["email"]).first()
    if user is None:
        user = user_model.objects.create_user(
            email=spec["email"], password=DEMO_PASSWORD, first_name=spec["first_name"], last_name=spec["last_name"]
        )
    host = Host.objects.filter(site=collectivity.site, user=user).first()
    if host is None:
        host = Host.objects.create(
            site=collectivity.site,
            user=user,
            first_name=spec["first_name"],
            last_name=spec["last_name"],
            activated_at=timezone.now(),
            **spec["host"],
        )
    for accommodation in spec["accommodations"]:
        _accommodation(host, accommodation)
    for version in versions:
        if not TermsAcceptance.objects.filter(user=user, version=version).exists():
            TermsAcceptance.objects.create(user=user, version=version, ip_address="127.0.0.1", user_agent="seed_demo")
    return host


def _invited_host(collectivity, spec):
    spec = dict(spec)
    accommodation = spec.pop("accommodation")
    host = Host.objects.filter(site=collectivity.site, reference=spec["reference"]).first()
    if host is None:
        host = Host.objects.create(site=collectivity.site, **spec)
    _accommodation(host, accommodation)
    demo_hash = activation.hash_code(DEMO_CODE)
    existing = ActivationCode.objects.filter(code_hash=demo_hash).first()
    if host.user_id is None and (existing is None or not existing.is_usable()):
        if existing is not None:
            # An expired or used demo code: make way for a fresh one with the same value.
            existing.delete()
        activation.issue_code(host, code=DEMO_CODE)
    return host


def seed(collectivity):
    """Terms versions, demo hosts and the pending invitation of ``collectivity``."""
    versions = _terms(collectivity)
    spec = HOSTS.get(collectivity.key)
    if spec is None:
        return
    _active_host(collectivity, spec["account"], versions)
    if "invited" in spec:
        _invited_host(collectivity, spec["invited"])
