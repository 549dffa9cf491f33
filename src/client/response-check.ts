import type { OperationId } from "../generated/constants.js";
import type { AnswerError, AnswerValidator } from "../generated/response-validators.js";
import { UpstreamError } from "./errors.js";
import { activityOf } from "./routes.js";

type Validators = { readonly [Id in OperationId]: AnswerValidator };

// The compiled checks are some 235 KB of code: loaded with the first answer, so that start-up
// does not parse them. Every operation must have one (a spec operation with no 200 schema fails
// tsc here: describe its answer in openapi/trainingpeaks.yaml and run `npm run generate`).
let validators: Promise<Validators> | undefined;
function validatorOf(operation: OperationId): Promise<AnswerValidator> {
  validators ??= import("../generated/response-validators.js").then((module): Validators => module.answerValidators);
  return validators.then((all) => all[operation]);
}

/** A path as the client's errors name it: `[0].totalTime`, `user.userId`, or "the top level". */
export function where(path: readonly PropertyKey[]): string {
  return path.map((key) => (typeof key === "number" ? `[${key}]` : `.${String(key)}`)).join("").replace(/^\./, "") || "the top level";
}

/** A JSON Pointer into the answer as a path of keys, indices where the answer holds an array. */
function pathOf(pointer: string, body: unknown): PropertyKey[] {
  const path: PropertyKey[] = [];
  let value = body;
  for (const token of pointer.split("/").slice(1)) {
    const key = token.replace(/~1/g, "/").replace(/~0/g, "~");
    const step = Array.isArray(value) ? Number(key) : key;
    path.push(step);
    value = value !== null && typeof value === "object" ? (value as Record<PropertyKey, unknown>)[step] : undefined;
  }
  return path;
}

/** What the spec wants where the check failed, in a few words (enum values are the spec's, never the account's). */
function expectation(error: AnswerError): string {
  const { keyword, params } = error;
  switch (keyword) {
    case "type":
      return `expected ${String(params.type).split(",").join(" or ")}`;
    case "required":
      return "a value, found none";
    case "enum":
      return `expected one of ${(params.allowedValues as unknown[]).map((value) => JSON.stringify(value)).join(", ")}`;
    case "const":
      return `expected ${JSON.stringify(params.allowedValue)}`;
    case "pattern":
      return "expected a string in the spec's format";
    default:
      return `a value within the spec's ${keyword}${params.limit === undefined ? "" : ` ${String(params.limit)}`}`;
  }
}

/**
 * The departure to name: the deepest one, so that an object inside a union ("a number, or an
 * object with these fields") is reported at its wrong field rather than as "matches nothing".
 */
function describe(errors: readonly AnswerError[], body: unknown): string {
  const depth = Math.max(...errors.map((error) => error.instancePath.length));
  const there = errors.filter((error) => error.instancePath.length === depth);
  const first = there[0]!;
  const path = pathOf(first.instancePath, body);
  if (first.keyword === "required") path.push(String(first.params.missingProperty));
  // A union that matched no option: what each option wanted, together ("expected number or null").
  const options = there.some((error) => error.keyword === "anyOf") ? there.filter((error) => error.keyword !== "anyOf") : [first];
  const wanted = [...new Set(options.map((error) => expectation(error).replace(/^expected /, "")))];
  return `${where(path)}: expected ${wanted.join(" or ")}`;
}

/** Whether the spec allows the operation to answer null (e.g. "no focus event set"). */
export async function answerMayBeNull(operation: OperationId): Promise<boolean> {
  return (await validatorOf(operation))(null);
}

/**
 * Checks an answer against the spec before any code reads it, so an API change surfaces as one
 * clear error naming the operation and the field, never as a TypeError deep in a tool. Unknown
 * extra fields pass. The answer is read, never copied or changed.
 */
export async function assertShape(operation: OperationId, body: unknown): Promise<void> {
  const validate = await validatorOf(operation);
  if (validate(body)) return;
  const detail = validate.errors?.length ? describe(validate.errors, body) : "unexpected shape";
  throw new UpstreamError(
    `TrainingPeaks answered in a shape this version does not understand while ${activityOf(operation)} (${detail}); ` +
      "the API may have changed. Please report it with this message.",
    { operation },
  );
}
