import { whose, type PromptDefinition } from "./types.js";

export const recoveryCheck: PromptDefinition = {
  name: "recovery_check",
  title: "Recovery check",
  description: "Is recovery keeping up with the load? Wellness (HRV, sleep, resting HR) against training stress.",
  message(args) {
    const { subject, pass } = whose(args);
    return [
      `Check whether ${subject} recovery is keeping up with training load.${pass}`,
      "1. tp_get_wellness (no dates: the last 28 days): HRV, sleep, resting heart rate, their baselines and latest values.",
      "2. tp_get_fitness with days: 28: ATL against CTL, TSB, and the CTL ramp.",
      "3. tp_get_weekly_summary with weeks: 4: load week by week.",
      "Then say whether the athlete is absorbing the load, overreaching, or under-recovered, with the numbers that show it, and what to change this week. Name missing wellness data rather than guessing.",
    ].join("\n");
  },
};
