from django.urls import path

from closeloop.supervision import views

app_name = "supervision"

urlpatterns = [
    path("", views.order_list, name="orders"),
    path("cases/<str:case_number>/issue/", views.order_issue, name="issue"),
    path("<str:number>/", views.order_detail, name="order"),
    path("<str:number>/reply/", views.order_reply, name="reply"),
    path("<str:number>/close/", views.order_close, name="close"),
]
