"""Reminders to hosts with undeclared periods: an email before the due date, one after it, and a
*mise en demeure* letter (PDF) once a period is late by more than 30 days.

Each send is a :class:`ReminderLog` row, unique per accommodation, period and
kind: the row is written before the email goes, in the same transaction, so a
second run (or two workers at once) never sends the same reminder twice, and
a failed email leaves no row behind and is tried again next time. A period
gets at most one reminder per run, the strongest due (a period found 40 days
late gets the letter, not a late email first). Hosts receive one email per
kind listing their periods. The letter cites article L2333-38 of the CGCT
(taxation d'office after a formal notice left unanswered for thirty days).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from hostspace.declarations import services
from hostspace.declarations.models import Declaration, ReminderLog
from hostspace.records.models import Accommodation
from portal import printing
from portal.models import BrandingSettings
from portal.tenancy import base_url

BEFORE_DUE_DAYS = 7
NOTICE_AFTER_DAYS = 30
DECLARATIONS_PATH = "/espace-hebergeur/tableau-de-bord/declarations/"

Kind = ReminderLog.Kind
STRENGTH = {Kind.BEFORE_DUE: 1, Kind.AFTER_DUE: 2, Kind.FORMAL_NOTICE: 3}


@dataclass(frozen=True)
class Due:
    """A reminder to send: which accommodation, which period, which kind."""

    accommodation: Accommodation
    period: object
    kind: str


def kind_due(period, today):
    """The strongest reminder a period undeclared on ``today`` calls for, or None."""
    if not period.has_ended(today):
        return None
    if today > period.due + datetime.timedelta(days=NOTICE_AFTER_DAYS):
        return Kind.FORMAL_NOTICE
    if today > period.due:
        return Kind.AFTER_DUE
    if (period.due - today).days <= BEFORE_DUE_DAYS:
        return Kind.BEFORE_DUE
    return None


def reminders_due(site, today):
    """Every reminder ``site``'s hosts should receive on ``today`` and have not received yet."""
    rules = services.rules_for(site)
    accommodations = list(Accommodation.objects.filter(host__site=site).select_related("host__user"))
    declared = set(
        Declaration.objects.filter(accommodation__in=accommodations).values_list("accommodation_id", "period_start")
    )
    sent = defaultdict(set)
    for accommodation_id, period_start, kind in ReminderLog.objects.filter(
        accommodation__in=accommodations
    ).values_list("accommodation_id", "period_start", "kind"):
        sent[(accommodation_id, period_start)].add(kind)
    due = []
    for accommodation in accommodations:
        for period in services.periods_of(accommodation, rules, today):
            key = (accommodation.pk, period.start)
            if key in declared:
                continue
            kind = kind_due(period, today)
            if kind is None or any(STRENGTH[done] >= STRENGTH[kind] for done in sent[key]):
                continue
            due.append(Due(accommodation, period, kind))
    return due


def recipient(host):
    """Where a host's reminders go: the login email, else the contact email the collectivity knows."""
    if host.user_id and host.user.email:
        return host.user.email
    return host.contact_email


def _context(site, host, items, today):
    branding = BrandingSettings.for_site(site)
    return {
        "site": site,
        "branding": branding,
        "host": host,
        "items": items,
        "today": today,
        "declarations_url": base_url(site) + DECLARATIONS_PATH,
        "notice_days": NOTICE_AFTER_DAYS,
    }


def notice_pdf(site, due, today):
    """The mise en demeure of one accommodation's late period, as PDF bytes (French, printed for the post)."""
    with translation.override("fr"):
        html = render_to_string(
            "declarations/notice_letter.html",
            {**_context(site, due.accommodation.host, [due], today), "due": due},
        )
    return printing.document(html, "declarations/css/notice.css").write_pdf()


SUBJECTS = {
    Kind.BEFORE_DUE: "declarations/email/before_due_subject.txt",
    Kind.AFTER_DUE: "declarations/email/after_due_subject.txt",
    Kind.FORMAL_NOTICE: "declarations/email/notice_subject.txt",
}
BODIES = {
    Kind.BEFORE_DUE: "declarations/email/before_due.txt",
    Kind.AFTER_DUE: "declarations/email/after_due.txt",
    Kind.FORMAL_NOTICE: "declarations/email/notice.txt",
}


def _send_group(site, host, kind, items, today):
    """Log then send one host's reminders of one kind, in one transaction; the rows that existed are skipped."""
    address = recipient(host)
    with transaction.atomic():
        logged = []
        for due in items:
            try:
                with transaction.atomic():
                    log = ReminderLog.objects.create(
                        accommodation=due.accommodation,
                        period_start=due.period.start,
                        period_end=due.period.end,
                        due_date=due.period.due,
                        kind=kind,
                        sent_to=address or "",
                    )
            except IntegrityError:
                continue  # another run sent it meanwhile
            if kind == Kind.FORMAL_NOTICE:
                log.letter.save("mise-en-demeure.pdf", ContentFile(notice_pdf(site, due, today)), save=True)
            logged.append((due, log))
        if not logged or not address:
            return logged
        with translation.override("fr"):
            context = _context(site, host, [due for due, _log in logged], today)
            subject = render_to_string(SUBJECTS[kind], context).strip()
            body = render_to_string(BODIES[kind], context)
        message = EmailMessage(subject=subject, body=body, to=[address])
        for _due, log in logged:
            if log.letter:
                message.attach("mise-en-demeure.pdf", log.letter.read(), "application/pdf")
        message.send()
    return logged


def send_reminders(site, today=None):
    """Send what is due on ``today`` to ``site``'s hosts; return ``{kind: number of periods reminded}``."""
    today = today or timezone.localdate()
    groups = defaultdict(list)
    for due in reminders_due(site, today):
        groups[(due.accommodation.host, due.kind)].append(due)
    sent = defaultdict(int)
    for (host, kind), items in groups.items():
        sent[kind] += len(_send_group(site, host, kind, items, today))
    return dict(sent)
