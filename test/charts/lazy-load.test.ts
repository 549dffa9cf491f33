/**
 * A chart's modules (and the WebAssembly renderer) load only when a chart is asked for: the
 * module graph of the bundle, as scripts/build.ts splits it, reaches them only through a
 * dynamic import(), so starting the server (and listing or calling tools without a chart)
 * never loads them.
 */
import { build, type Metafile } from "esbuild";
import { describe, expect, it } from "vitest";

const isChartCode = (input: string) => input.startsWith("src/charts/") || input.includes("node_modules/@resvg/");

/** The outputs loaded with `entry`'s file, following static imports only. */
function staticClosure(metafile: Metafile, entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const imported of metafile.outputs[file]!.imports) if (imported.kind === "import-statement" && !imported.external) visit(imported.path);
  };
  visit(entry);
  return seen;
}

describe("the chart modules", () => {
  it("are reached from `serve` and the server only through a dynamic import", async () => {
    const { metafile } = await build({
      // `tp-mcp serve` (the command main.ts loads for it) and the server an SDK user creates.
      entryPoints: { serve: "src/cli/commands/serve.ts", server: "src/server/create-server.ts" },
      outdir: "out",
      write: false,
      bundle: true,
      splitting: true,
      format: "esm",
      platform: "node",
      external: ["@napi-rs/keyring"],
      define: { __TP_MCP_VERSION__: '"0.0.0"' },
      metafile: true,
      logLevel: "silent",
    });
    const entryOf = (name: string) => Object.keys(metafile.outputs).find((file) => metafile.outputs[file]!.entryPoint && file === `out/${name}.js`)!;
    const inputsOf = (files: Set<string>) => [...files].flatMap((file) => Object.keys(metafile.outputs[file]!.inputs));
    for (const entry of ["serve", "server"]) {
      const loaded = inputsOf(staticClosure(metafile, entryOf(entry)));
      expect(loaded).toContain("src/server/create-server.ts");
      expect(loaded.filter(isChartCode)).toEqual([]);
    }
    // They are in the bundle all the same, behind the import() of each tool that draws one.
    const everything = Object.values(metafile.outputs).flatMap((output) => Object.keys(output.inputs));
    expect(everything).toEqual(expect.arrayContaining(["src/charts/fitness-chart.ts", "src/charts/weekly-chart.ts", "src/charts/peaks-chart.ts", "src/charts/rasterise.ts"]));
    expect(everything.some((input) => input.includes("node_modules/@resvg/resvg-wasm/"))).toBe(true);
  });
});
