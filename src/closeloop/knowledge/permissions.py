"""Who may do what in the knowledge base. Every view and API endpoint asks here.

Every staff member reads published articles; supervisors, department heads and administrators
write, publish and retire any article and promote closed cases; legal reviewers do the same for
laws and regulations. The customer portal's account and people without a staff role see nothing.
"""

from django.utils.translation import gettext as _

from closeloop.core.errors import Forbidden
from closeloop.knowledge.choices import ArticleKind
from closeloop.org.choices import Role
from closeloop.org.models import User
from closeloop.org.selectors import user_roles

READ_ROLES = frozenset(Role) - {Role.PORTAL}
EDIT_ROLES = frozenset({Role.SUPERVISOR, Role.HEAD, Role.ADMIN})
PROMOTE_ROLES = EDIT_ROLES
# Kinds a legal reviewer writes beside the editors.
LEGAL_KINDS = frozenset({ArticleKind.LAW})


def may_read(user: User) -> bool:
    return user.is_authenticated and bool(user_roles(user) & READ_ROLES)


def may_edit(user: User, kind: str) -> bool:
    roles = user_roles(user) if user.is_authenticated else frozenset()
    return bool(roles & EDIT_ROLES) or (Role.LEGAL in roles and kind in LEGAL_KINDS)


def editable_kinds(user: User) -> list[ArticleKind]:
    """The kinds `user` may write; empty for a reader."""
    return [kind for kind in ArticleKind if may_edit(user, kind)]


def may_promote(user: User) -> bool:
    return user.is_authenticated and bool(user_roles(user) & PROMOTE_ROLES)


def check_may_read(user: User) -> None:
    if not may_read(user):
        raise Forbidden(_("The knowledge base is for staff."))


def check_may_edit(user: User, kind: str) -> None:
    if not may_edit(user, kind):
        label = ArticleKind(kind).label if kind in ArticleKind.values else kind
        raise Forbidden(_("Your role may not write “%(kind)s” articles.") % {"kind": label})


def check_may_author(user: User) -> None:
    if not editable_kinds(user):
        raise Forbidden(_("Your role may not write knowledge articles."))


def check_may_promote(user: User) -> None:
    if not may_promote(user):
        raise Forbidden(
            _(
                "Only supervisors, department heads and administrators may promote a case to the "
                "knowledge base."
            )
        )
