// No guard in this file: the fix takes the project's JwtAuthGuard (src/auth/jwt-auth.guard.ts).
import { Body, Controller, Get, Post } from '@nestjs/common';
import { CreateInvoiceDto } from './dto';
import { InvoicesService } from './invoices.service';

@Controller('invoices')
export class InvoicesController {
  constructor(private readonly invoices: InvoicesService) {}

  @Get()
  findAll() {
    return this.invoices.findAll();
  }

  // ruleid: missing-auth
  @Post()
  create(@Body() dto: CreateInvoiceDto) {
    return this.invoices.create(dto);
  }
}
