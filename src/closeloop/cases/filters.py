import django_filters
from django.db.models import Q

from closeloop.cases.choices import Channel, Status
from closeloop.cases.models import Case
from closeloop.cases.selectors import overdue_q
from closeloop.policy.choices import Grade


class _CSVChoice(django_filters.BaseInFilter, django_filters.CharFilter):
    """`?status=registered,assigned` — several values, comma-separated."""


class CaseFilter(django_filters.FilterSet):
    status = _CSVChoice(field_name="status", help_text=f"Comma-separated: {', '.join(Status.values)}")
    grade = _CSVChoice(field_name="grade", help_text=f"Comma-separated: {', '.join(Grade.values)}")
    channel = _CSVChoice(field_name="channel", help_text=f"Comma-separated: {', '.join(Channel.values)}")
    category = django_filters.CharFilter(method="filter_category", help_text="Category code at any level.")
    department = django_filters.CharFilter(
        method="filter_department", help_text="Lead department id or code."
    )
    handler = django_filters.CharFilter(method="filter_handler", help_text="Handler id or username.")
    registered_from = django_filters.IsoDateTimeFilter(field_name="registered_at", lookup_expr="gte")
    registered_to = django_filters.IsoDateTimeFilter(field_name="registered_at", lookup_expr="lt")
    overdue = django_filters.BooleanFilter(method="filter_overdue", help_text="Past a deadline now.")
    q = django_filters.CharFilter(
        method="filter_search", help_text="Number, complainant, title or description."
    )
    ordering = django_filters.OrderingFilter(
        fields=["registered_at", "contacted_at", "resolution_due_at", "grade", "status", "number"]
    )

    class Meta:
        model = Case
        fields: list[str] = []

    def filter_category(self, qs, name, value):
        return qs.filter(
            Q(category__code=value)
            | Q(category__parent__code=value)
            | Q(category__parent__parent__code=value)
        )

    def filter_department(self, qs, name, value):
        return (
            qs.filter(lead_department_id=int(value))
            if value.isdigit()
            else qs.filter(lead_department__code=value)
        )

    def filter_handler(self, qs, name, value):
        return qs.filter(handler_id=int(value)) if value.isdigit() else qs.filter(handler__username=value)

    def filter_overdue(self, qs, name, value):
        return qs.filter(overdue_q()) if value else qs.exclude(overdue_q())

    def filter_search(self, qs, name, value):
        value = value.strip()
        if not value:
            return qs
        # Chinese has no letter case: a plain LIKE spares the database upper-casing every row.
        lookup = "contains" if value.upper() == value.lower() else "icontains"
        return qs.filter(
            Q(**{f"number__{lookup}": value})
            | Q(**{f"complainant_name__{lookup}": value})
            | Q(**{f"title__{lookup}": value})
            | Q(**{f"description__{lookup}": value})
        )
