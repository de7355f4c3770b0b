// Project fact for model_hooks.ts: Sequelize and mongoose models that hash a password field on write.
import { DataTypes, Model } from 'sequelize';
import { Schema } from 'mongoose';
import { hashSecret } from '../lib/crypto';

export class Account extends Model {}
Account.init({
  loginPassword: {
    type: DataTypes.STRING,
    set(clear: string) {
      this.setDataValue('loginPassword', hashSecret(clear));
    },
  },
  // Stored as given: no setter.
  recoveryPassword: DataTypes.STRING,
}, { sequelize });

export const memberSchema = new Schema({ pinPassword: String });
memberSchema.pre('save', async function () {
  this.pinPassword = await hashSecret(this.pinPassword);
});
