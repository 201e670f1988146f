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
# The number of reverse proxies in front must be said, even when it is 0: left at 0 behind a proxy,
# every client would share the proxy's address, and one lockout or cap would refuse everybody.
# (base.py has read it already, and refused anything but a number.)
if not os.environ.get("AXES_IPWARE_PROXY_COUNT", "").strip():  # noqa: F405
    raise ImproperlyConfigured(
        "The environment variable AXES_IPWARE_PROXY_COUNT is required in production: the number of reverse "
        "proxies in front of gunicorn (1 behind one nginx; 0 only if clients reach gunicorn directly). "
        "Left at 0 behind a proxy, every client has the proxy's address and one lockout refuses everybody."
    )

# Several gunicorn workers (and machines) must share one cache: Redis is not optional here.
if not REDIS_URL:  # noqa: F405
    raise ImproperlyConfigured("The environment variable REDIS_URL (or CACHE_URL) is required in production.")
