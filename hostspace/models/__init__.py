"""Models of the host space, one module per concern.

- ``records``: hosts, their accommodations and classifications (what agents register).
- ``accounts``: activation codes, terms versions and their acceptance (the way in).
"""

from hostspace.models.accounts import *  # noqa: F403
from hostspace.models.records import *  # noqa: F403
