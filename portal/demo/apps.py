from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo collectivities and their content (``seed_demo``): installed by the dev and test settings only."""

    name = "portal.demo"
    label = "demo"
    verbose_name = "Démonstration"
