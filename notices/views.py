from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.decorators import role_required
from accounts.roles import Role


@role_required(Role.CLIENT)
def notice_list(request: HttpRequest) -> HttpResponse:
    """The client's home: their household's notices (upload arrives with the reader)."""
    return render(request, "notices/notice_list.html", {"client": request.user.client})
