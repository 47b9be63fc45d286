from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "kefu.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from kefu.accounts.rolesync import sync_roles_after_migrate

        # A flush (between transactional tests, or `kefu flush`) empties the groups; the
        # migration that created them does not run again, so re-create them here too.
        post_migrate.connect(sync_roles_after_migrate, sender=self)
