// Settings under `backendSkill.*`, validated with zod on every read (per
// workspace folder): a bad value falls back to its default and is logged,
// never cast through. package.json's contributes.configuration is kept in
// step with this schema by test/unit/manifest.test.ts.
import * as vscode from 'vscode';
import { z } from 'zod';
import { AUTH_MODES, RULE_IDS, SEVERITIES, type SeveritySetting } from '../core/index';

export const SettingsSchema = z.object({
  targetFramework: z.enum(['auto', 'fastapi', 'express']).default('auto'),
  projectFolder: z.string().regex(/^(?!\/)(?!.*\.\.)[^\\]*$/).default(''),
  defaultAuth: z.enum(AUTH_MODES).default('writes'),
  previewEdits: z.boolean().default(false),
  rules: z.partialRecord(z.enum(RULE_IDS as [string, ...string[]]), z.enum(SEVERITIES as [SeveritySetting, ...SeveritySetting[]])).default({}),
});
export type Settings = z.infer<typeof SettingsSchema>;

/** Read the settings for a workspace folder (or the window), dropping invalid values. */
export function readSettings(scope: vscode.ConfigurationScope | undefined, log: vscode.LogOutputChannel): Settings {
  const config = vscode.workspace.getConfiguration('backendSkill', scope);
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(SettingsSchema.shape)) {
    const value = config.get(key);
    if (value !== undefined) raw[key] = value;
  }
  const parsed = SettingsSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  // Keep every valid key; fall back per invalid key.
  const result: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(SettingsSchema.shape)) {
    const one = (schema as z.ZodType).safeParse(raw[key]);
    if (one.success) result[key] = one.data;
    else {
      log.warn(`backendSkill.${key}: invalid value ${JSON.stringify(raw[key])}; using the default`);
      result[key] = (schema as z.ZodType).parse(undefined);
    }
  }
  return SettingsSchema.parse(result);
}
