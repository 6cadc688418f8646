from django.db.models import Exists, OuterRef, Q
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from closeloop.cases.selectors import customer_directory
from closeloop.org import selectors
from closeloop.org.models import Membership, User
from closeloop.org.serializers import CustomerOutput, DepartmentOutput, MeOutput, StaffOutput


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
        qs = customer_directory(self.request.user)
        phone = self.request.query_params.get("phone")
        name = self.request.query_params.get("name")
        if phone:
            qs = qs.filter(phone=phone)
        if name:
            qs = qs.filter(name__icontains=name)
        return qs
