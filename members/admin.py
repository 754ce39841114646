from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import LiaisonGroup, Member, Sector, SpecialCommittee, Term


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


@admin.register(LiaisonGroup)
class LiaisonGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "order"]
    list_editable = ["order"]
