import { createTrainingPeaksClient } from "../../client/client.js";
import { athleteIdOf, isCoachOnly } from "../../client/athlete.js";
import { normalizeCookie } from "../../credentials/cookie.js";
import { saveCredential } from "../../credentials/resolve.js";
import type { Command } from "../command.js";
import { addSecrets } from "../output.js";

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

async function readCookie(): Promise<string> {
  if (!process.stdin.isTTY) return readStdin();
  const { default: password } = await import("@inquirer/password");
  // Nothing is echoed while the user pastes.
  return password({ message: "Paste your Production_tpAuth cookie:" }, { output: process.stderr });
}

export const authCommand: Command = {
  summary: "Check a TrainingPeaks cookie by signing in with it, then store it (OS keyring, else an encrypted file).",
  usage: [
    "Usage: tp-mcp auth            (prompts for the cookie; nothing is echoed)",
    "       tp-mcp auth < cookie.txt",
    "",
    "Copy the cookie from a browser signed in to https://app.trainingpeaks.com:",
    "DevTools → Application (Storage) → Cookies → Production_tpAuth → its value.",
    "The bare value, Production_tpAuth=<value>, or a whole Cookie: header are all accepted.",
  ].join("\n"),
  options: {},
  allowPositionals: false,
  async run() {
    const cookie = normalizeCookie(await readCookie());
    const client = createTrainingPeaksClient({ cookie });
    addSecrets(() => [cookie, ...client.knownSecrets()]);
    // Sign in before storing, so a refused cookie is never saved.
    await client.authenticate();
    const user = await client.getUser();
    const name = user.user.fullName ?? ([user.user.firstName, user.user.lastName].filter(Boolean).join(" ") || "unknown");
    const athlete = isCoachOnly(user)
      ? "a coach account: set TP_ATHLETE_ID to choose the athlete to read"
      : `athlete id ${athleteIdOf(user)}`;
    const { store, skipped, warnings } = await saveCredential(cookie);
    for (const skip of skipped) process.stderr.write(`note: not stored in ${skip.description}: ${skip.reason}\n`);
    for (const warning of warnings) process.stderr.write(`${warning}\n`);
    process.stdout.write(`Authenticated as ${name} (${athlete}).\nCookie stored in ${store.description}.\n`);
    return 0;
  },
};
