/**
 * SVG → PNG with resvg compiled to WebAssembly: no native build and no system library, so it
 * installs wherever Node and npm do. A bare machine has no fonts either, so Lato's TTF files
 * come from their npm package (Lato rather than Inter: resvg lays text out 3 to 4 times faster
 * with its smaller tables, measured, and the package is 1.7 MB, not 8). Both are read from node_modules on the first chart, once.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { initWasm, Resvg } from "@resvg/resvg-wasm";
import { encodePng } from "./png.js";
import { FONT_FAMILY } from "./svg.js";

/** Resolves files of installed packages, from the source tree and from the bundle's chunk alike. */
const packageFile = createRequire(import.meta.url).resolve;

const FONT_FILES = ["@expo-google-fonts/lato/400Regular/Lato_400Regular.ttf", "@expo-google-fonts/lato/700Bold/Lato_700Bold.ttf"];

let ready: Promise<Uint8Array[]> | undefined;

function prepare(): Promise<Uint8Array[]> {
  ready ??= (async () => {
    const [wasm, ...fonts] = await Promise.all([readFile(packageFile("@resvg/resvg-wasm/index_bg.wasm")), ...FONT_FILES.map((file) => readFile(packageFile(file)))]);
    await initWasm(wasm!);
    return fonts.map((font) => new Uint8Array(font));
  })();
  // A failure (a file missing from a broken install) is not remembered: the next chart tries again.
  ready.catch(() => (ready = undefined));
  return ready;
}

/** The PNG of an SVG document, at the size the document gives. */
export async function rasterise(svg: string): Promise<Uint8Array> {
  const fontBuffers = await prepare();
  const renderer = new Resvg(svg, { font: { fontBuffers, defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY }, shapeRendering: 2, textRendering: 1 });
  try {
    const image = renderer.render();
    try {
      return encodePng(image.width, image.height, image.pixels);
    } finally {
      image.free();
    }
  } finally {
    renderer.free();
  }
}
