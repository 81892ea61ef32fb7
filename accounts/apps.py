from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts and sign-in"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from accounts import signals  # noqa: F401  (connects login audit receivers)
        from accounts.groups import groups_ensure

        post_migrate.connect(
            lambda **_: groups_ensure(), weak=False, dispatch_uid="accounts.groups_ensure"
        )
