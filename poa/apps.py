from django.apps import AppConfig


class PoaConfig(AppConfig):
    name = "poa"
    verbose_name = "Powers of attorney"

    def ready(self) -> None:
        from poa import signals  # noqa: F401  (coverage follows cases and households)
