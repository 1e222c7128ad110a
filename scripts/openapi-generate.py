"""Writes Sources/ThrongServer/OpenAPI/openapi.json, the OpenAPI 3.1 document of the HTTP API.

The JSON file is what the server serves and the tests check responses against; this script is how
it is written (schemas shared between operations without copy and paste). Run it after changing the
API: python3 scripts/openapi-generate.py
"""
import json, os
def ref(n): return {"$ref": f"#/components/schemas/{n}"}
def nullable(t): return {"type": [t, "null"]}
def obj(props, required=None, extra=False):
    o = {"type": "object", "properties": props, "required": required if required is not None else list(props.keys())}
    if not extra: o["additionalProperties"] = False
    return o
num = {"type": "number"}; integer = {"type": "integer"}; string = {"type": "string"}; boolean = {"type": "boolean"}
level = {"type": ["string", "null"], "enum": ["quiet", "busy", "very busy", None]}
reading_times = {
    "start": ref("Time"), "end": ref("Time"), "source": {"type": "string", "enum": ["observed", "typical"]},
}
reading_core = {
    "dayOfWeek": {"type": "string", "enum": ["Mon","Tue","Wed","Thu","Fri","Sat","Sun","BH"]},
    "timeBand": {"type": "string", "pattern": "^[0-2][0-9]:[0-5][0-9]-[0-2][0-9]:[0-5][0-9]$"},
    "dataAvailable": boolean,
    "unavailableReason": nullable("string"),
    "typicalDays": integer,
    "devices": nullable("number"),
    "people": {"oneOf": [ref("People"), {"type": "null"}]},
    "percentageOfBaseline": nullable("number"),
}
def reading(extra_props, required_extra):
    p = dict(extra_props); p.update(reading_times); p.update(reading_core); p["relativeToUsual"] = nullable("number"); p["level"] = level
    req = required_extra + list(reading_times) + list(reading_core) + ["relativeToUsual", "level"]
    return obj(p, req)
