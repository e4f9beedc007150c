/** `npm test -- [chapter|exercise] [--db=pglite] [--strict]` */
import { Engine } from '../../curriculum.ts';

export interface GradeArgs {
  query?: string;
  db?: Engine;
  strict: boolean;
}

export function parseArgs(argv: string[]): GradeArgs {
  const args: GradeArgs = { strict: false };
  for (const arg of argv) {
    if (arg === '--strict') args.strict = true;
    else if (arg.startsWith('--db=')) args.db = Engine.parse(arg.slice('--db='.length));
    else if (arg.startsWith('-')) throw new Error(`unknown option ${arg}`);
    else args.query = arg;
  }
  return args;
}
