"""Accounts from before 1 January 2019 must reset their password; agents import them from a CSV file."""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hostspace.accounts import legacy
from hostspace.records.models import Host
from tests.accounts.login_forms import (
    GENERIC_ERROR,
    LOGIN,
    NEW_PASSWORD,
    login_data,
    request_reset,
    reset_link,
    text_of,
)
from tests.factories import DEFAULT_PASSWORD, host_account, legacy_account

pytestmark = pytest.mark.django_db

MUST_RESET = "Vous devez réinitialiser votre mot de passe pour accéder à votre nouvel espace hébergeur."


def error_summary(response):
    page = text_of(response)
    start = page.index('class="form-errors"')
    return page[start : page.index("</div>", start)]


@pytest.mark.parametrize("password", ["ancien-mot-de-passe", DEFAULT_PASSWORD, ""])
def test_host_with_old_account_must_reset_password(client_for, collectivity, password):
    legacy_account(collectivity)
    response = client_for(collectivity).post(LOGIN, login_data("ancien@example.com", password or "x"))
    assert response.status_code == 200
    summary = error_summary(response)
    assert MUST_RESET in summary
    assert 'href="/espace-hebergeur/mot-de-passe-oublie/"' in summary
    assert GENERIC_ERROR not in summary


def test_old_account_on_another_collectivity_gets_the_generic_answer(client_for, collectivity, other_collectivity):
    legacy_account(other_collectivity)
    response = client_for(collectivity).post(LOGIN, login_data("ancien@example.com", "x"))
    summary = error_summary(response)
    assert GENERIC_ERROR in summary
    assert MUST_RESET not in summary


def test_unknown_or_wrong_email_gets_the_generic_answer(client_for, collectivity):
    legacy_account(collectivity)
    for email in ("inconnu@example.com", "ancien@example.org"):
        summary = error_summary(client_for(collectivity).post(LOGIN, login_data(email, "x")))
        assert GENERIC_ERROR in summary
        assert MUST_RESET not in summary


