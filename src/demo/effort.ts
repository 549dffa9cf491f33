/**
 * How a planned session was actually ridden, run or swum: a piecewise-constant recording
 * (segments of a few minutes, surges and sprints, heart rate that lags the effort), from which
 * every actual number of the workout, its peaks and its laps are derived, so they agree.
 */
import type { Thresholds } from "./profile.js";
import { clamp, type Rng } from "./random.js";
import type { PlannedSession } from "./plan.js";

export interface Segment {
  /** Moving seconds. */
  sec: number;
  /** Fraction of the sport's threshold. */
  rel: number;
  /** Watts for bike segments, else 0. */
  power: number;
  /** Metres per second (0 for strength). */
  speed: number;
  dist: number;
  /** Mean and highest heart rate over the segment, bpm. */
  hr: number;
  hrPeak: number;
  cadence: number | null;
  /** Stopped seconds after the segment (traffic lights, a gel). */
  stop: number;
  /** The planned step (repetitions expanded) the segment belongs to. */
  step: number;
}

const HR_LAG_S = 35;

/** Bike speed from power on flat Dutch roads: about 31 km/h at 200 W. */
export function bikeSpeed(watts: number): number {
  return 1.032 * Math.max(watts, 30) ** 0.4;
}

function targetHr(sport: number, rel: number, body: Thresholds["body"]): number {
  switch (sport) {
    case 2:
      return body.bikeLthr * (0.5 + 0.5 * rel);
    case 3:
      return body.lthr * (0.42 + 0.58 * rel);
    case 1:
      return 150 * (0.5 + 0.5 * rel);
    default:
      return 95 + 30 * rel;
  }
}

function cadenceFor(sport: number, rel: number, rng: Rng): number | null {
  switch (sport) {
    case 2:
      return Math.round(clamp(86 + 15 * (rel - 0.7) + rng.normal(2), 70, 112));
    case 3:
      return Math.round(clamp(84 + 8 * (rel - 0.8) + rng.normal(1), 78, 96));
    case 1:
      return Math.round(clamp(28 + 10 * (rel - 0.85) + rng.normal(1), 22, 36));
    default:
      return null;
  }
}

interface Piece {
  sec: number;
  rel: number;
  step: number;
  steady: boolean;
}

/** Expands the plan's steps and adds the unevenness of real execution. */
function pieces(session: PlannedSession, rng: Rng): Piece[] {
  const execution = 1 + rng.normal(0.015) + (session.race ? 0.01 : 0);
  const cvFree = session.sport === 2 ? 0.06 : session.sport === 3 ? 0.03 : 0.02;
  const out: Piece[] = [];
  let stepIndex = 0;
  for (const block of session.blocks) {
    for (let r = 0; r < block.reps; r++) {
      for (const st of block.steps) {
        const mid = (st.lo + st.hi) / 200;
        const free = !session.structured || st.cls === "warmUp" || st.cls === "coolDown";
        const length = free && !session.race ? clamp(1 + rng.normal(0.06), 0.85, 1.15) : 1;
        let left = Math.max(10, Math.round(st.sec * length));
        // Hard bike efforts start with a kick out of the saddle.
        if (session.sport === 2 && !free && mid >= 0.9 && left > 30) {
          const kick = rng.int(5, 8);
          out.push({ sec: kick, rel: mid * execution * rng.range(1.3, 1.6), step: stepIndex, steady: true });
          left -= kick;
        }
        while (left > 0) {
          const chunk = left > 720 ? Math.min(left, rng.int(360, 720)) : left;
          const progress = (st.sec * length - left) / (st.sec * length);
          const fade = session.race && session.sport === 3 ? 1.02 - 0.04 * progress : 1;
          const cv = free ? cvFree : 0.015;
          out.push({ sec: chunk, rel: Math.max(0.3, mid * execution * fade * (1 + rng.normal(cv))), step: stepIndex, steady: !free });
          left -= chunk;
        }
        stepIndex++;
      }
    }
  }
  return out;
}

interface Surges {
  /** Climbs and attacks: 15–60 s at 120–160 % FTP. */
  surges: number;
  /** Accelerations away from junctions: 5–10 s at 150–230 % FTP. */
  bursts: number;
  /** One town-sign sprint, maybe. */
  sprint: boolean;
}

