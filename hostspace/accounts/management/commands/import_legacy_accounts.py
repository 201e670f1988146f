"""Import the accounts of the old platform (before 1 January 2019) from a CSV file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from hostspace.accounts import legacy


class Command(BaseCommand):
    help = (
        "Importe les comptes de l'ancienne plateforme (créés avant le 1er janvier 2019) depuis un fichier CSV "
        "UTF-8, séparé par des virgules ou des points-virgules, avec une ligne d'en-têtes. Colonnes obligatoires : "
        "« email », « nom », « date de création » (AAAA-MM-JJ ou JJ/MM/AAAA), « adresse », « code postal », "
        "« commune ». Colonnes facultatives : « prénom », « raison sociale », « siret », « téléphone », "
        "« complément d'adresse », « référence ». Chaque compte est créé sans mot de passe utilisable et doit "
        "réinitialiser son mot de passe ; une fiche hébergeur le rattache au site indiqué. Relancer l'import ne "
        "crée rien en double ; les lignes en erreur sont signalées et ignorées."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Fichier CSV exporté de l'ancienne plateforme.")
        parser.add_argument(
            "--site", required=True, help="Nom d'hôte du site de la collectivité, par exemple paysdesecrins.localhost."
        )
        parser.add_argument("--dry-run", action="store_true", help="Vérifier le fichier sans rien enregistrer.")

    def handle(self, *args, file, site, dry_run=False, **options):
        target = Site.objects.filter(hostname__iexact=site.strip()).first()
        if target is None:
            raise CommandError(f"Aucun site n'a le nom d'hôte « {site} ».")
        path = Path(file)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise CommandError(f"Fichier introuvable : {file}") from None
        except UnicodeDecodeError:
            raise CommandError("Le fichier doit être encodé en UTF-8.") from None
        try:
            report = legacy.import_accounts(text, target, dry_run=dry_run)
        except ValueError as error:
            raise CommandError(f"Colonne(s) obligatoire(s) absente(s) de l'en-tête : {error}") from None
        for line, message in report.errors:
            self.stderr.write(f"Ligne {line} : {message}")
        prefix = "[essai, rien n'est enregistré] " if dry_run else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"{prefix}{report.created_accounts} compte(s) créé(s), {report.created_hosts} fiche(s) hébergeur créée(s), "
                f"{report.unchanged} déjà présent(s), {len(report.errors)} ligne(s) en erreur."
            )
        )
