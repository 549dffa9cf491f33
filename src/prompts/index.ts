import { raceReadiness } from "./race-readiness.js";
import { recoveryCheck } from "./recovery-check.js";
import { seasonComparison } from "./season-comparison.js";
import { weeklyReview } from "./weekly-review.js";
import type { PromptDefinition } from "./types.js";

/** Every prompt the server offers, in the order clients list them. */
export const prompts: readonly PromptDefinition[] = [weeklyReview, raceReadiness, recoveryCheck, seasonComparison];

export type { PromptArguments, PromptDefinition } from "./types.js";
