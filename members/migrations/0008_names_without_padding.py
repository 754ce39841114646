"""Names are stored as people search for them: the spaces offices pad Chinese names with go."""

import re

from django.db import migrations

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_SPACES = re.compile(r"[\s\u3000\u00a0\u200b]+")


def clean(apps, schema_editor):
    Member = apps.get_model("members", "Member")
    changed = []
    for member in Member.objects.only("pk", "name").iterator():
        value = member.name.strip().strip("\u3000")
        value = _SPACES.sub("", value) if _CJK.search(value) else _SPACES.sub(" ", value).strip()
        if value != member.name:
            member.name = value
            changed.append(member)
    Member.objects.bulk_update(changed, ["name"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("members", "0007_plausible_dates")]

    operations = [migrations.RunPython(clean, migrations.RunPython.noop)]
