// Stores of a field the model hashes itself (a Sequelize setter or a
// mongoose pre('save') hook in _project) are hashed; a field with no such
// setter or hook is stored as typed.
import type { Request, Response } from 'express';
import { Account } from './models/account';

export async function resetPassword(req: Request, res: Response) {
  const account = await Account.findByPk(req.params.id);
  const newPassword = req.body.new;
  // ok: plaintext-password
  await account.update({ loginPassword: newPassword });
  // ok: plaintext-password
  await Member.create({ name: req.body.name, pinPassword: req.body.pinPassword });
  // ruleid: plaintext-password
  await account.update({ recoveryPassword: newPassword });
  res.json({ ok: true });
}
