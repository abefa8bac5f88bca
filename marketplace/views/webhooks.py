"""POST /stripe/webhook/: Stripe's only way in. CSRF-exempt because Stripe signs
instead.
"""

import logging

from django.conf import settings
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from marketplace.models import WebhookEventStatus
from marketplace.payments import stripe_client
from marketplace.payments.webhooks import (
    UnknownObject,
    webhook_event_process,
    webhook_event_receive,
)

logger = logging.getLogger(__name__)


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
    except ValueError:
        return JsonResponse({"error": "invalid payload"}, status=400)
    if not event.get("id") or not isinstance(event.get("data"), dict):
        return JsonResponse({"error": "invalid event"}, status=400)
    row, created = webhook_event_receive(event=event)
    if not created and row.status != WebhookEventStatus.FAILED:
        return JsonResponse({"status": "duplicate"})
    try:
        row = webhook_event_process(row=row)
    except UnknownObject as error:
        return JsonResponse({"error": str(error)}, status=400)
    if row.status == WebhookEventStatus.FAILED:
        return JsonResponse({"error": "processing failed; will be retried"}, status=500)
    return JsonResponse({"status": row.status})
