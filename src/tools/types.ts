import type { TrainingPeaksClient } from "../client/client.js";
import type { ToolInput, ToolName, ToolOutput } from "../generated/tools.js";

/** The athlete a call reads, as answers name them. */
export interface AthleteNamed {
  athlete_id: number;
  name?: string;
}

export interface ToolContext {
  /** The client reading this call's athlete (the one the `athlete` argument named, else the default). */
  client: TrainingPeaksClient;
  /** Today's date on the athlete's calendar, YYYY-MM-DD (injectable so answers are testable). */
  today(): Promise<string>;
  /** Fires when the MCP request is cancelled; passed to every HTTP request. */
  signal?: AbortSignal;
}

/** What a handler answers: the tool's result without `athlete`, which the server adds to every answer. */
export type HandlerOutput<N extends ToolName> = Omit<ToolOutput<N>, "athlete">;

export interface ToolAnswer<N extends ToolName> {
  /** The structuredContent; validated against the tool's outputSchema by the SDK. */
  structured: HandlerOutput<N>;
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
