"""Staff set each year's scoring rules; the dossier pages apply them at once."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cppcc import access
from cppcc.http import add_service_errors

from .. import services
from ..forms import GradeFormSet, RulesForm, SchemeForm
from ..models import ScoringScheme


def scheme_list(request: HttpRequest) -> HttpResponse:
    access.ensure_can_read_all(request.user)
    schemes = ScoringScheme.objects.annotate(n_rules=Count("rules")).order_by("-year")
    this_year = timezone.localdate().year
    known = sorted({s.year for s in schemes})
    # Each missing year offers to copy the latest earlier year that has rules, named on the button.
    missing = [
        (y, max((k for k in known if k < y), default=None))
        for y in (this_year + 1, this_year)
        if y not in known
    ]
    return render(request, "evaluation/scheme_list.html", {"schemes": schemes, "missing": missing})


def _scheme(year: int) -> ScoringScheme:
    scheme = (
        ScoringScheme.objects.filter(year=year).prefetch_related("rules", "category_caps", "grades").first()
    )
    if scheme is None:
        raise Http404
    return scheme


def scheme_edit(request: HttpRequest, year: int) -> HttpResponse:
    access.ensure_can_read_all(request.user)
    scheme = _scheme(year)
    grades_initial = [{"name": g.name, "min_total": g.min_total} for g in scheme.grades.all()]
    if request.method == "POST":
        access.ensure_can_edit(request.user)
        form = SchemeForm(request.POST, instance=scheme)
        rules = RulesForm(request.POST, scheme=scheme)
        grades = GradeFormSet(request.POST, prefix="grades", initial=grades_initial)
        if form.is_valid() and rules.is_valid() and grades.is_valid():
            bands = [(g["name"], g["min_total"]) for g in grades.cleaned_data if g.get("name")]
            try:
                services.scheme_save(
                    scheme=scheme,
                    fields=form.cleaned_data,
                    rules=rules.rules(),
                    caps=rules.caps(),
                    grades=bands,
                    actor=request.user,
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request, _("%(year)s 年度积分规则已保存，委员履职档案即时按新规则计分。") % {"year": year}
                )
                return redirect("evaluation:scheme_edit", year=year)
    else:
        form = SchemeForm(instance=scheme)
        rules = RulesForm(scheme=scheme)
        grades = GradeFormSet(prefix="grades", initial=grades_initial)
    return render(
        request,
        "evaluation/scheme_edit.html",
        {
            "scheme": scheme,
            "form": form,
            "rules": rules,
            "grades": grades,
        },
    )


@require_POST
def scheme_create(request: HttpRequest, year: int) -> HttpResponse:
    access.ensure_can_edit(request.user)
    try:
        if request.POST.get("from") == "previous":
            source = services.scheme_copy_latest(to_year=year, actor=request.user)
            messages.success(
                request,
                _("已按 %(prev)s 年度规则建立 %(year)s 年度规则。") % {"prev": source, "year": year},
            )
        else:
            services.scheme_create_default(year=year, actor=request.user)
            messages.success(request, _("已按默认规则建立 %(year)s 年度规则。") % {"year": year})
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("evaluation:schemes")
    return redirect("evaluation:scheme_edit", year=year)
