/**
 * The README's list of the SDK client's members, read from the TrainingPeaksClient interface
 * itself (with the TypeScript parser, no type checking): the interface is what users program
 * against and what the compiler holds the implementation to, so a method added there is listed at
 * the next `npm run generate`, and `--check` fails until the README says so.
 */
import { readFileSync } from "node:fs";
import ts from "typescript";

export const CLIENT_PATH = "src/client/client.ts";
export const CLIENT_INTERFACE = "TrainingPeaksClient";

export interface ClientMember {
  name: string;
  /** As written in the interface, whitespace collapsed: `getWorkout(workoutId: number, options?: RequestOptions): Promise<Workout>`. */
  signature: string;
  /** The member's doc comment, on one line; empty when it has none. */
  doc: string;
}

const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();

function docOf(member: ts.TypeElement): string {
  const docs = ts.getJSDocCommentsAndTags(member).filter(ts.isJSDoc);
  return oneLine(docs.map((doc) => ts.getTextOfJSDocComment(doc.comment) ?? "").join(" "));
}

/**
 * The members of `interfaceName` in `sourceText`, in declaration order; those of interfaces it
 * extends (declared in the same file) come first. Fails on what it cannot list truthfully.
 */
export function clientMembers(sourceText: string, fileName = CLIENT_PATH, interfaceName = CLIENT_INTERFACE): ClientMember[] {
  const source = ts.createSourceFile(fileName, sourceText, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const interfaces = new Map<string, ts.InterfaceDeclaration[]>();
  for (const statement of source.statements) {
    if (ts.isInterfaceDeclaration(statement)) interfaces.set(statement.name.text, [...(interfaces.get(statement.name.text) ?? []), statement]);
  }
  const seen = new Set<string>();
  const membersOf = (name: string, from: string): ClientMember[] => {
    const declarations = interfaces.get(name);
    if (!declarations) throw new Error(`${fileName}: ${from} names the interface ${name}, which is not declared in this file; the SDK reference reads only this file`);
    if (seen.has(name)) return [];
    seen.add(name);
    const members: ClientMember[] = [];
    for (const declaration of declarations) {
      for (const clause of declaration.heritageClauses ?? []) {
        for (const type of clause.types) members.push(...membersOf(type.expression.getText(source), `${name} extends`));
      }
      for (const member of declaration.members) {
        if (!member.name || !(ts.isMethodSignature(member) || ts.isPropertySignature(member))) {
          throw new Error(`${fileName}: ${name} has a member the SDK reference cannot list (${oneLine(member.getText(source))}); use methods and properties`);
        }
        members.push({ name: member.name.getText(source), signature: oneLine(member.getText(source)).replace(/;$/, ""), doc: docOf(member) });
      }
    }
    return members;
  };
  const members = membersOf(interfaceName, "the SDK reference");
  if (members.length === 0) throw new Error(`${fileName}: ${interfaceName} has no members to list`);
  return members;
}

/** `text` as a Markdown code span, whatever backticks it holds. */
function codeSpan(text: string): string {
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longestRun + 1);
  return longestRun ? `${fence} ${text} ${fence}` : `${fence}${text}${fence}`;
}

/** The README's SDK reference, between its markers: one line per member of the client. */
export function emitSdkReference(members: ClientMember[]): string {
  return members.map((member) => `- ${codeSpan(member.signature)}${member.doc ? `: ${member.doc}` : ""}`).join("\n");
}

export function sdkReference(clientPath = CLIENT_PATH): string {
  return emitSdkReference(clientMembers(readFileSync(clientPath, "utf8"), clientPath));
}
