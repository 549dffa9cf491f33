/**
 * Small API-shaped fixtures for the tools that read workouts, performance data and the annual
 * plan: only the keys a test is about, in the units TrainingPeaks uses (hours, metres).
 */
import { HttpResponse } from "msw";
import { addDays, inclusiveDays } from "../../src/core/dates.js";
import type { OperationResolver } from "./spec-mocks.js";

export interface WorkoutFixture {
  id: number;
  day: string;
  /** workoutTypeValueId: 1 Swim, 2 Bike, 3 Run, 7 Day Off, 9/29 Strength, … */
  sport?: number;
  title?: string;
  done?: { hours: number; metres?: number; tss?: number };
  plan?: { hours?: number; metres?: number; tss?: number };
}

export function apiWorkout(w: WorkoutFixture): Record<string, unknown> {
  return {
    workoutId: w.id,
    athleteId: 2400117,
    title: w.title ?? `Workout ${w.id}`,
    workoutTypeValueId: w.sport ?? 2,
    workoutDay: `${w.day}T00:00:00`,
    startTime: w.done ? `${w.day}T07:00:00` : null,
    totalTime: w.done?.hours ?? null,
    distance: w.done?.metres ?? null,
    tssActual: w.done?.tss ?? null,
    totalTimePlanned: w.plan?.hours ?? null,
    distancePlanned: w.plan?.metres ?? null,
    tssPlanned: w.plan?.tss ?? null,
  };
}

/** getWorkouts answering, for each request, the fixtures whose day lies in the requested range. */
export function workoutsIn(fixtures: WorkoutFixture[]): OperationResolver {
  return ({ params }) => {
    const start = String(params.startDate);
    const end = String(params.endDate);
    return HttpResponse.json(fixtures.filter((w) => w.day >= start && w.day <= end).map(apiWorkout) as never);
  };
}

/** getPerformanceData answering one row per requested day, CTL/ATL from `load(date)`. */
export function performanceIn(load: (date: string) => { ctl: number; atl: number; tssActual?: number; tssPlanned?: number }): OperationResolver {
  return ({ params }) => {
    const start = String(params.startDate);
    const days = inclusiveDays(start, String(params.endDate));
    const rows = Array.from({ length: days }, (_, i) => {
      const date = addDays(start, i);
      const { ctl, atl, tssActual = 0, tssPlanned = 0 } = load(date);
      return { workoutDay: `${date}T00:00:00`, tssActual, tssPlanned, ctl, atl, tsb: ctl - atl, ifActual: null, ifPlanned: null };
    });
    return HttpResponse.json(rows as never);
  };
}
