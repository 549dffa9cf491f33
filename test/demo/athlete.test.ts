import { describe, expect, it } from "vitest";
import { createDemoAthlete, HISTORY_DAYS, PLANNED_DAYS } from "../../src/demo/athlete.js";
import { fromDay, mondayOf, toDay, weekday } from "../../src/core/dates.js";
import { DEMO_ATHLETE_ID, thresholdsOn } from "../../src/demo/profile.js";
import type { DemoWorkout } from "../../src/demo/types.js";

const TODAY = "2026-11-20";
const athlete = createDemoAthlete({ today: TODAY });
const today = toDay(TODAY);
const completed = athlete.workouts.filter((w) => w.totalTime !== null);
const dayOf = (w: { workoutDay: string }) => toDay(w.workoutDay);

describe("determinism", () => {
  it("builds deep-equal, byte-identical athletes from the same seed and date", () => {
    const again = createDemoAthlete({ today: TODAY, seed: 42 });
    expect(again).toEqual(athlete);
    expect(JSON.stringify(again)).toBe(JSON.stringify(athlete));
  });

  it("builds a different athlete from another seed", () => {
    const other = createDemoAthlete({ today: TODAY, seed: 43 });
    expect(JSON.stringify(other.workouts)).not.toBe(JSON.stringify(athlete.workouts));
    expect(other.workouts.map((w) => w.tssActual)).not.toEqual(athlete.workouts.map((w) => w.tssActual));
  });

  it("defaults to seed 42 and today's local date", () => {
    const plain = createDemoAthlete();
    expect(plain.seed).toBe(42);
    expect(Math.abs(toDay(plain.today) - toDay(new Date().toISOString().slice(0, 10)))).toBeLessThanOrEqual(1);
  });

});

describe("dates relative to today", () => {
  it.each(["2026-11-20", "2026-11-22", "2026-11-23", "2024-02-29", "2031-01-08", "2027-06-30", "2025-03-29"])("today = %s", (date) => {
    const a = date === TODAY ? athlete : createDemoAthlete({ today: date, seed: 5 });
    const t = toDay(date);
    const days = a.workouts.map(dayOf);
    expect(a.today).toBe(date);
    expect(Math.min(...days)).toBeGreaterThanOrEqual(t - HISTORY_DAYS);
    expect(Math.min(...days)).toBeLessThanOrEqual(t - HISTORY_DAYS + 3);
    // The plan runs through the coming A race (at least PLANNED_DAYS): the race legs end it.
    const aRace = toDay(a.focusEvent.eventDate);
    expect(Math.max(...days)).toBe(Math.max(t + PLANNED_DAYS, aRace));
    expect(toDay(a.lastDay)).toBe(Math.max(...days));
    expect(a.workouts.filter((w) => dayOf(w) === aRace && w.tssPlanned !== null).map((w) => w.title)).toEqual([
      `${a.focusEvent.name}: swim`,
      `${a.focusEvent.name}: bike`,
      `${a.focusEvent.name}: run`,
    ]);
    expect(a.performance).toHaveLength(toDay(a.lastDay) - toDay(a.firstDay) + 1);
    const done = a.workouts.filter((w) => w.totalTime !== null);
    expect(Math.max(...done.map(dayOf))).toBeLessThanOrEqual(t);
    expect(Math.max(...done.map(dayOf))).toBeGreaterThanOrEqual(t - 2);
    expect(a.workouts.some((w) => dayOf(w) > t && w.tssPlanned !== null)).toBe(true);
    // The A race: a Sunday about five weeks out, a 70.3.
    const focus = toDay(a.focusEvent.eventDate);
    expect(focus - t).toBeGreaterThanOrEqual(31);
    expect(focus - t).toBeLessThanOrEqual(37);
    expect(weekday(focus)).toBe(6);
    expect(a.focusEvent).toMatchObject({ atpPriority: "A", eventType: "Triathlon", distance: 113 });
    // And last year's A race, raced and on the calendar.
    const pastA = a.events.filter((e) => e.atpPriority === "A" && toDay(e.eventDate) < t);
    expect(pastA).toHaveLength(1);
    expect(t - toDay(pastA[0]!.eventDate)).toBeGreaterThanOrEqual(350);
    expect(t - toDay(pastA[0]!.eventDate)).toBeLessThanOrEqual(380);
    expect(a.workouts.filter((w) => w.workoutDay === pastA[0]!.eventDate && w.totalTime !== null)).toHaveLength(3);
  });
});

