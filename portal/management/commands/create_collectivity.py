"""``manage.py create_collectivity``: onboard a collectivity in one step (safe to run again)."""

from django.core.management.base import BaseCommand, CommandError

from portal.collectivities import create_collectivity


class Command(BaseCommand):
    help = (
        "Crée une collectivité : son site, ses pages (FR/EN), son habillage, ses groupes d'éditeurs, "
        "d'agents et d'administrateurs, un projet de CGU et de politique de confidentialité, et invite "
        "son administrateur. Sans effet si elle existe déjà."
    )

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True, help="Nom affiché, par exemple « Pays des Écrins ».")
        parser.add_argument("--hostname", required=True, help="Nom d'hôte du site, par exemple taxe.paysdesecrins.fr.")
        parser.add_argument("--port", type=int, default=80, help="Port public du site (80 par défaut).")
        parser.add_argument("--admin-email", help="Courriel de l'administrateur, qui recevra un lien d'invitation.")
        parser.add_argument("--default", action="store_true", help="Site servi pour tout nom d'hôte inconnu.")

    def handle(self, *args, name, hostname, port, admin_email, default, **options):
        if not name.strip() or not hostname.strip():
            raise CommandError("--name et --hostname ne peuvent pas être vides.")
        collectivity = create_collectivity(
            name.strip(), hostname.strip().lower(), port=port, admin_email=admin_email, is_default=default
        )
        verb = "créée" if collectivity.created else "déjà présente, complétée"
        self.stdout.write(self.style.SUCCESS(f"{collectivity.site.site_name} ({collectivity.site.hostname}) : {verb}."))
        if collectivity.administrator is not None:
            self.stdout.write(f"Administrateur : {collectivity.administrator.email}")
