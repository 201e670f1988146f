"""The host's dashboard: what a logged-in host sees, and what they may not see."""

import pytest
import wagtail_factories
from django.urls import reverse

from hostspace.records.models import Accommodation, Classification
from tests.factories import (
    AccommodationFactory,
    ArticlePageFactory,
    ClassificationFactory,
    GuideDocumentFactory,
    GuidedTourPageFactory,
    HelpIndexPageFactory,
    HostFactory,
    NewsIndexPageFactory,
    TutorialPageFactory,
)

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("hostspace:dashboard")


@pytest.fixture
def host(collectivity):
    return HostFactory(site=collectivity.site, with_account=True, first_name="Hélène", last_name="Dupont")


def test_host_sees_the_welcome_texts_of_the_seed(host_client):
    response = host_client.get(DASHBOARD)

    assert response.status_code == 200
    content = response.content.decode()
    assert "<h1>Bienvenue sur votre tableau de bord</h1>" in content
    assert (
        "Des actions de modifications sont à votre disposition pour : <em>Modifier vos informations personnelles, "
        "les informations de votre (vos) hébergement(s), et de classement(s).</em>"
    ) in content.replace("&#x27;", "'")
    assert "Le guide de la télédéclaration</strong> est à votre disposition dans la rubrique" in content
    assert "ACTUALITÉS" in content
    assert "Visite guidée" in content and "Soyez guidé dans la saisie de vos données" in content
    assert "TUTORIELS" in content and "Visionnez nos fonctionnalités disponibles" in content
    assert "appelez le service technique de votre collectivité dont le numéro se trouve" in content.replace(
        "&#x27;", "'"
    )


def test_dashboard_shows_the_technical_service_phone_of_the_collectivity(host_client):
    response = host_client.get(DASHBOARD)

    assert "04 92 23 00 00" in response.content.decode()


def test_dashboard_lists_the_hosts_accommodations_with_their_rating(host_client, host):
    hotel = AccommodationFactory(host=host, name="Hôtel du Glacier")
    ClassificationFactory(accommodation=hotel, rating=Classification.Rating.THREE)
    AccommodationFactory(host=host, name="Gîte du Torrent", kind=Accommodation.Kind.FURNISHED)

    content = host_client.get(DASHBOARD).content.decode()

    assert "Hôtel du Glacier" in content and "3 étoiles" in content
    assert "Gîte du Torrent" in content and "Non classé" in content


def test_dashboard_marks_every_tour_target(host_client):
    content = host_client.get(DASHBOARD).content.decode()

    for target in ("welcome", "personal-info", "accommodations", "documents", "news", "help", "contact"):
        assert f'data-tour="{target}"' in content
    assert "dashboard/js/tour.js" in content and "<script>" not in content


def test_dashboard_warns_when_a_classification_expires_within_three_months(host_client, host):
    import datetime

    from django.utils import timezone

    hotel = AccommodationFactory(host=host, name="Hôtel du Glacier")
    decided = timezone.localdate().replace(day=1) - datetime.timedelta(days=5 * 365 - 40)
    ClassificationFactory(accommodation=hotel, decision_date=decided)

    content = host_client.get(DASHBOARD).content.decode()

    assert "expire le" in content and "pensez à le renouveler" in content


def test_dashboard_does_not_show_another_hosts_accommodations(host_client, collectivity):
    AccommodationFactory(host=HostFactory(site=collectivity.site, with_account=True), name="Chalet du voisin")

    assert "Chalet du voisin" not in host_client.get(DASHBOARD).content.decode()


def test_anonymous_visitor_is_sent_to_the_login(client_for, collectivity):
    response = client_for(collectivity).get(DASHBOARD)

    assert response.status_code == 302
    assert reverse("hostspace:login") in response["Location"]


def test_host_of_another_collectivity_cannot_open_this_dashboard(client_for, collectivity, other_collectivity):
    stranger = HostFactory(site=other_collectivity.site, with_account=True)
    client = client_for(collectivity)
    client.force_login(stranger.user)

    assert client.get(DASHBOARD).status_code in (302, 403)


@pytest.mark.parametrize("count", [1, 100])
def test_dashboard_query_count_does_not_grow_with_accommodations(
    host_client, host, count, django_assert_max_num_queries
):
    for accommodation in AccommodationFactory.create_batch(count, host=host):
        ClassificationFactory(accommodation=accommodation)
    host_client.get(DASHBOARD)  # the collectivity's CMS content and navigation are cached for every host
    with django_assert_max_num_queries(15):
        response = host_client.get(DASHBOARD)
    assert response.content.decode().count("accommodation-list__item") == count


def test_dashboard_in_english(host_client):
    response = host_client.get("/en" + DASHBOARD)

    assert response.status_code == 200
    assert "Welcome to your dashboard" in response.content.decode()


@pytest.fixture
def help_content(collectivity):
    news = NewsIndexPageFactory(parent=collectivity.home)
    ArticlePageFactory(parent=news, title="Les déclarations 2026 sont ouvertes")
    help_index = HelpIndexPageFactory(parent=collectivity.home, guide_document=GuideDocumentFactory())
    TutorialPageFactory(parent=help_index, title="Déclarer vos nuitées du mois")
    GuidedTourPageFactory(parent=help_index)
    return help_index


def test_dashboard_shows_the_collectivitys_news_guide_tutorials_and_tour(host_client, help_content):
    content = host_client.get(DASHBOARD).content.decode()

    assert "Les déclarations 2026 sont ouvertes" in content
    assert "Déclarer vos nuitées du mois" in content
    assert "Le guide de la télédéclaration</a>" in content
    assert 'href="/aide/">Questions fréquentes et aide</a>' in content
    assert 'data-target="accommodations"' in content  # a step written in the CMS


def test_a_tour_step_shows_its_picture_at_the_dialog_s_size(host_client, collectivity):
    picture = wagtail_factories.ImageFactory(title="Le tableau de bord", file__width=1200, file__height=900)
    steps = [{"type": "step", "value": {"title": "Vos hébergements", "text": "Vérifiez-les.", "target": "accommodations",
                                        "image": picture.pk, "image_alt": "La liste des hébergements"}}]  # fmt: skip
    GuidedTourPageFactory(parent=HelpIndexPageFactory(parent=collectivity.home), steps=steps)

    content = host_client.get(DASHBOARD).content.decode()

    rendition = picture.get_rendition("max-480x270")
    assert (rendition.width, rendition.height) == (360, 270)
    assert (
        f'<img src="{rendition.url}" width="360" height="270" class="tour-step__image" alt="La liste des hébergements">'
    ) in content


def test_dashboard_with_cms_content_stays_within_fifteen_queries(
    host_client, host, help_content, django_assert_max_num_queries
):
    for accommodation in AccommodationFactory.create_batch(20, host=host):
        ClassificationFactory(accommodation=accommodation)
    host_client.get(DASHBOARD)
    with django_assert_max_num_queries(15):
        host_client.get(DASHBOARD)


def test_dashboard_tells_when_a_classification_has_expired(host_client, host):
    import datetime

    hotel = AccommodationFactory(host=host, name="Hôtel du Glacier")
    ClassificationFactory(accommodation=hotel, decision_date=datetime.date(2019, 3, 1))

    content = host_client.get(DASHBOARD).content.decode()

    assert "a expiré le 1er mars 2024" in content
