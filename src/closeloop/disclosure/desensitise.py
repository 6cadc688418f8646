"""The one path from a case's text to public text: `redact_public(text, context)`.

A `CaseContext` is what the redaction engine should know about one case: the public policy with the
case's people (complainant, customer, liable persons, with a gender when a title says it) and the
staff who acted on it (named by their role), and the case's own personal values (phone, e-mail,
ID number, address, order reference), replaced wherever they appear before the engine's detectors
run. Composition uses it once; every public surface uses it again at render time.
"""

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import prefetch_related_objects
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from closeloop.cases.choices import LiablePartyType
from closeloop.cases.models import Case, Event
from closeloop.disclosure.choices import KIND_LABELS
from closeloop.disclosure.policies import Gender, Kind, Party, RedactionPolicy, policy_get
from closeloop.disclosure.redact import redact
from closeloop.org.choices import Role
from closeloop.org.models import User

# seed 003: 张先生 / 李女士 — a title written after the name says the gender.
_TITLES = (("先生", Gender.MALE), ("女士", Gender.FEMALE), ("小姐", Gender.FEMALE), ("太太", Gender.FEMALE))
# Shorter values are too likely to be ordinary words (a location "门店", a phone extension).
KNOWN_VALUE_MIN = 5
# A person known to the case by a name this short is a bare surname: replacing it everywhere would
# eat ordinary characters (周 in 周末), and a surname alone is what a publication may show anyway.
NAME_MIN = 2
# A staff member is named by the first of their roles in this order.
_ROLE_ORDER = [
    Role.HANDLER,
    Role.AGENT,
    Role.SUPERVISOR,
    Role.HEAD,
    Role.EXECUTIVE,
    Role.LEGAL,
    Role.AUDITOR,
    Role.ADMIN,
]
_PERSON_PARTIES = frozenset({LiablePartyType.CUSTOMER, LiablePartyType.THIRD_PARTY})


@dataclass(frozen=True)
class Redaction:
    kind: Kind
    original: str
    replacement: str


@dataclass(frozen=True)
class Redacted:
    text: str
    redactions: tuple[Redaction, ...]


@dataclass(frozen=True)
class CaseContext:
    policy: RedactionPolicy
    # (value as stored, its masked form, kind), longest first so a value goes before a part of it.
    known: tuple[tuple[str, str, Kind], ...] = ()


def person(name: str) -> tuple[str, Gender | None]:
    """A name without its title, and the gender the title says (周女士 → 周, female)."""
    name = (name or "").strip()
    for title, gender in _TITLES:
        if name.endswith(title) and len(name) > len(title):
            return name[: -len(title)], gender
    return name, None


def redact_public(text: str, context: CaseContext) -> Redacted:
    """`text` as the public may read it, with everything that was replaced."""
    text = text or ""
    redactions: list[Redaction] = []
    for value, masked, kind in context.known:
        if value in text:
            redactions.append(Redaction(kind, value, masked))
            text = text.replace(value, masked)
    result = redact(text, context.policy)
    redactions += [Redaction(s.kind, text[s.start : s.end], s.replacement) for s in result.spans]
    return Redacted(result.text, tuple(redactions))


def public_name(name: str, context: CaseContext) -> str:
    """The complainant as a publication names them: 周女士, 王先生, 张某某 without a title."""
    core, gender = person(name)
    if not core:
        return ""
    policy = context.policy.for_case(parties=(Party(core, gender),))
    return redact_public(redact(core, policy).text, context).text


# --- the context of a case ------------------------------------------------------------------------


def _phone_kind(value: str) -> Kind:
    digits = re.sub(r"\D", "", value)
    return Kind.MOBILE if re.fullmatch(r"(?:86)?1\d{10}", digits) else Kind.LANDLINE


def _known_values(case: Case) -> tuple[tuple[str, str, Kind], ...]:
    customer = case.customer
    raw: list[tuple[str, Kind]] = []
    for phone in (case.complainant_phone, customer.phone):
        phone = (phone or "").strip()
        digits = re.sub(r"\D", "", phone)
        raw += [(phone, _phone_kind(phone)), (digits, _phone_kind(phone))]
    raw += [(value, Kind.EMAIL) for value in (case.complainant_email, customer.email)]
    id_number = (customer.id_number or "").strip()
    raw += [(id_number, Kind.ID_CARD), (id_number.upper(), Kind.ID_CARD), (id_number.lower(), Kind.ID_CARD)]
    raw += [(customer.address, Kind.ADDRESS), (case.location, Kind.ADDRESS), (case.order_ref, Kind.ORDER)]
    public = policy_get("public")
    known = {}
    for value, kind in raw:
        value = (value or "").strip()
        if len(value) >= KNOWN_VALUE_MIN and value not in known:
            masked = redact(value, public, field=kind).text
            if masked != value:
                known[value] = (value, masked, kind)
    return tuple(sorted(known.values(), key=lambda item: -len(item[0])))


