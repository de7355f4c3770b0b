// Generated backend files of a chosen size, for the scaling test
// (test/unit/analysis-scale.test.ts) and the per-rule scaling bench
// (scripts/bench-scale-entry.ts). Each block is ordinary service code with a
// sprinkling of what the rules look for (SQL built from strings, path
// parameters, router includes and mounts, shell calls), so every rule has
// routes, names and assignments to index; a cost that grows with routes x
// lines shows up as the file grows.

/** A FastAPI module of about `lines` lines: many routers, included with (templated) prefixes. */
export function bigPythonSource(lines: number): string {
  const out = [
    'import os',
    'import subprocess',
    'import requests',
    'from fastapi import APIRouter, Depends, FastAPI, HTTPException',
    'from sqlalchemy import text',
    'from sqlalchemy.orm import Session',
    'from .db import get_db',
    'from .auth import current_user',
    '',
    'app = FastAPI()',
    'VERSION = os.environ.get("API_VERSION", "1")',
    '',
  ];
  const block = (i: number): string[] => [
    `router${i} = APIRouter(prefix="/items${i}", tags=["items${i}"])`,
    '',
    '',
    `@router${i}.get("/{item_id}")`,
    `def get_item${i}(item_id: int, db: Session = Depends(get_db)):`,
    i % 10 === 0 ? `    query = f"SELECT * FROM items${i} WHERE id = {item_id}"` : `    query = "SELECT * FROM items${i} WHERE id = :id"`,
    '    row = db.execute(text(query), {"id": item_id}).first()',
    '    if row is None:',
    '        raise HTTPException(status_code=404, detail="Not found")',
    '    return row',
    '',
    '',
    `@router${i}.post("/", status_code=201)`,
    `def create_item${i}(body: dict, db: Session = Depends(get_db), user=Depends(current_user)):`,
    '    name = body.get("name")',
    i % 7 === 0 ? `    sql = "INSERT INTO items${i} (name) VALUES ('" + name + "')"` : `    sql = "INSERT INTO items${i} (name) VALUES (:name)"`,
    '    db.execute(text(sql), {"name": name})',
    '    db.commit()',
    '    return {"name": name}',
    '',
    '',
    `@router${i}.get("/{item_id}/file")`,
    `def item_file${i}(item_id: int, name: str):`,
    i % 13 === 0 ? '    subprocess.run(f"cat /srv/{name}", shell=True)' : '    subprocess.run(["cat", "/srv/data"], check=True)',
    '    path = os.path.join("/srv/files", str(item_id))',
    '    with open(path) as handle:',
    '        return {"data": handle.read()}',
    '',
    '',
    i % 3 === 0 ? `app.include_router(router${i}, prefix=f"/v{VERSION}")` : `app.include_router(router${i})`,
    '',
  ];
  for (let i = 0; out.length < lines; i++) out.push(...block(i));
  return out.slice(0, lines).join('\n') + '\n';
}

/** An Express + pg service of about `lines` lines: many routers, mounted, some with `mergeParams`. */
export function bigTypeScriptSource(lines: number): string {
  const out = [
    "import express, { Router } from 'express';",
    "import { Pool } from 'pg';",
    "import { z } from 'zod';",
    "import { exec } from 'node:child_process';",
    "import { requireAuth } from '../middleware/auth';",
    '',
    'const pool = new Pool({ connectionString: process.env.DATABASE_URL });',
    'export const app = express();',
    '',
  ];
  const block = (i: number): string[] => [
    i % 5 === 0 ? `const items${i} = Router({ mergeParams: true });` : `const items${i} = Router();`,
    `const Item${i}Create = z.object({ name: z.string().min(1).max(120), price: z.number().nonnegative() });`,
    '',
    `items${i}.get('/', async (req, res, next) => {`,
    '  try {',
    '    const limit = Math.min(Number(req.query.limit ?? 20), 100);',
    `    const { rows } = await pool.query('SELECT id, name, price FROM items${i} ORDER BY id LIMIT $1', [limit]);`,
    '    res.json({ data: rows, count: rows.length });',
    '  } catch (err) {',
    '    next(err);',
    '  }',
    '});',
    '',
    `items${i}.post('/', requireAuth, async (req, res) => {`,
    `  const body = Item${i}Create.parse(req.body);`,
    i % 7 === 0 ? `  const sql = "INSERT INTO items${i} (name) VALUES ('" + body.name + "')";` : `  const sql = 'INSERT INTO items${i} (name, price) VALUES ($1, $2) RETURNING *';`,
    '  const { rows } = await pool.query(sql, [body.name, body.price]);',
    '  res.status(201).json(rows[0]);',
    '});',
    '',
    `items${i}.get('/:id', async (req, res) => {`,
    i % 10 === 0 ? `  const { rows } = await pool.query(\`SELECT * FROM items${i} WHERE id = \${req.params.id}\`);` : `  const { rows } = await pool.query('SELECT * FROM items${i} WHERE id = $1', [req.params.id]);`,
    '  if (rows.length === 0) return res.status(404).json({ detail: "Not found" });',
    i % 11 === 0 ? '  res.json({ row: rows[0], owner: req.params.userId });' : '  res.json(rows[0]);',
    '});',
    '',
    `items${i}.delete('/:id', requireAuth, async (req, res) => {`,
    `  await pool.query('DELETE FROM items${i} WHERE id = $1', [req.params.id]);`,
    i % 25 === 0 ? '  exec(`rm -rf /tmp/cache/${req.params.id}`);' : '  res.sendStatus(204);',
    '});',
    `app.use('/items${i}', items${i});`,
    '',
  ];
  for (let i = 0; out.length < lines; i++) out.push(...block(i));
  return out.slice(0, lines).join('\n') + '\n';
}
