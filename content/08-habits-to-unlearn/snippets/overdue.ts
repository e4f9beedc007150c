/**
 * Chapter 8: the question from the shell session, as a function a test
 * can call in milliseconds.
 */

// #region overdue
export interface Due {
  number: string;
  status: string;
  issuedOn: string; // YYYY-MM-DD
}

export function overdue(rows: readonly Due[], today: string, days = 30) {
  const cutoff = new Date(`${today}T00:00:00Z`);
  cutoff.setUTCDate(cutoff.getUTCDate() - days);
  const limit = cutoff.toISOString().slice(0, 10);
  return rows
    .filter((r) => r.status === 'sent' && r.issuedOn < limit)
    .map((r) => r.number);
}
// #endregion
