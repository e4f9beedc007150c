/** The environment, read once, checked once, turned into a typed object. */
import { z } from 'zod';

// #region config
const Env = z.object({
  PORT: z
    .string()
    .regex(/^[1-9][0-9]{0,4}$/)
    .transform(Number)
    .pipe(z.number().min(1).max(65535))
    .default(3000),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
  RECEIPTS_URL: z.url({ protocol: /^https?$/ }),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
});

export type Config = z.infer<typeof Env>;

export function loadConfig(env: Record<string, string | undefined>) {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    // Names only: values may be passwords.
    const names = new Set(parsed.error.issues.map((i) => i.path.join('.')));
    throw new Error(`invalid environment: ${[...names].join(', ')}`);
  }
  return parsed.data;
}
// #endregion
