// Preloaded into a server under test (`node --expose-gc --import <this> dist/cli.js serve`): a full
// garbage collection every 20 ms, so whatever is held only weakly is collected within moments, as
// it would be, sooner or later, in a long-running server. unref: it never keeps the process alive.
globalThis.setInterval(() => globalThis.gc(), 20).unref();
