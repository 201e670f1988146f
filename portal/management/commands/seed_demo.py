"""Load the demo collectivities and their content; safe to run again."""

from django.core.management.base import BaseCommand

from portal.demo import seed_all


class Command(BaseCommand):
    help = "Crée (ou complète) le contenu de démonstration : deux collectivités, leurs sites et leurs comptes."

    def handle(self, *args, **options):
        self.stdout.write("Contenu de démonstration :")
        seed_all(stdout=self.stdout)
        self.stdout.write(
            self.style.SUCCESS(
                "Terminé. Ouvrez http://127.0.0.1:8000/ (Pays des Écrins) ou http://serreponcon.localhost:8000/."
            )
        )
