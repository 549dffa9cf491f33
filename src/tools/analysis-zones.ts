/**
 * Time in zones: the athlete's own zones from their settings where TrainingPeaks has them for the
 * sport, else the zones the analysis service attached to the recording's channel.
 */
import type { components } from "../generated/api.js";
import type { HandlerOutput } from "./types.js";
import { round } from "../core/numbers.js";
import { speedInMps, type Channel, type Recording } from "./analysis-samples.js";

type Schemas = components["schemas"];
type ZoneGroup = Schemas["ZoneGroup"];
export type ZoneTimes = NonNullable<NonNullable<HandlerOutput<"tp_analyze_workout">["zones"]>["power"]>;
export type ZoneChannel = "power" | "heart_rate" | "speed";

interface Zone {
  label: string;
  min: number;
  max: number | undefined;
}

interface ZoneSet {
  source: ZoneTimes["source"];
  threshold: number | undefined;
  zones: Zone[];
}

const SAMPLE_CHANNEL: Record<ZoneChannel, Channel> = { power: "power", heart_rate: "hr", speed: "speed" };
const METADATA_KEY: Record<ZoneChannel, string> = { power: "Power", heart_rate: "HeartRate", speed: "Speed" };
const SETTINGS_KEY = { power: "powerZones", heart_rate: "heartRateZones", speed: "speedZones" } as const;

const finite = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);

/** A mountain bike ride is ridden in the bike's zones. */
const zoneSport = (sport: number | null | undefined) => (sport === 8 ? 2 : sport);

/**
 * The settings group for the sport: its own, else the group for all sports (workoutTypeId 0 or
 * none). Speed zones only ever apply to their own sport: run paces say nothing of a ride.
 */
function settingsGroup(groups: readonly ZoneGroup[] | null | undefined, channel: ZoneChannel, sport: number | null | undefined): ZoneGroup | undefined {
  const usable = (groups ?? []).filter((g) => (g.zones ?? []).some((z) => finite(z.minimum)));
  const own = usable.find((g) => g.workoutTypeId === zoneSport(sport));
  if (own || channel === "speed") return own;
  // Power zones are a ride's (FTP) unless a group says otherwise: a run's power is not read by them.
  return usable.find((g) => !g.workoutTypeId) ?? (channel === "power" && zoneSport(sport) === 2 ? usable[0] : undefined);
}

function sorted(zones: Zone[]): Zone[] {
  return zones.sort((a, b) => a.min - b.min);
}

function fromSettings(settings: Schemas["AthleteSettings"] | undefined, channel: ZoneChannel, sport: number | null | undefined): ZoneSet | undefined {
  const group = settingsGroup(settings?.[SETTINGS_KEY[channel]], channel, sport);
  if (!group) return undefined;
  const zones = (group.zones ?? [])
    .filter((z) => finite(z.minimum))
    .map((z, i) => ({ label: z.label ?? `Zone ${i + 1}`, min: z.minimum!, max: finite(z.maximum) ? z.maximum : undefined }));
  return { source: "settings", threshold: finite(group.threshold) ? group.threshold : undefined, zones: sorted(zones) };
}

function fromMetadata(charts: Schemas["AnalysisCharts"], channel: ZoneChannel): ZoneSet | undefined {
  const meta = charts.metadata?.[METADATA_KEY[channel]];
  const toUnit = (v: number) => (channel === "speed" ? (speedInMps(v, meta?.unit) ?? v) : v);
  const zones: Zone[] = [];
  (meta?.zones ?? []).forEach((z, i) => {
    if (!finite(z.min)) return;
    const ends = [toUnit(z.min), finite(z.max) ? toUnit(z.max) : undefined];
    // A pace unit turns the order of the ends around.
    const [min, max] = ends[1] !== undefined && ends[1] < ends[0]! ? [ends[1], ends[0]] : ends;
    zones.push({ label: z.label === null || z.label === undefined ? `Zone ${i + 1}` : String(z.label), min: min!, max });
  });
  return zones.length > 0 ? { source: "analysis", threshold: undefined, zones: sorted(zones) } : undefined;
}

/**
 * Seconds in each zone while moving. A value falls in the last zone whose lower end it reaches,
 * so the gaps between whole-number zones (138 | 139 bpm) and values past either end are counted.
 */
function timeIn(recording: Recording, channel: ZoneChannel, set: ZoneSet): ZoneTimes | undefined {
  const values = recording.channels[SAMPLE_CHANNEL[channel]];
  if (!values) return undefined;
  const seconds = set.zones.map(() => 0);
  const lowerEnds = set.zones.map((z) => z.min);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    // A heart rate of 0 is a dropped strap, not a zone.
    if (Number.isNaN(v) || !recording.moving[i] || (channel === "heart_rate" && v <= 0)) continue;
    let zone = 0;
    while (zone + 1 < lowerEnds.length && v >= lowerEnds[zone + 1]!) zone++;
    seconds[zone]! += recording.weight[i]!;
  }
  const total = seconds.reduce((a, b) => a + b, 0);
  if (total <= 0) return undefined;
  const digits = channel === "speed" ? 2 : 0;
  return {
    source: set.source,
    ...(set.threshold !== undefined ? { threshold: round(set.threshold, digits) } : {}),
    zones: set.zones.map((z, i) => ({
      label: z.label,
      min: round(z.min, digits),
      ...(z.max !== undefined ? { max: round(z.max, digits) } : {}),
      seconds: Math.round(seconds[i]!),
      pct: round((seconds[i]! / total) * 100, 1),
    })),
  };
}

export function zoneTimes(
  recording: Recording,
  charts: Schemas["AnalysisCharts"],
  settings: Schemas["AthleteSettings"] | undefined,
  sport: number | null | undefined,
): Partial<Record<ZoneChannel, ZoneTimes>> {
  const out: Partial<Record<ZoneChannel, ZoneTimes>> = {};
  for (const channel of ["power", "heart_rate", "speed"] as const) {
    const set = fromSettings(settings, channel, sport) ?? fromMetadata(charts, channel);
    const times = set && timeIn(recording, channel, set);
    if (times) out[channel] = times;
  }
  return out;
}
