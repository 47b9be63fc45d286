"""Forms of the customer pages (客户表单). They check shapes; the services check the rules."""

from kefu.customers.forms.actions import (
    ExportRevealForm,
    GradeOverrideForm,
    GradeRulesForm,
    ImportForm,
    MergeForm,
    ReasonForm,
    RevealForm,
    StoredItemForm,
)
from kefu.customers.forms.customer import CustomerForm
from kefu.customers.forms.filters import CustomerFilterForm, filter_customers

__all__ = [
    "CustomerFilterForm",
    "CustomerForm",
    "ExportRevealForm",
    "GradeOverrideForm",
    "GradeRulesForm",
    "ImportForm",
    "MergeForm",
    "ReasonForm",
    "RevealForm",
    "StoredItemForm",
    "filter_customers",
]
