from django.db import migrations

UNIT_GROUP = "承办单位"


def create_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.get_or_create(name=UNIT_GROUP)


def remove_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name=UNIT_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [("cppcc", "0002_submit_tokens")]

    operations = [migrations.RunPython(create_group, remove_group)]
