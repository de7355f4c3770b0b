// NestJS and Fastify.
import { Controller, Get, Param, ParseIntPipe, Query, Res, StreamableFile } from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { createReadStream } from 'fs';
import * as fsp from 'fs/promises';
import { join, resolve, basename } from 'path';

const ROOT = resolve(process.cwd(), 'exports');

@Controller('exports')
export class ExportsController {
  @Get(':file')
  download(@Param('file') file: string) {
    // ruleid: path-traversal
    return new StreamableFile(createReadStream(join(ROOT, file)));
  }

  @Get()
  async byQuery(@Query('path') p: string) {
    // ruleid: path-traversal
    return fsp.readFile(p);
  }

  @Get('n/:id')
  numbered(@Param('id', ParseIntPipe) id: number) {
    // ok: path-traversal
    return new StreamableFile(createReadStream(join(ROOT, `${id}.csv`)));
  }

  @Get('b/:file')
  safe(@Param('file') file: string) {
    // ok: path-traversal
    return new StreamableFile(createReadStream(join(ROOT, basename(file))));
  }
}

export async function routes(app: FastifyInstance) {
  app.get('/logs/:name', async (request, reply) => {
    const { name } = request.params as { name: string };
    // ruleid: path-traversal
    const text = await fsp.readFile(join('/var/log/app', name), 'utf8');
    return reply.send(text);
  });

  app.post('/cleanup', async (request: FastifyRequest<{ Body: { dir: string } }>) => {
    // ruleid: path-traversal
    await fsp.rm(request.body.dir, { recursive: true });
    return { ok: true };
  });

  app.get('/logs2/:name', async (request, reply) => {
    const { name } = request.params as { name: string };
    const full = resolve('/var/log/app', name);
    if (!full.startsWith('/var/log/app/')) {
      return reply.code(400).send();
    }
    // ok: path-traversal
    return reply.send(await fsp.readFile(full, 'utf8'));
  });
}

export class ExportService {
  read(file: string) {
    // ok: path-traversal
    return fsp.readFile(join(ROOT, file));
  }
}
