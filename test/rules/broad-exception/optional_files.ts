// Reading a file that may be missing, and computing from it with a pure local
// helper: in JavaScript this catch is the narrow "file not found" fallback.
// Anything that reaches a database, the network or an async helper stays flagged.
import { readFile, readdir } from 'node:fs/promises';
import * as fs from 'node:fs';
import { pool } from './db';

function coverage(content: Record<string, string>, reference: Record<string, string>): number {
  const total = Object.keys(reference).length;
  let translated = 0;
  for (const key in content) if (content[key] !== reference[key]) translated++;
  return Math.round((translated / total) * 100);
}

async function enrich(content: Record<string, string>): Promise<number> {
  const { rows } = await pool.query('SELECT count(*) FROM strings');
  return Object.keys(content).length / rows[0].count;
}

export async function languagePercentages(reference: Record<string, string>) {
  const result: Record<string, number> = {};
  for (const file of await readdir('i18n')) {
    let percentage = 0;
    try {
      const content = JSON.parse(await readFile(`i18n/${file}`, 'utf8'));
      percentage = coverage(content, reference);
    // ok: broad-exception
    } catch {
      percentage = 0;
    }
    result[file] = percentage;
  }
  return result;
}

export function bannerText(): string {
  try {
    return fs.readFileSync('config/banner.txt', 'utf8');
  // ok: broad-exception
  } catch {
    return '';
  }
}

export async function weightedPercentage(file: string): Promise<number> {
  try {
    const content = JSON.parse(await readFile(file, 'utf8'));
    return await enrich(content);
  // ruleid: broad-exception
  } catch {
    return 0;
  }
}

export async function savedPercentage(file: string): Promise<number> {
  try {
    const content = JSON.parse(await readFile(file, 'utf8'));
    await pool.query('INSERT INTO coverage (file, value) VALUES ($1, $2)', [file, coverage(content, {})]);
    return 1;
  // ruleid: broad-exception
  } catch {
    return 0;
  }
}

// Parsing with string work around it fails one expected way too.
import yaml from 'js-yaml';

export function originOf(url: string): string | undefined {
  try {
    const parsed = new URL(url.trim());
    return `${parsed.protocol}//${parsed.host}`.toLowerCase();
  // ok: broad-exception
  } catch {
    return undefined;
  }
}

export function frontMatter(content: string): unknown {
  try {
    return yaml.load(content.split('---')[1] ?? '');
  // ok: broad-exception
  } catch {
    return null;
  }
}

export async function remoteOrigin(url: string): Promise<string | undefined> {
  try {
    const res = await fetch(new URL(url.trim()));
    return (await res.text()).toLowerCase();
  // ruleid: broad-exception
  } catch {
    return undefined;
  }
}
