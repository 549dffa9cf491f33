import { whose, type PromptDefinition } from "./types.js";

export const raceReadiness: PromptDefinition = {
  name: "race_readiness",
  title: "Race readiness",
  description: "Am I ready for my next A race? Fitness and form on race day, the taper, and what to do until then.",
  takesEvent: true,
  message(args) {
    const { subject, pass } = whose(args);
    const race = args.event
      ? `the race "${args.event}" (find its id with tp_get_events, then pass it as event_id to tp_get_race_readiness)`
      : "the next A race (tp_get_race_readiness picks it when no event_id is given)";
    return [
      `Judge ${subject} readiness for ${race}.${pass}`,
      "1. tp_get_race_readiness: projected CTL, ATL and TSB on race day, the CTL target, and whether the plan reaches the race.",
      "2. tp_get_weekly_summary with weeks: 6: how consistent the build has been.",
      "3. tp_get_wellness: any sign of illness, poor sleep or falling HRV.",
      "Then give a verdict in one sentence, the two or three numbers behind it, and concrete advice for the days left (taper, key sessions, rest). Say plainly where the plan stops before the race or data is missing.",
    ].join("\n");
  },
};