def test_old_account_logs_in_normally_after_a_reset(client_for, collectivity):
    user = legacy_account(collectivity)
    client = client_for(collectivity)
    request_reset(client, "ancien@example.com")
    form_page = client.get(reset_link(mail.outbox[0], "paysdesecrins.localhost"), follow=True)
    client.post(form_page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    user.refresh_from_db()
    assert user.must_reset_password is False
    assert user.has_usable_password()
    response = client.post(LOGIN, login_data("ancien@example.com", NEW_PASSWORD))
    assert response.status_code == 302


def test_a_flagged_account_with_a_usable_password_still_cannot_log_in(client_for, collectivity):
    user = host_account(collectivity, email="drapeau@example.com")
    user.must_reset_password = True
    user.save()
    summary = error_summary(client_for(collectivity).post(LOGIN, login_data("drapeau@example.com", DEFAULT_PASSWORD)))
    assert MUST_RESET in summary


def test_legacy_detection():
    user = get_user_model()(email="a@example.com", must_reset_password=True)
    assert legacy.is_legacy_account(user)
    user.must_reset_password = False
    assert not legacy.is_legacy_account(user)


# The import command.

CSV = (
    "email;nom;prénom;date de création;raison sociale;adresse;complément d'adresse;code postal;commune;référence\n"
    "Gite@Example.com;Durand;Alice;2016-04-12;Gîte des Écrins;3 chemin des Prés;;05340;Pelvoux;A-001\n"
    "camping@example.com;Roux;Marc;12/09/2012;;Route du Lac;Lieu-dit Les Iscles;05200;Embrun;A-002\n"
    "pas-un-courriel;Faux;;2015-01-01;;1 rue;;05000;Gap;\n"
    "recent@example.com;Neuf;;2020-02-02;;1 rue;;05000;Gap;\n"
    "sansdate@example.com;Sans;;;;1 rue;;05000;Gap;\n"
)


def run_import(tmp_path, text, site, *extra):
    path = tmp_path / "anciens.csv"
    path.write_text(text, encoding="utf-8-sig")
    out, err = io.StringIO(), io.StringIO()
    call_command("import_legacy_accounts", str(path), "--site", site.hostname, *extra, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_creates_accounts_that_must_reset_with_host_records(tmp_path, collectivity):
    out, err = run_import(tmp_path, CSV, collectivity.site)
    assert "2 compte(s) créé(s), 2 fiche(s) hébergeur créée(s), 0 déjà présent(s), 3 ligne(s) en erreur." in out
    assert "Ligne 4 :" in err and "Ligne 5 :" in err and "Ligne 6 :" in err
    user = get_user_model().objects.get(email="gite@example.com")
    assert user.must_reset_password and not user.has_usable_password()
    assert user.date_joined.date() == datetime.date(2016, 4, 12)
    host = Host.objects.get(user=user)
    assert host.site == collectivity.site
    assert (host.company_name, host.reference, host.postal_code) == ("Gîte des Écrins", "A-001", "05340")
    assert Host.objects.get(user__email="camping@example.com").address_line2 == "Lieu-dit Les Iscles"


def test_import_is_idempotent(tmp_path, collectivity):
    run_import(tmp_path, CSV, collectivity.site)
    out, _ = run_import(tmp_path, CSV, collectivity.site)
    assert "0 compte(s) créé(s), 0 fiche(s) hébergeur créée(s), 2 déjà présent(s)" in out
    assert get_user_model().objects.filter(email="gite@example.com").count() == 1
    assert Host.objects.filter(user__email="gite@example.com").count() == 1


def test_import_dry_run_saves_nothing(tmp_path, collectivity):
    out, _ = run_import(tmp_path, CSV, collectivity.site, "--dry-run")
    assert "[essai" in out
    assert not get_user_model().objects.filter(email="gite@example.com").exists()


def test_import_never_touches_an_active_account(tmp_path, collectivity, other_collectivity):
    user = host_account(other_collectivity, email="gite@example.com")
    _, err = run_import(tmp_path, CSV, collectivity.site)
    assert "un compte actif existe déjà" in err
    user.refresh_from_db()
    assert not user.must_reset_password and user.check_password(DEFAULT_PASSWORD)


def test_imported_account_is_told_to_reset_on_login(tmp_path, client_for, collectivity):
    run_import(tmp_path, CSV, collectivity.site)
    response = client_for(collectivity).post(LOGIN, login_data("gite@example.com", "n-importe-quoi"))
    assert MUST_RESET in error_summary(response)


def test_import_refuses_a_file_without_the_required_columns(tmp_path, collectivity):
    with pytest.raises(CommandError, match="date_de_creation"):
        run_import(tmp_path, "email,nom\na@example.com,A\n", collectivity.site)


def test_import_refuses_an_unknown_site(tmp_path, collectivity):
    with pytest.raises(CommandError, match="Aucun site"):
        run_import(tmp_path, CSV, type("S", (), {"hostname": "inconnu.localhost"})())


def test_import_help_documents_the_columns():
    from hostspace.accounts.management.commands.import_legacy_accounts import Command

    for column in ("email", "nom", "prénom", "date de création", "code postal", "commune"):
        assert column in Command.help


# The demo account.


def test_demo_seed_creates_the_old_account_on_pays_des_ecrins_only(collectivity, other_collectivity):
    from portal.demo import legacy
    from portal.demo.collectivities import Collectivity

    def as_demo(tenant, key):
        return Collectivity(
            key=key,
            hostname=tenant.hostname,
            site=tenant.site,
            home=tenant.home,
            home_en=tenant.home_en,
            branding=tenant.branding,
            editors=None,
            agents=None,
        )

    for _ in range(2):  # idempotent
        legacy.seed(as_demo(collectivity, "ecrins"))
        legacy.seed(as_demo(other_collectivity, "serreponcon"))
    user = get_user_model().objects.get(email="ancien@example.com")
    assert user.must_reset_password and not user.has_usable_password()
    assert user.date_joined.date() == datetime.date(2018, 6, 1)
    assert list(Host.objects.filter(user=user).values_list("site", flat=True)) == [collectivity.site.pk]


HEADER = "email;nom;prénom;date de création;adresse;code postal;commune\n"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=400))
def test_import_never_crashes_on_a_malformed_file(collectivity, body):
    report = legacy.import_accounts(HEADER + body, collectivity.site, dry_run=True)
    assert report.created_accounts + report.unchanged + len(report.errors) >= 0
    for line, message in report.errors:
        assert isinstance(line, int) and message
