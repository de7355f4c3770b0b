// A predicate whose catch answers with a constant: the failure is the answer
// (unreadable file → not in a container, unparsable → not valid). The same
// catch in a function that does work (saves, sends) still hides the failure.
import fs from 'node:fs';
import { access } from 'node:fs/promises';

function hasContainerCGroup() {
  try {
    return fs.readFileSync('/proc/self/cgroup', 'utf8').includes('docker');
  // ok: broad-exception
  } catch {
    return false;
  }
}

export const sameJson = (a: unknown, b: unknown): boolean => {
  try {
    return JSON.stringify(a) === JSON.stringify(b);
  // ok: broad-exception
  } catch {
    return false;
  }
};

export function isLocalModel(url: string): boolean {
  try {
    const parsed = loadEndpoint(url);
    return parsed.port === '11434' || parsed.hostname === 'ollama';
  // ok: broad-exception
  } catch {
    return false;
  }
}

// ok: broad-exception
export const exists = async (path: string) => await access(path).then(() => true).catch(() => false);

export async function saveProfile(profile: { id: string }) {
  try {
    await db.profiles.upsert(profile);
    return true;
  // ruleid: broad-exception
  } catch {
    return false;
  }
}

export async function notify(userId: string) {
  // ruleid: broad-exception
  return mailer.send(userId).then(() => true).catch(() => null);
}

export function loadCount() {
  try {
    return readCounter() > 0;
  // ruleid: broad-exception
  } catch {
    return 0;
  }
}

declare const db: { profiles: { upsert(p: unknown): Promise<void> } };
declare const mailer: { send(id: string): Promise<void> };
declare function loadEndpoint(url: string): { port: string; hostname: string };
declare function readCounter(): number;
void hasContainerCGroup;

// A validator callback (`refine`, `filter`) and a predicate declared as a class field answer no on failure.
import { z } from 'zod';
import { isUrl, loadMention } from './urls';

export class ValidateURL {
  public static isValidMentionUrl = (url: string) => {
    try {
      const { id } = loadMention(url);
      return !!id && isUrl(id);
    // ok: broad-exception
    } catch (_err) {
      return false;
    }
  };
}

export const UrlSchema = z.string().refine((val) => {
  try {
    const url = loadMention(val);
    return ValidateURL.isValidMentionUrl(url.href);
  // ok: broad-exception
  } catch (_err) {
    return false;
  }
});

export const saved = [1, 2].map((n) => {
  try {
    return persist(n);
  // ruleid: broad-exception
  } catch {
    return false;
  }
});
