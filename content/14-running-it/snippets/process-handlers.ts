/**
 * The process-level policy: what happens to an error nothing caught.
 * Node's default ends the process at once, with every request in flight;
 * here each kind gets a decision of its own, and a structured log line.
 */

export interface FatalLog {
  error(fields: object, message: string): void;
  fatal(fields: object, message: string): void;
}

export interface ProcessEvents {
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  on(event: 'uncaughtException', listener: (error: Error, origin: string) => void): unknown;
}

// #region policy
export function installCrashPolicy(deps: {
  log: FatalLog;
  shutdown: (reason: string, exitCode: number) => Promise<void>;
  exit?: (code: number) => void;
  events?: ProcessEvents;
}) {
  const { log, shutdown, exit = (code) => process.exit(code), events = process } = deps;

  // A promise nobody awaited: usually one request's missing .catch().
  // The process is probably fine: drain the others, then exit 1.
  events.on('unhandledRejection', (reason) => {
    log.error({ err: reason }, 'unhandled rejection: draining, then exit 1');
    void shutdown('unhandledRejection', 1);
  });

  // A throw out of a callback may have left shared state half-updated:
  // Node's docs say not to resume. Log (pino writes synchronously) and go.
  events.on('uncaughtException', (error, origin) => {
    log.fatal({ err: error, origin }, 'uncaught exception: exiting now');
    exit(1);
  });
}
// #endregion
