"""Redaction policies: what each publication channel removes (DESIGN "Disclosure"; seed 003).

A policy is data: the kinds of personal data it removes, how names are replaced, and the people the
case already knows — its parties (name → gender) and the organisation's staff (name → role). The
shipped policies live here for now; the publication workflow passes a copy with the case's parties
(`policy.for_case(...)`), and a policy editable in the admin can replace this table later.
"""

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    """What a redacted span was. The values are the `kind` of the command's JSON output."""

    NAME = "name"
    STAFF = "staff"
    MOBILE = "mobile"
    LANDLINE = "landline"
    ID_CARD = "id_card"
    BANK_CARD = "bank_card"
    EMAIL = "email"
    PLATE = "plate"
    PASSPORT = "passport"
    ACCOUNT = "account"
    ORDER = "order"
    ADDRESS = "address"


class Gender(StrEnum):
    MALE = "male"
    FEMALE = "female"


class NameStyle(StrEnum):
    # seed 003: 张先生 / 李女士; 张某某 when the gender is unknown.
    TITLE = "title"
    # Surname kept, given name masked (张**): for channels where a title would read oddly.
    MASK = "mask"


@dataclass(frozen=True)
class Party:
    name: str
    gender: Gender | None = None


@dataclass(frozen=True)
class RedactionPolicy:
    name: str
    kinds: frozenset[Kind]
    name_style: NameStyle = NameStyle.TITLE
    mask: str = "*"
    parties: tuple[Party, ...] = ()
    # Staff are named by role only (seed 003: company-internal names are not published).
    staff: Mapping[str, str] = field(default_factory=dict)

    def for_case(
        self, *, parties: tuple[Party, ...] = (), staff: Mapping[str, str] | None = None
    ) -> "RedactionPolicy":
        """This policy with a case's known parties and staff added to its own."""
        return dataclasses.replace(
            self, parties=(*self.parties, *parties), staff={**self.staff, **(staff or {})}
        )


class UnknownPolicy(KeyError):
    pass


CONTACTS = frozenset(
    {Kind.MOBILE, Kind.LANDLINE, Kind.ID_CARD, Kind.BANK_CARD, Kind.EMAIL, Kind.PASSPORT, Kind.ACCOUNT}
)

POLICIES: dict[str, RedactionPolicy] = {
    # The public board, feed and printable notice: everything that could point at a person.
    "public": RedactionPolicy(name="public", kinds=frozenset(Kind)),
    # Shared inside the organisation (analysis, training): people stay named, contacts do not travel.
    "internal": RedactionPolicy(name="internal", kinds=CONTACTS),
}


def policy_get(name: str) -> RedactionPolicy:
    try:
        return POLICIES[name]
    except KeyError:
        raise UnknownPolicy(f"No redaction policy {name!r}; known: {', '.join(sorted(POLICIES))}.") from None
