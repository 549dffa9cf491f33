import type { components } from "../generated/api.js";
import { round } from "../core/numbers.js";
import { compact, pace, sportName } from "./format.js";
import type { HandlerOutput, ToolHandler } from "./types.js";

type Schemas = components["schemas"];
type ZoneGroup = Schemas["ZoneGroup"];
type Output = HandlerOutput<"tp_get_athlete_profile">;
type Sport = Output["sports"][number];

const SWIM = 1;
/** The API's userType (docs: 4 active personal premium, 6 basic, 1 was premium). */
const PREMIUM = 4;
const BASIC = 6;
const WAS_PREMIUM = 1;

const num = (value: unknown): number | undefined => (typeof value === "number" && Number.isFinite(value) ? value : undefined);

/** Zone group workoutTypeId 0 (or none) is read as every sport: its meaning is disputed. */
function sportOf(workoutTypeId: number | null | undefined): string {
  return workoutTypeId ? sportName(workoutTypeId) : "All sports";
}

function account(userType: number | undefined, isPremium: boolean | undefined): Pick<Output, "account_type" | "account_note"> {
  if (userType === PREMIUM) return { account_type: "premium", account_note: "Premium account (userType 4)." };
  if (userType === BASIC) return { account_type: "basic", account_note: "Basic account (userType 6): some analysis, such as peaks by range, is premium only." };
  if (isPremium !== undefined) return { account_type: isPremium ? "premium" : "basic", account_note: `TrainingPeaks' account status says ${isPremium ? "premium" : "not premium"}.` };
  if (userType === WAS_PREMIUM) return { account_type: "unknown", account_note: "userType 1: the account was premium; it may still be, where a coach pays." };
  return { account_type: "unknown", account_note: userType === undefined ? "TrainingPeaks did not say which account this is." : `userType ${userType} has no known meaning.` };
}

function heartRate(group: ZoneGroup): Sport["heart_rate"] {
  return {
    ...compact({ threshold_hr_bpm: num(group.threshold), max_hr_bpm: num(group.maximumHeartRate), resting_hr_bpm: num(group.restingHeartRate), calculation_method: num(group.calculationMethod) }),
    zones: (group.zones ?? []).map((z, i) => ({ label: z.label ?? `Zone ${i + 1}`, ...compact({ low_bpm: num(z.minimum), high_bpm: num(z.maximum) }) })),
  };
}

function power(group: ZoneGroup): Sport["power"] {
  return {
    ...compact({ ftp_w: num(group.threshold), calculation_method: num(group.calculationMethod) }),
    zones: (group.zones ?? []).map((z, i) => ({ label: z.label ?? `Zone ${i + 1}`, ...compact({ low_w: num(z.minimum), high_w: num(z.maximum) }) })),
  };
}

function speed(group: ZoneGroup): NonNullable<Sport["speed"]> {
  const metres = group.workoutTypeId === SWIM ? 100 : 1000;
  const paceAt = (mps: number | undefined) => (mps !== undefined ? pace(mps, metres) : undefined);
  const threshold = num(group.threshold);
  return {
    ...compact({ threshold_speed_mps: threshold === undefined ? undefined : round(threshold, 3), threshold_pace: paceAt(threshold) }),
    pace_unit: metres === 100 ? "min/100m" : "min/km",
    ...compact({ calculation_method: num(group.calculationMethod) }),
    zones: (group.zones ?? []).map((z, i) => {
      const low = num(z.minimum);
      const high = num(z.maximum);
      return { label: z.label ?? `Zone ${i + 1}`, ...compact({ low_mps: low, high_mps: high, slowest_pace: paceAt(low), fastest_pace: paceAt(high) }) };
    }),
  };
}

/** The sports in the order the groups name them, "All sports" first. */
function sportsOf(settings: Schemas["AthleteSettings"]): Sport[] {
  const bySport = new Map<number, Sport>();
  const entry = (workoutTypeId: number | null | undefined) => {
    const id = workoutTypeId ?? 0;
    let sport = bySport.get(id);
    if (!sport) bySport.set(id, (sport = { sport: sportOf(id), workout_type_id: id }));
    return sport;
  };
  for (const group of settings.heartRateZones ?? []) entry(group.workoutTypeId).heart_rate = heartRate(group);
  for (const group of settings.powerZones ?? []) entry(group.workoutTypeId).power = power(group);
  for (const group of settings.speedZones ?? []) entry(group.workoutTypeId).speed = speed(group);
  return [...bySport.entries()].sort(([a], [b]) => a - b).map(([, sport]) => sport);
}

