from django.core.management.base import BaseCommand

from demo.seed import planner_statistics, seed


class Command(BaseCommand):
    help = "Load the demo committee (第六届, Xingyang 2023) and the demo accounts; safe to run again."

    def handle(self, *args, **options):
        seed(self.stdout)
        planner_statistics()
