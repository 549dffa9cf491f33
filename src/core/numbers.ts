/**
 * Rounds to `digits` decimals. The digits are always the caller's: the tools, the demo and the
 * bench round to different precisions, and a default would hide which one an answer uses.
 */
export function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
