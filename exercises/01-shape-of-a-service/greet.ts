/**
 * Exercise: greet — your first handler.
 *
 * Django would write:
 *
 *     def greet(request):
 *         name = request.GET.get("name", "").strip()
 *         ...
 *         return JsonResponse({"greeting": f"Hello, {name}!"})
 *
 * Here a handler takes a Web-standard Request and returns a Response.
 *
 * Requirements (the grader checks each one):
 *   - GET /greet?name=Ada → 200, JSON body {"greeting": "Hello, Ada!"},
 *     Content-Type application/json.
 *   - The name is read as Django's request.GET reads it (URLSearchParams
 *     does the same): "+" and "%20" are spaces, and a broken escape such as
 *     "%E0%A4%A" becomes "�%A", never an error.
 *   - Surrounding whitespace is trimmed as str.strip() trims it — spaces,
 *     tabs, newlines, Unicode spaces: "  Ada\t" greets "Ada". Everything
 *     between is echoed exactly as sent ("Ada  Lovelace" keeps both spaces).
 *   - A missing, empty or all-whitespace name → 400 with a JSON body
 *     {"error": "name is required"}.
 *   - A name longer than MAX_NAME_CHARACTERS characters after trimming → 400
 *     with {"error": "name must be at most 50 characters"}. Only the trimmed
 *     name counts, and characters are counted as Python's len() counts them
 *     (Unicode code points), not as UTF-16 code units or as graphemes:
 *     50 "🦄" are fine, 26 "👍🏽" (52 code points) are too long.
 *
 * Run `npm test -- greet` to grade it, `npm run hint greet` if you are stuck.
 */
export const MAX_NAME_CHARACTERS = 50;

export function greet(request: Request): Response {
  // TODO: read the `name` query parameter from request.url.
  // TODO: answer 400 for a missing/blank or too-long name, 200 otherwise.
  throw new Error('greet() is not implemented yet');
}
