import { Router } from 'express';
import { Body, Controller, Param, Put } from '@nestjs/common';

export const router = Router();

router.patch('/:invoiceId', async (req, res) => {
  // ruleid: path-param-mismatch
  const invoice = await invoices.get(req.params.invoiceId);
  res.json(await invoices.update(req.params.invoiceId, req.body));
});

router.delete('/:customerId/cards/:cardId', async (req, res) => {
  // ruleid: path-param-mismatch
  const { customerId, cardId: card } = req.params;
  await cards.remove(customerId, card);
  res.status(204).end();
});

@Controller('invoices')
export class InvoicesController {
  @Put(':invoiceId')
  // ruleid: path-param-mismatch
  replace(@Param('invoiceId') id: string, @Body() body: unknown) {
    return { id, body };
  }
}