export const getAthleteProfile: ToolHandler<"tp_get_athlete_profile"> = async (_input, { client, signal }) => {
  const settings = await client.getSettings({ signal });
  const athleteId = await client.getAthleteId({ signal });
  // The settings carry the athlete's own userType (a peer's live shape). Only when they leave the
  // account open is the user record asked for again: the athlete lookup's copy is not shared, and
  // a second lookup on every call would double the requests for nothing.
  const ownType = num(settings.userType);
  const response = ownType === PREMIUM || ownType === BASIC ? undefined : await client.getUser({ signal });
  const user = response?.user;
  const self = athleteId === user?.userId;
  // The roster entry speaks for the athlete read; the account status for the signed-in user only.
  const rosterEntry = (user?.athletes ?? []).find((athlete) => athlete.athleteId === athleteId);
  const userType = ownType ?? num(rosterEntry?.userType);
  const isPremium = self && typeof response?.accountStatus?.isPremium === "boolean" ? response.accountStatus.isPremium : undefined;
  const unitsCode = num(settings.units) ?? (self ? num(user?.units) : undefined);
  const name = settings.fullName ?? [settings.firstName, settings.lastName].filter(Boolean).join(" ");
  const structured: Output = {
    athlete_id: athleteId,
    ...compact({ name: name || (self ? user?.fullName : undefined), time_zone: settings.timeZone ?? (self ? user?.timeZone : undefined) }),
    units: unitsCode === 2 ? "metric" : unitsCode === 1 ? "imperial" : "unknown",
    ...account(userType, isPremium),
    ...compact({
      user_type_code: userType,
      athlete_type_code: num(settings.athleteType) ?? num(rosterEntry?.athleteType),
      weight_kg: num(settings.weight),
      running_tss_source_code: num(settings.preferredRunningTssSource),
    }),
    sports: sportsOf(settings),
  };
  return { structured, text: render(structured) };
};

function render(p: Output): string {
  const head = [
    `${p.name ?? `Athlete ${p.athlete_id}`} (athlete ${p.athlete_id}): ${p.account_type} account. ${p.account_note ?? ""}`.trim(),
    [p.time_zone && `Time zone ${p.time_zone}`, `units ${p.units}`, p.weight_kg !== undefined ? `weight ${p.weight_kg} kg` : "weight not in the settings (see tp_get_wellness)"]
      .filter(Boolean)
      .join(", ") + ".",
  ];
  if (p.sports.length === 0) return [...head, "No thresholds or zones are set."].join("\n");
  const lines = p.sports.flatMap((s) => {
    const out: string[] = [];
    if (s.power) out.push(`${s.sport} power: FTP ${s.power.ftp_w ?? "?"} W; zones ${s.power.zones.map((z) => `${z.label} ${z.low_w ?? "?"}–${z.high_w ?? "?"}`).join(", ")} W`);
    if (s.heart_rate) out.push(`${s.sport} heart rate: threshold ${s.heart_rate.threshold_hr_bpm ?? "?"} bpm; zones ${s.heart_rate.zones.map((z) => `${z.label} ${z.low_bpm ?? "?"}–${z.high_bpm ?? "?"}`).join(", ")} bpm`);
    if (s.speed) {
      const sp = s.speed;
      out.push(
        `${s.sport} pace: threshold ${sp.threshold_pace ?? "?"} ${sp.pace_unit} (${sp.threshold_speed_mps ?? "?"} m/s); zones ` +
          sp.zones.map((z) => `${z.label} ${z.slowest_pace ?? "slower"}–${z.fastest_pace ?? "?"}`).join(", ") + ` ${sp.pace_unit}`,
      );
    }
    return out;
  });
  return [...head, ...lines].join("\n");
}