describe("the athlete", () => {
  it("is Alex Rivera, a fictional triathlete in Amsterdam, who coaches themself and two more athletes", () => {
    expect(athlete.user.user).toMatchObject({ userId: DEMO_ATHLETE_ID, personId: DEMO_ATHLETE_ID, fullName: "Alex Rivera", timeZone: "Europe/Amsterdam", email: "alex.rivera@example.com" });
    expect(athlete.user.accountStatus).toEqual({ isAthlete: true, isCoach: true, isCoachedAthlete: false, isPremium: true });
    expect(athlete.user.user.athletes[0]).toEqual({ athleteId: DEMO_ATHLETE_ID, firstName: "Alex", lastName: "Rivera", email: "alex.rivera@example.com", coachedBy: DEMO_ATHLETE_ID, userType: 4, athleteType: 1 });
    expect(athlete.settings.powerZones[0]!.threshold).toBe(265);
    expect(athlete.settings.speedZones.find((g) => g.workoutTypeId === 3)!.threshold).toBeCloseTo(4, 2); // 4:10/km
  });

  it("raises FTP and run speed slowly over two years", () => {
    const then = thresholdsOn(today - HISTORY_DAYS, today);
    const now = thresholdsOn(today, today);
    expect(now.ftp).toBe(265);
    expect(then.ftp).toBeGreaterThanOrEqual(245);
    expect(then.ftp).toBeLessThan(now.ftp);
    expect(then.runSpeed).toBeLessThan(now.runSpeed);
    for (let d = today - HISTORY_DAYS; d < today; d++) expect(thresholdsOn(d + 1, today).ftp).toBeGreaterThanOrEqual(thresholdsOn(d, today).ftp);
  });

  it("gives zones that tile from the threshold", () => {
    for (const group of [...athlete.settings.heartRateZones, ...athlete.settings.powerZones, ...athlete.settings.speedZones]) {
      group.zones.forEach((z, i) => {
        expect(z.maximum).toBeGreaterThan(z.minimum);
        if (i > 0) expect(z.minimum).toBe(group.zones[i - 1]!.maximum);
      });
    }
    for (const hr of athlete.settings.heartRateZones) expect(hr).toMatchObject({ maximumHeartRate: 188, restingHeartRate: 46 });
  });
});

