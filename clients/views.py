from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.decorators import role_required
from accounts.roles import Role
from audit.services import audit_read
from clients.selectors import client_get_for_user, client_list_for_user


@role_required(Role.STAFF, Role.PARTNER, Role.ADMIN)
def client_list(request: HttpRequest) -> HttpResponse:
    clients = client_list_for_user(user=request.user)
    return render(request, "clients/client_list.html", {"clients": clients})


@role_required(Role.STAFF, Role.PARTNER, Role.ADMIN)
def client_detail(request: HttpRequest, public_id) -> HttpResponse:
    client = client_get_for_user(user=request.user, public_id=public_id)
    audit_read(request=request, action="client.view", obj=client)
    logins = client.logins.order_by("full_name")
    return render(request, "clients/client_detail.html", {"client": client, "logins": logins})
