"""Payments stay within their collectivity: another collectivity's agent and another host see and change
nothing of them; every payment model says which collectivity it belongs to."""

import pytest
from django.urls import reverse

from hostspace.payments import models, services
from hostspace.payments.models import Payment
from portal import roles, tenancy
from tests.factories import HostFactory, verified_login
from tests.factories.backoffice import staff_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def cheque(host, july):
    return services.record_payment(
        host=host, method="cheque", amount=july.amount_due, received_on=july.period_end,
        reference="Chèque Zebulon", declarations_=[july], user=host.user,
    )  # fmt: skip


@pytest.fixture
def foreign_agent(client_for, other_collectivity):
    return verified_login(client_for(other_collectivity), staff_of(other_collectivity, roles.AGENT))


@pytest.mark.parametrize(
    "model",
    [
        models.PaymentSettings,
        models.Basket,
        models.BasketItem,
        models.PayfipOperation,
        models.Payment,
        models.Allocation,
    ],
)
def test_every_payment_model_names_its_collectivity(model):
    assert tenancy.collectivity_field(model).endswith("site")


def test_another_collectivitys_agent_sees_none_of_these_payments(foreign_agent, cheque):
    for url in (reverse("payments_list"), reverse("payments_operations"), reverse("payments_list") + "?q=Ch%C3%A8que"):
        assert "Zebulon" not in foreign_agent.get(url).content.decode()
    csv = foreign_agent.get(reverse("payments_export", args=["csv"]))
    text = b"".join(csv.streaming_content).decode() if csv.streaming else csv.content.decode()
    assert "Zebulon" not in text


def test_another_collectivitys_agent_gets_404_on_a_payment_and_cannot_reverse_it(foreign_agent, cheque):
    assert foreign_agent.get(reverse("payments_receipt", args=[cheque.pk])).status_code == 404
    assert foreign_agent.post(reverse("payments_reverse", args=[cheque.pk]), {"reason": "x"}).status_code == 404
    assert not Payment.objects.filter(method="reversal").exists()


def test_another_collectivitys_agent_cannot_record_for_a_host_of_this_one(foreign_agent, host, july):
    url = reverse("payments_record") + f"?hebergeur={host.pk}"
    assert foreign_agent.get(url).status_code == 404
    response = foreign_agent.post(url, {"method": "cheque", "amount": "1", "received_on": "2026-09-01",
                                        "reference": "x", "declarations": [july.pk]})  # fmt: skip
    assert response.status_code == 404
    assert not Payment.objects.exists()


def test_another_host_gets_404_for_a_receipt_that_is_not_theirs(client_for, collectivity, cheque):
    other = HostFactory(with_account=True, site=collectivity.site)
    client = client_for(collectivity)
    client.force_login(other.user)
    assert client.get(reverse("hostspace:payment_receipt", args=[cheque.pk])).status_code == 404
    assert "Zebulon" not in client.get(reverse("hostspace:payments")).content.decode()
    assert client.get(reverse("hostspace:payment_receipt", args=[cheque.pk])).status_code == 404
