"""Test data, one module per app; everything is importable from here: ``from tests.factories import HostFactory``.

- ``portal``: users, collectivities (site, home pages, branding), the page tree's roots
- ``content``: the public portal's pages (actualités, help, tutorials, tour, FAQ, legal pages)
- ``records``: host records, accommodations, classifications
- ``accounts``: host, old-platform and staff accounts, activation codes, admin sessions
- ``terms``: CGU and privacy versions, acceptances
- ``backoffice``: agents and their admin sessions
- ``tax``: deliberations and the national grid
- ``declarations``: stays of the register, accommodations that declare from a given day
- ``payments``: a régie's settings, declared periods to pay, PayFiP routed to the simulator
"""

from tests.factories.accounts import (
    ActivationCodeFactory,
    host_account,
    legacy_account,
    staff_account,
    staff_client,
    verified_login,
)
from tests.factories.backoffice import AGENT_PERMISSIONS, agent_client, agents_group, allow_letters, make_agent
from tests.factories.content import (
    FAKE_MP4,
    VTT_EN,
    VTT_FR,
    ArticlePageFactory,
    FaqPageFactory,
    GuideDocumentFactory,
    GuidedTourPageFactory,
    HelpIndexPageFactory,
    LegalPageFactory,
    NewsIndexPageFactory,
    TutorialPageFactory,
    serve_documents_from_memory,
    tour_steps_value,
)
from tests.factories.declarations import DeclaringAccommodationFactory, StayFactory, declaring_since
from tests.factories.payments import declared, payment_settings, route_payfip_to_simulator
from tests.factories.portal import (
    DEFAULT_PASSWORD,
    BrandingSettingsFactory,
    HomePageFactory,
    LocaleFactory,
    SiteFactory,
    StaffUserFactory,
    TenantSite,
    UserFactory,
    ensure_tree_roots,
    make_collectivity,
)
from tests.factories.records import AccommodationFactory, ClassificationFactory, HostFactory
from tests.factories.tax import DeliberationFactory, NationalGridFactory, load_national_grid
from tests.factories.terms import TermsAcceptanceFactory, TermsVersionFactory

__all__ = [
    "declared",
    "payment_settings",
    "route_payfip_to_simulator",
    "DeclaringAccommodationFactory",
    "StayFactory",
    "declaring_since",
    "DeliberationFactory",
    "NationalGridFactory",
    "load_national_grid",
    "AGENT_PERMISSIONS",
    "DEFAULT_PASSWORD",
    "FAKE_MP4",
    "VTT_EN",
    "VTT_FR",
    "AccommodationFactory",
    "ActivationCodeFactory",
    "ArticlePageFactory",
    "BrandingSettingsFactory",
    "ClassificationFactory",
    "FaqPageFactory",
    "GuideDocumentFactory",
    "GuidedTourPageFactory",
    "HelpIndexPageFactory",
    "HomePageFactory",
    "HostFactory",
    "LegalPageFactory",
    "LocaleFactory",
    "NewsIndexPageFactory",
    "SiteFactory",
    "StaffUserFactory",
    "TenantSite",
    "TermsAcceptanceFactory",
    "TermsVersionFactory",
    "TutorialPageFactory",
    "UserFactory",
    "agent_client",
    "agents_group",
    "allow_letters",
    "ensure_tree_roots",
    "host_account",
    "legacy_account",
    "make_agent",
    "make_collectivity",
    "serve_documents_from_memory",
    "staff_account",
    "staff_client",
    "tour_steps_value",
    "verified_login",
]
