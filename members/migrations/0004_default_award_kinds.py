from django.db import migrations

KINDS = (
    ("优秀委员", "total", 25, "优秀", True, 1),
    ("优秀提案领衔人", "proposal", 10, "", True, 2),
    ("优秀社情民意信息工作者", "sentiment", 10, "", True, 3),
)


def create(apps, schema_editor):
    AwardKind = apps.get_model("members", "AwardKind")
    for name, basis, top_n, min_grade, duties, order in KINDS:
        AwardKind.objects.get_or_create(name=name, defaults={
            "basis": basis, "top_n": top_n, "min_grade": min_grade, "require_duties": duties, "order": order})


def remove(apps, schema_editor):
    apps.get_model("members", "AwardKind").objects.filter(name__in=[k[0] for k in KINDS]).delete()


class Migration(migrations.Migration):
    dependencies = [("members", "0003_evaluation_runs_and_awards")]

    operations = [migrations.RunPython(create, remove)]
