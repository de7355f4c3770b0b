import { Body, Controller, Delete, Get, Param, Patch, Post, UseGuards } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { ThrottlerGuard } from '@nestjs/throttler';
import { Public } from '../auth/public.decorator';
import { CreateCatDto, UpdateCatDto } from './dto';
import { CatsService } from './cats.service';

@Controller('cats')
export class CatsController {
  constructor(private readonly cats: CatsService) {}

  // ok: missing-auth
  @Get()
  findAll() {
    return this.cats.findAll();
  }

  // ok: missing-auth
  @Post()
  @UseGuards(AuthGuard('jwt'))
  create(@Body() dto: CreateCatDto) {
    return this.cats.create(dto);
  }

  // ruleid: missing-auth
  @Patch(':id')
  update(@Param('id') id: string, @Body() dto: UpdateCatDto) {
    return this.cats.update(id, dto);
  }

  // A rate limit is not authentication.
  // ruleid: missing-auth
  @Delete(':id')
  @UseGuards(ThrottlerGuard)
  remove(@Param('id') id: string) {
    return this.cats.remove(id);
  }

  // ok: missing-auth
  @Public()
  @Post(':id/adopt-requests')
  requestAdoption(@Param('id') id: string) {
    return this.cats.requestAdoption(id);
  }
}

@UseGuards(AuthGuard('jwt'))
@Controller('owners')
export class OwnersController {
  constructor(private readonly cats: CatsService) {}

  // ok: missing-auth
  @Post()
  create(@Body() dto: CreateCatDto) {
    return this.cats.createOwner(dto);
  }

  // ok: missing-auth
  @Delete(':id')
  remove(@Param('id') id: string) {
    return this.cats.removeOwner(id);
  }
}

@Controller('auth')
export class AuthController {
  // ok: missing-auth
  @Post('login')
  login(@Body() body: CreateCatDto) {
    return body;
  }
}
