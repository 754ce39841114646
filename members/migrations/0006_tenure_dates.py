"""任职起止: members get the date and way they joined, and the way they left.

Members already on the register joined when their term started (换届产生); those who left keep
their free-text reason as the note, their way of leaving recorded as 其他 until staff say more.
"""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill(apps, schema_editor):
    Term = apps.get_model("members", "Term")
    start = Subquery(Term.objects.filter(pk=OuterRef("term_id")).values("start_date")[:1])
    for name in ("Member", "HistoricalMember"):
        model = apps.get_model("members", name)
        model.objects.filter(joined_on__isnull=True).update(joined_on=start)
        model.objects.filter(left_on__isnull=False, left_how="").update(left_how="other")
    if schema_editor.connection.vendor == "postgresql":
        # A row updated twice in this transaction (a member who left) queues its deferred foreign-key
        # checks, and PostgreSQL refuses the ALTER TABLE below while they are pending: run them now.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):
    dependencies = [("members", "0005_move_proposals_and_evaluation_out")]

    operations = [
        migrations.AddField(
            model_name=name,
            field=models.DateField(null=True, verbose_name="任职日期",
                                   help_text="换届产生的委员为本届开始日期；补选的委员为补选日期。"),
            name="joined_on",
        )
        for name in ("member", "historicalmember")
    ] + [
        migrations.AddField(
            model_name=name,
            name="joined_how",
            field=models.CharField(choices=[("elected", "换届产生"), ("by_election", "补选")], default="elected",
                                   max_length=12, verbose_name="任职方式"),
        )
        for name in ("member", "historicalmember")
    ] + [
        migrations.AddField(
            model_name=name,
            name="left_how",
            field=models.CharField(blank=True, choices=[("resigned", "辞去"), ("removed", "撤销"),
                                                        ("term_ended", "届满"), ("other", "其他")],
                                   max_length=12, verbose_name="停止履职方式"),
        )
        for name in ("member", "historicalmember")
    ] + [
        migrations.AlterField(
            model_name=name,
            name="left_reason",
            field=models.CharField(blank=True, max_length=200, verbose_name="停止履职说明"),
        )
        for name in ("member", "historicalmember")
    ] + [
        migrations.RunPython(fill, migrations.RunPython.noop),
    ] + [
        migrations.AlterField(
            model_name=name,
            name="joined_on",
            field=models.DateField(verbose_name="任职日期",
                                   help_text="换届产生的委员为本届开始日期；补选的委员为补选日期。"),
        )
        for name in ("member", "historicalmember")
    ]
