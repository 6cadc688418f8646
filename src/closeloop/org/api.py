from django.db.models import Exists, OuterRef, Q
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from closeloop.cases.selectors import visible_cases
from closeloop.org import selectors
from closeloop.org.choices import Role
from closeloop.org.models import Membership, User
from closeloop.org.selectors import user_roles
from closeloop.org.serializers import CustomerOutput, DepartmentOutput, MeOutput, StaffOutput

# Roles that look customers up across the organisation (intake needs history; supervisors profiles).
CUSTOMER_DIRECTORY_ROLES = frozenset(
    {Role.AGENT, Role.SUPERVISOR, Role.HEAD, Role.EXECUTIVE, Role.AUDITOR, Role.ADMIN}
)


class Me(APIView):
    @extend_schema(responses=MeOutput, summary="The signed-in user with roles and departments")
    def get(self, request: Request) -> Response:
        user = User.objects.prefetch_related("memberships__department", "skills").get(pk=request.user.pk)
        return Response(MeOutput(user).data)


class DepartmentList(generics.ListAPIView):
    serializer_class = DepartmentOutput
    pagination_class = None
    queryset = selectors.department_list()


class StaffList(generics.ListAPIView):
    serializer_class = StaffOutput

    def get_queryset(self):
        qs = selectors.staff_list().order_by("username")
        department = self.request.query_params.get("department")
        role = self.request.query_params.get("role")
        if department or role:
            memberships = Membership.objects.filter(user=OuterRef("pk"))
            if department:
                memberships = memberships.filter(
                    Q(department__code=department)
                    | Q(department_id=int(department) if department.isdigit() else 0)
                )
            if role:
                memberships = memberships.filter(role=role)
            qs = qs.filter(Exists(memberships))
        return qs


class CustomerList(generics.ListAPIView):
    serializer_class = CustomerOutput

    def get_queryset(self):
        qs = selectors.customer_list()
        if not user_roles(self.request.user) & CUSTOMER_DIRECTORY_ROLES:
            # Handlers and legal see only the customers of cases they may see (least privilege).
            qs = qs.filter(pk__in=visible_cases(self.request.user).values("customer_id"))
        phone = self.request.query_params.get("phone")
        name = self.request.query_params.get("name")
        if phone:
            qs = qs.filter(phone=phone)
        if name:
            qs = qs.filter(name__icontains=name)
        return qs
