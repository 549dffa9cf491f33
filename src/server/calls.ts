/**
 * The tool calls under way, each with an AbortController of its own, so that one place decides
 * when a call stops: the client cancelling it, its overall deadline, or the server shutting down.
 * Every path aborts the same signal the tool handler passed to the client, which stops the pacer
 * wait, the retries and the HTTP request of that call.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { untilAborted } from "../client/abort.js";

export type StopReason = "deadline" | "shutdown" | "cancelled";

/** Why a call's signal aborted: the reason the call was given, to word its answer. */
export class CallStopped extends Error {
  constructor(readonly reason: StopReason) {
    super(`The call was stopped (${reason}).`);
    this.name = "AbortError";
  }
}

export function stopReasonOf(error: unknown): StopReason | undefined {
  return error instanceof CallStopped ? error.reason : undefined;
}

interface CallState {
  controller: AbortController;
  /** Set once the call sent a request upstream through `gate`: it is in flight, not queued. */
  upstream: boolean;
  answered: Promise<unknown>;
}

export interface CallTrackerOptions {
  /** Overall deadline of one call, ms. */
  deadlineMs: number;
}

export class CallTracker {
  private readonly calls = new Set<CallState>();
  private readonly current = new AsyncLocalStorage<CallState>();
  private stoppingSince: number | undefined;

  constructor(private readonly options: CallTrackerOptions) {}

  get stopping(): boolean {
    return this.stoppingSince !== undefined;
  }

  /**
   * Runs `work` with a signal that aborts on the client's cancellation, at the deadline, or at
   * shutdown. The answer never waits for work that ignores its signal: the abort itself ends the
   * wait (the work is left to fail on its own).
   */
  async run<T>(clientSignal: AbortSignal, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    // Listeners, not AbortSignal.any: a plain listener holds the controller strongly, whatever
    // the garbage collector does with the signals in between.
    const onCancel = () => controller.abort(new CallStopped("cancelled"));
    if (clientSignal.aborted) onCancel();
    clientSignal.addEventListener("abort", onCancel, { once: true });
    const timer = setTimeout(() => controller.abort(new CallStopped("deadline")), this.options.deadlineMs);
    let settle!: () => void;
    const state: CallState = { controller, upstream: false, answered: new Promise<void>((resolve) => (settle = resolve)) };
    this.calls.add(state);
    try {
      return await this.current.run(state, () => untilAborted(work(controller.signal), controller.signal));
    } catch (error) {
      // Whatever the work threw on the way out, the answer says why the call was stopped.
      throw controller.signal.aborted ? controller.signal.reason : error;
    } finally {
      clearTimeout(timer);
      clientSignal.removeEventListener("abort", onCancel);
      this.calls.delete(state);
      settle();
    }
  }

  /**
   * Wraps the fetch the client sends through. It marks the calling tool call as in flight, and
   * once the server is stopping it sends nothing more: a call queued behind the pacer that wakes
   * up during the grace fails instead of reaching the network.
   */
  gate<A extends unknown[]>(fetch: (...args: A) => Promise<Response>): (...args: A) => Promise<Response> {
    return (...args) => {
      if (this.stopping) return Promise.reject(new CallStopped("shutdown"));
      const state = this.current.getStore();
      if (state) state.upstream = true;
      return fetch(...args);
    };
  }

  /** Resolves when every call under way has answered. */
  async idle(): Promise<void> {
    while (this.calls.size) await Promise.all([...this.calls].map((call) => call.answered));
  }

  /**
   * Stops taking calls; aborts at once the calls that have sent nothing upstream (queued behind
   * the pacer or a shared lookup), gives the ones in flight `graceMs` to answer, then aborts them
   * too. Resolves when every call has answered.
   */
  async shutdown(graceMs: number): Promise<void> {
    if (this.stoppingSince === undefined) this.stoppingSince = Date.now();
    for (const call of this.calls) if (!call.upstream) call.controller.abort(new CallStopped("shutdown"));
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
    await Promise.race([this.idle(), grace]);
    clearTimeout(timer);
    for (const call of this.calls) call.controller.abort(new CallStopped("shutdown"));
    await this.idle();
  }
}
