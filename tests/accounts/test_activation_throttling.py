"""Guessing activation codes is throttled per client, for a limited window."""

import time

import pytest
from django.test import RequestFactory, override_settings

from hostspace.accounts import throttling


def request_from(ip):
    return RequestFactory().post("/espace-hebergeur/activer/", REMOTE_ADDR=ip)


@override_settings(ACTIVATION_CODE_MAX_ATTEMPTS=3)
def test_a_client_is_refused_after_the_maximum_of_wrong_codes():
    request = request_from("198.51.100.1")
    for _ in range(2):
        throttling.record_failed_code(request)
        assert throttling.check_code_attempts(request)
    assert throttling.record_failed_code(request) == 3
    assert not throttling.check_code_attempts(request)


@override_settings(ACTIVATION_CODE_MAX_ATTEMPTS=1)
def test_other_clients_are_not_affected():
    throttling.record_failed_code(request_from("198.51.100.2"))
    assert not throttling.check_code_attempts(request_from("198.51.100.2"))
    assert throttling.check_code_attempts(request_from("198.51.100.3"))


@override_settings(ACTIVATION_CODE_MAX_ATTEMPTS=1, ACTIVATION_CODE_ATTEMPT_WINDOW=1)
def test_the_refusal_ends_with_the_window():
    request = request_from("198.51.100.4")
    throttling.record_failed_code(request)
    assert not throttling.check_code_attempts(request)
    time.sleep(1.2)
    assert throttling.check_code_attempts(request)


@override_settings(ACTIVATION_CODE_MAX_ATTEMPTS=5, ACTIVATION_CODE_ATTEMPT_WINDOW=1)
def test_new_failures_do_not_extend_the_window():
    request = request_from("198.51.100.5")
    throttling.record_failed_code(request)
    time.sleep(0.6)
    throttling.record_failed_code(request)
    time.sleep(0.6)
    assert throttling.failed_code_attempts(request) == 0


def test_clearing_forgets_the_failures():
    request = request_from("198.51.100.6")
    throttling.record_failed_code(request)
    throttling.clear_code_attempts(request)
    assert throttling.failed_code_attempts(request) == 0


@pytest.mark.parametrize("setting", ["ACTIVATION_CODE_MAX_ATTEMPTS", "ACTIVATION_CODE_ATTEMPT_WINDOW"])
def test_settings_have_production_defaults(setting):
    from django.conf import settings

    assert getattr(settings, setting) > 0
