"""Duplicate and repeat complaints at intake (DESIGN §1 intake "Duplicates"; seed 002: one entry, one
record, no complaint handled twice).

Text similarity works on Chinese without segmentation: the title and description are normalised
(NFKC, lower case, only letters and digits kept) and cut into overlapping two-character
shingles; two texts are alike by the Jaccard index of their shingle sets. To find alike open cases
without comparing the new text with every case, each case stores the locality-sensitive-hashing
bands of its MinHash (`CaseSignature`); intake looks up the new text's buckets through the index,
then computes the exact similarity on the few cases found.

Changing `SHINGLE`, `BANDS`, `ROWS` or the MinHash scheme changes every bucket: run
`closeloop signatures_rebuild --all` afterwards.
"""

import hashlib
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

import numpy as np
from datasketch import MinHash
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from closeloop.cases import workflow
from closeloop.cases.choices import (
    CLOSED_STATUSES,
    FINAL_STATUSES,
    Action,
    DuplicateReason,
    SuggestionStatus,
    SystemEvent,
)
from closeloop.cases.models import Case, CaseSignature, DuplicateSuggestion
from closeloop.cases.selectors import visible_cases
from closeloop.core import clock, db
from closeloop.core.errors import Conflict, NotFound
from closeloop.org.models import User
from closeloop.org.selectors import user_roles
from closeloop.policy.selectors import duplicate_policy

# Two characters: most Chinese words are two characters long, so a reworded or reordered text keeps
# more of its shingles than with three (recall 0.97 against 0.89 at the shipped threshold, and no
# unrelated pair of the same category above 0.12: docs/benchmarks.md "Duplicate detection").
SHINGLE = 2
# 42 bands of 3 rows: a pair with Jaccard 0.4 shares a bucket with probability 1-(1-0.4³)⁴² = 0.94,
# 0.5 with 0.996, an unrelated pair (0.05) with 0.005.
BANDS = 42
ROWS = 3
# A fixed seed and scheme: stored buckets must be reproducible by every process and release.
_MINHASH = MinHash(num_perm=BANDS * ROWS, seed=20261123, scheme="affine32")
# Cases checked exactly per intake, and suggestions kept per case. Cases sharing a bucket are
# checked most shared bands first: a pair at the threshold shares 2.7 of the 42 bands on average,
# the same-category noise that also lands in some bucket mostly one, so the first ten hold the real
# candidates and every one checked costs reading and shingling its text.
CANDIDATE_LIMIT = 50
TEXT_CANDIDATE_LIMIT = 10
SUGGESTION_LIMIT = 10
REPEAT_STATUSES = CLOSED_STATUSES


# --- similarity ---------------------------------------------------------------------------------


def normalise(text: str) -> str:
    """Full-width to half-width, lower case, letters and digits only: punctuation, spaces and
    symbols say nothing about the matter."""
    folded = unicodedata.normalize("NFKC", text or "").lower()
    return "".join(ch for ch in folded if unicodedata.category(ch)[0] in "LN")


def shingles(text: str) -> frozenset[str]:
    plain = normalise(text)
    if len(plain) <= SHINGLE:
        return frozenset({plain}) if plain else frozenset()
    return frozenset(plain[i : i + SHINGLE] for i in range(len(plain) - SHINGLE + 1))


def case_text(title: str, description: str) -> str:
    """What a case says, as every text reader sees it (duplicates, the assist): offsets of the
    assist's phrases point into this string."""
    return f"{title.strip()}\n{description.strip()}".strip()


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard index of two shingle sets: 1 for the same text, near 0 for unrelated ones."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def buckets(parts: frozenset[str]) -> list[int]:
    """One bucket per band: a signed 64-bit hash of the band number and its MinHash values."""
    if not parts:
        return []
    sketch = MinHash(num_perm=BANDS * ROWS, permutations=_MINHASH.permutations, scheme="affine32")
    sketch.update_batch([p.encode() for p in parts])
    values = np.asarray(sketch.hashvalues, dtype="<u4")
    found = []
    for band in range(BANDS):
        digest = hashlib.blake2b(
            band.to_bytes(2, "little") + values[band * ROWS : (band + 1) * ROWS].tobytes(), digest_size=8
        ).digest()
        found.append(int.from_bytes(digest, "little", signed=True))
    return found


# --- signatures ---------------------------------------------------------------------------------


def signatures_build(cases: list[Case]) -> list[CaseSignature]:
    rows = []
    for case in cases:
        for bucket in set(buckets(shingles(case_text(case.title, case.description)))):
            rows.append(CaseSignature(case_id=case.pk, bucket=bucket))
    return rows


def signatures_prune() -> int:
    """Delete the signatures of final cases: they are never duplicate candidates (a matter that
    comes back after closing is a repeat, found by customer), and a case has some forty rows.
    A closed case that is reopened is signed again by `signature_restore`."""
    deleted, _per_model = CaseSignature.objects.filter(case__status__in=FINAL_STATUSES).delete()
    return deleted


