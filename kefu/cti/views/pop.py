"""Screen pop (来电弹屏): the fragment the console polls every 3 seconds.

It answers 204 (htmx leaves the page alone) when the pop the console shows, named by
``?seen=<key>``, is still what it would show, so a half-filled choice is not wiped out.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

from kefu.cti.screenpop import pop_for
from kefu.cti.views.common import AuthedRequest

EMPTY_KEY = "none"


@login_required
@permission_required("cti.view_call", raise_exception=True)
@require_GET
def screen_pop(request: AuthedRequest) -> HttpResponse:
    pop = pop_for(request.user)
    key = pop.key if pop is not None else EMPTY_KEY
    if request.GET.get("seen") == key:
        response = HttpResponse(status=204)
    else:
        context = {
            "pop": pop,
            "key": key,
            "can_open": request.user.has_perm("tickets.add_ticket"),
            # After a refused click, back to the console page the pop sits on.
            "back_url": request.htmx.current_url_abs_path or "",
        }
        response = render(request, "cti/_pop.html", context)
    patch_cache_control(response, no_store=True, private=True)
    return response
