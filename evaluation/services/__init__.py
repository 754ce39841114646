"""Every write of the evaluation app: yearly rules, the rollup and its runs, award nominations."""

from .awards import award_decide, awards_propose
from .rollup import RollupResult, evaluation_compute, members_of_year
from .runs import (
    evaluation_publish,
    evaluation_queue,
    evaluation_rollup,
    evaluation_run,
    evaluation_run_fail,
    evaluation_run_requeue,
)
from .schemes import scheme_copy, scheme_copy_latest, scheme_create_default, scheme_save

__all__ = [
    "RollupResult",
    "award_decide",
    "awards_propose",
    "evaluation_compute",
    "evaluation_publish",
    "evaluation_queue",
    "evaluation_rollup",
    "evaluation_run",
    "evaluation_run_fail",
    "evaluation_run_requeue",
    "members_of_year",
    "scheme_copy",
    "scheme_copy_latest",
    "scheme_create_default",
    "scheme_save",
]
