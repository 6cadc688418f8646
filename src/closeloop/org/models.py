from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from closeloop.org.choices import CustomerTier, ReplyChannel, Role


class Department(models.Model):
    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("English name"), max_length=100, blank=True)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        related_name="children",
        on_delete=models.PROTECT,
        verbose_name=_("parent department"),
    )
    # Materialised ancestry ("/1/4/9/") so "this department and everything below it" is one
    # indexed prefix query instead of a recursive walk on every scoped read.
    path = models.CharField(_("path"), max_length=255, db_index=True, editable=False, default="")
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["path"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    def save(self, *args, **kwargs) -> None:
        with transaction.atomic():
            if self.pk is None:
                super().save(*args, **kwargs)
            old_path = self.path
            new_path = f"{self.parent.path if self.parent else '/'}{self.pk}/"
            if self.parent and f"/{self.pk}/" in self.parent.path:
                raise ValueError("A department cannot be moved below itself.")
            self.path = new_path
            kwargs.pop("force_insert", None)
            super().save(*args, **kwargs)
            if old_path and old_path != new_path:
                for child in Department.objects.filter(path__startswith=old_path).exclude(pk=self.pk):
                    Department.objects.filter(pk=child.pk).update(path=new_path + child.path[len(old_path) :])


class Skill(models.Model):
    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["code"]
        verbose_name = _("skill")
        verbose_name_plural = _("skills")

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    display_name = models.CharField(_("display name"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    # Staff messages (e-mail, inbox) are written in this language; the pages follow the browser.
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    skills = models.ManyToManyField(Skill, blank=True, related_name="staff", verbose_name=_("skills"))

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff")

    def __str__(self) -> str:
        return self.display_name or self.username


class Membership(models.Model):
    """A role held in a department. Scope follows it: heads and supervisors see the subtree."""

    user = models.ForeignKey(
        User, related_name="memberships", on_delete=models.CASCADE, verbose_name=_("staff member")
    )
    department = models.ForeignKey(
        Department, related_name="memberships", on_delete=models.PROTECT, verbose_name=_("department")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "department", "role"], name="membership_unique"),
        ]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.department.code}"


class Customer(models.Model):
    name = models.CharField(_("name"), max_length=100)
    phone = models.CharField(_("phone"), max_length=30, blank=True, db_index=True)
    email = models.EmailField(_("e-mail"), blank=True, db_index=True)
    id_number = models.CharField(_("ID number"), max_length=40, blank=True, db_index=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    preferred_channel = models.CharField(
        _("preferred reply channel"), max_length=20, choices=ReplyChannel.choices, default=ReplyChannel.PHONE
    )
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    tier = models.CharField(
        _("value tier"), max_length=20, choices=CustomerTier.choices, default=CustomerTier.NORMAL
    )
    dedicated_agent = models.ForeignKey(
        User,
        null=True,
        blank=True,
        related_name="dedicated_customers",
        on_delete=models.SET_NULL,
        verbose_name=_("dedicated agent"),
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("customer")
        verbose_name_plural = _("customers")

    def __str__(self) -> str:
        return self.name
