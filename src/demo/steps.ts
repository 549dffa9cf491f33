/**
 * Sessions as steps: a target range as % of the sport's threshold (FTP, threshold run speed or
 * swim critical speed) held for some seconds, grouped in blocks that may repeat. The same steps
 * give a workout's planned numbers, its published `structure` and the shape of its recording.
 */
import type { IntensityClass } from "./types.js";

export interface Step {
  name: string;
  sec: number;
  /** Target range, % of threshold. */
  lo: number;
  hi: number;
  cls: IntensityClass;
}

export interface Block {
  reps: number;
  steps: Step[];
}

/** Total seconds of a session's steps, repetitions expanded. */
export function blockSeconds(blocks: readonly Block[]): number {
  return blocks.reduce((sum, b) => sum + b.reps * b.steps.reduce((s, st) => s + st.sec, 0), 0);
}

export const step = (name: string, minutes: number, lo: number, hi: number, cls: IntensityClass = "active"): Step => ({
  name,
  sec: Math.round(minutes * 60),
  lo,
  hi,
  cls,
});
export const seconds = (name: string, sec: number, lo: number, hi: number, cls: IntensityClass): Step => ({ name, sec, lo, hi, cls });
export const one = (s: Step): Block => ({ reps: 1, steps: [s] });
export const warmUp = (minutes: number, lo = 50, hi = 65) => one(step("Warm up", minutes, lo, hi, "warmUp"));
export const coolDown = (minutes: number, lo = 45, hi = 60) => one(step("Cool down", minutes, lo, hi, "coolDown"));
export const reps = (n: number, work: Step, rest: Step): Block => ({ reps: n, steps: [work, rest] });

export interface Interval {
  title: string;
  n: number;
  /** Minutes on and off. */
  on: number;
  lo: number;
  hi: number;
  off: number;
}

export function intervals(i: Interval, wu: number, cd: number, offLo = 50, offHi = 60): Block[] {
  return [
    warmUp(wu),
    reps(i.n, step("Interval", i.on, i.lo, i.hi), step("Recovery", i.off, offLo, offHi, "rest")),
    coolDown(cd),
  ];
}
