"""Customer pages (客户页面)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse


@login_required
def customer_list(request: HttpRequest) -> HttpResponse:
    return HttpResponse("")
