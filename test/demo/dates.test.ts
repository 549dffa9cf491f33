import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { createDemoAthlete } from "../../src/demo/athlete.js";
import { demoToday } from "../../src/demo/athlete.js";
import { apiDateTime, dayOfYear, fromDay, mondayOf, parseDay, toDay, weekday } from "../../src/core/dates.js";

describe("calendar day numbers", () => {
  it.each([
    ["1970-01-01", 0, 3],
    ["2000-02-29", 11_016, 1],
    ["2024-12-31", 20_088, 1],
    ["2026-03-29", 20_541, 6],
    ["2026-11-20", 20_777, 4],
  ] as const)("%s is day %i, weekday %i (Monday = 0)", (date, day, wd) => {
    expect(toDay(date)).toBe(day);
    expect(fromDay(day)).toBe(date);
    expect(weekday(day)).toBe(wd);
    expect(toDay(`${date}T00:00:00`)).toBe(day);
  });

  it("agrees with the UTC calendar over four centuries", () => {
    for (let day = -50_000; day < 100_000; day += 37) {
      const iso = new Date(day * 86_400_000).toISOString().slice(0, 10);
      expect(fromDay(day)).toBe(iso);
      expect(parseDay(iso)).toBe(day);
    }
  });

  it.each(["2025-02-29", "2024-13-01", "2024-04-31", "2024-00-10", "20240101", "yesterday", ""])("rejects %j", (text) => {
    expect(parseDay(text)).toBeUndefined();
    expect(() => toDay(text)).toThrow(RangeError);
  });

  it("finds Mondays, days of the year and local times", () => {
    expect(fromDay(mondayOf(toDay("2026-11-22")))).toBe("2026-11-16");
    expect(fromDay(mondayOf(toDay("2026-11-16")))).toBe("2026-11-16");
    expect(dayOfYear(toDay("2024-12-31"))).toBe(365);
    expect(dayOfYear(toDay("2025-01-01"))).toBe(0);
    expect(apiDateTime(toDay("2026-03-29"), 7 * 3600 + 12 * 60 + 3)).toBe("2026-03-29T07:12:03");
    expect(apiDateTime(toDay("2026-03-29"), 90_000)).toBe("2026-03-29T23:59:59");
  });

  it("takes today's date from the demo athlete's calendar (Europe/Amsterdam), whatever the machine's zone", () => {
    expect(demoToday(new Date("2026-01-01T22:30:00Z"))).toBe("2026-01-01");
    expect(demoToday(new Date("2026-01-01T23:30:00Z"))).toBe("2026-01-02");
    expect(demoToday(new Date("2026-07-01T21:59:00Z"))).toBe("2026-07-01");
    expect(demoToday(new Date("2026-07-01T22:01:00Z"))).toBe("2026-07-02");
  });
});

describe("time-zone independence", () => {
  // 2026-03-29 is the night the clocks change in Europe.
  const today = "2026-03-29";
  const digest = () => createHash("sha256").update(JSON.stringify(createDemoAthlete({ today, seed: 7 }))).digest("hex");

  it("gives the same bytes whatever process.env.TZ says", () => {
    const saved = process.env.TZ;
    try {
      const offsets: number[] = [];
      const digests = ["UTC", "Pacific/Kiritimati", "America/Los_Angeles", "Europe/Amsterdam"].map((tz) => {
        process.env.TZ = tz;
        offsets.push(new Date(2026, 2, 29, 12).getTimezoneOffset());
        return digest();
      });
      expect(new Set(offsets).size).toBe(4); // the zone really changed
      expect(new Set(digests).size).toBe(1);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it("gives the same bytes in a child process started in another zone", () => {
    const module = pathToFileURL(resolve(import.meta.dirname, "../../src/demo/athlete.ts")).href;
    const script = `import(${JSON.stringify(module)}).then((m) => {
      const json = JSON.stringify(m.createDemoAthlete({ today: ${JSON.stringify(today)}, seed: 7 }));
      process.stdout.write(require("node:crypto").createHash("sha256").update(json).digest("hex"));
    });`;
    const out = execFileSync(process.execPath, ["--import", "tsx", "-e", script], {
      env: { ...process.env, TZ: "Asia/Kathmandu" },
      encoding: "utf8",
    });
    expect(out).toBe(digest());
  });
});
