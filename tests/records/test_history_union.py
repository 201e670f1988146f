"""The « Historique du site » report shows the agent's records whatever the order of Wagtail's log models.

Wagtail's ``BaseLogEntryManager.viewable_by_user`` caches the content types a user may
see on the user object (``user._allowed_content_type_ids``), computed from the log
table of whichever manager is asked first. The report asks every registered log model
in the order of a set, which changes from one process to another: when the generic
``ModelLogEntry`` came first, our record entries were filtered by *its* content types
(none of Host, Accommodation, Classification), the sub-query was empty and the report
said « Aucune entrée de journal trouvée. ».
"""

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.log_actions import log
from wagtail.log_actions import registry as log_action_registry
from wagtail.models import ModelLogEntry, PageLogEntry

from hostspace.records.models import RecordLogEntry
from tests.factories import HostFactory, StaffUserFactory, agents_group, make_agent

pytestmark = pytest.mark.django_db

GENERIC_FIRST = [ModelLogEntry, PageLogEntry, RecordLogEntry]
RECORDS_FIRST = [RecordLogEntry, PageLogEntry, ModelLogEntry]


@pytest.mark.parametrize("order", [GENERIC_FIRST, RECORDS_FIRST], ids=["generic-first", "records-first"])
def test_site_history_report_lists_the_agents_records_whatever_the_log_models_order(
    site_history_report, monkeypatch, order
):
    monkeypatch.setattr(log_action_registry, "get_log_entry_models", lambda: order)

    report = site_history_report()

    content = report.content.decode()
    assert "Écrinsois" in content
    assert "Ponçonnais" not in content


def test_asking_the_generic_log_model_first_does_not_hide_the_agents_record_entries(collectivity):
    agent = make_agent(collectivity)
    host = HostFactory(site=collectivity.site, with_account=True)
    entry = log(host, "wagtail.edit")

    list(ModelLogEntry.objects.viewable_by_user(agent))

    assert list(RecordLogEntry.objects.viewable_by_user(agent)) == [entry]


def test_asking_the_record_log_model_first_does_not_hide_the_generic_entries_the_agent_may_see(collectivity):
    agent = make_agent(collectivity)
    agent.user_permissions.add(Permission.objects.get(content_type__app_label="auth", codename="view_group"))
    log(HostFactory(site=collectivity.site, with_account=True), "wagtail.edit")
    group_entry = ModelLogEntry.objects.log_action(Group.objects.create(name="Guichet"), "wagtail.edit")

    list(RecordLogEntry.objects.viewable_by_user(agent))

    assert list(ModelLogEntry.objects.viewable_by_user(agent)) == [group_entry]


def test_a_staff_member_with_the_agents_permissions_but_no_collectivity_sees_no_record_entry(collectivity):
    log(HostFactory(site=collectivity.site, with_account=True), "wagtail.edit")
    staff = StaffUserFactory(email="sans-collectivite@example.com", collectivity=None)
    staff.groups.add(agents_group())

    assert list(RecordLogEntry.objects.viewable_by_user(staff)) == []
