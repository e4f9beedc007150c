/**
 * The one database type learner code depends on: the `query(text, values)`
 * half of node-postgres' Pool and Client. Production passes a real `pg.Pool`;
 * the graders pass an in-memory Postgres behind the same interface.
 */
export interface QueryResult<Row> {
  rows: Row[];
  rowCount: number | null;
}

export interface Db {
  query<Row = Record<string, unknown>>(text: string, values?: readonly unknown[]): Promise<QueryResult<Row>>;
}
