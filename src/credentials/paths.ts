import os from "node:os";
import path from "node:path";

const APP_DIRECTORY = "tp-mcp";

/**
 * Directory for the encrypted credentials file, first match wins:
 * 1. `TP_MCP_HOME`
 * 2. `$XDG_CONFIG_HOME/tp-mcp` (when set to an absolute path, as the XDG spec requires)
 * 3. Windows: `%APPDATA%\tp-mcp`
 * 4. Everywhere else (Linux, macOS): `~/.config/tp-mcp`
 */
export function credentialsDirectory(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  const paths = platform === "win32" ? path.win32 : path.posix;
  const explicit = env.TP_MCP_HOME?.trim();
  if (explicit) return paths.resolve(explicit);

  const xdgConfig = env.XDG_CONFIG_HOME?.trim();
  if (xdgConfig && paths.isAbsolute(xdgConfig)) return paths.join(xdgConfig, APP_DIRECTORY);

  const home = (platform === "win32" ? env.USERPROFILE : env.HOME)?.trim() || os.homedir();
  if (platform === "win32") {
    const appData = env.APPDATA?.trim() || paths.join(home, "AppData", "Roaming");
    return paths.join(appData, APP_DIRECTORY);
  }
  return paths.join(home, ".config", APP_DIRECTORY);
}
