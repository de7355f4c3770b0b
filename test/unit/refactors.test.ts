// Where the lightbulb refactors are offered (and where not), from one parse.
import assert from 'node:assert/strict';
import { collectProjectFacts, refactorOffers } from '../../src/core/index';

const ROUTES = `from typing import Any

from fastapi import APIRouter

router = APIRouter()


@router.post("/items")
async def create_item(payload: dict[str, Any]) -> dict[str, Any]:
    name = payload["name"]
    return {"name": name}
`;

const DEPS = `from typing import Annotated

from fastapi import Depends


def get_current_user(token: str) -> str:
    return token


CurrentUserDep = Annotated[str, Depends(get_current_user)]
`;

const titles = async (source: string, at: string, delta = 0, withFacts = true) =>
  (await refactorOffers('app/routers/items.py', source, source.indexOf(at) + delta, withFacts ? { facts: collectProjectFacts([{ path: 'app/deps.py', source: DEPS }, { path: 'app/routers/items.py', source }]) } : {})).map((o) => o.title);

describe('refactor offers', () => {
  it('offers the route refactors on the decorator and the signature', async () => {
    assert.deepEqual(await titles(ROUTES, '@router.post'), ['Extract Pydantic model from payload', 'Add auth dependency (current_user: CurrentUserDep)']);
    assert.deepEqual(await titles(ROUTES, 'payload: dict'), ['Extract Pydantic model from payload', 'Add auth dependency (current_user: CurrentUserDep)']);
  });

  it('offers nothing inside the handler body, outside routes, or without project facts for auth', async () => {
    assert.deepEqual(await titles(ROUTES, 'name = payload'), []);
    assert.deepEqual(await titles(ROUTES, 'router = APIRouter'), []);
    assert.deepEqual(await titles(ROUTES, '@router.post', 0, false), ['Extract Pydantic model from payload']);
  });

  it('offers nothing in a file with a syntax error, or with nothing to refactor', async () => {
    assert.deepEqual(await titles(ROUTES.replace('-> dict[str, Any]:', '-> dict[str, Any]'), '@router.post'), []);
    assert.deepEqual(await titles('x = 1\n', 'x'), []);
  });

  it('offers Generate CRUD slice on every line of a table class, SQLModel included, and not on an enum beside it', async () => {
    const models = `import enum

from sqlmodel import Field, SQLModel


class Kind(str, enum.Enum):
    A = "a"


class Hero(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str
`;
    const at = async (text: string) => (await refactorOffers('app/models/hero.py', models, models.indexOf(text))).map((o) => [o.id, o.title]);
    assert.deepEqual(await at('name: str'), [['crud-slice', 'Generate CRUD slice for Hero']]);
    assert.deepEqual(await at('class Hero'), [['crud-slice', 'Generate CRUD slice for Hero']]);
    assert.deepEqual(await at('A = "a"'), []);
  });
});
