import { z } from 'zod';

const ConfigSchema = z.object({
  JWT_SECRET: z.string().min(32),
  PORT: z.coerce.number().int().default(3000),
});
export type Config = z.infer<typeof ConfigSchema>;

export function loadConfig(env: NodeJS.ProcessEnv): Config {
  return ConfigSchema.parse(env);
}
