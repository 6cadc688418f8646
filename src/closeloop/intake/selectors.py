"""Reads for channel intake: which case a message or call belongs to, and the calls a user may see."""

import re

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from closeloop.cases.choices import FINAL_STATUSES, Channel, Status
from closeloop.cases.models import Case
from closeloop.core.errors import NotFound
from closeloop.intake.choices import CallOutcome
from closeloop.intake.mail import CASE_NUMBER_RE, ParsedMessage
from closeloop.intake.models import Call, InboundMessage
from closeloop.org.choices import ReplyChannel, Role
from closeloop.org.models import Customer, User
from closeloop.org.selectors import user_roles

# Roles that see every call; everyone else sees the calls they took or reported.
ALL_CALLS_ROLES = frozenset({Role.SUPERVISOR, Role.HEAD, Role.EXECUTIVE, Role.ADMIN, Role.AUDITOR})
# A merged case points at its survivor; a chain longer than this is a data error, not a case.
_MERGE_HOPS = 5


def case_answered(message: ParsedMessage) -> Case | None:
    """The open case an e-mail answers, if any.

    By its In-Reply-To/References (a message we received for a case, or the case's original
    message), else by a case number in the subject. A merged case stands for its survivor; a case
    that is final is not answered: the message is a new complaint.
    """
    case = None
    if message.references:
        earlier = (
            InboundMessage.objects.filter(message_id__in=message.references, case__isnull=False)
            .select_related("case")
            .order_by("-received_at", "-id")
            .first()
        )
        case = earlier.case if earlier else None
        if case is None:
            refs = [
                ref
                for ref in message.references
                if len(ref) <= Case._meta.get_field("external_ref").max_length
            ]
            case = Case.objects.filter(external_ref__in=refs).order_by("-registered_at", "-id").first()
    if case is None:
        numbers = CASE_NUMBER_RE.findall(message.subject)
        case = Case.objects.filter(number__in=numbers).order_by("-registered_at", "-id").first()
    for _hop in range(_MERGE_HOPS):
        if case is None or case.status != Status.MERGED or case.merged_into_id is None:
            break
        case = case.merged_into
    if case is None or case.status in FINAL_STATUSES:
        return None
    return case


def phone_variants(number: str) -> list[str]:
    """How a number may be stored: as given, digits only, and without the +86 / 0086 country code."""
    given = number.strip()
    digits = re.sub(r"\D", "", given)
    national = digits
    if digits.startswith("0086"):
        national = digits[4:]
    elif digits.startswith("86") and len(digits) == 13:
        national = digits[2:]
    return [v for v in dict.fromkeys([given, digits, national, f"+86{national}"]) if v and v != "+86"]


def caller_customer(number: str) -> Customer | None:
    return Customer.objects.filter(phone__in=phone_variants(number)).order_by("id").first()


def caller_open_case(number: str) -> Case | None:
    """The caller's most recent case that is not final, anywhere in the organisation: by the customer
    record's phone or the number given at intake."""
    variants = phone_variants(number)
    if not variants:
        return None
    customers = Customer.objects.filter(phone__in=variants).values("pk")
    return (
        Case.objects.exclude(status__in=FINAL_STATUSES)
        .filter(Q(customer__in=customers) | Q(complainant_phone__in=variants))
        .order_by("-registered_at", "-id")
        .first()
    )


def calls_visible(user: User) -> QuerySet[Call]:
    calls = Call.objects.select_related("agent", "case")
    if user_roles(user) & ALL_CALLS_ROLES:
        return calls
    return calls.filter(Q(agent=user) | Q(reported_by=user))


def calls_pending(user: User) -> QuerySet[Call]:
    """Calls waiting for intake: the user's own, or everyone's for those who see every call."""
    return calls_visible(user).filter(outcome=CallOutcome.PENDING_INTAKE).order_by("started_at", "id")


def call_for_intake(user: User, call_id: str | None) -> Call | None:
    """The pending call `?call=<id>` names on the intake form; None without one."""
    if not call_id:
        return None
    call = (
        calls_pending(user).filter(pk=int(call_id)).first()
        if call_id.isdigit() and len(call_id) < 19
        else None
    )
    if call is None:
        raise NotFound(_("No call %(id)s is waiting for intake.") % {"id": call_id})
    return call


def call_intake_initial(call: Call) -> dict:
    """The intake form's starting values for a call: phone channel, the call's start, the number and,
    when the number is known, the customer's name and e-mail."""
    initial = {
        "channel": Channel.PHONE,
        "contacted_at": timezone.localtime(call.started_at).replace(second=0, microsecond=0),
        "complainant_phone": call.customer_number,
        "preferred_channel": ReplyChannel.PHONE,
    }
    customer = caller_customer(call.customer_number)
    if customer is not None:
        initial.update(complainant_name=customer.name, complainant_email=customer.email)
    return initial
