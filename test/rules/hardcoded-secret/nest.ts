import { Injectable, Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { JwtModule } from '@nestjs/jwt';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { ApiProperty } from '@nestjs/swagger';
import { TypeOrmModule } from '@nestjs/typeorm';

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor() {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // ruleid: hardcoded-secret
      secretOrKey: 'jwt-strategy-secret',
    });
  }
}

@Injectable()
export class ConfiguredStrategy extends PassportStrategy(Strategy) {
  constructor(config: ConfigService) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // ok: hardcoded-secret
      secretOrKey: config.getOrThrow<string>('JWT_SECRET'),
    });
  }
}

@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true }),
    JwtModule.registerAsync({
      inject: [ConfigService],
      // ok: hardcoded-secret
      useFactory: (config: ConfigService) => ({ secret: config.get<string>('JWT_SECRET') }),
    }),
    TypeOrmModule.forRoot({
      type: 'postgres',
      host: 'localhost',
      username: 'app',
      // ruleid: hardcoded-secret
      password: 'typeorm-pass-42',
      database: 'app',
    }),
  ],
})
export class AppModule {}

export class LoginDto {
  // ok: hardcoded-secret
  @ApiProperty({ example: 'Sup3rS3cret!' })
  password!: string;
}

export class MailService {
  // ruleid: hardcoded-secret
  private readonly apiToken = process.env.MAIL_API_TOKEN ?? 'mt_9f8e7d6c5b4a3f2e1d0c';

  // ok: hardcoded-secret
  private readonly tokenUrl = 'https://auth.mail.example.com/oauth/token';

  // ok: hardcoded-secret
  private readonly grantType = 'client_credentials';
}

// ok: hardcoded-secret
export const SECRET_NAMES = ['JWT_SECRET', 'DATABASE_URL'];

// ok: hardcoded-secret
export const AUTH_COOKIE = 'session_token';
