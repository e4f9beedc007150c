/** Resolves the one exercise a command is about, or explains what exists. */
import { exercises, type Exercise } from '../../curriculum.ts';

export function pickExercise(name: string | undefined, command: string): Exercise {
  const match = exercises.find((e) => e.name === name);
  if (match) return match;
  const list = exercises.map((e) => `  ${e.name.padEnd(18)} ${e.title}`).join('\n');
  console.error(`${name ? `No exercise called "${name}".` : 'Which exercise?'} Usage: npm run ${command} <exercise>\n\n${list}`);
  process.exit(2);
}
