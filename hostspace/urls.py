"""URLs of the protected host space, under /espace-hebergeur/ (and /en/espace-hebergeur/).

Each concern keeps its own list of patterns; they share the ``hostspace`` namespace.
"""

from hostspace.urls_accounts import urlpatterns as account_patterns
from hostspace.urls_activation import urlpatterns as activation_patterns
from hostspace.urls_dashboard import urlpatterns as dashboard_patterns

app_name = "hostspace"

urlpatterns = [*account_patterns, *activation_patterns, *dashboard_patterns]
