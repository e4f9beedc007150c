/** A logger small enough to pass around and to fake. */

// #region logger
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type Fields = Record<string, unknown>;

export interface Logger {
  info(message: string, fields?: Fields): void;
  error(message: string, fields?: Fields): void;
}

const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** JSON lines to `write`: process.stdout.write in production. */
export function jsonLogger(level: LogLevel, write: (line: string) => void): Logger {
  const log = (at: LogLevel, message: string, fields: Fields = {}) => {
    if (RANK[at] < RANK[level]) return;
    write(JSON.stringify({ level: at, message, ...fields }) + '\n');
  };
  return {
    info: (message, fields) => log('info', message, fields),
    error: (message, fields) => log('error', message, fields),
  };
}
// #endregion
