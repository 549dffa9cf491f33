import { whose, type PromptDefinition } from "./types.js";

export const seasonComparison: PromptDefinition = {
  name: "season_comparison",
  title: "Season comparison",
  description: "Peak power and pace this season against the same time last year.",
  message(args) {
    const { subject, pass } = whose(args);
    return [
      `Compare ${subject} best efforts this season with last season.${pass}`,
      "1. tp_get_peaks with sport: Bike, compare_to: previous_year, for pr_type power5min, then power20min, then power60min (days: 365 is the default window).",
      "2. tp_get_peaks with sport: Run, compare_to: previous_year, for pr_type speed5K and speed10K.",
      "3. tp_get_fitness with days: 90: the fitness (CTL) behind them.",
      "Skip a sport the athlete has no records in. Then summarise what improved and what declined, by how much (the tools give the difference in W, time and %), and what the change in fitness suggests.",
    ].join("\n");
  },
};
