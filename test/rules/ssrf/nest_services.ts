// NestJS controller and a service that receives URLs from it.
import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { HttpService } from '@nestjs/axios';
import { firstValueFrom } from 'rxjs';
import axios from 'axios';

class CreateWebhookDto {
  url!: string;
}

@Controller('integrations')
export class IntegrationsController {
  constructor(private readonly httpService: HttpService, private readonly hooks: HooksService) {}

  @Post('webhooks')
  async register(@Body() dto: CreateWebhookDto) {
    // ruleid: ssrf
    await firstValueFrom(this.httpService.post(dto.url, { event: 'ping' }));
    return { ok: true };
  }

  @Get('fetch')
  async fetchIt(@Query('target') target: string) {
    // ruleid: ssrf
    const res = await fetch(target, { redirect: 'manual' });
    return res.status;
  }

  @Get('status')
  async status(@Query('service') service: string) {
    // ok: ssrf
    const res = await firstValueFrom(this.httpService.get(`http://status.internal/services/${service}`));
    return res.data;
  }

  @Post('deliver')
  deliver(@Body() dto: CreateWebhookDto) {
    // ok: ssrf
    return this.hooks.deliver(dto.url);
  }
}

export class HooksService {
  async deliver(url: string) {
    // ok: ssrf
    return axios.post(url, { event: 'delivery' });
  }
}
