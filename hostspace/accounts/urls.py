"""Login, logout, password reset and « Sécurité du compte » of hosts (namespace ``hostspace``),
and the two-factor pages shared by hosts and staff (namespace ``two_factor``, see portal/urls.py).
"""

from django.urls import path

from hostspace.accounts import two_factor, views

urlpatterns = [
    path("", views.HostLoginView.as_view(), name="login"),
    path("deconnexion/", views.HostLogoutView.as_view(), name="logout"),
    path("mot-de-passe-oublie/", views.HostPasswordResetView.as_view(), name="password_reset"),
    path("mot-de-passe-oublie/envoye/", views.HostPasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "reinitialiser/<uidb64>/<token>/",
        views.HostPasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("reinitialiser/termine/", views.HostPasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("securite/", two_factor.HostSecurityView.as_view(), name="security"),
    path("securite/mot-de-passe/", views.HostPasswordChangeView.as_view(), name="password_change"),
    path("activer/", views.ActivationView.as_view(), name="activate"),
]

# Included by portal/urls.py under the ``two_factor`` namespace, which the library's views reverse.
two_factor_patterns = [
    path("connexion/", views.StaffLoginView.as_view(), name="login"),
    path("double-authentification/", two_factor.PortalProfileView.as_view(), name="profile"),
    path("double-authentification/activer/", two_factor.PortalSetupView.as_view(), name="setup"),
    path("double-authentification/qrcode/", two_factor.PortalQRGeneratorView.as_view(), name="qr"),
    path("double-authentification/activee/", two_factor.PortalSetupCompleteView.as_view(), name="setup_complete"),
    path(
        "double-authentification/codes-de-secours/", two_factor.PortalBackupTokensView.as_view(), name="backup_tokens"
    ),
    path("double-authentification/desactiver/", two_factor.PortalDisableView.as_view(), name="disable"),
]
