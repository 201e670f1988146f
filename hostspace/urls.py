"""URLs of the protected host space, under /espace-hebergeur/ (and /en/espace-hebergeur/).

Each domain app keeps its own patterns; they share the ``hostspace`` namespace.
"""

from hostspace.accounts.urls import urlpatterns as accounts
from hostspace.dashboard.urls import urlpatterns as dashboard
from hostspace.declarations.urls import urlpatterns as declarations
from hostspace.payments.urls import urlpatterns as payments
from hostspace.records.urls import urlpatterns as records
from hostspace.terms.urls import urlpatterns as terms

app_name = "hostspace"

urlpatterns = [*accounts, *terms, *dashboard, *records, *declarations, *payments]
