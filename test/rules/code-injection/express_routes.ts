// Request input run as code (eval, Function, vm, string timers), also a
// constant vm script evaluating a sandbox value from the request.
import vm from 'node:vm';
import type { Request, Response } from 'express';

export function contributions(req: Request, res: Response) {
  // ruleid: code-injection
  const preTax = eval(req.body.preTax);
  // ok: code-injection
  const fixed = eval('40 + 2');
  res.json({ preTax, fixed });
}

export function formula(req: Request, res: Response) {
  // ruleid: code-injection
  const f = new Function('x', req.query.body as string);
  // ruleid: code-injection
  setTimeout('run(' + req.query.n + ')', 10);
  // ok: code-injection
  setTimeout(() => res.json({ f: String(f) }), 10);
}

export function order({ body }: Request, res: Response) {
  const lines = body.orderLinesData || '';
  const sandbox = { safeEval, lines };
  vm.createContext(sandbox);
  // ruleid: code-injection
  vm.runInContext('safeEval(lines)', sandbox, { timeout: 2000 });
  // ok: code-injection
  vm.runInContext('safeEval(limit)', { safeEval, limit: 10 });
  // ruleid: code-injection
  vm.runInNewContext(body.script);
  res.end();
}

export async function cache(req: Request, res: Response) {
  // ok: code-injection
  const hits = await redis.eval('return 1', 0, req.params.key);
  res.json({ hits });
}

declare function safeEval(code: string): unknown;
declare const redis: { eval(script: string, keys: number, ...args: string[]): Promise<unknown> };