band = dict(reading_core); band["level"] = level
measure_enum = ["occupancy","platform_occupancy","concourse_occupancy","entries","exits","interchanges","pass_throughs"]
schemas = {
  "Error": obj({"error": obj({"code": string, "status": integer, "message": string, "suggestions": {"type": "array", "items": string}})}),
  "TfLApiError": obj({"$type": string, "timestampUtc": string, "exceptionType": string, "httpStatusCode": integer, "httpStatus": string, "relativeUri": string, "message": string}),
  "TfLLive": obj({"dataAvailable": boolean, "percentageOfBaseline": num, "timeUtc": {"type": "string", "format": "date-time"}, "timeLocal": string}),
  "TfLTimeBand": obj({"timeBand": string, "percentageOfBaseLine": num}),
  "TfLDay": obj({"dayOfWeek": string, "amPeakTimeBand": nullable("string"), "pmPeakTimeBand": nullable("string"), "timeBands": {"type": "array", "items": ref("TfLTimeBand")}}),
  "TfLWeek": obj({"naptan": string, "daysOfWeek": {"type": "array", "items": ref("TfLDay")}, "isFound": boolean, "isAlwaysQuiet": boolean}),
  "TfLOneDay": obj({"naptan": string, "dayOfWeek": string, "amPeakTimeBand": nullable("string"), "pmPeakTimeBand": nullable("string"),
                   "timeBands": {"type": "array", "items": ref("TfLTimeBand")}, "isFound": boolean, "isAlwaysQuiet": boolean},
                  ["naptan", "dayOfWeek", "timeBands", "isFound", "isAlwaysQuiet"]),
  "Time": obj({"epochMillis": integer, "utc": string, "local": string}),
  "StationRef": obj({"naptan": string, "name": string, "displayName": string}),
  "People": obj({"estimate": num, "lower95": num, "upper95": num, "sampleDevices": num, "factor": num}),
  "StationCrowding": reading({"station": ref("StationRef"), "requested": ref("StationRef"), "measure": {"type": "string", "enum": measure_enum}}, ["station", "measure"]),
  "LiveStationCrowding": reading({"station": ref("StationRef"), "requested": ref("StationRef"), "measure": {"type": "string", "enum": measure_enum},
                                  "baseline": {"type": "string", "enum": ["snapshot", "live"]}, "epoch": integer, "watermark": nullable("string")},
                                 ["station", "measure", "baseline", "epoch", "watermark"]),
  "LinkRef": obj({"linkId": integer, "line": string, "direction": string, "from": ref("StationRef"), "to": ref("StationRef")}),
  "LinkCrowding": reading({"link": ref("LinkRef")}, ["link"]),
  "TypicalBand": obj(band),
  "TypicalDay": obj({"station": ref("StationRef"), "measure": string, "dayOfWeek": string, "amPeakTimeBand": nullable("string"),
                     "pmPeakTimeBand": nullable("string"), "dataAvailable": boolean, "timeBands": {"type": "array", "items": ref("TypicalBand")}}),
  "TypicalWeek": obj({"station": ref("StationRef"), "measure": string, "isFound": boolean, "isAlwaysQuiet": boolean, "baselinePeople": num,
                      "days": {"type": "array", "items": ref("TypicalDay")}}),
  "StationInfo": obj({"naptan": string, "name": string, "displayName": string, "lines": {"type": "array", "items": string},
                      "latitude": num, "longitude": num, "observed": boolean, "answersAs": nullable("string"),
                      "baselinePeople": num, "isAlwaysQuiet": boolean},
                     ["naptan", "name", "displayName", "lines", "latitude", "longitude", "observed", "answersAs"]),
  "StationList": obj({"stations": {"type": "array", "items": ref("StationInfo")}}),
  "StationSummary": obj({"naptan": string, "source": string, "dataAvailable": boolean, "people": nullable("number"), "lower95": nullable("number"),
                         "upper95": nullable("number"), "percentageOfBaseline": nullable("number"), "relativeToUsual": nullable("number"), "level": level}),
  "NetworkCrowding": obj({"stations": {"type": "array", "items": ref("StationSummary")}, "time": {"oneOf": [ref("Time"), integer]},
                          "measure": string, "live": boolean}),
  "ObservedBin": obj({"start": ref("Time"), "minutes": integer, "dataAvailable": boolean, "people": nullable("number"), "lower95": nullable("number"),
                      "upper95": nullable("number"), "percentageOfBaseline": nullable("number"), "relativeToUsual": nullable("number"), "level": level}),
  "StationDay": obj({"station": ref("StationRef"), "measure": string, "date": string, "dayOfWeek": string,
                     "observed": {"type": "array", "items": ref("ObservedBin")}, "typical": {"oneOf": [ref("TypicalDay"), {"type": "null"}]}}),
  "InterchangeFlow": obj({"fromLine": string, "toLine": string, "start": ref("Time"), "end": ref("Time"), "suppressed": boolean,
                          "devices": nullable("number"), "people": {"oneOf": [ref("People"), {"type": "null"}]}}),
  "Interchanges": obj({"station": ref("StationRef"), "time": ref("Time"), "flows": {"type": "array", "items": ref("InterchangeFlow")}}),
  "Links": obj({"time": ref("Time"), "links": {"type": "array", "items": ref("LinkCrowding")}}, ["links"]),
  "RouteSplit": obj({"origin": ref("StationRef"), "destination": ref("StationRef"), "days": integer, "suppressedCells": integer,
                     "routes": {"type": "array", "items": obj({"route": string, "path": string, "expectedJourneys": nullable("number"),
                                                               "share": nullable("number"), "suppressedDays": integer})}}),
  "Leg": obj({"mode": {"type": "string", "enum": ["ride", "walk"]}, "line": string, "from": ref("StationRef"), "to": ref("StationRef"),
              "minutes": num, "start": ref("Time"), "end": ref("Time"), "busiestPeople": nullable("number"),
              "links": {"type": "array", "items": ref("LinkCrowding")}}, ["mode", "from", "to", "start", "end", "busiestPeople", "links"]),
  "RouteCrowding": obj({"departure": ref("Time"), "arrival": ref("Time"), "peakPeople": nullable("number"), "peakPercentageOfBaseline": nullable("number"),
                        "meanPercentageOfBaseline": nullable("number"), "level": level, "dataAvailable": boolean, "linksWithoutData": integer,
                        "legs": {"type": "array", "items": ref("Leg")}, "stations": {"type": "array", "items": ref("StationCrowding")}}),
  "DepartureAdvice": obj({"best": {"oneOf": [ref("RouteCrowding"), {"type": "null"}]}, "first": ref("RouteCrowding"),
                          "worst": {"oneOf": [ref("RouteCrowding"), {"type": "null"}]}, "peopleAvoidedVersusFirst": nullable("number"),
                          "peopleAvoidedVersusWorst": nullable("number"),
                          "departures": {"type": "array", "items": obj({"departure": ref("Time"), "peakPeople": nullable("number"), "level": level, "dataAvailable": boolean})}}),
  "LiveStatus": obj({"live": boolean, "epoch": integer, "watermark": nullable("string"), "watermarkLagSeconds": nullable("number"),
                     "linesRead": integer, "acceptedEvents": integer, "rejectedLines": integer, "lateEvents": integer, "openDevices": integer,
                     "openEvents": integer, "uptimeSeconds": num, "epochBuildSeconds": num, "visibleLatencyP50Seconds": nullable("number"),
                     "visibleLatencyP99Seconds": nullable("number"),
                     "sources": {"type": "array", "items": obj({"name": string, "linesRead": integer, "rejected": integer, "late": integer})}}, ["live"]),
  "Network": obj({"width": num, "height": num, "lines": {"type": "array", "items": obj({"name": string, "colour": string})},
                  "stations": {"type": "array", "items": obj({"i": integer, "naptan": string, "name": string, "x": num, "y": num,
                                                             "lines": {"type": "array", "items": integer}, "observed": boolean})},
                  "links": {"type": "array", "items": obj({"i": integer, "line": integer, "from": integer, "to": integer, "direction": string})}}),
  "Health": obj({"status": string}),
  "Ready": obj({"status": {"type": "string", "enum": ["ready", "waiting"]}, "snapshot": boolean, "live": boolean, "liveEpoch": nullable("integer")}),
}
def p(name, where="query", desc="", schema=None, required=False):
    return {"name": name, "in": where, "required": required or where == "path", "description": desc, "schema": schema or string}
