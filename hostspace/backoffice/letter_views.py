"""Activation letters in the Wagtail admin: one host at a time, or a batch with progress.

Agents (permission ``accounts.add_activationcode``) see only the hosts of their
collectivity. Generating a letter issues a new code and revokes the previous
one, so it is a POST; a batch runs in the job queue and its page polls a
small JSON status view (static JS, no inline script).
"""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Max
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from hostspace.backoffice import letters
from hostspace.backoffice.models import LetterBatch
from hostspace.records.documents import PrivateStorage
from hostspace.records.models import Host
from portal import tenancy

PERMISSION = "accounts.add_activationcode"
PAGE_SIZE = 50


def can_print_letters(user):
    """Printing a letter issues a new code: only staff allowed to create codes see the way to it."""
    return user.has_perm(PERMISSION)


def _require_agent(request):
    if not can_print_letters(request.user):
        raise PermissionDenied


def index(request):
    """Hosts still waiting for activation, with the date of their last letter, and the batch button."""
    _require_agent(request)
    site = tenancy.working_collectivity(request)
    waiting = letters.hosts_without_account(site).annotate(last_letter=Max("activation_codes__created_at"))
    page = Paginator(waiting, PAGE_SIZE).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "backoffice/letters/admin_index.html",
        {"site": site, "page_obj": page, "waiting_count": page.paginator.count, "header_icon": "mail"},
    )


def host_letter(request, pk):
    """GET: confirm (a new code replaces the old one); POST: issue the code and download the PDF."""
    _require_agent(request)
    host = get_object_or_404(tenancy.scope(Host.objects.select_related("site"), request.user), pk=pk)
    if request.method != "POST":
        return TemplateResponse(request, "backoffice/letters/admin_host.html", {"host": host, "header_icon": "mail"})
    if host.user_id is not None:
        raise Http404
    pdf = letters.letter_for(host, issued_by=request.user)
    response = HttpResponse(pdf, content_type="application/pdf")
    name = slugify(f"lettre-activation-{host.last_name}-{host.pk}") or f"lettre-{host.pk}"
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


@require_POST
def start_batch(request):
    """Letters for every host of the collectivity still waiting for activation."""
    _require_agent(request)
    site = tenancy.working_collectivity(request)
    host_ids = list(letters.hosts_without_account(site).values_list("pk", flat=True))
    if not host_ids:
        return redirect("hostspace_letters:index")
    batch = letters.request_batch(site, host_ids, issued_by=request.user)
    return redirect("hostspace_letters:batch", job_id=batch.pk)


def _job_for(request, job_id):
    _require_agent(request)
    return letters.state_of(get_object_or_404(tenancy.scope(LetterBatch.objects.all(), request.user), pk=job_id))


def batch(request, job_id):
    job = _job_for(request, job_id)
    return TemplateResponse(
        request,
        "backoffice/letters/admin_batch.html",
        {
            "job": job,
            "status_url": reverse("hostspace_letters:batch_status", args=[job_id]),
            "download_url": reverse("hostspace_letters:batch_download", args=[job_id]),
            "header_icon": "mail",
        },
    )


def batch_status(request, job_id):
    job = _job_for(request, job_id)
    return JsonResponse(
        {"status": job.status, "done": job.done, "total": job.total}, headers={"Cache-Control": "no-store"}
    )


def batch_download(request, job_id):
    job = _job_for(request, job_id)
    if job.status != LetterBatch.Status.DONE or not job.file:
        raise Http404
    storage = PrivateStorage()
    if not storage.exists(job.file):
        raise Http404
    stamp = timezone.localdate().isoformat()
    response = FileResponse(
        storage.open(job.file, "rb"),
        as_attachment=True,
        filename=f"lettres-activation-{stamp}.pdf",
        content_type="application/pdf",
    )
    response["Cache-Control"] = "no-store"
    return response


urlpatterns = [
    path("", index, name="index"),
    path("hebergeur/<int:pk>/", host_letter, name="host"),
    path("lot/", start_batch, name="start_batch"),
    path("lot/<uuid:job_id>/", batch, name="batch"),
    path("lot/<uuid:job_id>/etat/", batch_status, name="batch_status"),
    path("lot/<uuid:job_id>/pdf/", batch_download, name="batch_download"),
]


@hooks.register("register_admin_urls")
def register_letter_urls():
    return [path("lettres-activation/", include((urlpatterns, "hostspace_letters"), namespace="hostspace_letters"))]


class LettersMenuItem(MenuItem):
    def is_shown(self, request):
        return can_print_letters(request.user)


@hooks.register("register_admin_menu_item")
def register_letters_menu_item():
    return LettersMenuItem(
        gettext_lazy("Lettres d'activation"), reverse("hostspace_letters:index"), icon_name="mail", order=310
    )
