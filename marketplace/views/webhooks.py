"""POST /stripe/webhook/, Stripe's only way in: CSRF-exempt, Stripe signs instead."""

import logging

from django.conf import settings
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from marketplace.payments import stripe_client
from marketplace.payments.webhooks import Outcome, webhook_event_handle

logger = logging.getLogger(__name__)

# Outcome -> HTTP status. 409 and 500 make Stripe deliver again later; 400 is final for
# events that are not ours or cannot be read (they stay FAILED for the office to see).
_STATUS = {
    Outcome.PROCESSED: 200,
    Outcome.IGNORED: 200,
    Outcome.DUPLICATE: 200,
    Outcome.IN_PROGRESS: 409,
    Outcome.REFUSED: 400,
    Outcome.FAILED: 500,
}


@csrf_exempt
@require_POST
def stripe_webhook(request):
    secret = settings.STRIPE_WEBHOOK_SECRET
    if not secret:
        return JsonResponse({"error": "webhooks are not configured"}, status=400)
    try:
        event = stripe_client.webhook_event_construct(
            payload=request.body,
            sig_header=request.headers.get("Stripe-Signature", ""),
            secret=secret,
        )
    except stripe_client.SignatureVerificationError:
        return JsonResponse({"error": "invalid or stale signature"}, status=400)
    except (ValueError, TypeError, AttributeError, KeyError):
        # Not JSON, or JSON the SDK cannot read as an event (a list, a number...).
        return JsonResponse({"error": "invalid payload"}, status=400)
    event_id = event.get("id") if isinstance(event, dict) else None
    if not isinstance(event_id, str) or not event_id or len(event_id) > 255:
        return JsonResponse({"error": "invalid event"}, status=400)
    outcome, detail = webhook_event_handle(event=event)
    status = _STATUS[outcome]
    if outcome == Outcome.REFUSED:
        return JsonResponse({"error": detail}, status=status)
    if outcome == Outcome.FAILED:
        return JsonResponse({"error": "processing failed; will be retried"}, status=500)
    if outcome == Outcome.IN_PROGRESS:
        return JsonResponse({"error": "being processed; retry later"}, status=409)
    return JsonResponse({"status": str(outcome)}, status=status)
