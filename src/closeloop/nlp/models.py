from django.db import models


class AssistTask(models.TextChoices):
    CATEGORY = "category", "Category suggestion"
    EMOTION = "emotion", "Emotion"
    SIMILAR = "similar", "Similar cases"


class AssistModel(models.Model):
    """A trained model or index of one task. The newest active one per task is used; older
    versions stay for comparison and rollback until deleted.

    Labels are not marked for translation: no page shows this table yet, and an extracted string
    without its Chinese translation fails the catalogue check."""

    task = models.CharField("task", max_length=20, choices=AssistTask.choices)
    version = models.PositiveIntegerField("version")
    created_at = models.DateTimeField("created at")
    trained_on = models.PositiveIntegerField("trained on (cases)")
    metrics = models.JSONField("metrics", default=dict, blank=True)
    # A compressed pickle written by closeloop.nlp (classifier or index); a few MB per 10,000 cases.
    blob = models.BinaryField("model")
    is_active = models.BooleanField("active", default=False)

    class Meta:
        ordering = ["task", "-version"]
        verbose_name = "assist model"
        verbose_name_plural = "assist models"
        constraints = [
            models.UniqueConstraint(fields=["task", "version"], name="assist_model_version"),
            models.UniqueConstraint(
                fields=["task"], condition=models.Q(is_active=True), name="assist_model_one_active"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.task} v{self.version}"
