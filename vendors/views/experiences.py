"""The vendor's experiences: list and edit them, add weekly sessions, see a session's
bookings, cancel it (refunding everyone), and check tickets in from a phone.

Thin views: forms validate, ``marketplace.services`` writes, the marketplace's
vendor-scoped selectors read.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marketplace import selectors_experiences
from marketplace import services as marketplace_services
from marketplace.errors import MarketplaceError
from vendors.forms_experiences import CheckInForm, ExperienceForm, WeeklySessionsForm
from vendors.views.dashboard import vendor_required


@vendor_required
def experience_list(request, vendor):
    return render(
        request,
        "vendors/dashboard/experience_list.html",
        {
            "vendor": vendor,
            "experiences": selectors_experiences.experience_list_for_vendor(
                vendor=vendor
            ),
            "sessions": list(
                selectors_experiences.session_list_for_vendor(vendor=vendor)[:200]
            ),
        },
    )


@vendor_required
def experience_form(request, vendor, product_id=None):
    experience = None
    if product_id is not None:
        experience = selectors_experiences.experience_get_for_vendor(
            vendor=vendor, product_id=product_id
        )
        if experience is None:
            raise Http404
    initial = ExperienceForm.initial_for(experience) if experience else None
    form = ExperienceForm(request.POST or None, initial=initial)
    sessions_form = WeeklySessionsForm(prefix="sessions")
    if request.method == "POST" and form.is_valid():
        data = form.data_for_service()
        publish = form.cleaned_data["publish"]
        try:
            if experience is None:
                product = marketplace_services.experience_create(
                    vendor=vendor, data=data, publish=publish
                )
            else:
                product = marketplace_services.experience_update(
                    product=experience.product, data=data, publish=publish
                )
        except MarketplaceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The experience was saved."))
            return redirect("vendors:experience_edit", product_id=product.pk)
    return render(
        request,
        "vendors/dashboard/experience_form.html",
        {
            "vendor": vendor,
            "form": form,
            "experience": experience,
            "sessions_form": sessions_form,
            "sessions": (
                list(
                    selectors_experiences.session_list_upcoming(
                        experience=experience, limit=100
                    )
                )
                if experience
                else []
            ),
        },
    )


@vendor_required
@require_POST
def sessions_add(request, vendor, product_id):
    experience = selectors_experiences.experience_get_for_vendor(
        vendor=vendor, product_id=product_id
    )
    if experience is None:
        raise Http404
    form = WeeklySessionsForm(request.POST, prefix="sessions")
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect("vendors:experience_edit", product_id=product_id)
    data = form.cleaned_data
    try:
        created = marketplace_services.sessions_create_weekly(
            experience=experience,
            first_day=data["first_day"],
            weekday=data["weekday"],
            at=data["time"],
            weeks=data["weeks"],
            capacity=data["capacity"],
        )
    except MarketplaceError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("%(count)d sessions added.") % {"count": len(created)}
        )
    return redirect("vendors:experience_edit", product_id=product_id)


def _session_or_404(vendor, session_id):
    session = selectors_experiences.session_get_for_vendor(
        vendor=vendor, session_id=session_id
    )
    if session is None:
        raise Http404
    return session


@vendor_required
def session_detail(request, vendor, session_id):
    session = _session_or_404(vendor, session_id)
    return render(
        request,
        "vendors/dashboard/session_detail.html",
        {
            "vendor": vendor,
            "session": session,
            "tickets": selectors_experiences.ticket_list_for_session(session=session),
        },
    )


@vendor_required
@require_POST
def session_cancel(request, vendor, session_id):
    session = _session_or_404(vendor, session_id)
    result = marketplace_services.session_cancel(session=session, actor=request.user)
    if result["failed"]:
        messages.warning(
            request,
            _(
                "The session is cancelled. %(failed)d refunds could not be made now "
                "and are retried automatically."
            )
            % {"failed": result["failed"]},
        )
    else:
        messages.success(
            request,
            _("The session is cancelled; %(count)d bookings were refunded and told.")
            % {"count": result["refunded"]},
        )
    return redirect("vendors:session_detail", session_id=session.pk)


@vendor_required
def check_in(request, vendor):
    """The phone page at the meeting point: type the code or scan the QR code."""
    form = CheckInForm(request.POST or None)
    result = None
    if request.method == "POST" and form.is_valid():
        try:
            ticket, newly = marketplace_services.ticket_check_in(
                vendor=vendor, code=form.cleaned_data["code"]
            )
        except MarketplaceError as error:
            result = {"ok": False, "message": error.message}
        else:
            result = {
                "ok": True,
                "newly": newly,
                "ticket": ticket,
                "message": (
                    _("Welcome! Checked in.")
                    if newly
                    else _("Already checked in earlier.")
                ),
            }
        form = CheckInForm()
    return render(
        request,
        "vendors/dashboard/check_in.html",
        {"vendor": vendor, "form": form, "result": result},
    )
