import { athleteIdOf, isCoachOnly } from "../../client/athlete.js";
import { createTrainingPeaksClient } from "../../client/client.js";
import { isTpError } from "../../client/errors.js";
import { resolveCredential } from "../../credentials/resolve.js";
import type { Command } from "../command.js";
import { addSecrets } from "../output.js";

function minutesFromNow(date: Date): string {
  const minutes = Math.round((date.getTime() - Date.now()) / 60_000);
  return minutes >= 0 ? `in ${minutes} min` : `${-minutes} min ago`;
}

export const authStatusCommand: Command = {
  summary: "Show where the credential comes from, whether TrainingPeaks still accepts it, and the athlete.",
  usage: "Usage: tp-mcp auth-status\n\nExit status: 0 when authenticated, 1 when not.",
  options: {},
  allowPositionals: false,
  async run() {
    const credential = await resolveCredential();
    if (!credential) {
      process.stdout.write("Credential: none (checked TP_AUTH_COOKIE, the OS keyring and the encrypted file)\nStatus: not authenticated. Run `tp-mcp auth`.\n");
      return 1;
    }
    const client = createTrainingPeaksClient({ cookie: credential.cookie });
    addSecrets(() => [credential.cookie, ...client.knownSecrets()]);
    for (const warning of credential.warnings) process.stderr.write(`${warning}\n`);
    process.stdout.write(`Credential: ${credential.source} (${credential.description})\n`);
    try {
      const { expiresAt } = await client.authenticate();
      const user = await client.getUser();
      const athlete = isCoachOnly(user) ? "coach account (set TP_ATHLETE_ID to choose an athlete)" : String(athleteIdOf(user));
      process.stdout.write(
        `Status: authenticated\nUser: ${user.user.fullName ?? user.user.userName ?? "unknown"}\nAthlete id: ${athlete}\n` +
          `Token expires: ${expiresAt.toISOString()} (${minutesFromNow(expiresAt)})\n`,
      );
      return 0;
    } catch (error) {
      if (!isTpError(error)) throw error;
      process.stdout.write(`Status: ${error.code === "auth" ? "not authenticated" : "unknown"}: ${error.message}\n`);
      return 1;
    }
  },
};
