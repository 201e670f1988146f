"""The PayFiP simulator is served in development and tests only; production points at the DGFiP and may
redirect the payer's form there (CSP form-action)."""

from django.urls import reverse

from tests.production import run_manage

PROBE = (
    "from django.conf import settings; from django.urls import resolve, reverse, NoReverseMatch\n"
    "try:\n    reverse('payfip_simulator_endpoint'); print('SERVED')\n"
    "except NoReverseMatch:\n    print('ABSENT')\n"
    "print(settings.PAYFIP_ENDPOINT); print(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['form-action'])"
)


def test_production_serves_no_simulator_and_talks_to_the_dgfip():
    result = run_manage("shell", "-c", PROBE)
    assert result.returncode == 0, result.stderr
    assert "ABSENT" in result.stdout
    assert "https://www.payfip.gouv.fr/tpa/services/securite" in result.stdout
    assert "https://www.payfip.gouv.fr" in result.stdout  # the payer's form may go there


def test_the_test_settings_serve_the_simulator():
    assert reverse("payfip_simulator_payer") == "/simulateur-payfip/paiement/"
