from django.apps import AppConfig


class EmailChannelConfig(AppConfig):
    name = "kontaktcenter.email_channel"
    label = "email_channel"
    default_auto_field = "django.db.models.BigAutoField"
