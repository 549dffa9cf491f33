/**
 * Loads a CommonJS bundle through a V8 code cache, so a start after the first skips compiling it
 * (Node 20 has no `module.enableCompileCache`, and ES modules take no cached data without
 * --experimental-vm-modules; a `vm.Script` does).
 *
 * The cache is an optimisation only: it lives in the user's cache directory (never in the
 * package, so a read-only install works and no cache ships in the tarball), it is named after the
 * bundle's content hash, the Node version and the architecture, and V8 refuses it anyway when its
 * own version, its flags or the source differ (`cachedDataRejected`). A cache that is missing,
 * refused, unreadable or unwritable costs a normal compile and nothing else: no error, no output.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { homedir } from "node:os";
import { basename, dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { Script } from "node:vm";

export interface CachedBundleOptions {
  /** Absolute path of the CommonJS bundle. */
  file: string;
  /** Its content hash, from the build: a cache made for other contents is never even read. */
  id: string;
  /** Where caches live; undefined: compile every time. */
  cacheDir: string | undefined;
  /** Modules the bundle must share with the caller (one registry, one class identity), by the id the bundle require()s. */
  shared?: Record<string, unknown>;
}

export interface CachedBundle {
  exports: Record<string, unknown>;
  /**
   * Writes the cache if this load did not use one (at most once; silently, like the rest). Called
   * once the program's start-up has run rather than at load, the cache holds every function
   * compiled by then, not only the bundle's top level, and the next start compiles none of them.
   * V8 reads a cache only under the flags it was made with: make it before changing any.
   */
  saveCache(): void;
  /** "used": compiled from the cache; "refused": V8 rejected it; "none": there was none to read. */
  cache: "used" | "refused" | "none";
  /** The cache file this bundle reads and writes, if any. */
  cacheFile?: string;
}

/** Caches of other builds are removed once this old, when a new one is written. */
const STALE_AFTER_MS = 7 * 24 * 3600 * 1000;

/** The per-user cache directory: XDG_CACHE_HOME when set, else the platform's own. */
export function userCacheDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | undefined {
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, "tp-mcp");
  let home: string;
  try {
    home = homedir();
  } catch {
    return undefined;
  }
  if (platform === "darwin") return join(home, "Library", "Caches", "tp-mcp");
  if (platform === "win32") return join(env.LOCALAPPDATA ?? join(home, "AppData", "Local"), "tp-mcp", "Cache");
  return join(home, ".cache", "tp-mcp");
}

function readOrUndefined(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/** Atomically (a reader never sees half a file), and silently: a cache that cannot be written is simply not there next time. */
function writeCache(dir: string, path: string, data: () => Buffer, prefix: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    const partial = `${path}.${process.pid}.tmp`;
    writeFileSync(partial, data());
    renameSync(partial, path);
    const now = Date.now();
    for (const name of readdirSync(dir)) {
      const other = join(dir, name);
      if (name.startsWith(prefix) && other !== path && now - statSync(other).mtimeMs > STALE_AFTER_MS) unlinkSync(other);
    }
  } catch {
    // Read-only, full, or not a directory: the next start compiles, as it would with no cache.
  }
}

export function loadCachedBundle(options: CachedBundleOptions): CachedBundle {
  const { file, id, cacheDir, shared = {} } = options;
  const prefix = `${basename(file)}-`;
  const cacheFile = cacheDir === undefined ? undefined : join(cacheDir, `${prefix}${id}-${process.version}-${process.arch}.v8`);
  const cachedData = cacheFile === undefined ? undefined : readOrUndefined(cacheFile);
  // On the first line, so a stack's line numbers are the bundle's own.
  const wrapped = `(function (exports, require, module, __filename, __dirname, __bundleUrl) {${readFileSync(file, "utf8")}\n})`;
  const script = new Script(wrapped, { filename: file, cachedData });
  const cache = cachedData === undefined ? "none" : script.cachedDataRejected ? "refused" : "used";

  const requireFromBundle = createRequire(file);
  const require = Object.assign((id: string) => (Object.hasOwn(shared, id) ? shared[id] : requireFromBundle(id)), requireFromBundle);
  const module = { exports: {} as Record<string, unknown> };
  (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, require, module, file, dirname(file), pathToFileURL(file).href);

  let saved = cache === "used" || cacheFile === undefined;
  const saveCache = () => {
    if (saved) return;
    saved = true;
    writeCache(cacheDir!, cacheFile!, () => script.createCachedData(), prefix);
  };
  return { exports: module.exports, cache, cacheFile, saveCache };
}
