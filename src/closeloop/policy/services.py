"""Writes to configuration: loading the shipped defaults without touching what managers changed."""

from django.db import transaction

from closeloop.org.models import Department
from closeloop.policy import defaults
from closeloop.policy.models import Category, CompensationStandard, EscalationRule, SlaPolicy
from closeloop.sla.services import calendar_load_package


@transaction.atomic
def defaults_load() -> dict[str, int]:
    """Create the shipped departments, taxonomy, compensation standards and SLA policies.

    Idempotent: rows that exist (by code or natural key) are left as the administrator edited them,
    so running it on every `make run` never duplicates or overwrites.
    """
    created = {
        "departments": 0,
        "categories": 0,
        "compensation_standards": 0,
        "sla_policies": 0,
        "escalation_rules": 0,
    }
    departments: dict[str, Department] = {d.code: d for d in Department.objects.all()}
    for row in defaults.DEPARTMENTS:
        if row["code"] not in departments:
            departments[row["code"]] = Department.objects.create(
                code=row["code"],
                name=row["name"],
                name_en=row["name_en"],
                parent=departments.get(row["parent"]) if row["parent"] else None,
            )
            created["departments"] += 1

    categories: dict[str, Category] = {c.code: c for c in Category.objects.all()}

    def walk(nodes: list[dict], parent: Category | None) -> None:
        for position, node in enumerate(nodes):
            category = categories.get(node["code"])
            if category is None:
                category = Category.objects.create(
                    code=node["code"],
                    name=node["name"],
                    name_en=node.get("name_en", ""),
                    parent=parent,
                    position=position,
                    guide=node.get("guide", ""),
                    default_department=departments.get(node.get("department", "")),
                )
                categories[category.code] = category
                created["categories"] += 1
            walk(node.get("children", []), category)

    walk(defaults.CATEGORIES, None)

    for row in defaults.COMPENSATION_STANDARDS:
        _, was_created = CompensationStandard.objects.get_or_create(
            category=categories[row["category"]],
            grade=row["grade"],
            remedy=row["remedy"],
            defaults={
                "min_amount": row["min_amount"],
                "max_amount": row["max_amount"],
                "legal_basis": row["legal_basis"],
                "description": row["description"],
            },
        )
        created["compensation_standards"] += was_created

    for row in defaults.SHIPPED_SLA:
        terms = dict(row)
        _, was_created = SlaPolicy.objects.get_or_create(
            grade=terms.pop("grade"), customer_tier=terms.pop("customer_tier", ""), defaults=terms
        )
        created["sla_policies"] += was_created
    for row in defaults.SHIPPED_ESCALATION:
        step = dict(row)
        _, was_created = EscalationRule.objects.get_or_create(code=step.pop("code"), defaults=step)
        created["escalation_rules"] += was_created
    created["calendar_days"] = calendar_load_package()
    return created
