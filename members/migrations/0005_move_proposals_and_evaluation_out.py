"""Proposals, 社情民意 and the evaluation leave the members app for apps of their own.

Nothing is copied: each table is renamed to the name its new app gives it (auto-created many-to-many
tables follow their model), and the models leave this app's state. proposals/0001 and
evaluation/0001 take the state up and move the content type rows, so every dossier entry keeps
pointing at its source record.
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("members", "0004_default_award_kinds"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
            migrations.AlterModelTable(name='proposal', table='proposals_proposal'),
            migrations.AlterModelTable(name='sentimentreport', table='proposals_sentimentreport'),
            migrations.AlterModelTable(name='historicalproposal', table='proposals_historicalproposal'),
            migrations.AlterModelTable(name='historicalsentimentreport', table='proposals_historicalsentimentreport'),
            migrations.AlterModelTable(name='historicalproposal_cosigners', table='proposals_historicalproposal_cosigners'),
            migrations.AlterModelTable(name='historicalsentimentreport_authors', table='proposals_historicalsentimentreport_authors'),
            migrations.AlterModelTable(name='scoringscheme', table='evaluation_scoringscheme'),
            migrations.AlterModelTable(name='scoringrule', table='evaluation_scoringrule'),
            migrations.AlterModelTable(name='categorycap', table='evaluation_categorycap'),
            migrations.AlterModelTable(name='gradeband', table='evaluation_gradeband'),
            migrations.AlterModelTable(name='annualevaluation', table='evaluation_annualevaluation'),
            migrations.AlterModelTable(name='evaluationrun', table='evaluation_evaluationrun'),
            migrations.AlterModelTable(name='awardkind', table='evaluation_awardkind'),
            migrations.AlterModelTable(name='award', table='evaluation_award'),
            migrations.AlterModelTable(name='historicalscoringscheme', table='evaluation_historicalscoringscheme'),
            migrations.AlterModelTable(name='historicalscoringrule', table='evaluation_historicalscoringrule'),
            migrations.AlterModelTable(name='historicalcategorycap', table='evaluation_historicalcategorycap'),
            migrations.AlterModelTable(name='historicalgradeband', table='evaluation_historicalgradeband'),
            migrations.AlterModelTable(name='historicalawardkind', table='evaluation_historicalawardkind'),
            migrations.AlterModelTable(name='historicalaward', table='evaluation_historicalaward'),
            ],
            state_operations=[
            migrations.DeleteModel(name='HistoricalProposal_cosigners'),
            migrations.DeleteModel(name='HistoricalSentimentReport_authors'),
            migrations.DeleteModel(name='HistoricalProposal'),
            migrations.DeleteModel(name='HistoricalSentimentReport'),
            migrations.DeleteModel(name='HistoricalAward'),
            migrations.DeleteModel(name='HistoricalAwardKind'),
            migrations.DeleteModel(name='HistoricalScoringRule'),
            migrations.DeleteModel(name='HistoricalCategoryCap'),
            migrations.DeleteModel(name='HistoricalGradeBand'),
            migrations.DeleteModel(name='HistoricalScoringScheme'),
            migrations.DeleteModel(name='Award'),
            migrations.DeleteModel(name='AnnualEvaluation'),
            migrations.DeleteModel(name='EvaluationRun'),
            migrations.DeleteModel(name='ScoringRule'),
            migrations.DeleteModel(name='CategoryCap'),
            migrations.DeleteModel(name='GradeBand'),
            migrations.DeleteModel(name='AwardKind'),
            migrations.DeleteModel(name='ScoringScheme'),
            migrations.DeleteModel(name='Proposal'),
            migrations.DeleteModel(name='SentimentReport'),
            ],
        ),
    ]
