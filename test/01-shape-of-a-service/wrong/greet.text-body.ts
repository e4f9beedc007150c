// mistake: serialises JSON by hand with new Response(), so the Content-Type is text/plain.
export const MAX_NAME_CHARACTERS = 50;

export function greet(request: Request): Response {
  const name = new URL(request.url).searchParams.get('name')?.trim() ?? '';
  if (name === '') return new Response(JSON.stringify({ error: 'name is required' }), { status: 400 });
  if ([...name].length > MAX_NAME_CHARACTERS) {
    return new Response(JSON.stringify({ error: `name must be at most ${MAX_NAME_CHARACTERS} characters` }), { status: 400 });
  }
  return new Response(JSON.stringify({ greeting: `Hello, ${name}!` }));
}
