import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { credentialsDirectory } from "../../src/credentials/paths.js";

describe("credentialsDirectory", () => {
  it.each<[string, NodeJS.ProcessEnv, NodeJS.Platform, string]>([
    ["TP_MCP_HOME", { TP_MCP_HOME: "/srv/tp", XDG_CONFIG_HOME: "/cfg", HOME: "/home/u" }, "linux", "/srv/tp"],
    ["XDG_CONFIG_HOME", { XDG_CONFIG_HOME: "/cfg", HOME: "/home/u" }, "linux", "/cfg/tp-mcp"],
    ["a relative XDG_CONFIG_HOME is ignored", { XDG_CONFIG_HOME: "cfg", HOME: "/home/u" }, "linux", "/home/u/.config/tp-mcp"],
    ["blank TP_MCP_HOME is ignored", { TP_MCP_HOME: "  ", HOME: "/home/u" }, "linux", "/home/u/.config/tp-mcp"],
    ["~/.config on Linux", { HOME: "/home/u" }, "linux", "/home/u/.config/tp-mcp"],
    ["~/.config on macOS", { HOME: "/Users/u" }, "darwin", "/Users/u/.config/tp-mcp"],
    ["APPDATA on Windows", { APPDATA: "C:\\Users\\u\\AppData\\Roaming" }, "win32", "C:\\Users\\u\\AppData\\Roaming\\tp-mcp"],
    ["USERPROFILE on Windows without APPDATA", { USERPROFILE: "C:\\Users\\u" }, "win32", "C:\\Users\\u\\AppData\\Roaming\\tp-mcp"],
    ["TP_MCP_HOME on Windows", { TP_MCP_HOME: "D:\\tp", APPDATA: "C:\\x" }, "win32", "D:\\tp"],
  ])("uses %s", (_label, env, platform, expected) => {
    expect(credentialsDirectory(env, platform)).toBe(expected);
  });

  it("falls back to the OS home directory when HOME is unset", () => {
    expect(credentialsDirectory({}, "linux")).toBe(path.posix.join(os.homedir(), ".config", "tp-mcp"));
  });
});
