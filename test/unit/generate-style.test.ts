// The one generation entry (planGeneration) on in-memory projects in three
// real-world styles and our own init layout: Add Route follows the router
// file's siblings, Add DTO and Add Repository work in single-module and
// feature layouts, New Resource goes to the styled planner outside init.
// Every result must parse and pass our own rules (validated() in the
// planners); these tests pin what is written and what is refused.
import assert from 'node:assert/strict';
import { InputError, PlanError, planGeneration, planInit, type EditPlan } from '../../src/core/index';
import { analyzePython } from '../../src/core/analysis/engine';
import { memoryFileView } from '../../src/core/files';
import { resultingText } from '../../src/core/plan/editPlan';
import { ASYNC_PROJECT, FEATURE_PROJECT, SQLMODEL_PROJECT } from '../support/styleProjects';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const view = (files: Record<string, string>) => memoryFileView(new Map(Object.entries(files)));

/**
 * The async-layered fixture project with every project-specific name changed
 * (base repository, its model attribute, method and paging words, the
 * not-found error and its module, the mixin, the read-schema suffix).
 */
function layeredVariant(): Record<string, string> {
  const root = resolve(__dirname, '../../../test/fixtures/projects/async-layered');
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) { if (!/^(__pycache__|\..*_cache)$/.test(name)) walk(p); }
      else if (/\.(py|toml|ini)$/.test(name)) files[relative(root, p).split('\\').join('/')] = readFileSync(p, 'utf8');
    }
  };
  walk(root);
  const renames: [RegExp, string][] = [
    [/\bBaseRepository\b/g, 'Repository'], [/\bNotFoundError\b/g, 'MissingError'], [/\bapp\.core\.exceptions\b/g, 'app.core.errors'],
    [/\bTimestampMixin\b/g, 'AuditMixin'], [/\b(Post|User)Read\b/g, '$1Out'],
  ];
  const repoRenames: [RegExp, string][] = [
    [/\bmodel\b/g, 'entity'], [/\boffset\b/g, 'skip'], [/async def list\(/g, 'async def fetch_page('], [/async def add\(/g, 'async def persist('],
    [/async def delete\(/g, 'async def drop('],
  ];
  const out: Record<string, string> = {};
  for (const [path, text] of Object.entries(files)) {
    let t = text;
    for (const [re, to] of renames) t = t.replace(re, to);
    if (path.startsWith('app/repositories/')) for (const [re, to] of repoRenames) t = t.replace(re, to);
    out[path === 'app/core/exceptions.py' ? 'app/core/errors.py' : path] = t;
  }
  return out;
}

/** The text each planned change leaves, and what it added to a modified file. */
function result(plan: EditPlan, path: string): string {
  const change = plan.changes.find((c) => c.path === path);
  assert.ok(change, `no change to ${path}; changed: ${plan.changes.map((c) => c.path).join(', ')}`);
  return resultingText(change);
}

/** Lines present after but not before (a modified file only gains lines). */
function added(files: Record<string, string>, plan: EditPlan, path: string): string {
  const before = new Set((files[path] ?? '').split('\n'));
  return result(plan, path).split('\n').filter((l) => !before.has(l)).join('\n');
}

async function noFindings(plan: EditPlan): Promise<void> {
  for (const change of plan.changes) {
    const { findings } = await analyzePython(change.path, resultingText(change));
    assert.deepEqual(findings.map((f) => `${change.path}: ${f.rule}`), []);
  }
}

describe('generation in the project style', () => {
  describe('Add Route', () => {
    it('a SQLModel api/routes module: sync, session and current user as siblings take them, uuid ids, response_model= with -> Any', async () => {
      const g = await planGeneration(view(SQLMODEL_PROJECT), {
        kind: 'route', routerPath: 'app/api/routes/items.py', method: 'GET', path: '/{id}/history', auth: false, authMode: 'writes', responseModel: 'ItemPublic',
      });
      const text = added(SQLMODEL_PROJECT, g.plan, 'app/api/routes/items.py');
      assert.match(text, /^def get_history\(id: uuid\.UUID, session: SessionDep, current_user: CurrentUser\) -> Any:$/m);
      assert.match(text, /response_model=ItemPublic,/);
      assert.doesNotMatch(text, /async def|Depends\(get_current_user\)|from app\.deps/);
      // ItemPublic, SessionDep, CurrentUser, uuid and Any are already imported: only `status` is new.
      assert.match(text, /^from fastapi import APIRouter, HTTPException, status$/m);
      assert.match(g.summary, /^style: sqlmodel · sync · crud functions in app\/crud\.py · routes in app\/api\/routes/);
      await noFindings(g.plan);
    });

    it('--auth none leaves the current user out; a write under --auth writes takes it', async () => {
      const none = await planGeneration(view(SQLMODEL_PROJECT), { kind: 'route', routerPath: 'app/api/routes/items.py', method: 'GET', path: '/{id}/a', auth: false, authMode: 'none' });
      assert.match(added(SQLMODEL_PROJECT, none.plan, 'app/api/routes/items.py'), /^def get_a\(id: uuid\.UUID, session: SessionDep\) -> None:$/m);
      const write = await planGeneration(view(SQLMODEL_PROJECT), { kind: 'route', routerPath: 'app/api/routes/users.py', method: 'POST', path: '/invite', auth: true, authMode: 'writes' });
      // users.py's routes never take the user themselves: the project's CurrentUser alias is still the way to require one.
      assert.match(added(SQLMODEL_PROJECT, write.plan, 'app/api/routes/users.py'), /^def post_invite\(session: SessionDep, current_user: CurrentUser\) -> None:$/m);
    });

    it('a feature views.py: Depends(get_db) after the path parameter, plain def, no per-route bearer dependency', async () => {
      const g = await planGeneration(view(FEATURE_PROJECT), { kind: 'route', routerPath: 'src/posts/views.py', method: 'DELETE', path: '/{post_id}/tags/{tag}', auth: true });
      const text = added(FEATURE_PROJECT, g.plan, 'src/posts/views.py');
      // Wrapped at 88 columns (ruff's default; the project's own setting is not read).
      assert.match(text, /^def delete_tags\(\n    post_id: int,\n    tag: str,\n    db: Session = Depends\(get_db\),\n    user=Depends\(get_current_active_user\),\n\) -> None:$/m);
      assert.ok(text.split('\n').every((l) => l.length <= 88), text);
      assert.doesNotMatch(text, /async def|dependencies=\[/);
      await noFindings(g.plan);
    });

    it('an async api/v1/endpoints module: async def, the DbSession alias, Security(...) user as siblings spell it', async () => {
      const g = await planGeneration(view(ASYNC_PROJECT), { kind: 'route', routerPath: 'app/api/v1/endpoints/orders.py', method: 'PUT', path: '/{order_id}/ship', auth: true, responseModel: 'OrderRead' });
      const text = added(ASYNC_PROJECT, g.plan, 'app/api/v1/endpoints/orders.py');
      assert.match(text, /^async def put_ship\($/m);
      assert.match(text, /order_id: int,\n\s+session: DbSession,\n\s+user: Annotated\[dict, Security\(get_current_user, scopes=\["orders"\]\)\],\n\) -> OrderRead:/);
      await noFindings(g.plan);
    });

    it('siblings that take a service dependency instead of a session: the new route takes that dependency', async () => {
      const files = {
        ...SQLMODEL_PROJECT,
        'app/api/deps.py': `${SQLMODEL_PROJECT['app/api/deps.py']}\n\nclass ItemService:\n    def __init__(self, session: SessionDep) -> None:\n        self.session = session\n\n\nItemServiceDep = Annotated[ItemService, Depends(ItemService)]\n`,
        'app/api/routes/items.py': `from fastapi import APIRouter\n\nfrom app.api.deps import CurrentUser, ItemServiceDep\n\nrouter = APIRouter(prefix="/items")\n\n\n@router.get("/")\ndef list_items(items: ItemServiceDep, current_user: CurrentUser) -> list[str]:\n    return []\n\n\n@router.post("/")\ndef create_item(items: ItemServiceDep, current_user: CurrentUser) -> str:\n    return ""\n`,
      };
      const g = await planGeneration(view(files), { kind: 'route', routerPath: 'app/api/routes/items.py', method: 'POST', path: '/{item_id}/archive', auth: true });
      const text = added(files, g.plan, 'app/api/routes/items.py');
      assert.match(text, /^def post_archive\(\n    item_id: uuid\.UUID,\n    items: ItemServiceDep,\n    current_user: CurrentUser,\n\) -> None:$/m);
      assert.doesNotMatch(text, /SessionDep/);
      // No sibling has an id parameter: the project's uuid ids, with the import the module lacked.
      assert.match(text, /^import uuid$/m);
      await noFindings(g.plan);
    });

    it('our init layout is unchanged: async def with Depends(get_current_user) on writes', async () => {
      const files = new Map<string, string>();
      for (const c of (await planInit(memoryFileView(files), { projectName: 'shop' })).changes) files.set(c.path, resultingText(c));
      const init = memoryFileView(files);
      const book = await planGeneration(init, { kind: 'resource', name: 'Book', fields: 'title:str' });
      for (const c of book.plan.changes) files.set(c.path, resultingText(c));
      const g = await planGeneration(memoryFileView(files), { kind: 'route', routerPath: 'app/routers/books.py', method: 'POST', path: '/{book_id}/publish', auth: true });
      const text = resultingText(g.plan.changes[0]!);
      assert.match(text, /async def post_publish\(book_id: Annotated\[int, Path\(ge=1, le=MAX_ID\)\]/);
      assert.ok(g.style.initLayout);
    });
  });

  describe('Add DTO', () => {
    it('SQLModel: the family beside the tables in app/models.py, SQLModel bases and sqlmodel Field', async () => {
      const g = await planGeneration(view(SQLMODEL_PROJECT), { kind: 'dto', name: 'Address', fields: 'street:str:max=80 zip:str? owner:ref(User)' });
      const text = result(g.plan, 'app/models.py');
      assert.match(text, /^class AddressBase\(SQLModel\):\n    street: str = Field\(max_length=80\)\n    zip: str \| None = Field\(default=None, max_length=255\)\n    owner_id: uuid\.UUID$/m);
      assert.match(text, /^class AddressUpdate\(SQLModel\):/m);
      assert.doesNotMatch(text, /pydantic|BaseModel|app\.schemas/);
      await noFindings(g.plan);
    });

    it('a DTO named after a table model carries its id type; a name the module defines is refused', async () => {
      const g = await planGeneration(view(ASYNC_PROJECT), { kind: 'dto', name: 'Customer', fields: 'name:str' });
      assert.match(result(g.plan, 'app/schemas/customer.py'), /^class CustomerPublic\(CustomerBase\):\n    model_config = ConfigDict\(from_attributes=True\)\n\n    id: int$/m);
      await assert.rejects(
        planGeneration(view(SQLMODEL_PROJECT), { kind: 'dto', name: 'Item', fields: 'title:str' }),
        (e: unknown) => e instanceof InputError && /app\/models\.py already defines ItemBase, ItemCreate, ItemUpdate, ItemPublic/.test(e.detail),
      );
    });

    it('plain Pydantic v1 in a feature folder: orm_mode, no ConfigDict; the feature is required when no model names it', async () => {
      await assert.rejects(planGeneration(view(FEATURE_PROJECT), { kind: 'dto', name: 'Comment', fields: 'body:str' }), (e: unknown) => e instanceof InputError && e.part === 'module');
      const g = await planGeneration(view(FEATURE_PROJECT), { kind: 'dto', name: 'Comment', fields: 'body:str score:float', module: 'src/posts/schemas.py' });
      const text = result(g.plan, 'src/posts/schemas.py').slice(FEATURE_PROJECT['src/posts/schemas.py']!.length - 20);
      assert.match(text, /^class CommentBase\(BaseModel\):\n    body: str = Field\(max_length=255\)\n    score: float$/m);
      assert.match(text, /class Config:\n        orm_mode = True/);
      assert.doesNotMatch(text, /ConfigDict|FiniteFloat/);
      await noFindings(g.plan);
    });

    it('a schemas package: a new module with its own imports, no init helpers', async () => {
      const g = await planGeneration(view(ASYNC_PROJECT), { kind: 'dto', name: 'Coupon', fields: 'code:str:max=20 amount:int' });
      const text = result(g.plan, 'app/schemas/coupon.py');
      assert.equal(g.plan.changes[0]!.kind, 'create');
      assert.match(text, /^from pydantic import BaseModel, ConfigDict, Field$/m);
      assert.match(text, /^    amount: int$/m);
      assert.doesNotMatch(text, /app\.schemas\.common|Int64/);
    });
  });

  describe('Add Repository', () => {
    it('crud functions appended to app/crud.py in its naming, never redefining create_item', async () => {
      const g = await planGeneration(view(SQLMODEL_PROJECT), { kind: 'repository', modelPath: 'app/models.py', className: 'Item' });
      const text = added(SQLMODEL_PROJECT, g.plan, 'app/crud.py');
      assert.match(text, /^def get_item\(\*, session: Session, item_id: uuid\.UUID\) -> Item \| None:\n    return session\.get\(Item, item_id\)$/m);
      assert.match(text, /^def delete_item\(\*, session: Session, item: Item\) -> None:$/m);
      assert.doesNotMatch(text, /def create_item/);
      assert.match(text, /session\.exec\(statement\)\.all\(\)/);
      await noFindings(g.plan);
    });

    it('a SQLModel table class (table=True, no __tablename__) is a model; a class that is not is refused by name', async () => {
      await assert.rejects(
        planGeneration(view(SQLMODEL_PROJECT), { kind: 'repository', modelPath: 'app/models.py', className: 'ItemPublic' }),
        (e: unknown) => e instanceof InputError && /no SQLAlchemy model ItemPublic \(models there: User, Item\)/.test(e.detail),
      );
    });

    it("a subclass of the project's own generic base where sibling repositories bind the model by attribute", async () => {
      const files = {
        ...ASYNC_PROJECT,
        'app/repositories/order.py': `from app.models.order import Order\nfrom app.repositories.base import BaseRepository\n\n\nclass OrderRepository(BaseRepository[Order]):\n    model = Order\n`,
      };
      const g = await planGeneration(view(files), { kind: 'repository', modelPath: 'app/models/customer.py' });
      assert.equal(result(g.plan, 'app/repositories/customer.py'), `from app.models.customer import Customer
from app.repositories.base import BaseRepository


class CustomerRepository(BaseRepository[Customer]):
    model = Customer
`);
    });

    it('otherwise a self-contained async repository class on AsyncSession; an existing one is refused', async () => {
      const g = await planGeneration(view(ASYNC_PROJECT), { kind: 'repository', modelPath: 'app/models/customer.py' });
      const text = result(g.plan, 'app/repositories/customer.py');
      assert.match(text, /^from sqlalchemy\.ext\.asyncio import AsyncSession$/m);
      assert.match(text, /^    async def get\(self, customer_id: int\) -> Customer \| None:\n        return await self\.session\.get\(Customer, customer_id\)$/m);
      assert.match(text, /return \(await self\.session\.scalars\(statement\)\)\.all\(\)/);
      await noFindings(g.plan);
      await assert.rejects(planGeneration(view(ASYNC_PROJECT), { kind: 'repository', modelPath: 'app/models/order.py' }), (e: unknown) => e instanceof PlanError && /already defines OrderRepository/.test(e.message));
    });

    it('feature folders: repository.py beside the model, sync Session from sqlalchemy.orm', async () => {
      const g = await planGeneration(view(FEATURE_PROJECT), { kind: 'repository', modelPath: 'src/posts/models.py' });
      const text = result(g.plan, 'src/posts/repository.py');
      assert.match(text, /^from sqlalchemy\.orm import Session\n\nfrom src\.posts\.models import Post$/m);
      assert.match(text, /^    def list\(self, \*, offset: int = 0, limit: int = 100\) -> Sequence\[Post\]:$/m);
      await noFindings(g.plan);
    });
  });

  describe('New Resource through the entry', () => {
    it('outside init goes to the styled planner (never "run init first")', async () => {
      const g = await planGeneration(view(SQLMODEL_PROJECT), { kind: 'resource', name: 'Project', fields: 'title:str:max=120' });
      assert.ok(g.plan.changes.some((c) => c.path === 'app/models.py'));
      assert.ok(g.spec);
    });

    it("async layers: every name comes from the project's code (base repository, its attribute and paging words, error, mixin, read suffix)", async () => {
      // The async-layered fixture with its project-specific names changed: nothing of the fixture's spelling may leak through.
      const files = layeredVariant();
      const g = await planGeneration(view(files), { kind: 'resource', name: 'Invoice', fields: 'number:str:max=40 total:decimal' });
      assert.match(result(g.plan, 'app/models/invoice.py'), /^class Invoice\(AuditMixin, Base\):$/m);
      assert.match(result(g.plan, 'app/models/invoice.py'), /^from app\.db\.base import AuditMixin, Base$/m);
      assert.match(result(g.plan, 'app/repositories/invoice.py'), /^class InvoiceRepository\(Repository\[Invoice\]\):\n {4}entity = Invoice$/m);
      const service = result(g.plan, 'app/services/invoice.py');
      // Posts belong to their author: so do invoices, listed through a repository method paged in the base's words.
      assert.match(result(g.plan, 'app/repositories/invoice.py'), /async def list_by_author\(\n {8}self, author_id: int, \*, skip: int = 0, limit: int = 100\n/);
      assert.match(service, /return await self\.invoices\.list_by_author\(user\.id, skip=skip, limit=limit\)/);
      assert.match(service, /^from app\.core\.errors import MissingError, PermissionDeniedError$/m);
      assert.match(service, /raise MissingError\("Invoice not found"\)/);
      assert.match(service, /if invoice\.author_id != user\.id:\n {12}raise PermissionDeniedError\("Not the author of this invoice"\)/);
      assert.match(service, /invoice = await self\.invoices\.persist\(Invoice\(\*\*data\.model_dump\(\), author_id=user\.id\)\)\n {8}await self\.session\.commit\(\)/);
      assert.match(service, /await self\.invoices\.drop\(invoice\)/);
      assert.match(result(g.plan, 'app/schemas/invoice.py'), /^class InvoiceOut\(InvoiceBase\):$/m);
      assert.match(added(files, g.plan, 'app/api/deps.py'), /^InvoiceServiceDep = Annotated\[InvoiceService, Depends\(get_invoice_service\)\]$/m);
      assert.match(added(files, g.plan, 'app/api/v1/router.py'), /^api_router\.include_router\(invoices\.router, prefix="\/invoices", tags=\["invoices"\]\)$/m);
      const router = result(g.plan, 'app/api/v1/endpoints/invoices.py');
      assert.match(router, /^@router\.post\("", response_model=InvoiceOut, status_code=status\.HTTP_201_CREATED\)$/m);
      // Owned rows: every route takes the project's current-user alias and hands it to the service.
      assert.match(router, /^async def delete_invoice\(\n {4}invoice_id: int, current_user: CurrentUser, invoices: InvoiceServiceDep\n\) -> None:$/m);
      assert.match(router, /^async def read_invoice\(\n {4}invoice_id: int, current_user: CurrentUser, invoices: InvoiceServiceDep\n\) -> Invoice:\n {4}return await invoices\.get\(invoice_id, current_user\)$/m);
      assert.match(added(files, g.plan, 'app/models/__init__.py'), /^from app\.models\.invoice import Invoice$/m);
      const revision = g.plan.changes.find((c) => c.path.startsWith('alembic/versions/') && c.kind === 'create');
      assert.ok(revision && revision.kind === 'create');
      assert.match(revision.content, /sa\.Column\("created_at", sa\.DateTime\(timezone=True\), server_default=sa\.func\.now\(\), nullable=False\)/);
      assert.match(revision.content, /^down_revision = "5c1f3a7d9b20"$/m);
      await noFindings(g.plan);
    });

    it('async layers whose base repository lacks a role, and async projects without services, are refused by name', async () => {
      const files = layeredVariant();
      // No method named or doing a delete: the planner cannot pick one.
      files['app/repositories/base.py'] = files['app/repositories/base.py']!.replace(/\n {4}async def drop\([\s\S]*$/, '\n');
      await assert.rejects(planGeneration(view(files), { kind: 'resource', name: 'Invoice', fields: 'number:str' }), (e: unknown) => e instanceof PlanError && /Repository has no async delete method/.test(e.message));
      await assert.rejects(planGeneration(view(ASYNC_PROJECT), { kind: 'resource', name: 'Invoice', fields: 'number:str' }), (e: unknown) => e instanceof PlanError && /not supported yet/.test(e.message));
    });

    it('a bad --auth is an input error naming the flag; a project with no FastAPI app still says to run init', async () => {
      await assert.rejects(planGeneration(view(SQLMODEL_PROJECT), { kind: 'resource', name: 'Project', fields: 'title:str', auth: 'some' as 'all' }), (e: unknown) => e instanceof InputError && e.part === 'auth');
      await assert.rejects(planGeneration(view({ 'README.md': 'hi' }), { kind: 'resource', name: 'Project', fields: 'title:str' }), /init/);
    });
  });
});
