// Proof that the lightbulb refactors produce code that runs: models written by
// hand (SQLAlchemy 2 `Mapped` columns, and the legacy `Column(...)` style) get
// their CRUD slices from Generate CRUD slice; a hand-written router taking a
// `dict` body gets Extract Pydantic model and Add auth dependency. The project
// must then pass ruff and mypy, its generated pytest suite on PostgreSQL, and
// the HTTP calls below against uvicorn on PostgreSQL.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectProjectFacts, planAddAuthDependency, planCrudSlice, planExtractModel, type EditPlan } from '../../src/core/index';
import { Api, cli, venvPython } from '../support/api';
import { applyPlanToDisk, diskFileView } from '../../src/cli/nodeFiles';
import { startPostgres, type PgCluster } from '../support/postgres';
import { freePort, startProcess, waitForHttp, type ManagedProcess } from '../support/process';

const BOOK_MODEL = `"""Books, written by hand."""

import enum
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Optional

import sqlalchemy as sa
from sqlalchemy import ForeignKey, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import Base

if TYPE_CHECKING:
    from app.models.user import User


class Format(enum.StrEnum):
    HARDCOVER = "hardcover"
    PAPERBACK = "paperback"
    EBOOK = "ebook"


class Book(Base):  # the catalogue
    __tablename__ = "books"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200), index=True)
    isbn: Mapped[str] = mapped_column(
        String(32),
        unique=True,  # ISBN-13 with dashes
    )
    summary: Mapped[Optional[str]] = mapped_column(Text)  # noqa: UP045 (the older spelling is read too)
    pages: Mapped[int | None]
    price: Mapped[Decimal] = mapped_column(sa.Numeric(10, 2))
    in_print: Mapped[bool] = mapped_column(default=True)
    format: Mapped[Format] = mapped_column(default=Format.PAPERBACK)
    published_on: Mapped[date | None] = mapped_column(sa.Date, nullable=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"))
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), server_default=func.now())

    owner: Mapped["User"] = relationship()
`;

const SUPPLIER_MODEL = `"""Inventory tables (older declarative style)."""

from sqlalchemy import Boolean, Column, Float, Integer, String, Text

from app.db import Base


class Supplier(Base):
    __tablename__ = "suppliers"

    id = Column(Integer, primary_key=True)
    name = Column(String(120), nullable=False, unique=True)
    email = Column("contact_email", String(320))
    rating = Column(Float, default=0.0)
    notes = Column(Text)
    active = Column(Boolean, nullable=False, default=True)
`;

const ORDERS_ROUTER = `"""Quotes for orders (hand-written, body still a dict)."""

from typing import Any

from fastapi import APIRouter, HTTPException

router = APIRouter(prefix="/quotes", tags=["quotes"])


@router.post("", status_code=201)
async def create_quote(payload: dict[str, Any]) -> dict[str, Any]:
    if payload["quantity"] <= 0:
        raise HTTPException(status_code=422, detail="quantity must be positive")
    sku = payload["sku"].strip()
    express = payload.get("express", False)
    unit_price = float(payload["unit_price"])
    total = unit_price * payload["quantity"] + (5 if express else 0)
    return {"sku": sku, "total": total, "express": express, "note": payload.get("note")}
`;

