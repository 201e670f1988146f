"""« Mes documents »: the host downloads a copy of their activation letter, which carries no usable code."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from hostspace.accounts import activation
from hostspace.accounts.models import ActivationCode
from hostspace.backoffice import letters
from portal.demo.hostspace import DEMO_CODE
from tests.backoffice.addressee import addressee, assert_letter_to_jeanne_dupont
from tests.backoffice.pdf import pdf_page_count
from tests.factories import HostFactory, make_agent

pytestmark = pytest.mark.django_db

LETTER = reverse("hostspace:activation_letter")
# A printed code (XXXX-XXXX-XXXX-XXXX) or its normalised form, in the codes' alphabet.
CODE_CHARS = f"[{activation.ALPHABET}]"
CODE_PATTERN = re.compile(rf"(?<![\w-]){CODE_CHARS}{{4}}(?:[-\s]?{CODE_CHARS}{{4}}){{3}}(?![\w-])")


@pytest.fixture
def host(collectivity):
    return addressee(collectivity, with_account=True)


def activated_with(host, clear, on):
    """``host`` received a letter with ``clear`` and activated their account with it on ``on``."""
    activation.issue_code(host, code=clear, now=on - datetime.timedelta(days=10))
    host.user = None
    host.save(update_fields=["user"])
    activation.activate(clear, host.site, f"hote{host.pk}@example.org", "Un-mot-de-passe-solide-42", now=on)
    host.refresh_from_db()
    return host


def used_on():
    return timezone.make_aware(datetime.datetime(2026, 3, 12, 10, 30))


# The copy itself


def test_the_copy_says_when_the_code_was_used_and_shows_no_code(collectivity, host):
    clear = activation.generate_code()
    activated_with(host, clear, used_on())

    html = letters.letter_copy_html(host)

    assert "Code utilisé le 12/03/2026" in html
    assert clear not in html and clear.replace("-", "") not in html
    assert CODE_PATTERN.search(html) is None
    assert ActivationCode.objects.get(host=host).code_hash not in html


def test_the_copy_of_the_demo_host_never_shows_the_demo_code(collectivity, host):
    activated_with(host, DEMO_CODE, used_on())

    html = letters.letter_copy_html(host)

    assert DEMO_CODE not in html and DEMO_CODE.replace("-", "") not in html
    assert "Code utilisé le 12/03/2026" in html


def test_the_copy_keeps_the_rest_of_the_letter(collectivity, host):
    activated_with(host, activation.generate_code(), used_on())

    html = letters.letter_copy_html(host)

    assert_letter_to_jeanne_dupont(html)
    assert "Activez votre compte, puis connectez-vous" in html
    assert "Copie de votre lettre d" in html
    # Dated like the letter that was sent, not today.
    assert "Le 2 mars 2026" in html


def test_a_replaced_code_is_shown_as_replaced(collectivity, host):
    clear = activation.issue_code(host, now=used_on() - datetime.timedelta(days=30))
    ActivationCode.objects.filter(host=host).update(revoked_at=used_on())

    html = letters.letter_copy_html(host)

    assert "Code remplacé le 12/03/2026" in html
    assert clear not in html
    assert CODE_PATTERN.search(html) is None


def test_printing_the_copy_issues_nor_revokes_any_code(collectivity, host):
    activation.issue_code(host)
    before = list(ActivationCode.objects.values_list("pk", "used_at", "revoked_at"))

    letters.letter_copy_html(host)

    assert list(ActivationCode.objects.values_list("pk", "used_at", "revoked_at")) == before


def test_a_host_who_never_received_a_code_gets_a_copy_saying_the_account_is_active(collectivity, host):
    host.activated_at = used_on()
    host.save(update_fields=["activated_at"])

    html = letters.letter_copy_html(host)

    assert "Compte activé le 12/03/2026" in html
    assert CODE_PATTERN.search(html) is None


def test_the_copy_is_in_french_even_from_the_english_site(collectivity, host):
    from django.utils import translation

    activated_with(host, activation.generate_code(), used_on())
    with translation.override("en"):
        html = letters.letter_copy_html(host)

    assert "Code utilisé le 12/03/2026" in html
    assert translation.get_language() == "fr"


def test_the_copy_is_a_one_page_pdf(collectivity, host):
    activated_with(host, activation.generate_code(), used_on())

    pdf = letters.letter_copy_pdf(host)

    assert pdf.startswith(b"%PDF-")
    assert pdf_page_count(pdf) == 1


# The download in the host space


def test_host_downloads_their_letter_copy_as_a_private_attachment(client_for, collectivity, host):
    activated_with(host, activation.generate_code(), used_on())
    client = client_for(collectivity)
    client.force_login(host.user)

    response = client.get(LETTER)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    assert response.content.startswith(b"%PDF-")


def test_the_letter_served_is_always_the_logged_in_hosts_own(client_for, collectivity, host, monkeypatch):
    neighbour = HostFactory(site=collectivity.site, with_account=True, last_name="Voisin")
    printed = []
    monkeypatch.setattr(letters, "letter_copy_pdf", lambda h: printed.append(h.pk) or b"%PDF-1.4 fake")
    client = client_for(collectivity)
    client.force_login(neighbour.user)

    response = client.get(LETTER, {"host": host.pk, "pk": host.pk})

    assert response.status_code == 200
    assert printed == [neighbour.pk]


def test_a_host_of_another_collectivity_gets_404(client_for, collectivity, other_collectivity, host):
    foreign = HostFactory(site=other_collectivity.site, with_account=True)
    client = client_for(collectivity)
    client.force_login(foreign.user)

    assert client.get(LETTER).status_code == 404


def test_an_agent_without_a_host_record_gets_404(client_for, collectivity):
    client = client_for(collectivity)
    client.force_login(make_agent(collectivity))

    assert client.get(LETTER).status_code == 404


def test_anonymous_visitor_is_sent_to_the_login(client_for, collectivity):
    response = client_for(collectivity).get(LETTER)

    assert response.status_code == 302
    assert reverse("hostspace:login") in response["Location"]


def test_dashboard_and_documents_link_the_letter_copy(client_for, collectivity, host):
    client = client_for(collectivity)
    client.force_login(host.user)

    dashboard = client.get(reverse("hostspace:dashboard")).content.decode()
    documents = client.get(reverse("hostspace:documents")).content.decode()

    assert f'href="{LETTER}"' in dashboard
    assert f'href="{LETTER}"' in documents


def test_the_code_pattern_would_catch_a_code_on_a_letter(collectivity, host):
    """The checks above can fail: the pattern finds the code of an ordinary letter, dashed or not."""
    clear = activation.generate_code()

    assert CODE_PATTERN.search(letters.render_html(collectivity.site, [(host, clear)]))
    assert CODE_PATTERN.search(f"<p>{clear.replace('-', '')}</p>")
