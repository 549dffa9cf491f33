/**
 * npm run build: the SDK with its declarations (tsc → dist/sdk/), and the CLI/server bundled into
 * dist/cli.js with esbuild, so the installed server starts without compiling anything and loads
 * one file; each command's module (keyring, prompt, demo) is its own chunk, loaded on demand.
 *
 * No source maps: the package ships dist/ without src/, so a map would point at files the user
 * does not have (and with their text inlined, double the package). The SDK's JavaScript is
 * tsc's readable output, and the bundle keeps its names, so a stack still reads.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { build, type Plugin } from "esbuild";

const { version } = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };

rmSync("dist", { recursive: true, force: true });
execFileSync(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.build.json"], { stdio: "inherit" });
/**
 * Start-up trims, each measured with `npm run bench` (cold start to tools/list):
 * - the SDK builds an Ajv validator in every Server and Client, but only elicitation (never used
 *   here) and a client's output checks (`tp-mcp call`) need it: it now loads on first use (~11 ms);
 * - zod bundles its 60-odd locales though it only uses English, imported on its own (~4 ms);
 * - the SDK imports zod 3 and a zod-3-to-JSON-Schema converter for servers written with zod 3
 *   schemas; every schema here is zod 4, so neither is bundled (a zod 3 schema would be refused
 *   with a clear error, never silently mishandled): 80 KB less to load, 4–7 ms of start-up
 *   (25 interleaved cold starts of each build, twice).
 */
const lazyStartup: Plugin = {
  name: "lazy-startup",
  setup(build) {
    build.onResolve({ filter: /validation\/ajv-provider\.js$/ }, (args) =>
      args.importer.includes("@modelcontextprotocol") ? { path: "ajv-provider", namespace: "lazy-startup" } : undefined,
    );
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      args.importer.includes(`${"node_modules"}/zod/`) ? { path: "zod-locales", namespace: "lazy-startup" } : undefined,
    );
    build.onLoad({ filter: /^ajv-provider$/, namespace: "lazy-startup" }, () => ({
      contents: `import { createRequire } from "node:module";
let Real;
export class AjvJsonSchemaValidator {
  getValidator(schema) {
    Real ??= createRequire(import.meta.url)("@modelcontextprotocol/sdk/validation/ajv").AjvJsonSchemaValidator;
    this.real ??= new Real();
    return this.real.getValidator(schema);
  }
}`,
      loader: "js",
      resolveDir: process.cwd(),
    }));
    build.onLoad({ filter: /^zod-locales$/, namespace: "lazy-startup" }, () => ({ contents: "export {};", loader: "js" }));
    build.onResolve({ filter: /^(zod\/v3|zod-to-json-schema)$/ }, (args) =>
      args.importer.includes("@modelcontextprotocol") ? { path: args.path, namespace: "zod3-refused" } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "zod3-refused" }, (args) => {
      const refuse = `() => { throw new Error("tp-mcp's bundle holds no zod 3 (${args.path}): every schema of the server is zod 4"); }`;
      return {
        contents: args.path === "zod/v3" ? `export const object = ${refuse};` : `export const zodToJsonSchema = ${refuse};`,
        loader: "js",
      };
    });
  },
};

await build({
  entryPoints: { cli: "src/cli/main.ts" },
  outdir: "dist",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  chunkNames: "chunks/[name]-[hash]",
  // A native module: it must stay a runtime import of the installed package.
  external: ["@napi-rs/keyring"],
  define: { __TP_MCP_VERSION__: JSON.stringify(version) },
  // Bundled CommonJS dependencies call require(); give them one.
  banner: { js: "#!/usr/bin/env node\nimport { createRequire as __tpCreateRequire } from 'node:module';\nconst require = __tpCreateRequire(import.meta.url);" },
  plugins: [lazyStartup],
  // Smaller files parse faster; names are kept so a logged stack still reads.
  minify: true,
  keepNames: true,
  logLevel: "warning",
});
console.error(`built dist/ (v${version})`);
