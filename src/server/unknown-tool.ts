/**
 * tools/call with a name no tool has. The SDK answers "Tool tp_bogus not found", which leaves a
 * model guessing; this answer names every tool, as `tp-mcp call` does.
 */
export function unknownToolText(name: string, tools: readonly string[]): string {
  return `There is no tool ${JSON.stringify(name.slice(0, 80))}. The tools are: ${tools.join(", ")} (tools/list gives each one's arguments).`;
}
