/**
 * The data the chapter's routers serve: an in-memory invoice store, so
 * the snippets are about routing and nothing else. (Chapter 3 puts SQL
 * behind the same kind of interface.)
 */
export interface Invoice {
  id: number;
  number: string;
  totalCents: number;
}

export interface InvoiceStore {
  list(): Invoice[];
  get(id: number): Invoice | undefined;
  delete(id: number): boolean;
}

export function memoryStore(rows: readonly Invoice[]): InvoiceStore {
  const byId = new Map(rows.map((row) => [row.id, row]));
  return {
    list: () => [...byId.values()],
    get: (id) => byId.get(id),
    delete: (id) => byId.delete(id),
  };
}
