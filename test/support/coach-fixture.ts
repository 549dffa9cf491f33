/**
 * A coach's account for the coach-mode suites: the coach (no athlete data of their own) and a
 * roster of four, two of them sharing a first name, one with an accented name, each athlete in a
 * time zone of their own (from their settings, as TrainingPeaks gives it).
 */
import { HttpResponse } from "msw";
import type { OperationResolver } from "./spec-mocks.js";

export const COACH_ID = 880021;

export const ROSTER = [
  { athleteId: 3100442, firstName: "Riley", lastName: "Athlete", userType: 6, timeZone: "Australia/Sydney" },
  { athleteId: 3100443, firstName: "Riley", lastName: "Stone", userType: 4, timeZone: "Europe/London" },
  { athleteId: 3100444, firstName: "Zoë", lastName: "Müller", userType: 4, timeZone: "America/Los_Angeles" },
  { athleteId: 3100445, firstName: "Marco", lastName: "Rossi", userType: 1, timeZone: "Europe/Rome", expireOn: "2025-01-31T00:00:00" },
] as const;

export const coachUser = () => ({
  user: {
    userId: COACH_ID,
    personId: COACH_ID,
    firstName: "Sam",
    lastName: "Coach",
    timeZone: "America/Denver",
    athletes: ROSTER.map(({ timeZone: _zone, ...athlete }) => ({ ...athlete, coachedBy: COACH_ID, athleteType: 1 })),
  },
  accountStatus: { isAthlete: false, isCoach: true, isCoachedAthlete: false, isPremium: true },
});

/** Each athlete's settings with their own time zone; someone else's athlete is a 403, as TrainingPeaks answers. */
export const settingsByAthlete: OperationResolver = ({ params }) => {
  const athlete = ROSTER.find((entry) => entry.athleteId === Number(params.athleteId));
  if (!athlete) return HttpResponse.json({ message: "Forbidden" }, { status: 403 });
  return HttpResponse.json({ athleteId: athlete.athleteId, firstName: athlete.firstName, lastName: athlete.lastName, timeZone: athlete.timeZone });
};

export const coachOverrides = () => ({
  getUser: () => HttpResponse.json(coachUser()),
  getAthleteSettings: settingsByAthlete,
});
