"""Production settings: every secret comes from the environment, or start-up fails."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403


def _required(name):
    value = os.environ.get(name, "").strip()  # noqa: F405
    if not value:
        raise ImproperlyConfigured(f"The environment variable {name} is required in production.")
    return value


DEBUG = False
# The PayFiP simulator is for development and tests: never served in production.
PAYFIP_SIMULATOR = False
SECRET_KEY = _required("SECRET_KEY")
_required("ALLOWED_HOSTS")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")  # noqa: F405
# Several gunicorn workers (and machines) must share one cache: Redis is not optional here.
if not REDIS_URL:  # noqa: F405
    raise ImproperlyConfigured("The environment variable REDIS_URL (or CACHE_URL) is required in production.")
