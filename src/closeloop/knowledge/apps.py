from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _articles_changed(**kwargs: object) -> None:
    from closeloop.knowledge import selectors

    selectors.index_clear()


class KnowledgeConfig(AppConfig):
    name = "closeloop.knowledge"
    verbose_name = _("Knowledge base")

    def ready(self) -> None:
        # Cache invalidation only: a saved article counts at once in this process, and within the
        # index's lifetime in the others.
        from django.db.models.signals import post_delete, post_save

        from closeloop.knowledge.models import Article

        post_save.connect(_articles_changed, sender=Article, dispatch_uid="knowledge-article-saved")
        post_delete.connect(_articles_changed, sender=Article, dispatch_uid="knowledge-article-deleted")
