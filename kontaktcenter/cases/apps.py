from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CasesConfig(AppConfig):
    name = "kontaktcenter.cases"
    label = "cases"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from kontaktcenter.cases.search import restore_sqlite_triggers  # noqa: PLC0415

        # A later migration that rebuilds the cases table on SQLite drops the search triggers.
        post_migrate.connect(restore_sqlite_triggers, sender=self, dispatch_uid="cases-search")
