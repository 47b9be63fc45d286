"""Survey campaigns in the console (满意度调查活动): list with progress, create with a
preview of how many customers the segment holds, send once."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kefu.core.clock import today
from kefu.core.errors import DomainError
from kefu.customers.views.common import AuthedRequest, errors_to_form, raise_for_access
from kefu.surveys.choices import CampaignStatus, SegmentKind, SurveyChannel
from kefu.surveys.forms import CampaignForm
from kefu.surveys.models import SurveyCampaign
from kefu.surveys.progress import progress_of, with_progress
from kefu.surveys.services import create_campaign, preview_count, send_campaign
from kefu.surveys.services.campaigns import (
    campaign_segment,
    check_segment,
    closed_range_default,
)

RECENT_INVITATIONS = 50


@login_required
@permission_required("surveys.view_surveycampaign", raise_exception=True)
@require_GET
def campaign_list(request: AuthedRequest) -> HttpResponse:
    campaigns = with_progress(SurveyCampaign.objects.select_related("template", "created_by"))
    return render(
        request,
        "surveys/campaigns.html",
        {
            "rows": [{"campaign": c, "progress": progress_of(c)} for c in campaigns[:200]],
            "can_add": request.user.has_perm("surveys.add_surveycampaign"),
        },
    )


@login_required
@permission_required("surveys.add_surveycampaign", raise_exception=True)
@require_http_methods(["GET", "POST"])
def campaign_create(request: AuthedRequest) -> HttpResponse:
    """Create a campaign; the "preview" button counts the segment's customers first."""
    first, last = closed_range_default(today())
    initial = {
        "segment": SegmentKind.CLOSED_TICKETS,
        "closed_from": first,
        "closed_to": last,
        "channel": SurveyChannel.SMS,
        "valid_days": 14,
    }
    form = CampaignForm(request.POST or None, initial=initial)
    count = None
    if request.method == "POST" and form.is_valid():
        segment = form.built_segment()
        try:
            check_segment(segment)
            if "preview" in request.POST:
                count = preview_count(segment)
            else:
                campaign = create_campaign(
                    actor=request.user,
                    template=form.cleaned_data["template"],
                    name=form.cleaned_data["name"],
                    segment=segment,
                    ticket_types=list(form.cleaned_data["ticket_types"]),
                    valid_days=form.cleaned_data["valid_days"],
                )
                messages.success(request, _("Campaign created. Check it, then send it."))
                return redirect("surveys:campaign", pk=campaign.pk)
        except DomainError as exc:
            errors_to_form(form, exc, {"segment": "segment"})
    return render(request, "surveys/campaign_form.html", {"form": form, "count": count})


@login_required
@permission_required("surveys.view_surveycampaign", raise_exception=True)
@require_GET
def campaign_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    campaign = get_object_or_404(
        with_progress(SurveyCampaign.objects.select_related("template", "created_by")), pk=pk
    )
    count = (
        preview_count(campaign_segment(campaign))
        if campaign.status == CampaignStatus.DRAFT
        else None
    )
    invitations = (
        campaign.invitations.visible_to(request.user)
        .select_related("customer", "ticket")
        .order_by("-id")[:RECENT_INVITATIONS]
    )
    return render(
        request,
        "surveys/campaign.html",
        {
            "campaign": campaign,
            "progress": progress_of(campaign),
            "count": count,
            "invitations": invitations,
            "ticket_types": campaign.ticket_types.all(),
            "can_send": request.user.has_perm("surveys.change_surveycampaign")
            and campaign.status == CampaignStatus.DRAFT,
        },
    )


@login_required
@permission_required("surveys.change_surveycampaign", raise_exception=True)
@require_POST
def campaign_send(request: AuthedRequest, pk: int) -> HttpResponse:
    campaign = get_object_or_404(SurveyCampaign, pk=pk)
    try:
        sent = send_campaign(actor=request.user, campaign=campaign)
    except DomainError as exc:
        raise_for_access(exc)
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Invitations created: %(count)d.") % {"count": sent})
    return redirect("surveys:campaign", pk=pk)
