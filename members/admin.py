from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    AwardKind,
    CategoryCap,
    GradeBand,
    Member,
    ScoringRule,
    ScoringScheme,
    Sector,
    SpecialCommittee,
    Term,
)


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    list_display = ["name", "number", "start_date", "end_date", "is_current"]


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ["name", "order"]
    list_editable = ["order"]


@admin.register(SpecialCommittee)
class SpecialCommitteeAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "order"]
    list_editable = ["order"]


@admin.register(Member)
class MemberAdmin(SimpleHistoryAdmin):
    list_display = ["name", "sector", "committee", "is_standing", "status", "term"]
    list_filter = ["status", "is_standing", "term", "sector", "committee"]
    search_fields = ["name", "phone", "id_number"]
    list_select_related = ["sector", "committee", "term"]
    raw_id_fields = ["user"]


@admin.register(AwardKind)
class AwardKindAdmin(SimpleHistoryAdmin):
    list_display = ["name", "basis", "top_n", "min_grade", "require_duties", "is_active", "order"]
    list_editable = ["is_active", "order"]


class ScoringRuleInline(admin.TabularInline):
    model = ScoringRule
    extra = 0


class CategoryCapInline(admin.TabularInline):
    model = CategoryCap
    extra = 0


class GradeBandInline(admin.TabularInline):
    model = GradeBand
    extra = 0


@admin.register(ScoringScheme)
class ScoringSchemeAdmin(SimpleHistoryAdmin):
    list_display = ["year", "base_score", "cosigner_mode", "require_plenary", "min_activities"]
    inlines = [ScoringRuleInline, CategoryCapInline, GradeBandInline]
