"""The four levels a committee starts with, and each report's single adoption and 批示 turned into
records: an old adoption becomes one 采用 record at that level, an old 批示 one instruction. The
dossier entry an old 批示 gave moves to the instruction, which is now its source."""

from django.db import migrations

LEVELS = [("本级", "local", 1), ("上级市", "city", 2), ("省", "province", 3), ("全国", "national", 4)]
# Highest first: the one the old single field keeps when going back.
TIER_RANK = {"national": 0, "province": 1, "city": 2, "local": 3}


def forwards(apps, schema_editor):
    Level = apps.get_model("sentiments", "SentimentLevel")
    Report = apps.get_model("sentiments", "SentimentReport")
    Forwarding = apps.get_model("sentiments", "SentimentForwarding")
    Instruction = apps.get_model("sentiments", "SentimentInstruction")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Entry = apps.get_model("members", "DossierEntry")
    levels = {}
    for name, tier, order in LEVELS:
        levels[tier] = Level.objects.get_or_create(tier=tier, defaults={"name": name, "order": order})[0]
    report_type = ContentType.objects.filter(app_label="sentiments", model="sentimentreport").first()
    instruction_type, _ = ContentType.objects.get_or_create(app_label="sentiments", model="sentimentinstruction")
    for report in Report.objects.exclude(adoption_level="", instruction_on__isnull=True).iterator():
        if report.adoption_level and report.adopted_on:
            Forwarding.objects.create(
                report=report,
                action="adopted",
                level=levels[report.adoption_level],
                date=report.adopted_on,
                body=report.adopted_by,
            )
        if report.instruction_on:
            instruction = Instruction.objects.create(
                report=report,
                leader=report.instruction_by,
                level=levels[report.instruction_level or "city"],
                date=report.instruction_on,
                content=report.instruction_content,
            )
            if report_type is not None:
                Entry.objects.filter(
                    source_type=report_type, source_id=report.pk, kind="sentiment_instructed"
                ).update(source_type=instruction_type, source_id=instruction.pk)


def backwards(apps, schema_editor):
    Report = apps.get_model("sentiments", "SentimentReport")
    Forwarding = apps.get_model("sentiments", "SentimentForwarding")
    Instruction = apps.get_model("sentiments", "SentimentInstruction")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Entry = apps.get_model("members", "DossierEntry")
    report_type, _ = ContentType.objects.get_or_create(app_label="sentiments", model="sentimentreport")
    instruction_type = ContentType.objects.filter(app_label="sentiments", model="sentimentinstruction").first()
    for report in Report.objects.iterator():
        adoptions = sorted(
            (f for f in Forwarding.objects.filter(report=report, action="adopted").select_related("level")
             if f.level.tier != "local"),
            key=lambda f: (TIER_RANK[f.level.tier], f.date),
        )
        instruction = Instruction.objects.filter(report=report).select_related("level").order_by("date", "pk").first()
        if not adoptions and instruction is None:
            continue
        if adoptions:
            report.adoption_level = adoptions[0].level.tier
            report.adopted_on = adoptions[0].date
            report.adopted_by = adoptions[0].body[:100]
        if instruction is not None:
            report.instruction_by = instruction.leader
            tier = instruction.level.tier
            report.instruction_level = tier if tier != "local" else ""
            report.instruction_on = instruction.date
            report.instruction_content = instruction.content
            if instruction_type is not None:
                Entry.objects.filter(source_type=instruction_type, source_id=instruction.pk).update(
                    source_type=report_type, source_id=report.pk
                )
        report.save()
    if instruction_type is not None:
        Entry.objects.filter(source_type=instruction_type).delete()
    Forwarding.objects.all().delete()
    Instruction.objects.all().delete()
    apps.get_model("sentiments", "SentimentLevel").objects.all().delete()


class Migration(migrations.Migration):

    dependencies = [
        ("sentiments", "0002_levels_forwardings_instructions"),
        ("members", "0012_entry_confirmed_member_date"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
