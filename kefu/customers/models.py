"""Customer archive models (客户档案)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kefu.customers.choices import (
    CustomerKind,
    CustomFieldType,
    DuplicatePolicy,
    Gender,
    Grade,
    ImportStatus,
    SourceChannel,
    StoredItemStatus,
)
from kefu.customers.querysets import CustomerQuerySet


class Tag(models.Model):
    """Tag (标签) on customers."""

    name = models.CharField(_("name"), max_length=50, unique=True)

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Customer(models.Model):
    """Customer (客户): a person or organisation with contacts, membership and grade."""

    kind = models.CharField(
        _("kind"), max_length=20, choices=CustomerKind.choices, default=CustomerKind.PERSON
    )
    name = models.CharField(_("name"), max_length=100)
    name_pinyin = models.CharField(_("name in pinyin"), max_length=300, blank=True, editable=False)
    name_initials = models.CharField(
        _("pinyin initials"), max_length=100, blank=True, editable=False
    )
    gender = models.CharField(
        _("gender"), max_length=10, choices=Gender.choices, default=Gender.UNKNOWN
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    phone_last4 = models.CharField(_("last 4 digits"), max_length=4, blank=True, editable=False)
    email = models.EmailField(_("email"), blank=True)
    birthday = models.DateField(_("birthday"), null=True, blank=True)
    id_number = models.CharField(_("ID number"), max_length=30, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    company = models.CharField(_("company"), max_length=100, blank=True)
    source_channel = models.CharField(
        _("source channel"), max_length=20, choices=SourceChannel.choices, blank=True
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("customer manager"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_customers",
    )
    notes = models.TextField(_("notes"), blank=True)

    member_number = models.CharField(
        _("member number"), max_length=30, null=True, blank=True, unique=True
    )
    member_joined_on = models.DateField(_("member since"), null=True, blank=True)
    member_day = models.PositiveSmallIntegerField(
        _("member day"), null=True, blank=True, help_text=_("Day of the month, 1–31.")
    )
    member_expires_on = models.DateField(_("membership expires on"), null=True, blank=True)

    spend_12m = models.DecimalField(
        _("spend in the last 12 months"), max_digits=12, decimal_places=2, default=Decimal("0")
    )
    visits_12m = models.PositiveIntegerField(_("visits in the last 12 months"), default=0)
    grade = models.CharField(_("grade"), max_length=1, choices=Grade.choices, default=Grade.C)
    grade_is_manual = models.BooleanField(_("grade set by hand"), default=False)
    vip_level = models.PositiveSmallIntegerField(_("VIP level"), default=0)

    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True, related_name="customers")
    custom_fields = models.JSONField(_("custom fields"), default=dict, blank=True)
    marketing_consent = models.BooleanField(_("consents to marketing messages"), default=False)

    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_from",
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), db_index=True)
    updated_at = models.DateTimeField(_("updated at"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = CustomerQuerySet.as_manager()

    class Meta:
        verbose_name = _("customer")
        verbose_name_plural = _("customers")
        ordering = ["-id"]
        permissions = [
            ("view_all_customers", _("Can see every customer (service staff)")),
            ("reveal_personal_data", _("Can reveal masked phone and ID numbers")),
            ("export_customer", _("Can export customers")),
            ("import_customer", _("Can import customers")),
            ("merge_customer", _("Can merge duplicate customers")),
            ("override_grade", _("Can set a customer's grade by hand")),
        ]
        indexes = [
            models.Index(fields=["phone"], name="customer_phone_idx"),
            models.Index(fields=["phone_last4"], name="customer_last4_idx"),
            models.Index(fields=["email"], name="customer_email_idx"),
            models.Index(fields=["name"], name="customer_name_idx"),
            models.Index(fields=["name_initials"], name="customer_initials_idx"),
            models.Index(fields=["name_pinyin"], name="customer_pinyin_idx"),
            models.Index(fields=["birthday"], name="customer_birthday_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(member_day__isnull=True)
                | models.Q(member_day__gte=1, member_day__lte=31),
                name="customer_member_day_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class StoredItem(models.Model):
    """Stored item (寄存/储值): wine kept at a KTV, a prepaid card, a deposit, with expiry."""

    customer = models.ForeignKey(
        Customer, verbose_name=_("customer"), on_delete=models.CASCADE, related_name="stored_items"
    )
    name = models.CharField(_("item"), max_length=100)
    quantity = models.DecimalField(_("quantity"), max_digits=12, decimal_places=2, default=1)
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    stored_on = models.DateField(_("stored on"))
    expires_on = models.DateField(_("expires on"), null=True, blank=True, db_index=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=StoredItemStatus.choices,
        default=StoredItemStatus.STORED,
    )
    notes = models.CharField(_("notes"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("stored item")
        verbose_name_plural = _("stored items")
        ordering = ["expires_on", "id"]

    def __str__(self) -> str:
        return self.name


class GradeRule(models.Model):
    """Grade rule (等级规则): thresholds of 12-month spend and visits that earn a grade."""

    grade = models.CharField(_("grade"), max_length=1, choices=Grade.choices, unique=True)
    min_spend_12m = models.DecimalField(
        _("minimum spend in 12 months"), max_digits=12, decimal_places=2, default=Decimal("0")
    )
    min_visits_12m = models.PositiveIntegerField(_("minimum visits in 12 months"), default=0)

    class Meta:
        verbose_name = _("grade rule")
        verbose_name_plural = _("grade rules")
        ordering = ["grade"]

    def __str__(self) -> str:
        return self.grade


class GradeChange(models.Model):
    """Grade change (等级变更): history of computed and manual grade changes."""

    customer = models.ForeignKey(
        Customer, verbose_name=_("customer"), on_delete=models.CASCADE, related_name="grade_changes"
    )
    from_grade = models.CharField(_("from grade"), max_length=1, blank=True)
    to_grade = models.CharField(_("to grade"), max_length=1)
    is_manual = models.BooleanField(_("set by hand"), default=False)
    reason = models.TextField(_("reason"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("time"))

    class Meta:
        verbose_name = _("grade change")
        verbose_name_plural = _("grade changes")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.from_grade or '—'} → {self.to_grade}"


class CustomField(models.Model):
    """Custom field (自定义字段) of the customer archive, defined by an administrator."""

    key = models.SlugField(_("key"), max_length=50, unique=True)
    label = models.CharField(_("label"), max_length=100)
    field_type = models.CharField(
        _("type"), max_length=20, choices=CustomFieldType.choices, default=CustomFieldType.TEXT
    )
    choices = models.JSONField(_("choices"), default=list, blank=True)
    is_required = models.BooleanField(_("required"), default=False)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("custom field")
        verbose_name_plural = _("custom fields")
        ordering = ["position", "key"]

    def __str__(self) -> str:
        return self.label


class ImportJob(models.Model):
    """Customer import (客户导入): one uploaded file, checked whole, imported all or nothing."""

    file_name = models.CharField(_("file name"), max_length=200)
    file_path = models.CharField(_("stored file"), max_length=500)
    status = models.CharField(
        _("status"), max_length=20, choices=ImportStatus.choices, default=ImportStatus.PENDING
    )
    on_duplicate = models.CharField(
        _("duplicates"),
        max_length=10,
        choices=DuplicatePolicy.choices,
        default=DuplicatePolicy.REJECT,
    )
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    processed_rows = models.PositiveIntegerField(_("rows checked"), default=0)
    created_count = models.PositiveIntegerField(_("customers created"), default=0)
    skipped_count = models.PositiveIntegerField(_("rows skipped"), default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("uploaded at"))
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("customer import")
        verbose_name_plural = _("customer imports")
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.file_name

    @property
    def percent(self) -> int:
        if self.status == ImportStatus.DONE:
            return 100
        if not self.total_rows:
            return 0
        return min(99, self.processed_rows * 100 // self.total_rows)
