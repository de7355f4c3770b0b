import { Injectable, Logger } from '@nestjs/common';
import { MailerService } from './mailer.service';

@Injectable()
export class NotificationsService {
  private readonly logger = new Logger(NotificationsService.name);

  constructor(private readonly mailer: MailerService) {}

  async welcome(email: string) {
    try {
      await this.mailer.send(email, 'welcome');
    // ruleid: broad-exception
    } catch (e) {}
  }

  remind(email: string) {
    // ruleid: broad-exception
    this.mailer.send(email, 'reminder').catch(() => undefined);
  }
}
