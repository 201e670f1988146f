"""Demo of the back-office: agents' permissions on host records, and a pending classification change.

The demo host ``hote@example.com`` of Pays des Écrins (created by ``portal.demo.hostspace``)
asks to classify their meublé de tourisme 2 stars: an agent finds the request in
« Classements à valider ». Should the host demo not have run, the records this
step needs are created here, each only when missing.
"""

import datetime

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from hostspace.records.models import Accommodation, Classification, Host
from portal.demo.hostspace import add_opening_periods

DEMO_HOST_EMAIL = "hote@example.com"
DEMO_HOST_PASSWORD = "Demo-hote-2026!"  # noqa: S105 (documented demo account, see SPEC)


def _decision_pdf(title):
    """A one-page PDF standing for the prefecture's classification decision."""
    text = title.encode("latin-1", "replace")
    stream = b"BT /F1 18 Tf 72 720 Td (" + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    output = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(output))
        output += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(output)
    output += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    output += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    output += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return output


def _demo_host(site):
    """The demo host's record on ``site``, created with its account only if the host demo did not."""
    user_model = get_user_model()
    user = user_model.objects.filter(email__iexact=DEMO_HOST_EMAIL).first()
    if user is None:
        user = user_model.objects.create_user(
            email=DEMO_HOST_EMAIL, password=DEMO_HOST_PASSWORD, first_name="Hélène", last_name="Dupont"
        )
    host = Host.objects.filter(site=site, user=user).first()
    if host is None:
        host = Host.objects.create(
            site=site,
            user=user,
            reference="ECR-0001",
            civility=Host.Civility.MADAME,
            first_name="Hélène",
            last_name="Dupont",
            phone="+33492230101",
            address_line1="8 route du Pelvoux",
            postal_code="05340",
            city="Pelvoux",
            activated_at=timezone.now(),
        )
    return host


def _accommodation(host, kind, periods=(), **fields):
    accommodation = host.accommodations.filter(kind=kind).first()
    if accommodation is None:
        accommodation = Accommodation.objects.create(host=host, kind=kind, **fields)
    add_opening_periods(accommodation, periods)
    return accommodation


def seed(collectivity):
    if collectivity.key != "ecrins":
        return
    host = _demo_host(collectivity.site)
    hotel = _accommodation(
        host,
        Accommodation.Kind.HOTEL,
        name="Hôtel des Glaciers",
        address_line1="1 place de l'Église",
        postal_code="05340",
        commune="Pelvoux",
        capacity=36,
        periods=[(15, 12, 15, 4), (15, 6, 15, 9)],
    )
    if not hotel.classifications.filter(status=Classification.Status.VALIDATED).exists():
        Classification.objects.create(
            accommodation=hotel,
            rating=Classification.Rating.THREE,
            decision_date=datetime.date(2022, 5, 12),
            status=Classification.Status.VALIDATED,
            reviewed_at=timezone.now(),
        )
    furnished = _accommodation(
        host,
        Accommodation.Kind.FURNISHED,
        name="Gîte du Torrent",
        address_line1="Hameau d'Ailefroide",
        postal_code="05340",
        commune="Pelvoux",
        capacity=6,
        registration_number="05101000123AB",
        open_all_year=True,
    )
    if not Classification.objects.filter(accommodation__host=host, status=Classification.Status.PENDING).exists():
        request = Classification(
            accommodation=furnished,
            rating=Classification.Rating.TWO,
            decision_date=timezone.localdate() - datetime.timedelta(days=20),
            status=Classification.Status.PENDING,
            submitted_by=host.user,
            decision_document_name="decision-classement-gite-du-torrent.pdf",
        )
        request.decision_document.save(
            "decision.pdf",
            ContentFile(_decision_pdf("Decision de classement - Gite du Torrent - 2 etoiles")),
            save=False,
        )
        request.save()
