"""Console URLs of work contact orders, under /contact-orders/."""

from django.urls import path

from kefu.liaison import views

app_name = "liaison"
urlpatterns = [
    path("", views.order_list, name="list"),
    path("opinion-form/<str:number>.pdf", views.opinion_form, name="opinion_form"),
    path("<str:number>/", views.order_detail, name="detail"),
    path("<str:number>/steps/<slug:code>/", views.order_step, name="step"),
    path("<str:number>/pdf/", views.order_pdf, name="pdf"),
]
