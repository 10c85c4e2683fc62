from django.apps import AppConfig


class StatisticsConfig(AppConfig):
    name = "kontaktcenter.statistics"
    label = "statistics"
    default_auto_field = "django.db.models.BigAutoField"
