"""Production settings are safe: they fail loudly without secrets and pass Django's deploy checks."""

import pytest
from django.conf import settings

from tests.production import PRODUCTION_ENV, run_manage


def test_check_deploy_is_clean_with_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "REDIS_URL", "AXES_IPWARE_PROXY_COUNT"])
def test_production_refuses_to_start_without_a_required_variable(missing):
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != missing}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert f"The environment variable {missing}" in result.stderr


@pytest.mark.parametrize("value", ["one", "-1", "1.5"])
def test_production_refuses_a_proxy_count_that_is_not_a_number(value):
    result = run_manage("check", env={**PRODUCTION_ENV, "AXES_IPWARE_PROXY_COUNT": value})
    assert result.returncode != 0
    assert "AXES_IPWARE_PROXY_COUNT" in result.stderr
    assert "ImproperlyConfigured" in result.stderr


def test_base_settings_are_production_safe():
    from portal.settings import base

    assert base.DEBUG is False
    assert base.SESSION_COOKIE_SECURE and base.CSRF_COOKIE_SECURE
    assert base.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    middleware = base.MIDDLEWARE
    assert middleware.index("whitenoise.middleware.WhiteNoiseMiddleware") == (
        middleware.index("django.middleware.security.SecurityMiddleware") + 1
    )
    assert middleware.index("django.middleware.locale.LocaleMiddleware") > middleware.index(
        "django.contrib.sessions.middleware.SessionMiddleware"
    )
    assert middleware.index("django_otp.middleware.OTPMiddleware") > middleware.index(
        "django.contrib.auth.middleware.AuthenticationMiddleware"
    )
    assert base.STORAGES["staticfiles"]["BACKEND"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"


def test_content_security_policy_forbids_inline_code():
    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    for directive in ("script-src", "style-src", "default-src"):
        assert "'unsafe-inline'" not in directives[directive]
        assert all(not source.startswith("http") for source in directives[directive])


@pytest.mark.django_db
def test_responses_carry_security_headers(client_for, collectivity):
    response = client_for(collectivity).get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_static_files_build_with_the_manifest_storage(tmp_path):
    env = {"DJANGO_SETTINGS_MODULE": "portal.settings.dev", "STATIC_ROOT": str(tmp_path)}
    result = run_manage("collectstatic", "--noinput", "-v", "0", env=env)
    assert result.returncode == 0, result.stderr
    assert list(tmp_path.glob("portal/css/portal.*.css"))
    assert list(tmp_path.glob("portal/css/portal.*.css.gz"))
