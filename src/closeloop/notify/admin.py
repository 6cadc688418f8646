from django.contrib import admin, messages
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from closeloop.core.admin import ReadOnlyAdmin
from closeloop.notify import services
from closeloop.notify.models import Delivery, Notification, WebhookEndpoint


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(admin.ModelAdmin):
    list_display = ["url", "active", "event_kinds", "created_at"]
    list_filter = ["active"]
    search_fields = ["url"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_fields(self, request: HttpRequest, obj: WebhookEndpoint | None = None) -> list[str]:
        fields = ["url", "event_kinds", "active"]
        # The secret is generated on creation and shown afterwards for the receiver to copy.
        return [*fields, "secret", "created_at"] if obj else fields

    def get_readonly_fields(self, request: HttpRequest, obj: WebhookEndpoint | None = None) -> list[str]:
        return ["secret", "created_at"] if obj else []


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyAdmin):
    # No address or text in the list: an outbox of personal data is opened one row at a time.
    list_display = [
        "id",
        "channel",
        "kind",
        "case",
        "status",
        "attempts",
        "next_attempt_at",
        "sent_at",
        "created_at",
    ]
    list_filter = ["status", "channel"]
    search_fields = ["case__number", "key"]
    list_select_related = ["case"]
    exclude = ["claim"]
    actions = ["retry_now"]

    @admin.action(description=gettext_lazy("Retry now"))
    def retry_now(self, request: HttpRequest, queryset: QuerySet[Delivery]) -> None:
        count = services.deliveries_retry(ids=queryset.values_list("pk", flat=True))
        self.message_user(
            request, _("%(count)d deliveries will be sent again.") % {"count": count}, messages.SUCCESS
        )


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ["subject", "recipient", "kind", "case", "created_at", "read_at"]
    list_filter = ["kind"]
    search_fields = ["case__number", "recipient__username", "key"]
    list_select_related = ["case", "recipient"]
