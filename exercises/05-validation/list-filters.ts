/**
 * Exercise: list-filters — typed filters from a query string.
 *
 * The Django view you are porting reads request.GET by hand:
 *
 *     def invoice_list(request):
 *         page = int(request.GET.get("page", 1))          # ValueError → 500
 *         per_page = min(int(request.GET.get("per_page", 20)), 100)
 *         statuses = request.GET.getlist("status")
 *         qs = Invoice.objects.filter(owner=request.user)
 *         if statuses:
 *             qs = qs.filter(status__in=statuses)
 *         if "issued_after" in request.GET:
 *             qs = qs.filter(issued_on__gte=request.GET["issued_after"])
 *         ...
 *
 * Write parseListQuery(url): { ok: true, data } with the filters, or
 * { ok: false, response } where response is a 422
 *     {"error": "validation_failed", "fields": [{"path": "page", "message": "…"}]}
 * with one entry per problem; the path is the parameter's name.
 *
 * Requirements:
 *   - page: whole number ≥ 1 (at most 6 digits), default 1.
 *   - per_page: whole number 1 … 100, default 20. 500 is an error, not 100.
 *     "1e1", "0x10", " 2", "1.5", "01", "+2", "" are errors, not numbers:
 *     digits only, no leading zero.
 *   - status: may repeat (status=sent&status=paid means either); each one
 *     of draft, sent, paid, void; duplicates dropped, order kept; default [].
 *   - issued_after / issued_before: optional real calendar dates
 *     YYYY-MM-DD (2026-02-30 is an error, and so is year 0000, which
 *     Postgres does not have); kept as the strings they are. If both are
 *     given and both are real dates, issued_after must not be later than
 *     issued_before, else an error on issued_before (a date that is not
 *     real is its own error, never also "out of order"). The server may
 *     run in any time zone.
 *   - page, per_page, issued_after and issued_before may appear at most
 *     once: page=1&page=2 is an error on "page", not "take the first".
 *   - Any other parameter is an error with its name as the path, so a typo
 *     such as issued_afer is reported instead of silently ignored.
 */
import { z } from 'zod';

export const STATUSES = ['draft', 'sent', 'paid', 'void'] as const;
export type Status = (typeof STATUSES)[number];

export interface ListQuery {
  page: number;
  per_page: number;
  /** Empty means "any status". */
  status: Status[];
  issued_after?: string;
  issued_before?: string;
}

export type ParsedQuery = { ok: true; data: ListQuery } | { ok: false; response: Response };

// TODO: a schema over the grouped parameters (key → every value given).
export const Query = z.unknown();

export function parseListQuery(_url: URL): ParsedQuery {
  // TODO: group url.searchParams by key, validate, map issues to fields.
  throw new Error('parseListQuery() is not implemented yet');
}