describe("workouts", () => {
  it("have unique, increasing ids and the documented shape", () => {
    const ids = athlete.workouts.map((w) => w.workoutId);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    for (const w of athlete.workouts) {
      expect(w).toMatchObject({ athleteId: DEMO_ATHLETE_ID, code: null, isItAnOr: false, isHidden: null, completed: null, newComment: null, isLocked: null, equipmentBikeId: null, equipmentShoeId: null });
      expect(w.workoutDay).toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00$/);
      expect([1, 2, 3, 7, 9]).toContain(w.workoutTypeValueId);
      if (w.startTime !== null) expect(w.startTime.slice(0, 10)).toBe(w.workoutDay.slice(0, 10));
    }
  });

  it("mix swim, bike, run, strength and days off, with a few untitled, commented and skipped ones", () => {
    const count = (f: (w: DemoWorkout) => boolean) => athlete.workouts.filter(f).length;
    for (const sport of [1, 2, 3, 9, 7]) expect(count((w) => w.workoutTypeValueId === sport)).toBeGreaterThan(20);
    expect(count((w) => w.title === null)).toBeGreaterThan(0);
    expect(count((w) => w.workoutComments.length > 0)).toBeGreaterThan(5);
    expect(count((w) => dayOf(w) < today && w.tssPlanned !== null && w.totalTime === null)).toBeGreaterThan(5);
    expect(count((w) => w.totalTime !== null && w.tssPlanned === null)).toBeGreaterThan(3);
    expect(count((w) => w.structure !== null)).toBeGreaterThan(100);
  });

  it("keep planned workouts free of actuals", () => {
    for (const w of athlete.workouts.filter((x) => dayOf(x) > today)) {
      expect(w.totalTime).toBeNull();
      expect(w.tssActual).toBeNull();
      expect(w.startTime).toBeNull();
      expect(w.heartRateAverage).toBeNull();
      if (w.workoutTypeValueId !== 7) expect(w.totalTimePlanned).toBeGreaterThan(0);
    }
  });

  it("follow TSS = hours × IF² × 100 and the other unit relations", () => {
    for (const w of completed) {
      const th = thresholdsOn(dayOf(w), today);
      const seconds = w.totalTime! * 3600;
      expect(Math.abs(w.tssActual! - w.totalTime! * w.if! ** 2 * 100)).toBeLessThan(0.06);
      expect(w.heartRateMinimum!).toBeLessThan(w.heartRateAverage!);
      expect(w.heartRateAverage!).toBeLessThan(w.heartRateMaximum!);
      expect(w.heartRateMaximum!).toBeLessThanOrEqual(188);
      if (w.workoutTypeValueId === 9) continue;
      expect(Math.abs(w.distance! - w.velocityAverage! * seconds) / w.distance!).toBeLessThan(0.002);
      expect(w.velocityMaximum!).toBeGreaterThan(w.velocityAverage!);
      if (w.workoutTypeValueId === 2) {
        expect(Math.abs(w.normalizedPowerActual! - w.if! * th.ftp)).toBeLessThanOrEqual(0.6);
        expect(Math.abs(w.energy! - (w.powerAverage! * seconds) / 1000)).toBeLessThan(0.1);
        expect(w.powerAverage!).toBeLessThanOrEqual(w.normalizedPowerActual!);
        expect(w.powerMaximum!).toBeGreaterThan(w.normalizedPowerActual!);
        expect(w.velocityAverage! * 3.6).toBeGreaterThan(22);
        expect(w.velocityAverage! * 3.6).toBeLessThan(40);
      }
      if (w.workoutTypeValueId === 3) {
        const paceMinPerKm = 1000 / w.velocityAverage! / 60;
        expect(paceMinPerKm).toBeGreaterThan(3.6);
        expect(paceMinPerKm).toBeLessThan(6.5);
        expect(Math.abs(w.normalizedSpeedActual! / th.runSpeed - w.if!)).toBeLessThan(0.001);
        expect(w.cadenceAverage!).toBeGreaterThan(80); // steps per minute / 2, as TrainingPeaks shows
        expect(w.cadenceAverage!).toBeLessThan(95);
      }
      if (w.workoutTypeValueId === 1) {
        const per100m = 100 / w.velocityAverage!;
        expect(per100m).toBeGreaterThan(w.userTags?.startsWith("race") ? 90 : 100);
        expect(per100m).toBeLessThan(125);
      }
    }
  });

  it("carry plans that agree with their structure", () => {
    for (const w of athlete.workouts.filter((x) => x.structure !== null)) {
      const s = w.structure!;
      expect(s.primaryLengthMetric).toBe("duration");
      expect(s.primaryIntensityMetric).toBe(w.workoutTypeValueId === 2 ? "percentOfFtp" : "percentOfThresholdPace");
      expect(s.structure[0]!.begin).toBe(0);
      s.structure.forEach((block, i) => {
        if (i > 0) expect(block.begin).toBe(s.structure[i - 1]!.end);
        const seconds = block.steps.reduce((sum, st) => sum + st.length.value, 0) * block.length.value;
        expect(block.end - block.begin).toBe(seconds);
        expect(block.type).toBe(block.length.value > 1 ? "repetition" : "step");
      });
      expect(s.structure.at(-1)!.end).toBeCloseTo(w.totalTimePlanned! * 3600, -1);
      expect(Math.abs(w.tssPlanned! - w.totalTimePlanned! * w.ifPlanned! ** 2 * 100)).toBeLessThan(0.2);
    }
  });

  it("set compliance only where a plan met the past", () => {
    for (const w of athlete.workouts) {
      const planned = w.tssPlanned !== null;
      if (!planned || dayOf(w) > today) expect(w.complianceTssPercent).toBeNull();
      else if (w.totalTime !== null) expect(w.complianceTssPercent).toBeCloseTo((w.tssActual! / w.tssPlanned!) * 100, 0);
      else if (dayOf(w) < today) expect(w.complianceTssPercent).toBe(0);
    }
  });
});

