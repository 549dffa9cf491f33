/**
 * The workout calendar: every planned session from the plan, realised (or skipped) up to today,
 * left as a plan after today, plus the odd unplanned ride or run.
 */
import { round } from "../core/numbers.js";
import { apiDateTime, apiDay, dayOfYear, weekday } from "../core/dates.js";
import { recordEffort, totalSeconds, type Segment } from "./effort.js";
import { bikePeaks, runPeaks, type Peaks } from "./peaks.js";
import { asPlanned, type PlannedSession } from "./plan.js";
import { thresholdsOn, type Thresholds } from "./profile.js";
import { clamp, Rng } from "./random.js";
import { personaSeed, TRIATHLETE, type DemoPersona, type Discipline } from "./roster.js";
import type { Season, WeekInfo } from "./season.js";
import { shapeSession } from "./sessions.js";
import type { DemoWorkout, WorkoutComment } from "./types.js";
import { actualNumbers, NO_PLAN, plannedNumbers, structureOf, type ActualNumbers } from "./workout-numbers.js";

export interface BuiltWorkout {
  workout: DemoWorkout;
  /** The recording, for completed workouts. */
  segs: Segment[] | null;
  thresholds: Thresholds;
  /** Laps follow the planned steps (structured sessions, swim sets) rather than auto-lap. */
  lapsByStep: boolean;
  /** Completed today and not yet analysed: its PRs are still "calcs pending". */
  pending: boolean;
  peaks: Peaks | null;
}

const NO_ACTUALS: ActualNumbers = {
  totalTime: null, if: null, tssActual: null, tssSource: 0, distance: null, velocityAverage: null, velocityMaximum: null,
  normalizedSpeedActual: null, normalizedPowerActual: null, powerAverage: null, powerMaximum: null, energy: null, calories: null,
  heartRateMinimum: null, heartRateMaximum: null, heartRateAverage: null, cadenceAverage: null, cadenceMaximum: null,
  elevationGain: null, elevationLoss: null, elevationMinimum: null, elevationAverage: null, elevationMaximum: null,
  tempMin: null, tempAvg: null, tempMax: null,
};

const COMMENTS = [
  "Legs felt heavy from yesterday but numbers were fine.",
  "Windy on the dyke, held power anyway.",
  "Nailed it. Felt smooth the whole way.",
  "Cut the cool-down short, ran out of time.",
  "Hot one today, drank 2 bottles.",
  "New route along the river, lovely.",
];
const RACE_COMMENTS = ["Great race! Paced the bike well and ran strong.", "Tough day in the wind, happy with the result.", "Swim was rough, bike and run on target."];
const COACH_NOTES = ["Keep the recoveries truly easy.", "Fuel every 30 min.", "Cadence above 85 in the efforts.", null, null, null];

/** Typical air temperature where the athlete lives for the calendar day, °C. */
function seasonalTemperature(day: number, { mean, swing, coldestDay }: DemoPersona["climate"]): number {
  return mean - swing * Math.cos((2 * Math.PI * (dayOfYear(day) - coldestDay)) / 365.25);
}

/** The odd unplanned session: an easy ride or run, as the athlete's sports allow. */
const EXTRA_RIDE_SHARE: Record<Discipline, number> = { triathlon: 0.6, run: 0, bike: 1 };

/** Where an athlete's ids start: each athlete has a range of its own, the triathlete the first. */
export const WORKOUT_ID_BASE = 3_000_000_000;
export const WORKOUT_IDS_PER_ATHLETE = 100_000_000;

function percent(actual: number | null, planned: number | null): number | null {
  return actual !== null && planned !== null && planned > 0 ? round((actual / planned) * 100, 1) : null;
}

