import type { Db } from '#lib/db';

export interface RecordedQuery {
  text: string;
  values: readonly unknown[];
}

/**
 * Wraps a pool or client so every statement the code under test sends is
 * recorded as the driver saw it: SQL text with placeholders, values apart.
 * pg-mem's own query events see SQL with the values already spliced in, so
 * they cannot tell a parameterised query from a concatenated one; this can.
 * Clients checked out with `connect()` are wrapped too (transactions).
 */
export function recordQueries<T extends object>(target: T, log: RecordedQuery[]): T {
  return new Proxy(target, {
    get(obj, prop, receiver) {
      if (prop === 'query') {
        return (query: string | { text: string; values?: unknown[] }, values?: unknown[]) => {
          const text = typeof query === 'string' ? query : query.text;
          const vals = (typeof query === 'string' ? values : (query.values ?? values)) ?? [];
          log.push({ text, values: vals });
          return (obj as unknown as Db).query(query as string, values);
        };
      }
      if (prop === 'connect') {
        return async () => {
          const client = await (obj as unknown as { connect(): Promise<object> }).connect();
          return recordQueries(client, log);
        };
      }
      const value = Reflect.get(obj, prop, receiver);
      return typeof value === 'function' ? value.bind(obj) : value;
    },
  });
}
