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
 * - zod bundles its 60-odd locales though it only uses English, imported on its own (~4 ms).
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
