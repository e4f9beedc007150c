/**
 * `util` for node-postgres in the browser: pg wraps a few calls in
 * util.deprecate() when its modules load. Deprecation warnings are for a
 * developer's terminal; in a reader's tab the function runs unwrapped.
 */
export const deprecate = <T>(fn: T): T => fn;
export default { deprecate };
