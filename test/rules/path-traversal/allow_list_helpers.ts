// A key checked against a constant allow-list is one of its constants:
// directly (`KEYS.includes(key)`) or through a predicate of this file whose
// body is that one test (`if (!isAllowed(key)) return`). A helper that tests
// something else (a length, the type), checks another argument, or lets the
// request go on does not vouch for the key.
import fs from 'node:fs';
import type { Request, Response } from 'express';

const KEYS = ['loginAdmin', 'xssBonus', 'nullByte'];
const TOPICS = new Set(['billing', 'shipping']);

function isAllowed(key: string): boolean {
  return KEYS.includes(key);
}
const knownTopic = (topic: string) => TOPICS.has(topic);
function looksFine(key: string): boolean {
  return key.length > 0 && key.length < 64;
}
function allowedPair(kind: string, key: string): boolean {
  return KEYS.includes(kind);
}

export function snippetDirect(req: Request, res: Response) {
  const key = req.params.key;
  if (!KEYS.includes(key)) return res.status(404).end();
  // ok: path-traversal
  res.send(fs.readFileSync('./data/snippets/' + key + '.info.yml', 'utf8'));
}

export function snippetHelper(req: Request, res: Response) {
  const key = req.params.key;
  if (!isAllowed(key)) {
    return res.status(404).json({ error: 'unknown challenge' });
  }
  // ok: path-traversal
  res.send(fs.readFileSync('./data/snippets/' + key + '.info.yml', 'utf8'));
}

export function topicHelper(req: Request, res: Response) {
  if (knownTopic(req.params.topic)) {
    // ok: path-traversal
    res.sendFile(`/srv/help/${req.params.topic}.html`);
  }
}

export function lengthHelper(req: Request, res: Response) {
  const key = req.params.key;
  if (!looksFine(key)) return res.status(404).end();
  // ruleid: path-traversal
  res.send(fs.readFileSync('./data/snippets/' + key + '.info.yml', 'utf8'));
}

export function otherArgument(req: Request, res: Response) {
  const { kind, key } = req.params;
  if (!allowedPair(kind, key)) return res.status(404).end();
  // ruleid: path-traversal
  res.send(fs.readFileSync(`./data/${kind}/${key}.yml`, 'utf8'));
}

export function checkedButContinues(req: Request, res: Response) {
  const key = req.params.key;
  if (!isAllowed(key)) console.warn('unknown key', key);
  // ruleid: path-traversal
  res.send(fs.readFileSync('./data/snippets/' + key + '.info.yml', 'utf8'));
}
