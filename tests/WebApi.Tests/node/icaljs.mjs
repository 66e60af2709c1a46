// Reads an .ics file with ical.js (the iCalendar parser of Thunderbird and many web calendars) and prints, as JSON,
// every event it sees with its occurrences in [from, to): { name, events: [{ uid, summary, zone, allDay, transparency,
// occurrences: [{ start, end }] }] }. Start and end are UTC ISO strings for timed events and dates for all-day ones.
// Usage: node icaljs.mjs file.ics 2026-10-01T00:00:00Z 2027-01-15T00:00:00Z
import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';

const [file, fromText, toText] = process.argv.slice(2);
const from = ICAL.Time.fromDateTimeString(fromText.replace('Z', '')).convertToZone(ICAL.Timezone.utcTimezone);
const to = ICAL.Time.fromDateTimeString(toText.replace('Z', ''));
const root = new ICAL.Component(ICAL.parse(readFileSync(file, 'utf8')));

// Zones from the file's own VTIMEZONEs: ical.js resolves TZID references through them.
for (const vtimezone of root.getAllSubcomponents('vtimezone')) {
  ICAL.TimezoneService.register(vtimezone);
}

const show = (time) => (time.isDate ? time.toString() : time.toJSDate().toISOString().replace('.000Z', 'Z'));
const vevents = root.getAllSubcomponents('vevent');
const masters = vevents.filter((v) => !v.hasProperty('recurrence-id'));
const events = masters.map((vevent) => {
  const event = new ICAL.Event(vevent);
  for (const exception of vevents.filter((v) => v.hasProperty('recurrence-id') && v.getFirstPropertyValue('uid') === event.uid)) {
    event.relateException(new ICAL.Event(exception));
  }

  const occurrences = [];
  if (event.isRecurring()) {
    const iterator = event.iterator();
    for (let next = iterator.next(); next && next.compare(to) < 0; next = iterator.next()) {
      const details = event.getOccurrenceDetails(next);
      if (details.endDate.compare(from) > 0) {
        occurrences.push({ start: show(details.startDate), end: show(details.endDate), summary: details.item.summary });
      }
    }
  } else if (event.endDate.compare(from) > 0 && event.startDate.compare(to) < 0) {
    occurrences.push({ start: show(event.startDate), end: show(event.endDate), summary: event.summary });
  }

  return {
    uid: event.uid,
    summary: event.summary,
    zone: event.startDate.isDate ? null : event.startDate.zone.tzid,
    allDay: event.startDate.isDate,
    transparency: vevent.getFirstPropertyValue('transp'),
    occurrences,
  };
});

console.log(JSON.stringify({ name: root.getFirstPropertyValue('x-wr-calname'), events }));