export function buildWorkouts(
  seed: number,
  today: number,
  season: Season,
  range: { first: number; last: number },
  planFor: (week: WeekInfo) => PlannedSession[][],
  persona: DemoPersona = TRIATHLETE,
): BuiltWorkout[] {
  const { first, last } = range;
  const { person } = persona;
  const streams = personaSeed(seed, persona);
  const built: BuiltWorkout[] = [];
  let commentId = 9_100_000 + 1_000_000 * persona.idBlock;

  for (let day = first; day <= last; day++) {
    const week = season.weekOf(day);
    const plan = planFor(week);
    const th = thresholdsOn(day, today, persona);
    const dayRng = Rng.for(streams, "day", day - today);
    const weather = { temperature: round(seasonalTemperature(day, persona.climate) + dayRng.normal(3), 1) };
    const entries = (plan[weekday(day)] ?? []).map((session) => ({ session, planned: true }));
    if (day < today && !week.race && dayRng.chance(0.03)) {
      const kind = dayRng.chance(EXTRA_RIDE_SHARE[persona.discipline]) ? "bikeEasy" : "runEasy";
      const shape = shapeSession(kind, week, dayRng, persona.raceLabel);
      entries.push({ session: asPlanned({ ...shape, title: kind === "bikeEasy" ? "Easy spin" : "Easy run" }, 17 * 3600 + 30 * 60, false), planned: false });
    }

    let freeAt = 0;
    entries.forEach(({ session, planned }, order) => {
      const rng = Rng.for(streams, "workout", day - today, order);
      const index = built.length;
      const workoutId = WORKOUT_ID_BASE + WORKOUT_IDS_PER_ATHLETE * persona.idBlock + index;
      const isRest = session.sport === 7;
      const skipped = planned && !isRest && !session.race && day < today - 7 && rng.chance(0.035);
      const done = !isRest && !skipped && (day < today || (day === today && order === 0));
      const plannedNums = planned ? plannedNumbers(session, th) : NO_PLAN;

      let segs: Segment[] | null = null;
      let actual = NO_ACTUALS;
      let startSec: number | null = null;
      let endSec = 0;
      if (done) {
        const terrain = session.race ? 1.07 * rng.range(0.97, 1.03) : rng.range(0.93, 1.04);
        segs = recordEffort(session, { thresholds: th, rng, temperature: weather.temperature, terrain });
        actual = actualNumbers(segs, session, th, weather, rng);
        startSec = Math.max(session.startSec + (session.race ? 0 : rng.int(-15, 15) * 60), freeAt);
        endSec = startSec + totalSeconds(segs) + segs.reduce((s, x) => s + x.stop, 0);
        freeAt = endSec + 300;
      }

      const comments: WorkoutComment[] = [];
      if (done && (session.race || rng.chance(0.05))) {
        comments.push({
          id: commentId++,
          workoutId,
          comment: session.race ? rng.pick(RACE_COMMENTS) : rng.pick(COMMENTS),
          commenterName: person.fullName,
          commenterPersonId: persona.athleteId,
          dateCreated: apiDateTime(day, endSec + rng.int(15, 90) * 60),
          firstName: person.firstName,
          lastName: person.lastName,
          isCoach: false,
        });
      }
      // Saved just after the session, or planned on an evening some days before it.
      const saved = done
        ? apiDateTime(day, endSec + rng.int(5, 40) * 60)
        : apiDateTime(Math.min(day - rng.int(10, 28), today - rng.int(1, 5)), 20 * 3600 + rng.int(0, 3599));
      const modified = `${saved}.${String(rng.int(0, 999)).padStart(3, "0")}`;
      // Compliance is judged once the day is over (or the session done): a skipped one scores 0.
      const judged = planned && !isRest && (done || day < today);
      const compliance = (got: number | null, wanted: number | null) => (judged && wanted !== null ? (percent(got, wanted) ?? 0) : null);
      const feel = done && (session.race || rng.chance(0.6));
      const intensity = actual.if ?? 0;
      const title = !planned && rng.chance(0.5) ? null : session.title;

      const workout: DemoWorkout = {
        workoutId,
        athleteId: persona.athleteId,
        title,
        workoutTypeValueId: session.sport,
        code: null,
        workoutDay: apiDay(day),
        startTime: startSec !== null ? apiDateTime(day, startSec) : null,
        startTimePlanned: planned && session.showPlannedStart && !isRest ? apiDateTime(day, session.startSec) : null,
        isItAnOr: false,
        isHidden: null,
        completed: null,
        description: planned ? session.description : null,
        userTags: session.race ? `race,${session.race.priority}-race` : session.title.startsWith("Brick") ? "brick" : session.key && session.sport === 2 && rng.chance(0.2) ? "group ride" : null,
        coachComments: planned && session.structured ? rng.pick(COACH_NOTES) : null,
        workoutComments: comments,
        newComment: null,
        distance: actual.distance,
        distancePlanned: plannedNums.distancePlanned,
        totalTime: actual.totalTime,
        totalTimePlanned: plannedNums.totalTimePlanned,
        heartRateMinimum: actual.heartRateMinimum,
        heartRateMaximum: actual.heartRateMaximum,
        heartRateAverage: actual.heartRateAverage,
        calories: actual.calories,
        caloriesPlanned: plannedNums.caloriesPlanned,
        tssActual: actual.tssActual,
        tssPlanned: plannedNums.tssPlanned,
        tssSource: actual.tssSource,
        if: actual.if,
        ifPlanned: plannedNums.ifPlanned,
        velocityAverage: actual.velocityAverage,
        velocityMaximum: actual.velocityMaximum,
        velocityPlanned: plannedNums.velocityPlanned,
        normalizedSpeedActual: actual.normalizedSpeedActual,
        normalizedPowerActual: actual.normalizedPowerActual,
        powerAverage: actual.powerAverage,
        powerMaximum: actual.powerMaximum,
        energy: actual.energy,
        energyPlanned: plannedNums.energyPlanned,
        elevationGain: actual.elevationGain,
        elevationGainPlanned: plannedNums.elevationGainPlanned,
        elevationLoss: actual.elevationLoss,
        elevationMinimum: actual.elevationMinimum,
        elevationAverage: actual.elevationAverage,
        elevationMaximum: actual.elevationMaximum,
        tempMin: actual.tempMin,
        tempAvg: actual.tempAvg,
        tempMax: actual.tempMax,
        cadenceAverage: actual.cadenceAverage,
        cadenceMaximum: actual.cadenceMaximum,
        feeling: feel ? clamp(Math.round(7 + rng.normal(1.5) - (intensity > 0.9 ? 1 : 0)), 0, 10) : null,
        rpe: feel ? clamp(Math.round(intensity * 10 - 1.5 + rng.normal(0.8)), 1, 10) : null,
        personalRecordCount: 0,
        structure: planned ? structureOf(session) : null,
        lastModifiedDate: modified,
        isLocked: null,
        orderOnDay: order + 1,
        complianceDurationPercent: compliance(actual.totalTime, plannedNums.totalTimePlanned),
        complianceDistancePercent: compliance(actual.distance, plannedNums.distancePlanned),
        complianceTssPercent: compliance(actual.tssActual, plannedNums.tssPlanned),
        equipmentBikeId: null,
        equipmentShoeId: null,
      };
      // Today's session is still being analysed, unless it is a long one the demo tour shows off.
      const pending = done && day === today && !session.key;
      built.push({
        workout,
        segs,
        thresholds: th,
        lapsByStep: session.structured || (session.sport === 1 && session.blocks.some((b) => b.reps > 1)),
        pending,
        peaks: done && !pending && segs ? (session.sport === 2 ? bikePeaks(segs) : session.sport === 3 ? runPeaks(segs) : null) : null,
      });
    });
  }
  return built;
}

/** `…/workouts/{id}/details`: one device file for a completed workout. */
export function workoutDetails(w: DemoWorkout) {
  const files =
    w.startTime === null
      ? []
      : [
          {
            fileId: 80_000_000 + (w.workoutId - WORKOUT_ID_BASE),
            fileSystemId: 90_000_000 + (w.workoutId - WORKOUT_ID_BASE),
            fileName: `${w.startTime.replace("T", "-").replaceAll(":", "-")}.fit`,
            dateUploaded: w.lastModifiedDate.slice(0, 19),
          },
        ];
  return { workoutId: w.workoutId, workoutDeviceFileInfos: files, attachmentFileInfos: [] as never[] };
}

