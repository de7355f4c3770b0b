import { Router } from 'express';
import { Body, Controller, Param, Put } from '@nestjs/common';

export const router = Router();

router.patch('/:invoiceId', async (req, res) => {
  // ruleid: path-param-mismatch
  const invoice = await invoices.get(req.params.id);
  res.json(await invoices.update(req.params.id, req.body));
});

router.delete('/:customerId/cards/:cardId', async (req, res) => {
  // ruleid: path-param-mismatch
  const { customerId, card } = req.params;
  await cards.remove(customerId, card);
  res.status(204).end();
});

@Controller('invoices')
export class InvoicesController {
  @Put(':invoiceId')
  // ruleid: path-param-mismatch
  replace(@Param('id') id: string, @Body() body: unknown) {
    return { id, body };
  }
}
