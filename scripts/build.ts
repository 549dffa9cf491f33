/**
 * npm run build: the SDK with its declarations (tsc → dist/sdk/), and the CLI/server bundled into
 * dist/cli.js with esbuild, so the installed server starts without compiling anything and loads
 * one file; each command's module (keyring, prompt, demo) is its own chunk, loaded on demand.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { build } from "esbuild";

const { version } = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };

rmSync("dist", { recursive: true, force: true });
execFileSync(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.build.json"], { stdio: "inherit" });
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
  logLevel: "warning",
});
console.error(`built dist/ (v${version})`);
