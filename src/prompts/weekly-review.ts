import { whose, type PromptDefinition } from "./types.js";

export const weeklyReview: PromptDefinition = {
  name: "weekly_review",
  title: "Weekly review",
  description: "Last week against the plan, how the body coped (wellness), and what the coming week holds.",
  message(args) {
    const { subject, pass } = whose(args);
    return [
      `Review ${subject} last training week and look at the week ahead.${pass}`,
      "1. tp_get_weekly_summary with weeks: 2: last week's sessions, volume and TSS against the plan, per sport, and what was missed.",
      "2. tp_get_wellness (no dates: the last 28 days): sleep, HRV, resting heart rate against the 28-day baseline.",
      "3. tp_get_fitness with days: 14: where CTL, ATL and TSB stand now.",
      "4. tp_get_workouts with type: planned from today to 7 days ahead: the coming week's sessions.",
      "Then answer in a few short paragraphs: what went to plan and what did not, any warning signs from wellness or form, and one or two priorities for the coming week. Quote the numbers the tools give, with their units.",
    ].join("\n");
  },
};