/** The unevenness of riding outdoors, inserted into the free-riding parts of a ride. */
function addSurges(list: Piece[], plan: Surges, rng: Rng): Piece[] {
  const out = [...list];
  const insert = (sec: number, rel: number) => {
    const candidates: number[] = [];
    out.forEach((p, i) => {
      if (!p.steady && p.sec >= sec + 60 && p.rel < 1) candidates.push(i);
    });
    if (candidates.length === 0) return;
    const i = rng.pick(candidates);
    const p = out[i]!;
    const before = rng.int(30, p.sec - sec - 30);
    out.splice(i, 1, { ...p, sec: before }, { ...p, sec, rel }, { ...p, sec: p.sec - before - sec });
  };
  for (let k = 0; k < plan.surges; k++) insert(rng.int(15, 60), rng.range(1.2, 1.6));
  for (let k = 0; k < plan.bursts; k++) insert(rng.int(5, 10), rng.range(1.5, 2.3));
  if (plan.sprint && rng.chance(0.35)) insert(rng.int(8, 12), rng.range(2.7, 3.3));
  return out;
}

export interface EffortContext {
  thresholds: Thresholds;
  rng: Rng;
  /** Air temperature, °C (heart rate runs higher in the heat). */
  temperature: number;
  /** Multiplies bike speed: wind, terrain, the TT bike on race day. */
  terrain: number;
}

export function recordEffort(session: PlannedSession, ctx: EffortContext): Segment[] {
  const { rng, thresholds: th } = ctx;
  let list = pieces(session, rng);
  const hours = list.reduce((s, p) => s + p.sec, 0) / 3600;
  if (session.sport === 2) {
    const free = !session.race && !session.structured;
    list = addSurges(
      list,
      { surges: session.race ? 0 : Math.floor(hours * rng.range(free ? 1 : 0.5, free ? 3 : 1.5)), bursts: session.race ? 1 : rng.int(1, 3), sprint: free },
      rng,
    );
  }

  const speedOf = (rel: number): number => {
    if (session.sport === 2) return bikeSpeed(rel * th.ftp) * ctx.terrain;
    if (session.sport === 3) return rel * th.runSpeed;
    if (session.sport === 1) return rel * th.swimSpeed;
    return 0;
  };
  // Races are set by distance: stretch or shrink the recording to cover it exactly.
  if (session.raceDistance !== null) {
    const covered = list.reduce((s, p) => s + p.sec * speedOf(p.rel), 0);
    const k = session.raceDistance / covered;
    list = list.map((p) => ({ ...p, sec: p.sec * k }));
  }

  const offset = rng.normal(2) + Math.max(0, ctx.temperature - 20) * 0.4;
  const outdoor = (session.sport === 2 || session.sport === 3) && !session.race;
  let hr = 88 + rng.range(0, 12);
  let elapsed = 0;
  return list.map((p) => {
    const drift = 1 + 0.05 * Math.min(1, elapsed / 10_800);
    const target = Math.min(th.body.maxHeartRate - 1, targetHr(session.sport, p.rel, th.body) * drift + offset);
    const decay = Math.exp(-p.sec / HR_LAG_S);
    const mean = target + ((hr - target) * HR_LAG_S * (1 - decay)) / p.sec;
    const end = target + (hr - target) * decay;
    const speed = speedOf(p.rel);
    const seg: Segment = {
      sec: p.sec,
      rel: p.rel,
      power: session.sport === 2 ? p.rel * th.ftp : 0,
      speed,
      dist: speed * p.sec,
      hr: mean,
      hrPeak: Math.max(hr, end),
      cadence: cadenceFor(session.sport, p.rel, rng),
      stop: outdoor && p.sec >= 120 && rng.chance(0.08) ? rng.int(10, 120) : 0,
      step: p.step,
    };
    hr = end;
    elapsed += p.sec;
    return seg;
  });
}

/** Time-weighted fourth-power mean over 30-s blocks: TrainingPeaks' normalized power/speed. */
export function normalized(segs: readonly Segment[], value: (s: Segment) => number): number {
  let acc = 0;
  let weight = 0;
  let sum4 = 0;
  let total = 0;
  for (const s of segs) {
    acc += s.sec * value(s);
    weight += s.sec;
    if (weight >= 30) {
      sum4 += weight * (acc / weight) ** 4;
      total += weight;
      acc = 0;
      weight = 0;
    }
  }
  if (weight > 0) {
    sum4 += weight * (acc / weight) ** 4;
    total += weight;
  }
  return total > 0 ? (sum4 / total) ** 0.25 : 0;
}

export function totalSeconds(segs: readonly Segment[]): number {
  return segs.reduce((s, x) => s + x.sec, 0);
}

export function weightedMean(segs: readonly Segment[], value: (s: Segment) => number): number {
  const t = totalSeconds(segs);
  return t > 0 ? segs.reduce((s, x) => s + x.sec * value(x), 0) / t : 0;
}
