from django.apps import AppConfig


class StatisticsConfig(AppConfig):
    name = "kontaktcenter.statistics"
    label = "statistics"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Keeps the contact aggregates in step with every saved contact (aggregates.py).
        from kontaktcenter.statistics import signals  # noqa: F401, PLC0415
