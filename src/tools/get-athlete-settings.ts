import type { ToolHandler } from "./types.js";

// TrainingPeaks numbers its unit systems; 1 and 2 are the two the web app offers.
const UNITS = { 1: "imperial", 2: "metric" } as const;

export const getAthleteSettings: ToolHandler<"tp_get_athlete_settings"> = async (_input, { client, signal }) => {
  const settings = await client.getSettings({ signal });
  const units = UNITS[settings.units as keyof typeof UNITS] ?? "unknown";
  const name = settings.fullName ?? null;
  return {
    structured: { athlete_id: settings.athleteId ?? null, name, time_zone: settings.timeZone ?? null, units },
    text: `${name ?? "The athlete"}: time zone ${settings.timeZone ?? "unknown"}, ${units} units.`,
  };
};
