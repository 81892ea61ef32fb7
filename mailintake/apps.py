from django.apps import AppConfig


class MailIntakeConfig(AppConfig):
    name = "mailintake"
    verbose_name = "Notices by e-mail"
