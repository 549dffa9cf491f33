/**
 * Loads one bundle through loadCachedBundle in a process of its own (a second load in the same
 * process would find the script in V8's in-memory compilation cache and never look at the file)
 * and prints what it found: argv is the bundle, its id, the cache directory ("" for none) and
 * when to save the cache: "save" (right after the load, the default), "run-then-save" or "no-save".
 */
import { loadCachedBundle } from "../../src/cli/code-cache.js";

const [file, id, cacheDir, save = "save"] = process.argv.slice(2);
const loaded = loadCachedBundle({ file: file!, id: id!, cacheDir: cacheDir || undefined, shared: { "test:shared": { offset: 0.5 } } });
// "run-then-save": the bundle's `later` runs first, as a server's start-up runs after its load.
if (save === "run-then-save") (loaded.exports.later as () => number)();
if (save !== "no-save") loaded.saveCache();
process.stdout.write(`${JSON.stringify(loaded)}\n`);
