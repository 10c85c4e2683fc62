from django.apps import AppConfig


class TelephonyConfig(AppConfig):
    name = "kontaktcenter.telephony"
    label = "telephony"
    default_auto_field = "django.db.models.BigAutoField"
