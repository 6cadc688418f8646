from django import template

from closeloop.imports.services import may_import as _may_import

register = template.Library()


@register.simple_tag
def may_import(user) -> bool:
    """Whether the navigation offers the import page to `user`."""
    return user.is_authenticated and _may_import(user)
