import { createTrainingPeaksClient, type TrainingPeaksClient } from "../../client/client.js";
import { isTpError } from "../../client/errors.js";
import type { ResolvedCredential } from "../../credentials/resolve.js";
import type { Command } from "../command.js";
import { checkOperations, RECENT_DAYS, WORKOUT_DAYS, type OperationCheck } from "../doctor-report.js";
import { addSecrets } from "../output.js";
import { demoRequested } from "../runtime.js";
import { version } from "../version.js";

/** package.json's engines.node (a test keeps the two in step). */
export const REQUIRED_NODE = ">=20";
const REQUIRED_NODE_MAJOR = 20;

type StoreKind = ResolvedCredential["source"] | "demo" | "none" | "unreadable";

const STORE_NAMES: Record<StoreKind, string> = {
  environment: "TP_AUTH_COOKIE environment variable",
  keyring: "OS keyring",
  file: "encrypted file",
  demo: "none needed: the offline demo athlete",
  none: "none found (checked TP_AUTH_COOKIE, the OS keyring and the encrypted file)",
  unreadable: "could not be read (below)",
};

/** The stores' own errors (a wrong passphrase, a damaged file), whose messages are written for the user. */
const STORE_ERRORS = new Set(["CredentialStoreError", "InvalidCookieError"]);

/** What `--json` prints, to attach to a bug report: versions, store kind, checks. No value from the account. */
export interface DoctorReport {
  package_version: string;
  node_version: string;
  node_required: string;
  node_ok: boolean;
  store: StoreKind;
  sign_in_ok: boolean;
  message?: string;
  operations: OperationCheck[];
}

const NO_CREDENTIAL = "No TrainingPeaks credential found. Run `tp-mcp auth` to store your Production_tpAuth cookie, set TP_AUTH_COOKIE, or try the checks on the demo athlete with --demo.";

function nodeOk(): boolean {
  return Number(process.versions.node.split(".")[0]) >= REQUIRED_NODE_MAJOR;
}

/** The client to check with, or why there is none (no credential, a store that cannot be read). */
async function connect(demo: boolean): Promise<{ store: StoreKind; client?: TrainingPeaksClient; message?: string }> {
  if (demo) return { store: "demo", client: createTrainingPeaksClient({ demo: true }) };
  const { resolveCredential } = await import("../../credentials/resolve.js");
  let credential: ResolvedCredential | null;
  try {
    credential = await resolveCredential();
  } catch (error) {
    if (!(error instanceof Error && STORE_ERRORS.has(error.name))) throw error;
    return { store: "unreadable", message: error.message };
  }
  if (!credential) return { store: "none", message: NO_CREDENTIAL };
  addSecrets(() => [credential.cookie]);
  for (const warning of credential.warnings) process.stderr.write(`${warning}\n`);
  try {
    const client = createTrainingPeaksClient({ cookie: credential.cookie });
    addSecrets(() => client.knownSecrets());
    return { store: credential.source, client };
  } catch (error) {
    if (!isTpError(error)) throw error;
    return { store: credential.source, message: error.message };
  }
}

export async function buildReport(demo: boolean): Promise<DoctorReport> {
  const head = { package_version: version, node_version: process.version, node_required: REQUIRED_NODE, node_ok: nodeOk() };
  const { store, client, message } = await connect(demo);
  if (!client) return { ...head, store, sign_in_ok: false, ...(message ? { message } : {}), operations: [] };
  try {
    await client.authenticate();
  } catch (error) {
    if (!isTpError(error)) throw error;
    return { ...head, store, sign_in_ok: false, message: error.message, operations: [] };
  }
  const athleteId = !demo && process.env.TP_ATHLETE_ID ? Number(process.env.TP_ATHLETE_ID) : undefined;
  return { ...head, store, sign_in_ok: true, operations: await checkOperations(client, { athleteId }) };
}

export function reportFailed(report: DoctorReport): boolean {
  return !report.node_ok || !report.sign_in_ok || report.operations.some((check) => check.status === "drift" || check.status === "error");
}

const LABELS: Record<OperationCheck["status"], string> = { ok: "ok", drift: "DRIFT", no_data: "no data", skipped: "skipped", error: "ERROR" };

function formatText(report: DoctorReport): string {
  const lines = [
    `tp-mcp ${report.package_version} doctor`,
    `Node: ${report.node_version} (${report.node_ok ? "ok" : "too old"}; tp-mcp needs ${report.node_required})`,
    `Credential store: ${STORE_NAMES[report.store]}`,
    `Sign-in: ${report.sign_in_ok ? "ok" : report.store === "none" ? "not tried" : "failed"}`,
  ];
  if (report.operations.length > 0) {
    lines.push("", `Read operations (the last ${RECENT_DAYS} days; a workout from the last ${WORKOUT_DAYS}), checked against the spec:`);
    const width = Math.max(...report.operations.map(({ operation, variant }) => (variant ? `${operation} (${variant})` : operation).length));
    for (const { operation, variant, status, drift, message } of report.operations) {
      const name = variant ? `${operation} (${variant})` : operation;
      lines.push(`  ${name.padEnd(width)}  ${LABELS[status]}${message && status !== "ok" ? `: ${message}` : ""}`);
      for (const { path, expected, seen_type } of drift ?? []) lines.push(`  ${" ".repeat(width)}    ${path}: expected ${expected}, seen ${seen_type}`);
    }
  }
  const drifted = report.operations.filter((check) => check.status === "drift").length;
  const failed = report.operations.filter((check) => check.status === "error").length;
  lines.push("");
  if (drifted > 0) {
    lines.push(
      `${drifted} operation${drifted === 1 ? "" : "s"} answered in a shape the spec does not describe: TrainingPeaks may have changed its API. ` +
        "Please report it with the output of `tp-mcp doctor --json` (it holds field names and types, no values from your account).",
    );
  }
  if (failed > 0) lines.push(`${failed} operation${failed === 1 ? "" : "s"} failed: see the messages above.`);
  if (!reportFailed(report)) lines.push("All good.");
  return lines.join("\n");
}

export const doctorCommand: Command = {
  summary: "Check Node, the credential, the sign-in, and that each API read answers as the spec says (no values shown).",
  usage: [
    "Usage: tp-mcp doctor [--demo] [--json]",
    "",
    "  --demo   check the offline demo athlete instead of your account (also TP_DEMO=1)",
    "  --json   print the report as one JSON object, to attach to a bug report about an API change",
    "",
    "Sends each read operation once, for a few recent days of your own account, and prints per",
    "operation: ok, no data, skipped (and why), or the field paths that drifted and the JSON types",
    "seen there. Never a value from your account.",
    "",
    "Exit status: 0 when every operation is ok, has no data or was skipped; 1 on any drift or error.",
  ].join("\n"),
  options: { demo: { type: "boolean" }, json: { type: "boolean" } },
  allowPositionals: false,
  async run({ values }) {
    const report = await buildReport(demoRequested(values.demo));
    process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatText(report)}\n`);
    if (report.message) process.stderr.write(`tp-mcp doctor: ${report.message}\n`);
    return reportFailed(report) ? 1 : 0;
  },
};
