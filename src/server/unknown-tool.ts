/**
 * tools/call with a name no tool has. The SDK answers "Tool tp_bogus not found", which leaves a
 * model guessing; this answer names every tool, as `tp-mcp call` does.
 */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { CallToolRequestSchema, type ServerResult } from "@modelcontextprotocol/sdk/types.js";
import { errorResult } from "./result.js";

type RawHandler = (request: unknown, extra: unknown) => Promise<ServerResult>;

export function unknownToolText(name: string, tools: readonly string[]): string {
  return `There is no tool ${JSON.stringify(name.slice(0, 80))}. The tools are: ${tools.join(", ")} (tools/list gives each one's arguments).`;
}

/**
 * Answers a call to any name outside `tools` with the list of tools, and hands every other call to
 * the SDK's own tools/call handler, so a known tool keeps the SDK's checks. Call it once the tools
 * are registered: the SDK installs its handler with the first one.
 */
export function answerUnknownTools(server: McpServer, tools: readonly string[]): void {
  // The SDK keeps its handlers in a private map and offers no other way to wrap one.
  const handlers = (server.server as unknown as { _requestHandlers?: Map<string, RawHandler> })._requestHandlers;
  const sdkCall = handlers?.get("tools/call");
  if (!sdkCall) throw new Error("answerUnknownTools: no tools/call handler to wrap; register the tools first");
  const known = new Set(tools);
  server.server.setRequestHandler(CallToolRequestSchema, (request, extra) =>
    known.has(request.params.name) ? sdkCall(request, extra) : errorResult(unknownToolText(request.params.name, tools)),
  );
}
