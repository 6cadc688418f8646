from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from closeloop.cases.models import Case, FollowUp


class Tracking(models.Model):
    """The code a member of the public uses, with their contact, to follow a web complaint."""

    case = models.OneToOneField(Case, related_name="tracking", on_delete=models.CASCADE)
    code = models.CharField(_("tracking code"), max_length=10, unique=True)
    created_at = models.DateTimeField(_("created at"))

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("tracking code")
        verbose_name_plural = _("tracking codes")

    def __str__(self) -> str:
        return self.case.number


class SurveyInvitation(models.Model):
    """A single-use follow-up survey link sent to the customer (DESIGN §1 feedback, follow-up)."""

    case = models.ForeignKey(Case, related_name="survey_invitations", on_delete=models.CASCADE)
    # Part of the signed token: the link is useless without it even if the id is guessed.
    nonce = models.CharField(max_length=32)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, related_name="+", on_delete=models.PROTECT)
    created_at = models.DateTimeField(_("created at"))
    used_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    follow_up = models.ForeignKey(
        FollowUp, null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("survey invitation")
        verbose_name_plural = _("survey invitations")

    def __str__(self) -> str:
        return f"{self.case.number} #{self.pk}"
