"""Queue the re-check of pending PayFiP operations: run it every 10 minutes from cron or a systemd timer.

A notification PayFiP could not deliver (or a payer who closed the window) must not leave a basket pending:
this job asks PayFiP for each pending operation's result, records the payments once, and expires the
operations PayFiP still calls « in progress » after their idOp's 15 minutes.
"""

from django.core.management.base import BaseCommand

from hostspace.payments.tasks import check_pending_payments


class Command(BaseCommand):
    help = "Met en file la vérification auprès de PayFiP des opérations de paiement en cours."

    def handle(self, *args, **options):
        result = check_pending_payments.enqueue()
        self.stdout.write(f"check_pending_payments: {result.status}")
