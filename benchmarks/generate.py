"""Generate realistic synthetic case studies in the spreadsheet template, deterministically.

Each synthetic case copies the *profile* of a real case of the bundled corpus, chosen at random:
its initiative, public recognitions, the mix of its member types and of their membership periods
(years from and to), whether it has a pivot firm and the mix of its relation types. So the
synthetic data has the corpus's mix of typology classes, structures and network kinds without any
of them being written here. Sizes follow the template's issue: 10 to 50 members a case.

    python benchmarks/generate.py 10000 --out /tmp/cases-10k --seed 7
"""

from __future__ import annotations

import argparse
import csv
import random
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from netorg.resources import corpus_dir

CASES = ["case_id", "name", "country", "region", "sector", "nace", "initiative", "declared_type",
         "founded", "lat", "lon", "source"]
MEMBERS = ["case_id", "member_id", "name", "type", "size", "employees", "pivot", "from", "to",
           "source"]
RELATIONS = ["case_id", "source_member", "target_member", "type", "formal", "market", "source"]
RECOGNITIONS = ["case_id", "label", "authority", "level", "from", "to", "source"]
SOURCE = "synthetic: netorg benchmarks/generate.py"


@dataclass
class Profile:
    """What a real case looks like, stripped of its names."""

    case: dict[str, str]
    member_types: list[str] = field(default_factory=list)
    member_periods: list[tuple[str, str]] = field(default_factory=list)  # (from, to) years
    relation_types: list[str] = field(default_factory=list)
    recognitions: list[dict[str, str]] = field(default_factory=list)
    has_pivot: bool = False
    relations_per_member: float = 0.0


def read_profiles(corpus: Path) -> list[Profile]:
    rows = {name: _read(corpus / f"{name}.csv") for name in
            ("cases", "members", "relations", "recognitions")}
    profiles = {row["case_id"]: Profile(case=row) for row in rows["cases"]}
    for row in rows["members"]:
        profile = profiles[row["case_id"]]
        profile.member_types.append(row["type"])
        profile.member_periods.append((row["from"], row["to"]))
        profile.has_pivot |= row["pivot"].strip().lower() == "yes"
    for row in rows["relations"]:
        profiles[row["case_id"]].relation_types.append(row["type"])
    for row in rows["recognitions"]:
        profiles[row["case_id"]].recognitions.append(row)
    for profile in profiles.values():
        if profile.member_types:
            profile.relations_per_member = len(profile.relation_types) / len(profile.member_types)
    return list(profiles.values())


def generate(n: int, out: Path, seed: int = 0, corpus: Path | None = None) -> Counter[str]:
    """Write `n` cases as the four CSV files of the template into `out`; return row counts."""
    rng = random.Random(seed)
    profiles = read_profiles(corpus or corpus_dir())
    all_member_types = [t for p in profiles for t in p.member_types] or ["firm"]
    all_relation_types = [t for p in profiles for t in p.relation_types] or ["cooperation"]
    out.mkdir(parents=True, exist_ok=True)
    counts: Counter[str] = Counter()
    with _writer(out / "cases.csv", CASES) as cases, \
            _writer(out / "members.csv", MEMBERS) as members, \
            _writer(out / "relations.csv", RELATIONS) as relations, \
            _writer(out / "recognitions.csv", RECOGNITIONS) as recognitions:
        for i in range(n):
            profile = rng.choice(profiles)
            case_id = f"synthetic-{i:06d}"
            cases.writerow(_case_row(case_id, profile, rng))
            member_ids = []
            for row in _member_rows(case_id, profile, all_member_types, rng):
                members.writerow(row)
                member_ids.append(row["member_id"])
            for row in _relation_rows(case_id, profile, member_ids, all_relation_types, rng):
                relations.writerow(row)
                counts["relations"] += 1
            for row in profile.recognitions:
                recognitions.writerow({**row, "case_id": case_id, "source": SOURCE})
                counts["recognitions"] += 1
            counts["cases"] += 1
            counts["members"] += len(member_ids)
    return counts


def _case_row(case_id: str, profile: Profile, rng: random.Random) -> dict[str, str]:
    real = profile.case
    return {**{k: real.get(k, "") for k in CASES}, "case_id": case_id,
            "name": f"Synthetic case {case_id[-6:]} ({real.get('sector', '')})".strip(),
            "founded": str(rng.randint(1850, 2015)), "source": SOURCE}


def _member_rows(case_id: str, profile: Profile, fallback: list[str],
                 rng: random.Random) -> Iterator[dict[str, str]]:
    types = profile.member_types or fallback
    count = rng.randint(10, 50)
    for k in range(count):
        member_type = "firm" if (k == 0 and profile.has_pivot) else rng.choice(types)
        employees = str(int(rng.lognormvariate(3.0, 1.6)) + 1) if member_type == "firm" else ""
        start, end = rng.choice(profile.member_periods) if profile.member_periods else ("", "")
        yield {"case_id": case_id, "member_id": f"m{k:02d}", "name": f"Member {k} of {case_id}",
               "type": member_type, "size": "", "employees": employees,
               "pivot": "yes" if (k == 0 and profile.has_pivot) else "no",
               "from": start, "to": end, "source": SOURCE}


def _relation_rows(case_id: str, profile: Profile, member_ids: list[str], fallback: list[str],
                   rng: random.Random) -> Iterator[dict[str, str]]:
    types = profile.relation_types or fallback
    count = round(len(member_ids) * max(profile.relations_per_member, 0.5))
    seen: set[tuple[str, str]] = set()
    for _ in range(count):
        source = member_ids[0] if profile.has_pivot else rng.choice(member_ids)
        target = rng.choice(member_ids)
        if source == target or (source, target) in seen:
            continue
        seen.add((source, target))
        yield {"case_id": case_id, "source_member": source, "target_member": target,
               "type": rng.choice(types), "formal": rng.choice(["yes", "no", "unknown"]),
               "market": rng.choice(["yes", "no", "unknown"]), "source": SOURCE}


def _read(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        return []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


class _writer:
    """A csv.DictWriter that owns its file."""

    def __init__(self, path: Path, columns: list[str]) -> None:
        self.handle = path.open("w", encoding="utf-8", newline="")
        self.writer = csv.DictWriter(self.handle, fieldnames=columns, extrasaction="ignore")
        self.writer.writeheader()

    def __enter__(self) -> csv.DictWriter:
        return self.writer

    def __exit__(self, *exc: object) -> None:
        self.handle.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of cases")
    parser.add_argument("--out", type=Path, required=True, help="folder for the CSV files")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    counts = generate(args.n, args.out, args.seed)
    print(", ".join(f"{v} {k}" for k, v in counts.items()))


if __name__ == "__main__":
    main()
