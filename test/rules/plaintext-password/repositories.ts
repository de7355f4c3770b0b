import { Injectable, UnauthorizedException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import * as argon2 from 'argon2';
import { Sequelize, DataTypes } from 'sequelize';
import { UserEntity } from './user.entity';
import { hashPassword, verifyPassword } from './security';

const sequelize = new Sequelize(process.env.DATABASE_URL!);
const Account = sequelize.define('Account', { email: DataTypes.STRING, password: DataTypes.STRING });

export class CreateUserDto {
  email!: string;
  password!: string;
}

@Injectable()
export class AuthService {
  constructor(@InjectRepository(UserEntity) private readonly users: Repository<UserEntity>) {}

  async register(dto: CreateUserDto) {
    // ruleid: plaintext-password
    const entity = this.users.create({ email: dto.email, password: dto.password });
    return this.users.save(entity);
  }

  async login(email: string, password: string) {
    const user = await this.users.findOneBy({ email });
    // ruleid: plaintext-password
    if (!user || password !== user.password) throw new UnauthorizedException();
    return user;
  }

  async registerHashed(dto: CreateUserDto) {
    // ok: plaintext-password
    const entity = this.users.create({ email: dto.email, password: await argon2.hash(dto.password) });
    return this.users.save(entity);
  }

  async loginHashed(email: string, password: string) {
    const user = await this.users.findOneBy({ email });
    // ok: plaintext-password
    if (!user || !(await argon2.verify(user.password, password))) throw new UnauthorizedException();
    return user;
  }

  async rotate(user: UserEntity, newPassword: string) {
    // ok: plaintext-password
    user.password = await hashPassword(newPassword);
    await this.users.save(user);
  }

  async check(user: UserEntity, password: string) {
    // ok: plaintext-password
    return verifyPassword(password, user.password);
  }
}

export async function signUp(email: string, password: string) {
  // ruleid: plaintext-password
  return Account.create({ email, password });
}

export async function signUpHashed(email: string, password: string) {
  const hashed = await hashPassword(password);
  // ok: plaintext-password
  return Account.create({ email, password: hashed });
}

export function publicUser(user: UserEntity) {
  // ok: plaintext-password
  const { password, ...rest } = user;
  return rest;
}

export function strength(password: string) {
  // ok: plaintext-password
  return password.length >= 12 && /\d/.test(password) && password !== password.toLowerCase();
}

// ok: plaintext-password
export const defaults = { minPasswordLength: 12, passwordRules: 'at least 12 characters' };
