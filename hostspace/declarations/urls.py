"""« Mes déclarations » in the host space (namespace ``hostspace``), and the API tokens of « Sécurité du compte »."""

from django.urls import path

from hostspace.declarations import views

PREFIX = "tableau-de-bord/declarations/"

urlpatterns = [
    path(PREFIX, views.DeclarationHomeView.as_view(), name="declarations"),
    path(f"{PREFIX}periode/<str:period_key>/", views.DeclareAllView.as_view(), name="declare_all"),
    path(
        f"{PREFIX}hebergement/<int:accommodation_id>/<str:period_key>/",
        views.PeriodView.as_view(),
        name="declaration_period",
    ),
    path(
        f"{PREFIX}hebergement/<int:accommodation_id>/<str:period_key>/declarer/",
        views.DeclareView.as_view(),
        name="declare",
    ),
    path(
        f"{PREFIX}hebergement/<int:accommodation_id>/<str:period_key>/correction/",
        views.CorrectionView.as_view(),
        name="declaration_correction",
    ),
    path(
        f"{PREFIX}hebergement/<int:accommodation_id>/sejours/ajouter/", views.StayCreateView.as_view(), name="stay_add"
    ),
    path(f"{PREFIX}sejours/<int:pk>/", views.StayEditView.as_view(), name="stay_edit"),
    path(f"{PREFIX}sejours/<int:pk>/supprimer/", views.StayDeleteView.as_view(), name="stay_delete"),
    path(f"{PREFIX}etats/<int:pk>/", views.StatementView.as_view(), name="declaration_statement"),
    path(f"{PREFIX}import/", views.StayImportView.as_view(), name="stay_import"),
    path(f"{PREFIX}import/modele.csv", views.StayImportSampleView.as_view(), name="stay_import_sample"),
    path("securite/jetons/", views.ApiTokenView.as_view(), name="api_tokens"),
    path("securite/jetons/<int:pk>/revoquer/", views.ApiTokenRevokeView.as_view(), name="api_token_revoke"),
]
