"""Demo of payments, relative to the day ``seed_demo`` runs.

Both régies are in PayFiP test mode (saisie T, numcli 123456 for Pays des
Écrins, 654321 for Serre-Ponçon) with demo bank details; in development the
portal's PayFiP simulator answers for PayFiP. Each demo host has paid every
declared period up to two before the last: by card on PayFiP (one basket per
period, across accommodations, its operation confirmed), and the most recent
of them by a cheque an agent recorded. The period before the last is declared
and left to pay; the last ended one is still to declare (declarations demo).
Only periods with something left to pay are paid: running the seed again the
same day changes nothing.
"""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from hostspace.declarations import services as declarations
from hostspace.payments import ledger, services
from hostspace.payments.models import Means, PayfipOperation, Payment, PaymentSettings
from hostspace.records.models import Host
from portal.demo.declarations import HOSTS

REGIES = {
    "ecrins": {
        "numcli": "123456",
        "regie_name": "Régie de la taxe de séjour du Pays des Écrins",
        "iban": "FR7630001007941234567890185",
        "bic": "BDFEFRPPCCT",
        "cheque_address": "Régie de la taxe de séjour\nCommunauté de communes du Pays des Écrins\n05340 Pelvoux",
    },
    "serreponcon": {
        "numcli": "654321",
        "regie_name": "Régie de la taxe de séjour de Serre-Ponçon",
        "iban": "FR7630001007945432109876543",
        "bic": "BDFEFRPPCCT",
        "cheque_address": "Régie de la taxe de séjour\nCommunauté de communes de Serre-Ponçon\n05200 Embrun",
    },
}
AGENTS = {"ecrins": "agent@example.com", "serreponcon": "agent@serreponcon.example"}


def _settings(collectivity):
    spec = REGIES[collectivity.key]
    config = PaymentSettings.for_site(collectivity.site)
    if not config.numcli:
        for name, value in spec.items():
            setattr(config, name, value)
        config.saisie = "T"
        config.full_clean()
        config.save()
    return config


def _pay_by_card(host, group, day, numcli):
    """A PayFiP basket for ``group`` (declarations of one period), confirmed by card on ``day``."""
    basket = services.create_basket(host, [d.pk for d in group], Means.PAYFIP, user=host.user)
    operation = PayfipOperation.objects.create(
        basket=basket,
        id_op=f"DEMO-{basket.reference}",
        numcli=numcli,
        exer=day.year,
        saisie="T",
        amount=basket.total,
        mel=services.host_email(host),
        status=PayfipOperation.Status.PAID,
        resultrans="P",
        received_amount=basket.total,
        dattrans=f"{day:%d%m%Y}",
        heurtrans="1030",
        numauto="000042",
    )
    payment = Payment.objects.create(
        host=host,
        basket=basket,
        operation=operation,
        method=Payment.Method.CARD,
        amount=basket.total,
        received_on=day,
        reference=operation.id_op,
    )
    ledger.allocate(payment, services.basket_declarations(basket))


def seed(collectivity):
    if collectivity.key not in REGIES:
        return
    _settings(collectivity)
    host = (
        Host.objects.filter(site=collectivity.site, user__email__iexact=HOSTS.get(collectivity.key, ""))
        .select_related("user", "site")
        .first()
    )
    if host is None:
        return
    latest = declarations.latest_declarations(list(host.accommodations.all()))
    starts = sorted({start for _accommodation, start in latest})
    if len(starts) < 2:
        return
    # The most recent declared period (the one before the last ended) is left to pay.
    groups = []
    for start in starts[:-1]:
        group = [d for (_a, s), d in sorted(latest.items()) if s == start and d.remaining > 0]
        if group:
            groups.append(group)
    today = timezone.localdate()
    agent = get_user_model().objects.filter(email__iexact=AGENTS[collectivity.key]).first()
    for index, group in enumerate(groups):
        if index == len(groups) - 1:  # the most recent paid period: a cheque an agent recorded
            services.record_payment(
                host=host,
                method=Payment.Method.CHEQUE,
                amount=sum((d.remaining for d in group), services.ZERO),
                received_on=min(group[0].due_date, today),
                reference="Chèque n° 0012345",
                declarations_=group,
                user=agent,
            )
        else:
            day = min(group[0].due_date - datetime.timedelta(days=5), today)
            _pay_by_card(host, group, day, REGIES[collectivity.key]["numcli"])
