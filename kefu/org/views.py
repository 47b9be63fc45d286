"""Organisation pages (组织页面)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse


@login_required
def org_home(request: HttpRequest) -> HttpResponse:
    return HttpResponse("")
