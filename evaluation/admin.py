from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import AwardKind, CategoryCap, GradeBand, ScoringRule, ScoringScheme


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
