"""Who may do what with publications. Views, the API and the services ask here.

Editors (supervisors, department heads, administrators) draft, rewrite, publish and withdraw and
moderate public comments; legal reviewers approve the desensitisation and may withdraw; checkers
(supervisors, heads, auditors, administrators) confirm accuracy against the case record. Who may do
a step on one publication (not their own text, two different checkers) is decided in `workflow`.
"""

from django.utils.translation import gettext as _

from closeloop.core.errors import Forbidden
from closeloop.org.choices import Role
from closeloop.org.models import User
from closeloop.org.selectors import user_roles

EDITOR_ROLES = frozenset({Role.SUPERVISOR, Role.HEAD, Role.ADMIN})
LEGAL_ROLES = frozenset({Role.LEGAL})
CHECKER_ROLES = frozenset({Role.SUPERVISOR, Role.HEAD, Role.AUDITOR, Role.ADMIN})
WITHDRAW_ROLES = EDITOR_ROLES | LEGAL_ROLES
READ_ROLES = EDITOR_ROLES | LEGAL_ROLES | CHECKER_ROLES


def _roles(user: User) -> frozenset[str]:
    return user_roles(user) if user.is_authenticated else frozenset()


def may_read(user: User) -> bool:
    return bool(_roles(user) & READ_ROLES)


def may_edit(user: User) -> bool:
    return bool(_roles(user) & EDITOR_ROLES)


def check_may_read(user: User) -> None:
    if not may_read(user):
        raise Forbidden(_("Publications are prepared by editors, legal reviewers and checkers."))


def check_may_edit(user: User) -> None:
    if not may_edit(user):
        raise Forbidden(_("Only supervisors, department heads and administrators edit publications."))
