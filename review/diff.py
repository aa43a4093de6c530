"""What changed between the first submission's snapshot and the second declaration's (二次申报),
so that the reviewer sees at a glance what the applicant corrected.
"""

from dataclasses import dataclass, field


@dataclass
class SectionChanges:
    changed: bool = False
    # entry position -> names of the fields (and file fields) that differ; "*" for a new entry
    entries: dict[int, set[str]] = field(default_factory=dict)
    removed: int = 0


def _entry_signature(entry: dict) -> dict:
    values = dict(entry.get("raw") or entry.get("values") or {})
    for item in entry.get("files", []):
        values[f"file:{item['field']}"] = item["file_id"]
    return values


def compare_snapshots(first: dict, second: dict) -> dict[str, SectionChanges]:
    """Per section key: whether it changed, which entries and fields differ, how many were removed.
    Entries are matched by their position in the section's table."""
    before = {s["key"]: s for s in first.get("sections", [])}
    result = {}
    for section in second.get("sections", []):
        changes = SectionChanges()
        old_entries = before.get(section["key"], {}).get("entries", [])
        for index, entry in enumerate(section["entries"]):
            new = _entry_signature(entry)
            if index >= len(old_entries):
                changes.entries[entry["position"]] = {"*"}
                continue
            old = _entry_signature(old_entries[index])
            differing = {name for name in set(new) | set(old) if new.get(name) != old.get(name)}
            if differing:
                changes.entries[entry["position"]] = {name.removeprefix("file:") for name in differing}
        changes.removed = max(len(old_entries) - len(section["entries"]), 0)
        changes.changed = bool(changes.entries or changes.removed)
        result[section["key"]] = changes
    return result
