/**
 * The cold-start reference: the smallest useful MCP server on the same @modelcontextprotocol/sdk
 * and zod as trainingpeaks-mcp, as plain unbundled ESM loaded from node_modules. One tool.
 */
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const server = new McpServer({ name: "minimal-reference", version: "0.0.0" });
server.registerTool(
  "echo",
  { title: "Echo", description: "Answers with the text it was given.", inputSchema: { text: z.string().describe("Any text.") } },
  async ({ text }) => ({ content: [{ type: "text", text }] }),
);
await server.connect(new StdioServerTransport());
