/**
 * npm run demo: starts the built server on the demo athlete as a real stdio process, connects
 * the MCP SDK's client, and prints a short tour of questions and answers.
 */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { demoToday } from "../src/demo/index.js";
import { runTour } from "../src/demo/tour.js";

const transport = new StdioClientTransport({ command: process.execPath, args: ["dist/cli.js", "serve", "--demo"], stderr: "ignore" });
const client = new Client({ name: "tp-mcp demo", version: "1.0.0" });
await client.connect(transport);
const bold = (text: string) => (process.stdout.isTTY ? `\x1b[1m${text}\x1b[0m` : text);
const { tools } = await client.listTools();
console.log(bold(`trainingpeaks-mcp on the demo athlete: ${tools.length} tools (${tools.map((t) => t.name).join(", ")})\n`));
for (const stop of await runTour(client, demoToday())) {
  const answer = stop.text.split("\n");
  const shown = answer.length > 14 ? [...answer.slice(0, 14), `… (${answer.length - 14} more lines)`] : answer;
  console.log(`${bold(`» ${stop.question}`)}  →  ${stop.tool} ${JSON.stringify(stop.arguments)}\n${shown.join("\n")}\n`);
}
console.log("Use it from Claude Desktop or the MCP Inspector: see the README.");
await client.close();
