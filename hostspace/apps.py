from django.apps import AppConfig


class HostspaceConfig(AppConfig):
    name = "hostspace"
