from django.apps import AppConfig


class ForwardingConfig(AppConfig):
    name = "kontaktcenter.forwarding"
    label = "forwarding"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Forwarding"
