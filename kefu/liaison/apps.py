from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiaisonConfig(AppConfig):
    name = "kefu.liaison"
    label = "liaison"
    verbose_name = _("Work contact orders")
