/**
 * The few SVG pieces the charts are drawn with. Plain strings: three charts of lines, bars and
 * labels need no charting library, and the rasteriser (rasterise.ts) reads SVG directly.
 */

/** Every chart is 800 px wide: legible in a chat client without scaling, small as a PNG. */
export const CHART_WIDTH = 800;
export const CHART_HEIGHT = 420;

export const FONT_FAMILY = "Lato";
export const INK = "#212529";
export const MUTED = "#6c757d";
export const GRID = "#e9ecef";

export interface Stroke {
  stroke: string;
  width?: number;
  /** Dashed, as "6 4"; absent for a solid line. */
  dash?: string;
  opacity?: number;
}

export interface Fill {
  fill: string;
  opacity?: number;
  stroke?: string;
  strokeWidth?: number;
  dash?: string;
}

export interface TextStyle {
  size?: number;
  anchor?: "start" | "middle" | "end";
  weight?: 400 | 700;
  fill?: string;
  /** A white ground under the letters, so a label stays legible over a line it crosses. */
  halo?: boolean;
}

/** One decimal is finer than a pixel needs, and keeps a 365-day chart's SVG small. */
const n = (value: number) => String(Math.round(value * 10) / 10);

export function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!);
}

const strokeAttributes = ({ stroke, width = 1, dash, opacity }: Stroke) =>
  `stroke="${stroke}" stroke-width="${n(width)}"${dash ? ` stroke-dasharray="${dash}"` : ""}${opacity !== undefined ? ` stroke-opacity="${opacity}"` : ""}`;

export function line(x1: number, y1: number, x2: number, y2: number, style: Stroke): string {
  return `<line x1="${n(x1)}" y1="${n(y1)}" x2="${n(x2)}" y2="${n(y2)}" ${strokeAttributes(style)}/>`;
}

/** A line through the points; empty when there are fewer than two. */
export function polyline(points: ReadonlyArray<readonly [number, number]>, style: Stroke): string {
  if (points.length < 2) return "";
  return `<polyline fill="none" stroke-linejoin="round" points="${points.map(([x, y]) => `${n(x)},${n(y)}`).join(" ")}" ${strokeAttributes(style)}/>`;
}

export function rect(x: number, y: number, width: number, height: number, style: Fill): string {
  const outline = style.stroke ? ` ${strokeAttributes({ stroke: style.stroke, width: style.strokeWidth ?? 1, dash: style.dash })}` : "";
  // Crisp edges: a bar or a ground needs no anti-aliasing, and 365 bars render in half the time.
  return `<rect x="${n(x)}" y="${n(y)}" width="${n(Math.max(0, width))}" height="${n(Math.max(0, height))}" fill="${style.fill}"${style.opacity !== undefined ? ` fill-opacity="${style.opacity}"` : ""}${outline} shape-rendering="crispEdges"/>`;
}

export function text(x: number, y: number, content: string, { size = 13, anchor = "start", weight = 400, fill = INK, halo = false }: TextStyle = {}): string {
  const label = `<text x="${n(x)}" y="${n(y)}" font-size="${size}" font-weight="${weight}" text-anchor="${anchor}" fill="${fill}">${escapeXml(content)}</text>`;
  if (!halo) return label;
  // A white box the label's estimated width: an outline round the glyphs would leave the line
  // showing between the letters. Lato's characters average under 0.56 em.
  const width = content.length * size * 0.56 + 6;
  const left = anchor === "start" ? x - 3 : anchor === "middle" ? x - width / 2 : x - width + 3;
  return rect(left, y - size, width, size * 1.3, { fill: "#ffffff" }) + label;
}

/** A legend entry: a swatch (a line, or a box when `box`), then its label; returns the SVG and the x after it. */
export function legendItem(x: number, y: number, label: string, swatch: Stroke & { box?: Fill }): { svg: string; next: number } {
  const mark = swatch.box ? rect(x, y - 9, 14, 10, swatch.box) : line(x, y - 4, x + 16, y - 4, { ...swatch, width: swatch.width ?? 2.5 });
  // Lato at 12 px averages under 6.6 px a character: close enough to space the entries.
  return { svg: mark + text(x + 21, y, label, { size: 12, fill: INK }), next: x + 21 + label.length * 6.6 + 18 };
}

export function svgDocument(body: readonly string[], width = CHART_WIDTH, height = CHART_HEIGHT): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT_FAMILY}">` +
    `<rect width="${width}" height="${height}" fill="#ffffff"/>${body.join("")}</svg>`
  );
}

/** Maps a value of [d0, d1] onto [r0, r1]; a domain of one value maps to the middle. */
export function linearScale([d0, d1]: readonly [number, number], [r0, r1]: readonly [number, number]): (value: number) => number {
  if (d1 === d0) return () => (r0 + r1) / 2;
  return (value) => r0 + ((value - d0) / (d1 - d0)) * (r1 - r0);
}

/** Round ticks (1, 2 or 5 × 10ⁿ apart) covering [min, max], about `count` of them. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!(max > min)) return [min];
  const rough = (max - min) / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  const ticks: number[] = [];
  for (let tick = Math.floor(min / step) * step; tick <= max + step * 1e-9; tick += step) ticks.push(Math.round(tick / step) * step);
  if (ticks[0]! > min) ticks.unshift(ticks[0]! - step);
  if (ticks[ticks.length - 1]! < max) ticks.push(ticks[ticks.length - 1]! + step);
  return ticks.map((tick) => Number(tick.toPrecision(12)));
}

/** The plot area of a chart: where its data goes, inside the axes. */
export interface PlotArea {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Horizontal grid lines with their labels on the left (or the right), for ticks mapped by `y`. */
export function yAxis(area: PlotArea, ticks: readonly number[], y: (value: number) => number, options: { side?: "left" | "right"; format?: (value: number) => string; grid?: boolean } = {}): string {
  const side = options.side ?? "left";
  const format = options.format ?? String;
  return ticks
    .map((tick) => {
      const at = y(tick);
      const label = side === "left" ? text(area.left - 6, at + 4, format(tick), { size: 12, anchor: "end", fill: MUTED }) : text(area.right + 6, at + 4, format(tick), { size: 12, fill: MUTED });
      return (options.grid === false ? "" : line(area.left, at, area.right, at, { stroke: GRID })) + label;
    })
    .join("");
}

/** The chart's message when it has nothing to draw, in the middle of the plot area. */
export function emptyNote(area: PlotArea, message: string): string {
  return text((area.left + area.right) / 2, (area.top + area.bottom) / 2, message, { size: 15, anchor: "middle", fill: MUTED });
}
