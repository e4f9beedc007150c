/**
 * Reading Django's cookies: django.http.cookie.parse_cookie, ported.
 */
// #region parse-cookie
/** The Cookie header as Django reads it: the last value of a repeated name wins. */
export function parseCookie(header: string): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const chunk of header.split(';')) {
    const eq = chunk.indexOf('=');
    // A chunk without "=" is a value with an empty name (as browsers send it).
    const name = eq === -1 ? '' : chunk.slice(0, eq).trim();
    const value = (eq === -1 ? chunk : chunk.slice(eq + 1)).trim();
    if (name || value) cookies.set(name, unquote(value));
  }
  return cookies;
}
// #endregion

/** Python's http.cookies._unquote: "…" with \" \\ and \ooo escapes. */
function unquote(value: string): string {
  if (value.length < 2 || !value.startsWith('"') || !value.endsWith('"')) return value;
  return value
    .slice(1, -1)
    .replace(/\\(?:([0-3][0-7][0-7])|(.))/gs, (_m, octal: string | undefined, char: string | undefined) =>
      octal !== undefined ? String.fromCharCode(parseInt(octal, 8)) : char!,
    );
}
