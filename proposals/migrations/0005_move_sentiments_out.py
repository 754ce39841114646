"""社情民意 leaves the proposals app for an app of its own (sentiments/).

Nothing is copied: each table is renamed to the name the new app gives it (the authors table follows
its model), and the models leave this app's state. sentiments/0001 takes the state up and moves the
content type rows, so every dossier entry keeps pointing at its report.
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("proposals", "0004_sentiment_suggestion"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable(name="sentimentreport", table="sentiments_sentimentreport"),
                migrations.AlterModelTable(
                    name="historicalsentimentreport", table="sentiments_historicalsentimentreport"
                ),
                migrations.AlterModelTable(
                    name="historicalsentimentreport_authors",
                    table="sentiments_historicalsentimentreport_authors",
                ),
            ],
            state_operations=[
                migrations.DeleteModel(name="HistoricalSentimentReport_authors"),
                migrations.DeleteModel(name="HistoricalSentimentReport"),
                migrations.DeleteModel(name="SentimentReport"),
            ],
        ),
    ]
