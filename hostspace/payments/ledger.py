"""What was paid for each declared period: the sums of allocations, read in one query, and allocating a payment.

A period is paid by accommodation and period start, whatever the version of
its declaration: a rectifying version that raises the amount leaves only the
difference to pay; one that lowers it shows an overpayment. Listings call
:func:`attach_paid_amounts` once for all their declarations, so that
``Declaration.paid_amount`` costs no query per row.
"""

from collections import defaultdict

from django.db.models import DecimalField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from hostspace.payments.models import ZERO, Allocation


def paid_amounts(keys):
    """``{(accommodation id, period start): amount paid}`` for ``keys``, in one query (none for no key)."""
    keys = set(keys)
    if not keys:
        return {}
    by_accommodation = defaultdict(set)
    for accommodation_id, period_start in keys:
        by_accommodation[accommodation_id].add(period_start)
    starts = {start for _accommodation, start in keys}
    rows = (
        Allocation.objects.filter(accommodation_id__in=by_accommodation, period_start__in=starts)
        .values("accommodation_id", "period_start")
        .annotate(total=Sum("amount"))
    )
    found = {(row["accommodation_id"], row["period_start"]): row["total"] for row in rows}
    return {key: found.get(key, ZERO) for key in keys}


def with_paid_amounts(declarations):
    """``declarations`` (a queryset) with each one's paid amount read in the same query, as a subquery."""
    paid = (
        Allocation.objects.filter(accommodation_id=OuterRef("accommodation_id"), period_start=OuterRef("period_start"))
        .order_by()
        .values("accommodation_id", "period_start")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    return declarations.annotate(
        _paid_amount=Coalesce(Subquery(paid), Value(ZERO), output_field=DecimalField(max_digits=12, decimal_places=2))
    )


def attach_paid_amounts(declarations):
    """Give each of ``declarations`` its paid amount (one query for all); return them."""
    declarations = list(declarations)
    amounts = paid_amounts((d.accommodation_id, d.period_start) for d in declarations)
    for declaration in declarations:
        declaration._paid_amount = amounts.get((declaration.accommodation_id, declaration.period_start), ZERO)
    return declarations


def paid_for(accommodation_id, period_start):
    """What was paid for one accommodation's period (one query)."""
    total = Allocation.objects.filter(accommodation_id=accommodation_id, period_start=period_start).aggregate(
        total=Sum("amount")
    )["total"]
    return total if total is not None else ZERO


def plan(declarations, amount):
    """``[(declaration, part)]``: ``amount`` spread over ``declarations`` in order, each up to what remains.

    What is left after the last one is an overpayment, kept on the payment
    unallocated (shown to agents, never hidden). ``declarations`` must carry
    their paid amounts.
    """
    parts = []
    left = amount
    for declaration in declarations:
        if left <= 0:
            break
        part = min(declaration.remaining, left)
        if part > 0:
            parts.append((declaration, part))
            left -= part
    return parts


def allocate(payment, declarations):
    """Store the allocations of ``payment`` over ``declarations`` (in order); return them."""
    parts = plan(declarations, payment.amount)
    allocations = [
        Allocation(
            payment=payment,
            declaration=declaration,
            accommodation_id=declaration.accommodation_id,
            period_start=declaration.period_start,
            amount=part,
        )
        for declaration, part in parts
    ]
    Allocation.objects.bulk_create(allocations)
    for declaration, part in parts:
        declaration._paid_amount = declaration.paid_amount + part
    return allocations
