// mistake: calls decodeURIComponent on what searchParams.get() already decoded, so "100%" throws a URIError and "%41" becomes "A".
export const MAX_NAME_CHARACTERS = 50;

export function greet(request: Request): Response {
  const raw = new URL(request.url).searchParams.get('name') ?? '';
  const name = decodeURIComponent(raw).trim();
  if (name === '') return Response.json({ error: 'name is required' }, { status: 400 });
  if ([...name].length > MAX_NAME_CHARACTERS) {
    return Response.json({ error: `name must be at most ${MAX_NAME_CHARACTERS} characters` }, { status: 400 });
  }
  return Response.json({ greeting: `Hello, ${name}!` });
}
