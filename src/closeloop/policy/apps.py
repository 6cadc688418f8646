from django.apps import AppConfig


def _policy_changed(**kwargs: object) -> None:
    from closeloop.policy import selectors

    selectors.cache_clear()


class PolicyConfig(AppConfig):
    name = "closeloop.policy"
    label = "policy"
    verbose_name = "Policy"

    def ready(self) -> None:
        # Cache invalidation only: a change counts at once in this process, within a minute elsewhere.
        from django.db.models.signals import post_delete, post_save

        from closeloop.org.models import Department
        from closeloop.policy.models import (
            AssistPolicy,
            Category,
            DuplicatePolicy,
            EscalationRule,
            SlaPolicy,
        )

        for model in (SlaPolicy, EscalationRule, DuplicatePolicy, AssistPolicy, Category, Department):
            for signal in (post_save, post_delete):
                signal.connect(_policy_changed, sender=model, dispatch_uid=f"policy-{model.__name__}")
