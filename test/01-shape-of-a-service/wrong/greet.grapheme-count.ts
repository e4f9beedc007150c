// mistake: counts graphemes with Intl.Segmenter, where Django's len() counts code points, so 26 "👍🏽" (52) pass.
export const MAX_NAME_CHARACTERS = 50;

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

export function greet(request: Request): Response {
  const name = new URL(request.url).searchParams.get('name')?.trim() ?? '';
  if (name === '') return Response.json({ error: 'name is required' }, { status: 400 });
  if ([...graphemes.segment(name)].length > MAX_NAME_CHARACTERS) {
    return Response.json({ error: `name must be at most ${MAX_NAME_CHARACTERS} characters` }, { status: 400 });
  }
  return Response.json({ greeting: `Hello, ${name}!` });
}
