"""Campaign pages (活动页面): list, create, edit a draft, the campaign page, send."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kefu.campaigns.choices import CampaignStatus
from kefu.campaigns.forms import CampaignForm
from kefu.campaigns.models import Campaign
from kefu.campaigns.progress import percent_settled, status_counts
from kefu.campaigns.services import create_campaign, start_campaign, update_campaign
from kefu.campaigns.views.common import preview, scoped_campaign
from kefu.core.errors import DomainError
from kefu.customers.views.common import AuthedRequest, raise_for_access, submitted


@login_required
@permission_required("campaigns.view_campaign", raise_exception=True)
@require_GET
def campaign_list(request: AuthedRequest) -> HttpResponse:
    campaigns = Campaign.objects.visible_to(request.user).select_related("template", "created_by")
    return render(
        request,
        "campaigns/list.html",
        {
            "campaigns": campaigns[:200],
            "can_add": request.user.has_perm("campaigns.add_campaign"),
            "can_templates": request.user.has_perm("campaigns.view_messagetemplate"),
        },
    )


@login_required
@permission_required("campaigns.add_campaign", raise_exception=True)
@require_http_methods(["GET", "POST"])
def campaign_create(request: AuthedRequest) -> HttpResponse:
    form = CampaignForm(request.POST or None)
    created: list[Campaign] = []
    if request.method == "POST" and submitted(
        request,
        form,
        lambda: created.append(create_campaign(actor=request.user, data=form.data_for_service())),
        success=_("The campaign was saved as a draft. Check the preview, then send it."),
    ):
        return redirect("campaigns:detail", created[0].pk)
    return render(request, "campaigns/form.html", {"form": form, "campaign": None})


@login_required
@permission_required("campaigns.change_campaign", raise_exception=True)
@require_http_methods(["GET", "POST"])
def campaign_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    campaign = scoped_campaign(request, pk)
    if not campaign.is_draft:
        messages.error(request, _("This campaign has been sent and cannot be changed."))
        return redirect("campaigns:detail", campaign.pk)
    if request.method == "POST":
        form = CampaignForm(request.POST)
        if submitted(
            request,
            form,
            lambda: update_campaign(
                actor=request.user, campaign=campaign, data=form.data_for_service()
            ),
            success=_("The campaign was saved."),
        ):
            return redirect("campaigns:detail", campaign.pk)
    else:
        form = CampaignForm.for_campaign(campaign)
    return render(request, "campaigns/form.html", {"form": form, "campaign": campaign})


@login_required
@permission_required("campaigns.view_campaign", raise_exception=True)
@require_GET
def campaign_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    campaign = scoped_campaign(request, pk)
    user = request.user
    counts = None if campaign.is_draft else status_counts(campaign)
    context = {
        "campaign": campaign,
        "tags": list(campaign.tags.values_list("name", flat=True)),
        "preview": preview(campaign) if campaign.is_draft else None,
        "counts": counts,
        "live": counts is not None and is_live(campaign, counts),
        "step": step_of(campaign, counts) if counts is not None else 0,
        "can_send": campaign.is_draft and user.has_perm("campaigns.send_campaign"),
        "can_edit": campaign.is_draft and user.has_perm("campaigns.change_campaign"),
        "can_log": user.has_perm("messaging.view_delivery"),
    }
    return render(request, "campaigns/detail.html", context)


@login_required
@permission_required("campaigns.view_campaign", raise_exception=True)
@require_GET
def campaign_progress(request: AuthedRequest, pk: int) -> HttpResponse:
    """The progress box (htmx, polled while the campaign is sending or messages are queued)."""
    campaign = scoped_campaign(request, pk)
    counts = status_counts(campaign)
    return render(
        request,
        "campaigns/_progress.html",
        {
            "campaign": campaign,
            "counts": counts,
            "live": is_live(campaign, counts),
            "step": step_of(campaign, counts),
        },
    )


@login_required
@permission_required("campaigns.send_campaign", raise_exception=True)
@require_POST
def campaign_send(request: AuthedRequest, pk: int) -> HttpResponse:
    campaign = scoped_campaign(request, pk)
    try:
        start_campaign(actor=request.user, campaign=campaign)
    except DomainError as exc:
        raise_for_access(exc)
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Sending started: one message per customer of the segment."))
    return redirect("campaigns:detail", campaign.pk)


def is_live(campaign: Campaign, counts: dict[str, int]) -> bool:
    return campaign.status == CampaignStatus.SENDING or bool(counts["queued"] + counts["sending"])


def step_of(campaign: Campaign, counts: dict[str, int]) -> int:
    """The progress bar's step (0, 10, … 100)."""
    return percent_settled(campaign, counts) // 10 * 10
