import { decode } from "fast-png";
import { expect } from "vitest";

export interface DecodedPng {
  width: number;
  height: number;
  bytes: number;
  /** How many pixels have exactly this colour, "#rrggbb". */
  pixelsOf(colour: string): number;
}

/** Decodes a PNG (fast-png checks the signature, every chunk's CRC and the zlib stream). */
export function decodePng(png: Uint8Array): DecodedPng {
  const image = decode(png);
  const { width, height, channels, data } = image;
  return {
    width,
    height,
    bytes: png.length,
    pixelsOf(colour) {
      const [r, g, b] = [1, 3, 5].map((at) => parseInt(colour.slice(at, at + 2), 16));
      let count = 0;
      for (let i = 0; i < data.length; i += channels) if (data[i] === r && data[i + 1] === g && data[i + 2] === b) count++;
      return count;
    },
  };
}

/** Every chart: 800 px wide, as tall as designed, under 80 KB. */
export function expectChartPng(png: Uint8Array, height = 420): DecodedPng {
  const decoded = decodePng(png);
  expect({ width: decoded.width, height: decoded.height }).toEqual({ width: 800, height });
  expect(decoded.bytes).toBeLessThan(80 * 1024);
  return decoded;
}
