// NestJS: a controller handing request values to a service that shells out.
import { Body, Controller, Injectable, Post } from '@nestjs/common';
import { execFile, exec, spawn } from 'node:child_process';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);
const execAsync = promisify(exec);
type Codec = 'h264' | 'vp9';

@Injectable()
export class MediaService {
  async transcode(input: string, codec: Codec, crf: number) {
    // ok: command-injection
    await execFileAsync('ffmpeg', ['-i', input, '-c:v', codec, '-crf', String(crf), '/tmp/out.mp4']);
    // ok: command-injection
    await execAsync(`ffmpeg -codecs | grep ${codec}`);
    // ruleid: command-injection
    await execAsync(`ffprobe -v error ${input}`);
  }

  probe(input: string) {
    // ok: command-injection
    return spawn('ffprobe', ['-v', 'error', input], { shell: false });
  }

  thumbnails(input: string, at: number) {
    // ruleid: command-injection
    return spawn('ffmpeg', ['-ss', String(at), '-i', input, 'thumb.png'], { shell: true });
  }
}

@Controller('media')
export class MediaController {
  constructor(private readonly media: MediaService) {}

  @Post('transcode')
  transcode(@Body() body: { input: string; codec: Codec; crf: number }) {
    // ok: command-injection
    return this.media.transcode(body.input, body.codec, body.crf);
  }
}
