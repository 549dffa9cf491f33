/**
 * npm run demo: starts the built server on the demo athlete as a real stdio process, connects
 * the MCP SDK's client, and prints a short tour of questions and the tools' answers.
 */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { demoToday } from "../src/demo/index.js";
import { runTour, tourLines } from "../src/demo/tour.js";

const transport = new StdioClientTransport({ command: process.execPath, args: ["dist/bin.cjs", "serve", "--demo"], stderr: "ignore" });
const client = new Client({ name: "tp-mcp demo", version: "1.0.0" });
await client.connect(transport);
const bold = (text: string) => (process.stdout.isTTY ? `\x1b[1m${text}\x1b[0m` : text);
const { tools } = await client.listTools();
for (const line of tourLines(tools.map((t) => t.name), await runTour(client, demoToday()))) {
  // A blank line before each heading sets the answers apart.
  console.log(line.kind === "heading" ? `\n${bold(line.text)}` : line.text);
}
await client.close();
