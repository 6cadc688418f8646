from rest_framework import generics

from closeloop.policy.models import CompensationStandard, SlaPolicy
from closeloop.policy.selectors import category_tree
from closeloop.policy.serializers import CategoryOutput, CompensationStandardOutput, SlaPolicyOutput


class CategoryList(generics.ListAPIView):
    serializer_class = CategoryOutput
    pagination_class = None

    def get_queryset(self):
        qs = category_tree()
        level = self.request.query_params.get("level")
        return qs.filter(level=int(level)) if level and level.isdigit() else qs


class CompensationStandardList(generics.ListAPIView):
    serializer_class = CompensationStandardOutput
    pagination_class = None
    queryset = CompensationStandard.objects.filter(active=True).select_related("category")


class SlaPolicyList(generics.ListAPIView):
    serializer_class = SlaPolicyOutput
    pagination_class = None
    queryset = SlaPolicy.objects.all()
