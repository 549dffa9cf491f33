/**
 * Calendar notes: a handful per athlete around today and the coming A race, one of them hidden
 * from the athlete (a coach's reminder), as a coach's calendar holds them.
 */
import { byCodeUnit } from "../core/compare.js";
import { apiDateTime, apiDay } from "../core/dates.js";
import { TRIATHLETE, type DemoPersona, type Discipline } from "./roster.js";
import type { Race } from "./season.js";
import type { DemoCalendarNote } from "./types.js";

interface NotePlan {
  /** Days from today, or from the A race when `fromRace`. */
  offset: number;
  fromRace?: boolean;
  title: string;
  description: string;
  comments: number;
  hidden?: boolean;
  /** Written by the coach rather than the athlete. */
  byCoach?: boolean;
}

const NOTES: Record<Discipline, NotePlan[]> = {
  triathlon: [
    { offset: -40, title: "Head cold", description: "Sore throat and a blocked nose: swim and bike easy only until it clears.", comments: 2 },
    { offset: -9, title: "Bike in for service", description: "New chain and cassette; back on Thursday, so the turbo until then.", comments: 0 },
    { offset: 3, title: "Work trip", description: "Two nights in Brussels: hotel gym and a run along the canal.", comments: 1 },
    { offset: -1, fromRace: true, title: "Travel to the race", description: "Drive up in the morning, bike check-in from 15:00, race briefing at 17:00.", comments: 0 },
    { offset: -10, fromRace: true, title: "Taper check", description: "Compare this week's CTL drop with last season's taper before the race.", comments: 0, hidden: true, byCoach: true },
  ],
  run: [
    { offset: -20, title: "New shoes", description: "Started rotating the new trainers on the easy runs.", comments: 1 },
    { offset: -4, title: "Tight calf", description: "Left calf tight after the long run; foam roller and an extra easy day.", comments: 3 },
    { offset: -7, fromRace: true, title: "Race plan", description: "Goal pace 4:20/km through 30 km, then see what is left.", comments: 2, byCoach: true },
    { offset: -3, fromRace: true, title: "Carb loading", description: "Start the carb load: 8-10 g per kg from Thursday.", comments: 0, hidden: true, byCoach: true },
  ],
  bike: [
    { offset: -15, title: "Bike fit", description: "Saddle up 4 mm, cleats moved back: keep the next rides easy to adapt.", comments: 1 },
    { offset: 2, title: "Heatwave", description: "38 °C forecast: ride before 8 am or on the trainer.", comments: 0, byCoach: true },
    { offset: -2, fromRace: true, title: "Course recce", description: "Drive the last 40 km of the course and ride the final climb.", comments: 0 },
  ],
};

/** `GET /fitness/v2/athletes/{id}/calendarNote/…`: every note, hidden ones too (the API sends them). */
export function buildCalendarNotes(today: number, focus: Race, persona: DemoPersona): DemoCalendarNote[] {
  return NOTES[persona.discipline]
    .map((plan, i) => {
      const day = (plan.fromRace ? focus.day : today) + plan.offset;
      const written = Math.min(day, today) - (i % 3) - 1;
      return {
        id: 5_000_001 + 1000 * persona.idBlock + i,
        title: plan.title,
        description: plan.description,
        noteDate: apiDay(day),
        isHidden: plan.hidden === true,
        commentCount: plan.comments,
        createdDate: apiDateTime(written, 20 * 3600 + 15 * 60),
        modifiedDate: plan.comments > 0 ? apiDateTime(written + 1, 7 * 3600 + 40 * 60) : null,
        ownerId: plan.byCoach ? TRIATHLETE.athleteId : persona.athleteId,
        attachments: [],
      };
    })
    .sort((a, b) => byCodeUnit(a.noteDate, b.noteDate) || a.id - b.id);
}
