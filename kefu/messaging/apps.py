"""Messaging (消息发送): SMS and email to customers, consent and the delivery log."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MessagingConfig(AppConfig):
    name = "kefu.messaging"
    label = "messaging"
    verbose_name = _("Messaging")

    def ready(self) -> None:
        from kefu.customers.timeline import register_timeline_source
        from kefu.messaging.timeline import message_entries

        register_timeline_source(message_entries)
