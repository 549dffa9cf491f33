/**
 * Loads one bundle through loadCachedBundle in a process of its own (a second load in the same
 * process would find the script in V8's in-memory compilation cache and never look at the file)
 * and prints what it found: argv is the bundle, its id and the cache directory ("" for none).
 */
import { loadCachedBundle } from "../../src/cli/code-cache.js";

const [file, id, cacheDir] = process.argv.slice(2);
const loaded = loadCachedBundle({ file: file!, id: id!, cacheDir: cacheDir || undefined, shared: { "test:shared": { offset: 0.5 } } });
process.stdout.write(`${JSON.stringify(loaded)}\n`);
