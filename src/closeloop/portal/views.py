from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def new(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/new.html", {})


def track(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/track.html", {})