def _parties(case: Case) -> tuple[Party, ...]:
    names = [case.complainant_name, case.customer.name]
    for responsibility in case.responsibilities.all():
        names += [p.name for p in responsibility.parties.all() if p.party_type in _PERSON_PARTIES]
    parties = {}
    for name in names:
        core, gender = person(name)
        if len(core) >= NAME_MIN and (core not in parties or parties[core].gender is None):
            parties[core] = Party(core, gender)
    return tuple(parties.values())


def _role_label(user: User) -> str:
    roles = {m.role for m in user.memberships.all()}
    role = next((r for r in _ROLE_ORDER if r in roles), None)
    # Public text is in the organisation's language, whatever the editor's browser says.
    with translation.override(settings.LANGUAGE_CODE):
        return str(Role(role).label) if role else _("Staff member")


def _staff_ids(cases: list[Case]) -> dict[int, set[int]]:
    """Everyone who acted on each case (its audit trail) or holds a part in it."""
    ids: dict[int, set[int]] = defaultdict(set)
    actors = (
        Event.objects.filter(case__in=cases, actor__isnull=False)
        .values_list("case_id", "actor_id")
        .distinct()
    )
    for case_id, actor_id in actors:
        ids[case_id].add(actor_id)
    for case in cases:
        ids[case.pk] |= {case.registered_by_id, case.first_contact_owner_id}
        ids[case.pk] |= {case.handler_id} if case.handler_id else set()
        ids[case.pk] |= {plan.owner_id for plan in case.plans.all()}
    return ids


def _staff(case: Case, users: dict[int, User], ids: set[int]) -> dict[str, str]:
    staff = {}
    for user_id in ids:
        user = users.get(user_id)
        if user is None:
            continue
        for name in {user.display_name.strip(), user.get_full_name().strip()}:
            if len(name) >= NAME_MIN:
                staff[name] = _role_label(user)
    with translation.override(settings.LANGUAGE_CODE):
        employee = str(LiablePartyType.EMPLOYEE.label)
    for responsibility in case.responsibilities.all():
        for party in responsibility.parties.all():
            name = party.name.strip()
            if party.party_type == LiablePartyType.EMPLOYEE and len(name) >= NAME_MIN:
                staff.setdefault(name, employee)
    return staff


def contexts_for(cases: Iterable[Case]) -> dict[int, CaseContext]:
    """The context of each case, read in a fixed number of queries however many cases there are."""
    cases = list({case.pk: case for case in cases}.values())
    if not cases:
        return {}
    prefetch_related_objects(cases, "customer", "responsibilities__parties", "plans")
    staff_ids = _staff_ids(cases)
    every_id = set().union(*staff_ids.values())
    users = {u.pk: u for u in User.objects.filter(pk__in=every_id).prefetch_related("memberships")}
    public = policy_get("public")
    return {
        case.pk: CaseContext(
            policy=public.for_case(parties=_parties(case), staff=_staff(case, users, staff_ids[case.pk])),
            known=_known_values(case),
        )
        for case in cases
    }


def case_context(case: Case) -> CaseContext:
    return contexts_for([case])[case.pk]


# --- what the legal reviewer should look at again ---------------------------------------------------

LONG_NUMBER = gettext_lazy("Long number")
EMAIL_LIKE = gettext_lazy("Text with an @")
HOUSE_NUMBER = gettext_lazy("House or room number")
LATIN_NAME = gettext_lazy("Latin words that may be a name")
_CANDIDATES = [
    # Six digits or more in a row (separators allowed) that no mask interrupts: a number the engine
    # did not recognise as a phone, ID or card may still be one.
    (re.compile(r"(?<![\d*])\d(?:[\s-]?\d){5,}(?![\d*])"), LONG_NUMBER),
    (re.compile(r"[^\s@＠，。、；：]*[@＠][^\s，。、；：]*"), EMAIL_LIKE),
    (re.compile(r"[0-9０-９一二三四五六七八九十]{1,5}(?:号楼|号院|号|栋|幢|单元|室)"), HOUSE_NUMBER),
    (re.compile(r"(?<![A-Za-z])[A-Z][a-z]+(?:[ .·-]{1,2}[A-Z][a-z]+)+(?![A-Za-z])"), LATIN_NAME),
]


@dataclass(frozen=True)
class Candidate:
    label: str
    text: str


def remaining_candidates(public_text: str, context: CaseContext) -> list[Candidate]:
    """What a stricter look still flags in text that was already redacted: whatever the engine would
    remove on a second pass, and patterns it is allowed to keep but a person should look at."""
    found = [
        Candidate(str(kind_label(r.kind)), r.original) for r in redact_public(public_text, context).redactions
    ]
    for pattern, label in _CANDIDATES:
        found += [Candidate(str(label), m.group()) for m in pattern.finditer(public_text)]
    return list(dict.fromkeys(found))


def kind_label(kind: Kind | str) -> str:
    return str(KIND_LABELS.get(kind, kind))