describe('refactored FastAPI project runs for real (PostgreSQL)', function () {
  this.timeout(600_000);
  let python: string | undefined;
  let root: string;
  let pg: PgCluster | undefined;
  let server: ManagedProcess | undefined;
  const secret = randomBytes(32).toString('base64url');

  before(async function () {
    python = await venvPython();
    if (!python) {
      if (process.env.CI) throw new Error('the Python venv is missing; `npm install` (scripts/setup-python.mjs) builds it');
      console.log('    (skipped: no Python venv; run `npm run setup:python`)');
      this.skip();
    }
    root = mkdtempSync(join(tmpdir(), 'backend-skill-refactors-'));
    await cli(['init', 'fastapi', '--root', root, '--name', 'refactor-proof']);
    const apply = async (plan: EditPlan | Promise<EditPlan>) => applyPlanToDisk(root, await plan);
    const view = () => diskFileView(root);
    const cursorOf = (path: string, text: string) => {
      const at = readFileSync(join(root, path), 'utf8').indexOf(text);
      assert.ok(at >= 0, `${text} in ${path}`);
      return at;
    };

    writeFileSync(join(root, 'app/models/book.py'), BOOK_MODEL);
    writeFileSync(join(root, 'app/models/inventory.py'), SUPPLIER_MODEL);
    await apply(planCrudSlice(view(), { modelPath: 'app/models/book.py', cursor: cursorOf('app/models/book.py', 'isbn:'), auth: 'writes' }));
    await apply(planCrudSlice(view(), { modelPath: 'app/models/inventory.py', cursor: cursorOf('app/models/inventory.py', 'contact_email'), auth: 'none' }));
    // Asked again for the same model: refused, nothing changed.
    await assert.rejects(planCrudSlice(view(), { modelPath: 'app/models/book.py', className: 'Book' }), /a CRUD slice for Book already exists/);

    // A hand-written router with a dict body, wired by hand, then refactored.
    writeFileSync(join(root, 'app/routers/quotes.py'), ORDERS_ROUTER);
    const main = readFileSync(join(root, 'app/main.py'), 'utf8');
    writeFileSync(join(root, 'app/main.py'), main.replace('from app.routers import auth, books', 'from app.routers import auth, books, quotes').replace('app.include_router(books.router)', 'app.include_router(books.router)\napp.include_router(quotes.router)'));
    await apply(planExtractModel(view(), { path: 'app/routers/quotes.py', cursor: cursorOf('app/routers/quotes.py', 'payload: dict') }));
    const pyFiles = readdirSync(join(root, 'app'), { recursive: true, encoding: 'utf8' })
      .filter((p) => p.endsWith('.py'))
      .map((p) => ({ path: `app/${p.split('\\').join('/')}`, source: readFileSync(join(root, 'app', p), 'utf8') }));
    await apply(planAddAuthDependency(view(), { path: 'app/routers/quotes.py', cursor: cursorOf('app/routers/quotes.py', 'async def create_quote'), facts: collectProjectFacts(pyFiles) }));
  });

  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  after(async () => {
    await pg?.stop();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('is clean under ruff (lint and format) and mypy', () => {
    const tool = (args: string[]) => {
      const result = spawnSync(python!, args, { cwd: root, encoding: 'utf8', timeout: 180_000 });
      return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
    };
    const lint = tool(['-m', 'ruff', 'check', '--no-cache', '--output-format', 'concise', '.']);
    assert.equal(lint.status, 0, `ruff check found problems:\n${lint.output}`);
    const format = tool(['-m', 'ruff', 'format', '--no-cache', '--check', 'app/schemas', 'app/repositories', 'app/routers', 'tests']);
    assert.equal(format.status, 0, `ruff format would change generated files:\n${format.output}`);
    const types = tool(['-m', 'mypy', '--no-incremental', 'app', 'tests']);
    assert.equal(types.status, 0, `mypy found problems:\n${types.output}`);
  });

  it('passes the generated pytest suites of the slices on PostgreSQL, and answers the CRUD calls under uvicorn', async () => {
    pg = await startPostgres();
    await pg.createDatabase('refactor_pytest');
    await pg.createDatabase('refactor_http');
    const result = spawnSync(python!, ['-m', 'pytest', '-p', 'no:cacheprovider', 'tests/test_books.py', 'tests/test_suppliers.py'], {
      cwd: root, env: { ...process.env, TEST_DATABASE_URL: pg.asyncpgUrl('refactor_pytest') }, encoding: 'utf8', timeout: 300_000,
    });
    const output = `${result.stdout}\n${result.stderr}`;
    assert.equal(result.status, 0, `generated pytest suite failed:\n${output.slice(-6000)}`);
    const passed = /(\d+) passed/.exec(output);
    assert.ok(passed && Number(passed[1]) >= 14, `expected the slices' tests to run:\n${output.slice(-2000)}`);

    const port = await freePort();
    server = startProcess(python!, ['-m', 'uvicorn', 'app.main:app', '--host', '127.0.0.1', '--port', String(port)], {
      cwd: root,
      name: 'uvicorn',
      env: { DATABASE_URL: pg.asyncpgUrl('refactor_http'), SECRET_KEY: secret, AUTH_RATE_LIMIT: '100', CORS_ORIGINS: 'http://localhost:3000' },
    });
    await waitForHttp(`http://127.0.0.1:${port}/health`, { timeoutMs: 30_000, process: server });
    const api = new Api(`http://127.0.0.1:${port}`);

    const email = `reader-${randomBytes(4).toString('hex')}@example.com`;
    const password = randomBytes(12).toString('base64url');
    assert.equal((await api.call('POST', '/auth/register', { email, password })).status, 201);
    const token = await api.call('POST', '/auth/token', undefined, { form: { username: email, password } });
    assert.equal(token.status, 200, token.text);
    api.token = token.json.access_token;
    const userId = (await api.call('GET', '/auth/me')).json.id as number;

    // Books: writes behind auth; the model's types, lengths, defaults and foreign key hold.
    const book = { title: 'Dune', isbn: '978-0441013593', price: '9.99', pages: 412, owner_id: userId };
    assert.equal((await api.call('POST', '/books', book, { auth: false })).status, 401);
    const created = await api.call('POST', '/books', book);
    assert.equal(created.status, 201, created.text);
    assert.equal(created.json.title, 'Dune');
    assert.equal(created.json.in_print, true, 'default=True applied');
    assert.equal(created.json.format, 'paperback', 'default=Format.PAPERBACK applied');
    assert.equal(created.json.summary, null);
    assert.equal(Number(created.json.price), 9.99);
    assert.ok(!('created_at' in created.json), 'a server-default column is not in the response model');
    const id = created.json.id as number;
    const read = await api.call('GET', `/books/${id}`);
    assert.equal(read.status, 200);
    assert.equal(read.json.isbn, book.isbn);
    assert.equal((await api.call('POST', '/books', { ...book, title: 'Dune again' })).status, 409, 'isbn is unique');
    assert.equal((await api.call('POST', '/books', { ...book, isbn: 'x-1', title: 'x'.repeat(201) })).status, 422, 'String(200)');
    assert.equal((await api.call('POST', '/books', { ...book, isbn: 'x-2', format: 'scroll' })).status, 422, 'enum values');
    assert.equal((await api.call('POST', '/books', { ...book, isbn: 'x-3', pages: 2 ** 31 })).status, 422, 'Integer range');
    assert.equal((await api.call('POST', '/books', { ...book, isbn: 'x-4', price: '123456789.00' })).status, 422, 'Numeric(10, 2) range');
    assert.equal((await api.call('POST', '/books', { ...book, isbn: 'x-5', owner_id: 2_000_000_000 })).status, 422, 'foreign key checked');
    const ebook = await api.call('POST', '/books', { ...book, isbn: '978-0-00-000000-2', format: 'ebook', published_on: '1965-08-01' });
    assert.equal(ebook.status, 201, ebook.text);
    assert.equal(ebook.json.format, 'ebook');
    const list = await api.call('GET', '/books?limit=1');
    assert.equal(list.status, 200);
    assert.equal(list.json.data.length, 1);
    assert.equal(list.json.count, 2);
    const put = await api.call('PUT', `/books/${id}`, { ...book, title: 'Dune Messiah', format: 'hardcover' });
    assert.equal(put.status, 200, put.text);
    assert.equal(put.json.format, 'hardcover');
    const patched = await api.call('PATCH', `/books/${id}`, { summary: `Spice'); DROP TABLE books;--` });
    assert.equal(patched.status, 200, patched.text);
    assert.equal(patched.json.title, 'Dune Messiah');
    assert.equal((await api.call('PATCH', `/books/${id}`, { title: null })).status, 422);
    assert.equal((await api.call('DELETE', `/books/${id}`)).status, 204);
    assert.equal((await api.call('GET', `/books/${id}`)).status, 404);

    // Suppliers: legacy Column(...) model, open routes; nullable unless nullable=False; Python defaults applied.
    const supplier = await api.call('POST', '/suppliers', { name: 'Acme' }, { auth: false });
    assert.equal(supplier.status, 201, supplier.text);
    assert.deepEqual({ ...supplier.json, id: 0 }, { id: 0, name: 'Acme', email: null, rating: 0, notes: null, active: true });
    assert.equal((await api.call('POST', '/suppliers', {}, { auth: false })).status, 422, 'name is required');
    assert.equal((await api.call('POST', '/suppliers', { name: 'Acme' }, { auth: false })).status, 409, 'name is unique');
    const renamed = await api.call('PATCH', `/suppliers/${supplier.json.id}`, { email: 'sales@acme.example' }, { auth: false });
    assert.equal(renamed.status, 200, renamed.text);
    assert.equal(renamed.json.email, 'sales@acme.example', 'attribute email maps to the contact_email column');

    // Quotes: the extracted model validates the body, the added dependency requires a token.
    const quote = { sku: ' ab-1 ', quantity: 3, unit_price: 2.5 };
    assert.equal((await api.call('POST', '/quotes', quote, { auth: false })).status, 401, 'Add auth dependency');
    const quoted = await api.call('POST', '/quotes', quote);
    assert.equal(quoted.status, 201, quoted.text);
    assert.deepEqual(quoted.json, { sku: 'ab-1', total: 7.5, express: false, note: null });
    assert.equal((await api.call('POST', '/quotes', { ...quote, express: true })).json.total, 12.5);
    assert.equal((await api.call('POST', '/quotes', { sku: 'ab-1', unit_price: 2.5 })).status, 422, 'a missing key is a 422, not a 500');
    assert.equal((await api.call('POST', '/quotes', { ...quote, quantity: 'three' })).status, 422, 'quantity is an int');
  });
});
