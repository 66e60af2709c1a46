"""dateutil baseline for RecurrenceBenchmarks.

    dotnet run -c Release --project tests/Benchmarks -- --emit-rules /tmp/rules.json
    python3 tests/Benchmarks/dateutil_baseline.py /tmp/rules.json

Expands the same 1,000 series over the same window (occurrences overlapping [from, to), mapped to instants with
zoneinfo; DTSTARTs match their rules, so dateutil and RFC 5545 agree) and prints the time and occurrence count.
"""
import json
import sys
import time
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr


def load(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    parse = lambda s: datetime.fromisoformat(s.replace("Z", "+00:00"))  # noqa: E731
    return parse(data["from"]), parse(data["to"]), data["series"]


def expand(window_from, window_to, series):
    total = 0
    for s in series:
        zone = ZoneInfo(s["zone"])
        duration = timedelta(minutes=s["minutes"])
        rule = rrulestr(s["rule"], dtstart=datetime.fromisoformat(s["dtstart"]))
        lo = (window_from - duration).astimezone(zone).replace(tzinfo=None) - timedelta(days=2)
        hi = window_to.astimezone(zone).replace(tzinfo=None) + timedelta(days=2)
        for local in rule.between(lo, hi, inc=True):
            start = local.replace(tzinfo=zone).astimezone(timezone.utc)
            if start < window_to and start + duration > window_from:
                total += 1
    return total


def main():
    window_from, window_to, series = load(sys.argv[1])
    runs = []
    for _ in range(5):
        began = time.perf_counter()
        total = expand(window_from, window_to, series)
        runs.append(time.perf_counter() - began)
    print(f"dateutil: {len(series)} series, {total} occurrences, best {min(runs) * 1000:.1f} ms, "
          f"median {sorted(runs)[2] * 1000:.1f} ms over 5 runs")


if __name__ == "__main__":
    main()
