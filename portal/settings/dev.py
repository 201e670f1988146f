"""Settings for a developer's laptop: debug on, plain HTTP, mail to the console."""

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-never-use-in-production")  # noqa: F405
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,.localhost")  # noqa: F405
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")  # noqa: F405

SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False
WAGTAILADMIN_BASE_URL = "http://paysdesecrins.localhost:8000"
PORTAL_URL_SCHEME = os.environ.get("PORTAL_URL_SCHEME", "http")  # noqa: F405

# The demo collectivities and ``seed_demo`` exist on a developer's machine only.
INSTALLED_APPS = [*INSTALLED_APPS, "portal.demo"]  # noqa: F405

# PayFiP: the portal's own simulator (« Simulateur PayFiP — aucun paiement réel »), unless the environment
# points elsewhere. The payer's page is on the collectivity's own host name, the SOAP calls go to runserver.
PAYFIP_SIMULATOR = True
PAYFIP_ENDPOINT = os.environ.get("PAYFIP_ENDPOINT", "http://127.0.0.1:8000/simulateur-payfip/services/securite")  # noqa: F405
PAYFIP_PAYMENT_URL = os.environ.get("PAYFIP_PAYMENT_URL", "/simulateur-payfip/paiement/")  # noqa: F405
CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"] = [SELF, *payfip_form_action(PAYFIP_PAYMENT_URL)]  # noqa: F405