def signature_restore(case: Case) -> None:
    CaseSignature.objects.bulk_create(signatures_build([case]), ignore_conflicts=True)


# --- search at intake ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Match:
    case: Case
    reason: DuplicateReason
    score: float


def _same_customer(case: Case) -> Q:
    """The same customer record, or the same phone, e-mail or ID number given on another record."""
    condition = Q(customer_id=case.customer_id)
    if case.complainant_phone:
        condition |= Q(complainant_phone=case.complainant_phone)
    if case.complainant_email:
        condition |= Q(complainant_email=case.complainant_email)
    id_number = case.customer.id_number
    if id_number:
        condition |= Q(customer__id_number=id_number)
    return condition


def _candidates(case: Case) -> QuerySet[Case]:
    return Case.objects.exclude(pk=case.pk).only(
        "id", "number", "title", "description", "status", "category_id", "customer_id", "closed_at"
    )


def duplicate_matches(
    case: Case, *, parts: frozenset[str] | None = None, keys: list[int] | None = None
) -> list[Match]:
    """Open cases that may be the same matter: the same customer's, and those with alike text,
    registered within the policy's window before this one and screened already. Best first.
    `parts` and `keys` are the case's shingles and buckets when the caller has them already."""
    policy = duplicate_policy()
    since = case.registered_at - timedelta(days=policy.window_days)
    threshold = float(policy.text_threshold)
    parts = shingles(case_text(case.title, case.description)) if parts is None else parts
    open_recent = (
        _candidates(case)
        .exclude(status__in=FINAL_STATUSES)
        .filter(registered_at__gte=since, screened_at__isnull=False)
    )
    found: dict[int, Match] = {}
    for other in open_recent.filter(_same_customer(case)).order_by("-registered_at")[:CANDIDATE_LIMIT]:
        score = similarity(parts, shingles(case_text(other.title, other.description)))
        found[other.pk] = Match(other, DuplicateReason.SAME_CUSTOMER, score)
    keys = buckets(parts) if keys is None else keys
    if keys:
        alike = (
            open_recent.filter(signatures__bucket__in=keys)
            .annotate(bands=Count("signatures"))
            .order_by("-bands", "-registered_at")[:TEXT_CANDIDATE_LIMIT]
        )
        for other in alike:
            if other.pk in found:
                continue
            score = similarity(parts, shingles(case_text(other.title, other.description)))
            if score >= threshold:
                found[other.pk] = Match(other, DuplicateReason.SIMILAR_TEXT, score)
    ranked = sorted(found.values(), key=lambda m: (m.reason != DuplicateReason.SAME_CUSTOMER, -m.score))
    return ranked[:SUGGESTION_LIMIT]


def repeat_match(case: Case, *, parts: frozenset[str] | None = None) -> Case | None:
    """The customer's latest closed or archived case this one repeats (重复投诉): closed within the
    repeat window and in the same category or with alike text. `parts`: the case's shingles, when
    the caller has them already."""
    policy = duplicate_policy()
    since = case.registered_at - timedelta(days=policy.repeat_window_days)
    earlier = (
        _candidates(case)
        .filter(_same_customer(case), status__in=REPEAT_STATUSES, closed_at__gte=since)
        .order_by("-closed_at", "-id")[:CANDIDATE_LIMIT]
    )
    for other in earlier:
        if other.category_id == case.category_id:
            return other
        parts = parts if parts is not None else shingles(case_text(case.title, case.description))
        other_parts = shingles(case_text(other.title, other.description))
        if similarity(parts, other_parts) >= float(policy.repeat_text_threshold):
            return other
    return None


