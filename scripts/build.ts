/**
 * npm run build: the SDK with its declarations (tsc → dist/sdk/), and the CLI/server bundled with
 * esbuild: the bin, dist/bin.cjs, which runs `serve` and hands any other command line to
 * dist/cli.js, whose commands (keyring, prompt, demo) are chunks loaded on demand; and `serve` as
 * one CommonJS file, dist/serve.cjs, which both compile through a V8 code cache.
 *
 * No source maps: the package ships dist/ without src/, so a map would point at files the user
 * does not have (and with their text inlined, double the package). The SDK's JavaScript is
 * tsc's readable output, and the bundle keeps its names, so a stack still reads.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { build, type BuildOptions, type Plugin } from "esbuild";
import { SHARED_WITH_SERVE_BUNDLE } from "../src/cli/serve-shared.js";

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

/** Options both bundles share. */
const common = {
  bundle: true,
  platform: "node",
  target: "node20",
  // A native module: it must stay a runtime import of the installed package.
  external: ["@napi-rs/keyring"],
  define: { __TP_MCP_VERSION__: JSON.stringify(version) },
  // Smaller files parse faster; names are kept so a logged stack still reads.
  minify: true,
  keepNames: true,
  logLevel: "warning",
} satisfies BuildOptions;

/**
 * `serve`, on its own as one CommonJS file, because only a `vm.Script` takes a V8 code cache on
 * Node 20 (src/cli/code-cache.ts): loaded through it, a start after the first skips compiling
 * the server, zod and the SDK. Its lazy parts (the demo, the charts, the credential stores) are
 * in the file but not run until asked for. The modules whose instances it must share with the
 * CLI that loads it are taken from there (src/cli/serve-shared.ts).
 */
const sharedWithCli: Plugin = {
  name: "shared-with-cli",
  setup(build) {
    const shared = new Map(Object.entries(SHARED_WITH_SERVE_BUNDLE).map(([source, id]) => [resolve(source), id]));
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      const id = shared.get(resolve(args.resolveDir, args.path.replace(/\.js$/, ".ts")));
      return id ? { path: id, external: true } : undefined;
    });
  },
};
const serveBundle = await build({
  ...common,
  entryPoints: { serve: "src/cli/commands/serve.ts" },
  outfile: "dist/serve.cjs",
  format: "cjs",
  // A vm.Script has no loader for import(): the one external it imports (the keyring) is CommonJS anyway.
  supported: { "dynamic-import": false },
  // The loader passes the bundle's own URL in; CommonJS has no import.meta.
  define: { ...common.define, "import.meta.url": "__bundleUrl" },
  plugins: [lazyStartup, sharedWithCli],
  write: false,
});
const serveCode = serveBundle.outputFiles[0]!.contents;
writeFileSync("dist/serve.cjs", serveCode);
const serveId = createHash("sha256").update(serveCode).digest("hex").slice(0, 16);

/**
 * The entries' import of commands/serve.ts is given src/cli/serve-launcher.ts instead, which
 * loads dist/serve.cjs.
 */
const ENTRIES = ["src/cli/cli.ts", "src/cli/bin.ts"].map((entry) => resolve(entry));
const serveThroughLauncher: Plugin = {
  name: "serve-through-launcher",
  setup(build) {
    build.onResolve({ filter: /^\.\/commands\/serve\.js$/ }, (args) =>
      ENTRIES.includes(args.importer) ? { path: resolve("src/cli/serve-launcher.ts") } : undefined,
    );
  },
};

/** The CLI: main.ts and every command, ES modules split in chunks. */
await build({
  ...common,
  entryPoints: { cli: "src/cli/cli.ts" },
  outdir: "dist",
  splitting: true,
  format: "esm",
  chunkNames: "chunks/[name]-[hash]",
  // The launcher's chunk is in dist/chunks/, the bundle in dist/.
  define: { ...common.define, __TP_SERVE_BUNDLE__: JSON.stringify({ path: "../serve.cjs", id: serveId }) },
  // Bundled CommonJS dependencies call require(); give them one.
  banner: { js: "#!/usr/bin/env node\nimport { createRequire as __tpCreateRequire } from 'node:module';\nconst require = __tpCreateRequire(import.meta.url);" },
  plugins: [lazyStartup, serveThroughLauncher],
});

/**
 * The bin: main.ts and the launcher as one small CommonJS file (a CommonJS entry starts without
 * Node's ES module loader); the rest of the CLI stays dist/cli.js, imported at run time.
 */
const cliAtRunTime: Plugin = {
  name: "cli-at-run-time",
  setup(build) {
    build.onResolve({ filter: /^\.\/cli\.js$/ }, () => ({ path: "./cli.js", external: true }));
  },
};
await build({
  ...common,
  entryPoints: { bin: "src/cli/bin.ts" },
  outfile: "dist/bin.cjs",
  format: "cjs",
  define: {
    ...common.define,
    __TP_SERVE_BUNDLE__: JSON.stringify({ path: "./serve.cjs", id: serveId }),
    "import.meta.url": "__tpModuleUrl",
  },
  banner: { js: "#!/usr/bin/env node\nconst __tpModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  plugins: [serveThroughLauncher, cliAtRunTime],
});
console.error(`built dist/ (v${version})`);
