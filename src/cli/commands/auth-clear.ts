import { clearCredentials } from "../../credentials/resolve.js";
import type { Command } from "../command.js";

export const authClearCommand: Command = {
  summary: "Remove the stored TrainingPeaks credential from the OS keyring and the encrypted file.",
  usage: "Usage: tp-mcp auth-clear",
  options: {},
  allowPositionals: false,
  async run() {
    const results = await clearCredentials();
    for (const result of results) {
      const what = result.error ? `could not reach it (${result.error})` : result.removed ? "removed" : "nothing stored";
      process.stdout.write(`${result.description}: ${what}\n`);
    }
    if (process.env.TP_AUTH_COOKIE) process.stdout.write("TP_AUTH_COOKIE is still set in this environment: unset it too.\n");
    return 0;
  },
};
