/**
 * How a browser twin says "this test cannot run here" (e.g. it needs a forced
 * garbage collection): it throws an error with this name, and the runtime
 * reports the test as `local-only` with the error's message as the reason,
 * instead of a failure.
 */
export const LOCAL_ONLY_ERROR = 'WorkbookLocalOnly';

export function localOnly(reason: string): Error {
  const error = new Error(reason);
  error.name = LOCAL_ONLY_ERROR;
  return error;
}
