"""Input formats shared by the API and the pages."""

import re

from django.utils.translation import gettext_lazy as _

# Mainland mobiles, landlines with area codes and international numbers; spaces and dashes allowed.
PHONE_RE = re.compile(r"^\+?[0-9][0-9 \-]{4,24}$")
PHONE_HELP = _("Digits, spaces and dashes only, e.g. 13800138000.")
