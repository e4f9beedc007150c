/** Terminal colour that respects NO_COLOR, FORCE_COLOR and non-TTY output. */
import { styleText } from 'node:util';
import { endQuietlyWhenOutputCloses } from './quiet-pipes.ts';

// Every command prints through this module, so importing it is what makes
// each of them end quietly when its output is piped to `head`.
endQuietlyWhenOutputCloses();

type Format = Parameters<typeof styleText>[0];

export const paint = (format: Format, text: string) => styleText(format, text, { stream: process.stdout });
export const bold = (t: string) => paint('bold', t);
export const dim = (t: string) => paint('dim', t);
export const green = (t: string) => paint('green', t);
export const red = (t: string) => paint('red', t);
export const yellow = (t: string) => paint('yellow', t);
export const cyan = (t: string) => paint('cyan', t);

/** Pads by visible width, ignoring ANSI escapes. */
export function pad(text: string, width: number) {
  const visible = text.replace(/\u001b\[[0-9;]*m/g, '');
  return text + ' '.repeat(Math.max(0, width - [...visible].length));
}
