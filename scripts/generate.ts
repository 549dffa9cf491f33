/**
 * npm run generate [-- --check]
 *
 * openapi/trainingpeaks.yaml and openapi/tools/*.yaml → src/generated/ (path types, response
 * and tool schemas, constants) and the README's tool reference. With --check nothing is
 * written: it exits 1 when any output differs, or when src/generated/ holds a file it would not write.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { generatedFiles } from "./generate/outputs.js";

const GENERATED_DIR = "src/generated";

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

async function main(): Promise<void> {
  const check = process.argv.includes("--check");
  const outputs = await generatedFiles();
  const stale: string[] = [];
  for (const [file, content] of outputs) {
    const current = existsSync(file) ? readFileSync(file, "utf8") : undefined;
    if (current === content) continue;
    stale.push(file);
    if (!check) {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, content);
    }
  }
  // A removed tool leaves its module behind; it must go with its declaration.
  const leftovers = filesUnder(GENERATED_DIR).filter((file) => !outputs.has(file));
  for (const file of leftovers) {
    stale.push(`${file} (no longer generated)`);
    if (!check) rmSync(file);
  }
  if (check && stale.length) {
    console.error(`Generated files are stale: ${stale.join(", ")}\nRun \`npm run generate\` and commit the result.`);
    process.exit(1);
  }
  console.error(check ? "Generated files are up to date." : `Generated ${outputs.size} files (${stale.length} changed).`);
}

main().catch((error: unknown) => {
  console.error(`generate: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
