"""Load the demo collectivities and their content; safe to run again. Development only."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.demo.seed import seed_all


class Command(BaseCommand):
    help = "Crée (ou complète) le contenu de démonstration : deux collectivités, leurs sites et leurs comptes."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force-i-know",
            action="store_true",
            help="Charger la démonstration même sans DEBUG : elle crée des comptes aux mots de passe publiés.",
        )

    def handle(self, *args, force_i_know=False, **options):
        if not settings.DEBUG and not force_i_know:
            raise CommandError(
                "La démonstration crée des comptes dont les mots de passe sont publiés dans le README : "
                "elle ne se charge qu'avec DEBUG. Ajoutez --force-i-know si c'est vraiment voulu."
            )
        self.stdout.write("Contenu de démonstration :")
        seed_all(stdout=self.stdout)
        self.stdout.write(
            self.style.SUCCESS(
                "Terminé. Ouvrez http://127.0.0.1:8000/ (Pays des Écrins) ou http://serreponcon.localhost:8000/."
            )
        )
