/**
 * The typed TrainingPeaks SDK. The API's own camelCase is kept; the MCP tools are built on it.
 * `createTrainingPeaksClient({ demo: true })` is the offline demo athlete, to try it with no account.
 */
export {
  createTrainingPeaksClient,
  DEFAULT_BASE_URL,
  DEFAULT_PEAKSWARE_BASE_URL,
  type DemoClientOptions,
  type FetchLike,
  type RequestOptions,
  type TrainingPeaksClient,
  type TrainingPeaksClientOptions,
} from "./client/client.js";
export {
  AuthError,
  InvalidInputError,
  isTpError,
  NotFoundError,
  RateLimitError,
  TpError,
  UpstreamError,
  type TpErrorCode,
} from "./client/errors.js";
export type { RosterAthlete } from "./client/roster.js";
export { createNodeHttpFetch, type NodeHttpFetchOptions } from "./client/transport/node-http.js";
export { isCompleted, type FitnessDay, type PersonalRecord, type Workout, type WorkoutRecords } from "./client/normalize.js";
export { localDate } from "./core/dates.js";
export {
  MAX_RANGE_DAYS,
  PR_TYPES_BY_SPORT,
  RECORD_SPORTS,
  RUN_RECORD_DISTANCE_M,
  SPORT_NAMES,
  type PrType,
  type RecordSport,
} from "./generated/constants.js";
export type { components, operations, paths } from "./generated/api.js";
export { toolDefinitions, type ToolInput, type ToolName, type ToolOutput } from "./generated/tools.js";
