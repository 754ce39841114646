from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from evaluation import services
from evaluation.models import EvaluationRun


class Command(BaseCommand):
    help = "Evaluate a year synchronously (the same rollup Celery runs), and print what it did."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)

    def handle(self, *args, year: int, **options):
        try:
            run = services.evaluation_run(services.evaluation_queue(year=year))
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        if run.status != EvaluationRun.Status.DONE:
            raise CommandError(run.error)
        self.stdout.write(f"{year} 年度考评完成：{run.members} 名委员，用时 {run.seconds} 秒")
