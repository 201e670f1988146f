"""Throttling of logins and activation-code guessing (django-axes)."""

from django.shortcuts import render


def lockout_response(request, credentials=None, *args, **kwargs):
    """The page shown to a client that failed too often: same layout, clear message, HTTP 429."""
    return render(request, "hostspace/locked_out.html", status=429)
