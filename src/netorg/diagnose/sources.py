"""The diagnosis's standard tables, whatever the source: the bundled census or a register.

`units`: code, name, level, parent, population (every level, the country at the root).
`cells`: at the finest level, one row per unit and activity: establishments, jobs, and the counts
by size and founding date (`sized`, `sme`, `large`, `dated`, `before_<year>`), missing when the
source gives them only for all activities together.
`profile`: the same counts per finest unit for all activities, plus the public-service and
non-profit establishments (`public`, `nonprofit`) when the source has them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd


@dataclass
class Facts:
    units: pd.DataFrame
    cells: object  # a pandas DataFrame or a pyarrow Table (large registers stay in Arrow)
    profile: object
    country: str | None
    source: str  # where the figures come from: a URL or the files read
    activity_labels: dict[str, dict[str, str]] = field(default_factory=dict)
    citation: str = ""

    def activity_label(self, code: str, lang: str) -> str:
        labels = self.activity_labels.get(code, {})
        return labels.get(lang) or labels.get("en") or code
