"""履职积分: the one scoring module. The dossier page and the annual rollup both call it, so the
score a member sees and the evaluation the committee publishes never disagree.

Scoring works on *groups* of confirmed entries — (kind, role, joint size) with a count — which one
aggregate query returns for one member or for the whole committee. Points per kind are
count × points, limited by the kind's cap; a category's points are limited by the category cap;
the total is the base score plus the categories. Joint proposals are split by the year's mode.
"""

from .duties import DUTY_LABELS, Duty, duties, required_duties, served_share
from .ledger import counted_entries, entry_groups, groups_of
from .rules import FULL_YEAR, ZERO, Group, Rule, Scheme, load_scheme
from .score import Breakdown, CategoryLine, KindLine, evaluate, grade_for, share

__all__ = [
    "DUTY_LABELS",
    "FULL_YEAR",
    "ZERO",
    "Breakdown",
    "CategoryLine",
    "Duty",
    "Group",
    "KindLine",
    "Rule",
    "Scheme",
    "counted_entries",
    "duties",
    "entry_groups",
    "evaluate",
    "grade_for",
    "groups_of",
    "load_scheme",
    "required_duties",
    "served_share",
    "share",
]
