// mistake: limits the name's size in UTF-8 bytes (what a database column limit might count), so 30 "é" (60 bytes) are refused although they are 30 characters.
export const MAX_NAME_CHARACTERS = 50;

const utf8 = new TextEncoder();

export function greet(request: Request): Response {
  const name = new URL(request.url).searchParams.get('name')?.trim() ?? '';
  if (name === '') return Response.json({ error: 'name is required' }, { status: 400 });
  if (utf8.encode(name).length > MAX_NAME_CHARACTERS) {
    return Response.json({ error: `name must be at most ${MAX_NAME_CHARACTERS} characters` }, { status: 400 });
  }
  return Response.json({ greeting: `Hello, ${name}!` });
}
