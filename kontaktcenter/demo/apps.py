from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "kontaktcenter.demo"
    label = "demo"
