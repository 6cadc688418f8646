"""Reads of import jobs and sources, restricted to what the user may see."""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from closeloop.core.errors import NotFound
from closeloop.imports.models import ImportJob, ImportRowError, ImportSource
from closeloop.imports.services import JOB_READ_ALL_ROLES
from closeloop.org.models import User
from closeloop.org.selectors import user_roles


def jobs_visible(user: User) -> QuerySet[ImportJob]:
    """The jobs `user` started; supervisors and administrators see every job."""
    qs = ImportJob.objects.select_related("source", "created_by")
    if not user.is_authenticated:
        return qs.none()
    if user_roles(user) & JOB_READ_ALL_ROLES:
        return qs
    return qs.filter(created_by=user)


def job_get(user: User, job_id: int | str) -> ImportJob:
    """One job, or NotFound for a job that does not exist or that `user` may not see."""
    job = jobs_visible(user).filter(pk=int(job_id)).first() if str(job_id).isdigit() else None
    if job is None:
        raise NotFound(_("No import job %(job)s.") % {"job": job_id})
    return job


def job_errors(job: ImportJob) -> QuerySet[ImportRowError]:
    return ImportRowError.objects.filter(job=job).order_by("row", "id")


def sources_active() -> QuerySet[ImportSource]:
    return ImportSource.objects.filter(active=True).order_by("name")