station = p("station", "path", "NaPTAN code (940GZZLUOXC), TfL hub code (HUBKGX) or name (Oxford Circus), case-insensitive")
TIME = {"type": "string", "pattern": r"^(|[0-9]{1,13}|[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])([ T]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,3})?(Z|[+-][01][0-9]:[0-5][0-9]))?)|([01][0-9]|2[0-3]):[0-5][0-9])$",
        "examples": ["2019-11-12 08:30", "08:30", "2019-11-12T08:30:00Z", "1573547400000"]}
DATE = {"type": "string", "pattern": r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$", "examples": ["2019-11-12"]}
DAY = {"type": "string", "enum": ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun", "BH", "mon", "tue", "wed", "thu", "fri", "sat", "sun",
       "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]}
time = p("time", schema=TIME, desc="Epoch ms, ISO-8601 (2019-11-12T08:00:00Z), local 'YYYY-MM-DD HH:MM' or 'HH:MM'. Empty or absent: now (live: the last complete live bin)")
measure = p("measure", desc="What to count (empty or absent: occupancy)", schema={"type": "string", "enum": measure_enum + [""], "default": "occupancy"})
basis = p("basis", desc="automatic: observed where covered, else typical (empty or absent: automatic)", schema={"type": "string", "enum": ["automatic", "observed", "typical", ""], "default": "automatic"})
appkey = p("app_key", desc="API key (TfL's parameter; needed for /v1/ only when the server has keys)")
def ok(schema, desc="OK", cache=False):
    r = {"description": desc, "content": {"application/json": {"schema": ref(schema)}}}
    return r
def err(desc, tfl=False): return {"description": desc, "content": {"application/json": {"schema": ref("TfLApiError" if tfl else "Error")}}}
def op(summary, params, schema, errors, tags, tfl=False, desc=None):
    responses = {"200": ok(schema)}
    for code, d in errors.items(): responses[code] = err(d, tfl)
    o = {"summary": summary, "tags": tags, "parameters": params + [appkey], "responses": responses}
    if desc: o["description"] = desc
    return {"get": o}
common = {"400": "A parameter cannot be read", "404": "Unknown station (with suggestions) or no data", "401": "API key required"}
paths = {
  "/crowding/{naptan}/Live": op("Live busyness (TfL-compatible)", [p("naptan", "path", "NaPTAN code (also hub codes and names)")], "TfLLive",
      {"400": "Ambiguous name", "404": "Unknown station"}, ["TfL"], True,
      "The last complete live bin's people against the station's busiest typical quarter hour (the snapshot's). dataAvailable false (and 0) without live data."),
  "/crowding/{naptan}": op("Typical week (TfL-compatible)", [p("naptan", "path", "NaPTAN code")], "TfLWeek", {"400": "Ambiguous name", "404": "Unknown station"}, ["TfL"], True),
  "/crowding/{naptan}/{dayOfWeek}": op("Typical day (TfL-compatible)", [p("naptan", "path", "NaPTAN code"), p("dayOfWeek", "path", "Mon … Sun (or BH), any case, or full names", DAY)],
      "TfLOneDay", {"400": "Bad day or ambiguous name", "404": "Unknown station"}, ["TfL"], True),
  "/v1/stations": op("Every station", [], "StationList", {"401": "API key required"}, ["Stations"]),
  "/v1/stations/crowding": op("Every station at one instant", [time, measure, basis], "NetworkCrowding", {"400": common["400"], "401": common["401"]}, ["Stations"]),
  "/v1/stations/{station}": op("One station", [station], "StationInfo", common, ["Stations"]),
  "/v1/stations/{station}/crowding": op("A station's crowding at an instant", [station, time, measure, basis], "StationCrowding", common, ["Stations"]),
  "/v1/stations/{station}/live": op("A station's live crowding", [station, measure], "LiveStationCrowding", common, ["Stations", "Live"]),
  "/v1/stations/{station}/typical": op("A station's typical week, or one day with ?day=", [station, measure, p("day", desc="Mon … Sun or BH (empty or absent: the whole week)", schema={"type": "string", "enum": DAY["enum"] + [""]})],
      "TypicalWeek", common, ["Stations"], desc="Without day: a TypicalWeek; with day: a TypicalDay."),
  "/v1/stations/{station}/day": op("A service day's observed bins against its typical day", [station, measure, p("date", desc="YYYY-MM-DD (default: today's service day)", schema=DATE)],
      "StationDay", common, ["Stations"]),
  "/v1/stations/{station}/interchanges": op("Interchange flows at a station", [station, time], "Interchanges", common, ["Flows"]),
  "/v1/links": op("The busiest links at an instant", [time, basis, p("line", desc="Only this line"), p("limit", desc="Rows (1…10000)", schema={"type": "string", "pattern": "^([0-9]{1,5})?$", "default": "20"})],
      "Links", {"400": common["400"], "401": common["401"]}, ["Links"]),
  "/v1/links/{link}": op("One link at an instant", [p("link", "path", "Link id (GET /v1/network)", {"type": "integer", "minimum": 0}), time, basis], "LinkCrowding", common, ["Links"]),
  "/v1/od/{origin}/{destination}": op("Route splits of an origin–destination pair", [p("origin", "path", "Station"), p("destination", "path", "Station"), p("date", desc="YYYY-MM-DD: one service day", schema=DATE)],
      "RouteSplit", common, ["Flows"]),
  "/v1/routes/crowding": op("Crowding along a planned route", [p("path", desc="A>Line>B>Line>C (stations by NaPTAN code or name, lines by name)", required=True, schema={"type": "string", "minLength": 3, "examples": ["Brixton>Victoria>Green Park>Jubilee>Canary Wharf"]}), p("departure", desc="Departure instant (as time)", schema=TIME), basis],
      "RouteCrowding", common, ["Routes"]),
  "/v1/routes/least-crowded": op("The least crowded departure in a window", [p("path", desc="A>Line>B>Line>C (stations by NaPTAN code or name, lines by name)", required=True, schema={"type": "string", "minLength": 3, "examples": ["Brixton>Victoria>Green Park>Jubilee>Canary Wharf"]}), p("from", desc="Window start (as time)", schema=TIME),
      p("to", desc="Window end (default: from + 2 h; at most 24 h)", schema=TIME), p("step", desc="Minutes between departures", schema={"type": "string", "pattern": "^([0-9]{1,2})?$", "default": "5"}), basis],
      "DepartureAdvice", common, ["Routes"]),
  "/v1/live/status": op("The live engine's state", [], "LiveStatus", {"401": common["401"]}, ["Live"]),
  "/v1/network": op("The network for drawing: projected stations, links, line colours", [], "Network", {"401": common["401"]}, ["Stations"]),
  "/healthz": {"get": {"summary": "The process answers", "tags": ["Operations"], "responses": {"200": ok("Health")}}},
  "/readyz": {"get": {"summary": "There is data to answer from", "tags": ["Operations"], "responses": {"200": ok("Ready"), "503": ok("Ready", "Not ready")}}},
  "/metrics": {"get": {"summary": "Prometheus metrics", "tags": ["Operations"], "responses": {"200": {"description": "Prometheus text format", "content": {"text/plain": {"schema": string}}}}}},
  "/openapi.json": {"get": {"summary": "This document", "tags": ["Operations"], "responses": {"200": {"description": "OpenAPI 3.1", "content": {"application/json": {"schema": {"type": "object"}}}}}}},
}
doc = {"openapi": "3.1.0",
 "info": {"title": "Throng crowding API", "version": "1.0.0",
          "description": "Crowding of the London Underground from depersonalised wifi data. /crowding/… reproduces TfL's Unified API crowding service (docs/api.md lists every difference); /v1/ is Throng's own. Every figure is aggregated and passed disclosure control; nothing names a device.",
          "license": {"name": "Apache-2.0", "identifier": "Apache-2.0"}},
 "servers": [{"url": "http://127.0.0.1:8080"}],
 "tags": [{"name": n} for n in ["TfL", "Stations", "Live", "Links", "Flows", "Routes", "Operations"]],
 "paths": paths, "components": {"schemas": schemas}}
# The typical endpoint answers either shape.
paths["/v1/stations/{station}/typical"]["get"]["responses"]["200"]["content"]["application/json"]["schema"] = {"oneOf": [ref("TypicalWeek"), ref("TypicalDay")]}
open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Sources", "ThrongServer", "OpenAPI", "openapi.json"), "w").write(json.dumps(doc, indent=1, ensure_ascii=False) + "\n")
