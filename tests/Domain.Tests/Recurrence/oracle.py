"""Reference expansion for RecurrenceOracleTests, using python-dateutil.

Reads a JSON file of cases and prints, as JSON, the local (naive, wall-clock) start of every occurrence each
case's rule generates between the case's `lo` and `hi` local times. dateutil works on naive datetimes, so it is
compared with the recurrence ids (the local starts before a daylight-saving gap moves them).

Where RFC 5545 and dateutil differ, the case is adapted here rather than in the engine under test:
- DTSTART is always the first occurrence and counts towards COUNT (dateutil drops a DTSTART the rule does not match);
- COUNT is applied here, after prepending DTSTART, and EXDATEs are removed after COUNT;
- for WEEKLY with BYSETPOS the whole week containing DTSTART is the first set (dateutil starts it at DTSTART).
"""
import json
import sys
from datetime import datetime, timedelta

from dateutil.rrule import rrulestr

WEEKDAYS = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6}


def expand(case):
    dtstart = datetime.fromisoformat(case["dtstart"])
    lo = datetime.fromisoformat(case["lo"])
    hi = datetime.fromisoformat(case["hi"])
    count = case.get("count")
    excluded = {datetime.fromisoformat(x) for x in case.get("exdates", [])}
    generation_start = dtstart
    if case.get("fullFirstWeek"):
        wkst = WEEKDAYS[case.get("wkst", "MO")]
        generation_start = dtstart - timedelta(days=(dtstart.weekday() - wkst) % 7)

    out = [dtstart]
    if count is None or count > 1:
        for x in rrulestr(case["rule"], dtstart=generation_start):
            if x <= dtstart:
                continue
            if x > hi:
                break
            out.append(x)
            if count is not None and len(out) >= count:
                break
    return [x.isoformat() for x in out if lo <= x <= hi and x not in excluded]


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        cases = json.load(f)
    results = {}
    for case in cases:
        try:
            results[case["id"]] = {"occurrences": expand(case)}
        except Exception as e:  # noqa: BLE001 - reported per case to the C# side
            results[case["id"]] = {"error": f"{type(e).__name__}: {e}"}
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
