"""Login, logout, password reset and « Sécurité du compte » of hosts (namespace ``hostspace``),
and the two-factor pages shared by hosts and staff (namespace ``two_factor``, see portal/urls.py).
"""

from django.urls import path

from hostspace.views import auth, security

urlpatterns = [
    path("", auth.HostLoginView.as_view(), name="login"),
    path("deconnexion/", auth.HostLogoutView.as_view(), name="logout"),
    path("mot-de-passe-oublie/", auth.HostPasswordResetView.as_view(), name="password_reset"),
    path("mot-de-passe-oublie/envoye/", auth.HostPasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "reinitialiser/<uidb64>/<token>/",
        auth.HostPasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("reinitialiser/termine/", auth.HostPasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("securite/", security.HostSecurityView.as_view(), name="security"),
]

# Included by portal/urls.py under the ``two_factor`` namespace, which the library's views reverse.
two_factor_patterns = [
    path("connexion/", auth.StaffLoginView.as_view(), name="login"),
    path("double-authentification/", security.PortalProfileView.as_view(), name="profile"),
    path("double-authentification/activer/", security.PortalSetupView.as_view(), name="setup"),
    path("double-authentification/qrcode/", security.PortalQRGeneratorView.as_view(), name="qr"),
    path("double-authentification/activee/", security.PortalSetupCompleteView.as_view(), name="setup_complete"),
    path("double-authentification/codes-de-secours/", security.PortalBackupTokensView.as_view(), name="backup_tokens"),
    path("double-authentification/desactiver/", security.PortalDisableView.as_view(), name="disable"),
]
