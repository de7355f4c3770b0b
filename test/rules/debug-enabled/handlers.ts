import express, { type ErrorRequestHandler, type NextFunction, type Request, type Response } from 'express';
import errorhandler from 'errorhandler';
import Fastify from 'fastify';
import { ApolloServer } from '@apollo/server';
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, InternalServerErrorException } from '@nestjs/common';
import { pool } from './db';
import { logger } from './logger';
import { HttpError } from './errors';

const app = express();

app.get('/users/:id', async (req, res) => {
  try {
    res.json(await pool.query('SELECT * FROM users WHERE id = $1', [req.params.id]));
  } catch (err) {
    // ruleid: debug-enabled
    res.status(500).send((err as Error).stack);
  }
});

app.get('/orders', async (req, res) => {
  try {
    res.json(await pool.query('SELECT * FROM orders'));
  } catch (error: any) {
    // ruleid: debug-enabled
    res.status(500).json({ error: error.message, stack: error.stack });
  }
});

app.get('/reports', async (_req, res) => {
  try {
    res.json(await pool.query('SELECT * FROM reports'));
  } catch (e) {
    // ruleid: debug-enabled
    res.status(500).json(e);
  }
});

app.get('/invoices', async (_req, res) => {
  try {
    res.json(await pool.query('SELECT * FROM invoices'));
  } catch (e) {
    // ruleid: debug-enabled
    res.status(500).json({ message: 'failed', e });
  }
});

app.post('/payments', (req, res) => {
  pool
    .query('INSERT INTO payments (amount) VALUES ($1)', [req.body.amount])
    .then(() => res.sendStatus(201))
    // ruleid: debug-enabled
    .catch((err) => res.status(500).send(`Payment failed: ${err}`));
});

// ruleid: debug-enabled
app.use(errorhandler());

const fastify = Fastify();
fastify.setErrorHandler((error, request, reply) => {
  // ruleid: debug-enabled
  reply.status(500).send({ error: 'Internal', trace: error.stack });
});

const apollo = new ApolloServer({
  typeDefs: '',
  // ruleid: debug-enabled
  includeStacktraceInErrorResponses: true,
});

@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost) {
    const response = host.switchToHttp().getResponse();
    // ruleid: debug-enabled
    response.status(500).json({ statusCode: 500, message: (exception as Error).message });
  }
}

export class ReportsService {
  async build(id: string) {
    try {
      return await pool.query('SELECT build_report($1)', [id]);
    } catch (err) {
      // ruleid: debug-enabled
      throw new InternalServerErrorException((err as Error).message);
    }
  }
}

export const errorHandler: ErrorRequestHandler = (err, req, res, next) => {
  const body = {
    error: 'Internal server error',
    // ruleid: debug-enabled
    detail: err.stack,
  };
  res.status(500).json(body);
};

// ---------------------------------------------------------------- hard negatives

app.get('/accounts', async (_req, res) => {
  try {
    res.json(await pool.query('SELECT * FROM accounts'));
  } catch (err) {
    // ok: debug-enabled
    logger.error(`accounts failed: ${(err as Error).stack}`);
    // ok: debug-enabled
    res.status(500).json({ error: 'Internal server error' });
  }
});

app.use((err: Error, _req: Request, res: Response, _next: NextFunction) => {
  // ok: debug-enabled
  console.error(err.stack);
  if (process.env.NODE_ENV !== 'production') {
    // ok: debug-enabled
    res.status(500).json({ error: err.message, stack: err.stack });
    return;
  }
  res.status(500).json({ error: 'Internal server error' });
});

app.use((err: Error, _req: Request, res: Response, _next: NextFunction) => {
  // ok: debug-enabled
  res.status(500).json({ error: 'Internal server error', ...(process.env.NODE_ENV === 'development' ? { stack: err.stack } : {}) });
});

app.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
  if (err instanceof HttpError) {
    // ok: debug-enabled
    res.status(err.status).json({ detail: err.message });
    return;
  }
  // ok: debug-enabled
  next(err);
});

app.post('/imports', async (req, res) => {
  try {
    await pool.query('SELECT import_data($1)', [req.body]);
  } catch (err) {
    // ok: debug-enabled
    res.status(400).json({ error: (err as Error).message });
  }
});

if (process.env.NODE_ENV === 'development') {
  // ok: debug-enabled
  app.use(errorhandler());
}

// ok: debug-enabled
app.set('env', process.env.NODE_ENV ?? 'production');

// ok: debug-enabled
app.set('json spaces', 2);

fastify.setErrorHandler((error, request, reply) => {
  request.log.error(error);
  // ok: debug-enabled
  reply.send(error);
});

const apolloDev = new ApolloServer({
  typeDefs: '',
  // ok: debug-enabled
  includeStacktraceInErrorResponses: process.env.NODE_ENV === 'development',
});

export function formatForLog(err: Error) {
  // ok: debug-enabled
  return { message: err.message, stack: err.stack };
}

app.get('/proxy', async (_req, res) => {
  try {
    res.json(await fetch('https://api.internal/data').then((r) => r.json()));
  } catch (err) {
    // ok: debug-enabled
    res.status(502).json({ error: 'Upstream unavailable', code: (err as NodeJS.ErrnoException).code });
  }
});
