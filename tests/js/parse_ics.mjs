// Print every VEVENT of an .ics file as JSON, as ical.js understands it.
//
//   node tests/js/parse_ics.mjs FILE
//
// Output: {"events": [{"uid", "summary", "status", "start", "end"}, ...]} where start and
// end are {"date": "YYYY-MM-DD"} for all-day values, {"utc": "YYYY-MM-DDTHH:MM:SSZ",
// "tzid": ...} for times, or {"floating": "..."} when a time has no zone ical.js could
// resolve (a TZID without a VTIMEZONE ends up there). Exit status 1 on a parse error.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

function pad(number, width = 2) {
  return String(number).padStart(width, "0");
}

function describe(property) {
  if (!property) {
    return null;
  }
  const time = property.getFirstValue();
  const day = `${pad(time.year, 4)}-${pad(time.month)}-${pad(time.day)}`;
  if (time.isDate) {
    return { date: day };
  }
  const zone = time.zone;
  if (!zone || zone === ICAL.Timezone.localTimezone || zone.tzid === "floating") {
    return { floating: `${day}T${pad(time.hour)}:${pad(time.minute)}:${pad(time.second)}` };
  }
  const utc = new Date(time.toUnixTime() * 1000).toISOString().replace(".000Z", "Z");
  return { utc, tzid: property.getParameter("tzid") ?? null };
}

const [file] = process.argv.slice(2);
if (!file) {
  console.error("usage: node tests/js/parse_ics.mjs FILE");
  process.exit(2);
}

let calendar;
try {
  calendar = new ICAL.Component(ICAL.parse(readFileSync(file, "utf8")));
} catch (error) {
  console.error(`${file}: ${error.message}`);
  process.exit(1);
}

const events = calendar.getAllSubcomponents("vevent").map((vevent) => ({
  uid: vevent.getFirstPropertyValue("uid"),
  summary: vevent.getFirstPropertyValue("summary"),
  status: vevent.getFirstPropertyValue("status"),
  start: describe(vevent.getFirstProperty("dtstart")),
  end: describe(vevent.getFirstProperty("dtend")),
}));
const timezones = calendar.getAllSubcomponents("vtimezone").map(
  (zone) => zone.getFirstPropertyValue("tzid"),
);
process.stdout.write(JSON.stringify({ events, timezones }, null, 1) + "\n");