describe("the season", () => {
  it("plans one ATP week per Monday, matching the workouts' planned TSS", () => {
    const byWeek = new Map<number, number>();
    for (const w of athlete.workouts) byWeek.set(mondayOf(dayOf(w)), (byWeek.get(mondayOf(dayOf(w))) ?? 0) + (w.tssPlanned ?? 0));
    let checked = 0;
    athlete.atp.forEach((week, i) => {
      const monday = toDay(week.week);
      expect(weekday(monday)).toBe(0);
      if (i > 0) expect(monday - toDay(athlete.atp[i - 1]!.week)).toBe(7);
      const fullyInside = monday >= toDay(athlete.firstDay) && monday + 6 <= toDay(athlete.lastDay);
      if (fullyInside) {
        // Unplanned extras carry no planned TSS, so the week's planned sum is the ATP volume.
        expect(Math.abs(week.volume - byWeek.get(monday)!)).toBeLessThanOrEqual(0.5);
        checked++;
      }
    });
    expect(checked).toBeGreaterThan(100);
  });

  it("periodises base → build → peak → race, with recovery weeks and a taper", () => {
    const periods = athlete.atp.map((w) => w.period);
    const race = athlete.atp.findIndex((w) => w.raceName === athlete.focusEvent.name);
    expect(periods[race]).toBe("Race");
    expect(periods.slice(race - 2, race)).toEqual(["Peak", "Peak"]);
    expect(periods.slice(race - 6, race - 2)).toEqual(["Build 2", "Build 2", "Build 2", "Build 2"]);
    expect(periods.slice(race + 1, race + 4)).toEqual(["Transition", "Transition", "Transition"]);
    expect(periods).toContain("Base 1");
    const build = athlete.atp.slice(race - 10, race - 2);
    const recoveries = build.filter((w) => w.volume < 0.75 * Math.max(...build.map((b) => b.volume)));
    expect(recoveries.length).toBeGreaterThanOrEqual(2);
    expect(athlete.atp[race - 1]!.volume).toBeLessThan(0.85 * athlete.atp[race - 2]!.volume); // taper
    expect(athlete.atp[race - 2]!.volume).toBeLessThan(Math.max(...build.map((b) => b.volume)));
    expect(athlete.atp[race]!.weeksToNextPriorityEvent).toBe(0);
    expect(athlete.atp[race - 4]!.weeksToNextPriorityEvent).toBe(4);
  });

  it("lists A, B and C races, with the next planned event before the focus event", () => {
    const priorities = new Set(athlete.events.map((e) => e.atpPriority));
    expect(priorities).toEqual(new Set(["A", "B", "C"]));
    expect(new Set(athlete.events.map((e) => e.eventType))).toEqual(new Set(["Triathlon", "RoadRunning"]));
    expect(toDay(athlete.nextPlannedEvent!.eventDate)).toBeGreaterThanOrEqual(today);
    expect(toDay(athlete.nextPlannedEvent!.eventDate)).toBeLessThanOrEqual(toDay(athlete.focusEvent.eventDate));
  });
});

describe("metrics", () => {
  it("cover most mornings with pulse, sleep, HRV and often weight, and an injury spell", () => {
    const days = HISTORY_DAYS + 1;
    expect(athlete.metrics.length).toBeGreaterThan(days * 0.8);
    const types = (m: (typeof athlete.metrics)[number]) => m.details.map((d) => d.type);
    expect(athlete.metrics.every((m) => [5, 6, 60].every((t) => types(m).includes(t)))).toBe(true);
    expect(athlete.metrics.filter((m) => types(m).includes(9)).length).toBeGreaterThan(days * 0.3);
    expect(athlete.metrics.some((m) => types(m).includes(23))).toBe(true);
    for (const m of athlete.metrics) {
      expect(toDay(m.timeStamp)).toBeLessThanOrEqual(today);
      for (const d of m.details) {
        expect(d.time).toBe(m.timeStamp);
        const range = { 5: [36, 60], 6: [5, 9.5], 9: [68, 77], 23: [1, 10], 60: [25, 110] }[d.type as 5 | 6 | 9 | 23 | 60];
        expect(d.value).toBeGreaterThanOrEqual(range[0]!);
        expect(d.value).toBeLessThanOrEqual(range[1]!);
      }
    }
  });

  it("show a lower resting pulse when fit than when detrained", () => {
    const pulse = (from: number, to: number) => {
      const values = athlete.metrics.filter((m) => toDay(m.timeStamp) >= from && toDay(m.timeStamp) <= to).map((m) => m.details.find((d) => d.type === 5)!.value);
      return values.reduce((a, b) => a + b, 0) / values.length;
    };
    const firstMonth = pulse(today - HISTORY_DAYS, today - HISTORY_DAYS + 30);
    const lastMonth = pulse(today - 30, today);
    expect(lastMonth).toBeLessThan(firstMonth);
  });

  it("start on the first day of history", () => {
    expect(toDay(athlete.metrics[0]!.timeStamp)).toBeLessThanOrEqual(today - HISTORY_DAYS + 5);
    expect(fromDay(today - HISTORY_DAYS)).toBe(athlete.firstDay);
  });
});