def case_screen(case_id: int) -> bool:
    """Screen a registered case once its registration has committed: store its signature, record
    possible duplicates and mark a repeat complaint, with an audit event when anything was found.
    Notifies nobody. Returns False when the case was screened already: safe to run twice.

    Screenings run one at a time (each locks the same counter row): a screening must see the
    signature the one before it wrote, so that of two alike cases screened close together the
    second finds the first. Candidates are only cases screened before, so a pair is suggested once,
    on whichever was screened second (the newer one, when they are screened in order).

    The signature is written once: a case's title and description never change after intake (no
    service edits them, the admin is read-only). Were that to change, its rows would have to be
    rewritten, found by recomputing the old buckets (the table has no index by case)."""
    from closeloop.cases.services import event_record, sequence_reserve  # services → tasks → here

    with transaction.atomic():
        # Lost in a crash, a screening is redone by the sweep (its mark goes with it).
        db.commit_unflushed()
        sequence_reserve("duplicate-screening")
        case = (
            Case.objects.select_for_update(of=("self",))
            .select_related("customer")  # its ID number finds the same person on other records
            .filter(pk=case_id, screened_at__isnull=True)
            .first()
        )
        if case is None:
            return False
        parts = shingles(case_text(case.title, case.description))
        keys = buckets(parts)
        CaseSignature.objects.bulk_create(CaseSignature(case_id=case.pk, bucket=b) for b in set(keys))
        matches = duplicate_matches(case, parts=parts, keys=keys)
        now = clock.now()
        DuplicateSuggestion.objects.bulk_create(
            DuplicateSuggestion(
                case=case,
                candidate=m.case,
                reason=m.reason,
                score=Decimal(f"{m.score:.3f}"),
                created_at=now,
            )
            for m in matches
        )
        facts: dict = {}
        if matches:
            facts["possible_duplicates"] = [
                {"case": m.case.number, "reason": m.reason.value, "score": round(m.score, 3)} for m in matches
            ]
        earlier = repeat_match(case, parts=parts)
        if earlier is not None:
            case.repeat_of = earlier
            facts["repeat_of"] = earlier.number
        case.screened_at = now
        Case.objects.filter(pk=case.pk).update(repeat_of=case.repeat_of, screened_at=now)
        if facts:
            event_record(
                case=case, action=SystemEvent.SCREENED.value, actor=None, from_status=case.status, data=facts
            )
    return True


def unscreened(*, registered_before: datetime, limit: int) -> list[int]:
    """Cases whose screening never ran (a worker or the broker was down when they committed)."""
    return list(
        Case.objects.filter(screened_at__isnull=True, registered_at__lt=registered_before)
        .order_by("registered_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )


# --- reads --------------------------------------------------------------------------------------


def suggestion_list(user: User, case: Case) -> QuerySet[DuplicateSuggestion]:
    """The case's suggestions whose candidate the user may see: a suggestion never reveals a case
    outside the user's scope."""
    return (
        case.duplicate_suggestions.filter(candidate__in=visible_cases(user))
        .select_related("candidate", "decided_by")
        .order_by("status", "reason", "-score", "id")
    )


def repeat_rate(cases: QuerySet[Case]) -> dict:
    """The repeat-complaint rate (重复投诉率, a prevention KPI of DESIGN §1 supervision): the share of
    the given cases that repeat a closed one. `rate` is None when there are no cases."""
    counts = cases.order_by().aggregate(
        cases=Count("pk"), repeats=Count("pk", filter=Q(repeat_of__isnull=False))
    )
    total, repeats = counts["cases"], counts["repeats"]
    return {"cases": total, "repeats": repeats, "rate": round(repeats / total, 4) if total else None}


# --- decisions ----------------------------------------------------------------------------------


def _decidable(actor: User, case: Case, suggestion_id: int) -> DuplicateSuggestion:
    suggestion = (
        DuplicateSuggestion.objects.select_for_update()
        .filter(pk=suggestion_id, case=case, candidate__in=visible_cases(actor))
        .first()
    )
    if suggestion is None:
        raise NotFound(_("No such duplicate suggestion."))
    # Deciding on a suggestion is part of merging: the same roles, on the case in the same states.
    workflow.check(case, user_roles(actor), Action.MERGE)
    if suggestion.status != SuggestionStatus.OPEN:
        raise Conflict(
            _("This suggestion was already decided (%(status)s).")
            % {"status": suggestion.get_status_display()},
            detail={"status": suggestion.status},
        )
    return suggestion


def duplicate_dismiss(
    *, case: Case, actor: User, suggestion_id: int, reason: str = ""
) -> DuplicateSuggestion:
    """Not the same matter: the suggestion is closed and the case's trail says who decided."""
    from closeloop.cases.services import event_record  # services → duplicates: a cycle

    with transaction.atomic():
        locked = Case.objects.select_for_update().filter(pk=case.pk).first()
        if locked is None or not visible_cases(actor).filter(pk=case.pk).exists():
            raise NotFound(_("No case %(number)s.") % {"number": case.number})
        suggestion = _decidable(actor, locked, suggestion_id)
        suggestion.status = SuggestionStatus.DISMISSED
        suggestion.decided_by = actor
        suggestion.decided_at = clock.now()
        suggestion.save(update_fields=["status", "decided_by", "decided_at"])
        event_record(
            case=locked,
            action=SystemEvent.DUPLICATE_DISMISSED.value,
            actor=actor,
            from_status=locked.status,
            reason=(reason or "").strip(),
            data={"candidate": suggestion.candidate.number, "suggestion": suggestion.pk},
        )
    return suggestion


def suggestions_merged(*, case: Case, survivor: Case, actor: User) -> int:
    """Called by `case_merge`: the suggestions pairing the two cases are decided by the merge."""
    pair = Q(case=case, candidate=survivor) | Q(case=survivor, candidate=case)
    return DuplicateSuggestion.objects.filter(pair, status=SuggestionStatus.OPEN).update(
        status=SuggestionStatus.MERGED, decided_by=actor, decided_at=clock.now()
    )
