import type { TrainingPeaksClient } from "../client/client.js";
import type { ToolInput, ToolName, ToolOutput } from "../generated/tools.js";

export interface ToolContext {
  client: TrainingPeaksClient;
  /** Today's date on the athlete's calendar, YYYY-MM-DD (injectable so answers are testable). */
  today(): Promise<string>;
  /** Fires when the MCP request is cancelled; passed to every HTTP request. */
  signal?: AbortSignal;
}

export interface ToolAnswer<N extends ToolName> {
  /** The structuredContent; validated against the tool's outputSchema by the SDK. */
  structured: ToolOutput<N>;
  /** A compact rendering for clients that only show text. */
  text: string;
  /** A chart, when the call asked for one (`chart: true`); sent as an image content after the text. */
  image?: ToolImage;
}

export interface ToolImage {
  data: Uint8Array;
  mimeType: "image/png";
}

export type ToolHandler<N extends ToolName> = (input: ToolInput<N>, context: ToolContext) => Promise<ToolAnswer<N>>;

export const pngImage = (data: Uint8Array): ToolImage => ({ data, mimeType: "image/png" });
