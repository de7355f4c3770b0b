// Resource naming: derived class/module/table/URL names, and which resource names a request may use.
import * as assert from 'node:assert/strict';
import { InputError, PROJECT_NAME, projectNameFromFolder, resourceNames } from '../../src/core/index';
import { resolveResourceSpec, type NewResourceInput } from '../../src/core/request/resource';
import { type ResourceNames } from '../../src/core/request/names';

/** Resolve a request against a project that has `existing` resources; return the InputError it throws. */
function inputError(input: NewResourceInput, existing: readonly string[] = ['User']): InputError {
  let caught: unknown;
  try {
    resolveResourceSpec(input, { existing: new Set(existing) });
  } catch (error) {
    caught = error;
  }
  assert.ok(caught !== undefined, `expected ${JSON.stringify(input)} to be rejected`);
  assert.ok(caught instanceof InputError, `expected an InputError, got ${String(caught)}`);
  return caught;
}

/** A rejected resource name: an InputError about the name that quotes it and a reason. */
function rejectsName(name: string, message: RegExp, existing?: readonly string[]): InputError {
  const error = inputError({ name, fields: 'title:str' }, existing);
  assert.equal(error.part, 'name');
  assert.match(error.detail, message);
  assert.equal(error.message, error.detail);
  return error;
}

describe('resource names', function () {
  describe('resourceNames', function () {
    const expected: Record<string, ResourceNames> = {
      Book: { className: 'Book', snake: 'book', snakePlural: 'books', kebabPlural: 'books', classPlural: 'Books', words: 'book', wordsPlural: 'books' },
      OrderLine: {
        className: 'OrderLine', snake: 'order_line', snakePlural: 'order_lines', kebabPlural: 'order-lines',
        classPlural: 'OrderLines', words: 'order line', wordsPlural: 'order lines',
      },
      Category: {
        className: 'Category', snake: 'category', snakePlural: 'categories', kebabPlural: 'categories',
        classPlural: 'Categories', words: 'category', wordsPlural: 'categories',
      },
      Person: { className: 'Person', snake: 'person', snakePlural: 'people', kebabPlural: 'people', classPlural: 'People', words: 'person', wordsPlural: 'people' },
      Address: {
        className: 'Address', snake: 'address', snakePlural: 'addresses', kebabPlural: 'addresses',
        classPlural: 'Addresses', words: 'address', wordsPlural: 'addresses',
      },
      Status: {
        className: 'Status', snake: 'status', snakePlural: 'statuses', kebabPlural: 'statuses',
        classPlural: 'Statuses', words: 'status', wordsPlural: 'statuses',
      },
      BoxItem: {
        className: 'BoxItem', snake: 'box_item', snakePlural: 'box_items', kebabPlural: 'box-items',
        classPlural: 'BoxItems', words: 'box item', wordsPlural: 'box items',
      },
    };
    for (const [name, names] of Object.entries(expected)) {
      it(`derives every name from ${name}`, function () {
        assert.deepEqual(resourceNames(name), names);
      });
    }

    it('reads order_line, order-line and orderLine like OrderLine', function () {
      for (const spelling of ['order_line', 'order-line', 'orderLine']) {
        assert.deepEqual(resourceNames(spelling), expected.OrderLine, spelling);
      }
    });

    it('pluralizes only the last word of a multi-word name', function () {
      const n = resourceNames('SalesPerson');
      assert.equal(n.snakePlural, 'sales_people');
      assert.equal(n.kebabPlural, 'sales-people');
      assert.equal(n.classPlural, 'SalesPeople');
    });

    it('splits acronyms into one word', function () {
      const n = resourceNames('HTTPRequest');
      assert.equal(n.className, 'HttpRequest');
      assert.equal(n.snake, 'http_request');
      assert.equal(n.kebabPlural, 'http-requests');
    });

    it('handles -y, -o and irregular endings', function () {
      assert.equal(resourceNames('Day').snakePlural, 'days');
      assert.equal(resourceNames('Hero').snakePlural, 'heroes');
      assert.equal(resourceNames('Photo').snakePlural, 'photos');
      assert.equal(resourceNames('Leaf').snakePlural, 'leaves');
      assert.equal(resourceNames('Child').snakePlural, 'children');
    });
  });

  describe('resolveResourceSpec: the name', function () {
    it('accepts a valid request and returns names, fields and the default auth', function () {
      const spec = resolveResourceSpec({ name: 'order-line', fields: 'qty:int:min=1 book:ref(Book)' }, { existing: new Set(['User', 'Book']) });
      assert.equal(spec.names.className, 'OrderLine');
      assert.equal(spec.names.kebabPlural, 'order-lines');
      assert.deepEqual(spec.fields.map((f) => f.name), ['qty', 'book_id']);
      assert.equal(spec.auth, 'writes');
    });

    it('rejects names that become Python keywords', function () {
      const e = rejectsName('Class', /resource name "Class" becomes the Python keyword "class"/);
      assert.equal(e.token, 'Class');
      assert.equal(e.offset, 0);
      rejectsName('import', /Python keyword "import"/);
      rejectsName('Match', /Python keyword "match"/);
    });

    it('rejects a name whose plural is a Python keyword', function () {
      rejectsName('A', /Python keyword/); // a -> "as"
      rejectsName('I', /Python keyword/); // i -> "is"
    });

    // Bug: the message always quotes the singular (`names.snake`), even when it is the plural that is the keyword.
    it('names the plural when it is the plural that is a keyword', function () {
      rejectsName('A', /Python keyword "as"/);
    });

    it('rejects class names the generated code already uses', function () {
      rejectsName('Base', /resource name "Base" clashes with a name the generated code uses/);
      rejectsName('Settings', /"Settings" clashes/);
      rejectsName('Status', /"Status" clashes/);
      rejectsName('base', /"Base" clashes/); // normalized before the check
      // Module names the skeleton owns: `Common` would be app/schemas/common.py.
      rejectsName('Common', /module name "common" that the project skeleton owns/);
      rejectsName('Middleware', /module name "middleware"/);
    });

    it('rejects invalid characters, leading digits and empty names', function () {
      for (const bad of ['Book!', 'Order Line', '1Book', '_Book', 'Bük', 'Book.Item']) {
        const e = rejectsName(bad, /invalid resource name .*use letters and digits/);
        assert.equal(e.token, bad);
        assert.equal(e.offset, 0);
      }
      rejectsName('', /missing resource name/);
      rejectsName('   ', /missing resource name/);
    });

    it('rejects names whose singular and plural are the same', function () {
      rejectsName('Series', /resource name "Series" has the same singular and plural/);
      rejectsName('Sheep', /same singular and plural/);
      rejectsName('News', /same singular and plural/);
    });

    it('rejects a resource that already exists, however it is spelled', function () {
      rejectsName('Book', /resource Book already exists/, ['User', 'Book']);
      rejectsName('book', /resource Book already exists/, ['User', 'Book']);
      rejectsName('User', /already exists/);
    });

    it('rejects a non-string name through the schema', function () {
      const e = inputError({ name: 42 as unknown as string, fields: 'a:str' });
      assert.equal(e.part, 'name');
      assert.match(e.detail, /missing resource name/);
    });
  });

  describe('resolveResourceSpec: fields and auth', function () {
    it('reports field errors as part "fields" with the token and offset', function () {
      const e = inputError({ name: 'Book', fields: 'title:str pages:itn' });
      assert.equal(e.part, 'fields');
      assert.equal(e.token, 'pages:itn');
      assert.equal(e.offset, 10);
      assert.match(e.detail, /unknown type "itn".*token "pages:itn" at column 11/);
    });

    it('lets fields refer to existing resources but not unknown ones', function () {
      const spec = resolveResourceSpec({ name: 'Book', fields: 'owner:ref(User)' }, { existing: new Set(['User']) });
      assert.equal(spec.fields[0]!.name, 'owner_id');
      const e = inputError({ name: 'Book', fields: 'author:ref(Author)' });
      assert.equal(e.part, 'fields');
      assert.match(e.detail, /no resource Author in this project \(known: User\)/);
    });

    it('requires a self-reference to be optional', function () {
      const e = inputError({ name: 'Category', fields: 'name:str parent:ref(Category)' });
      assert.equal(e.part, 'fields');
      assert.equal(e.token, 'parent:ref(Category)');
      assert.equal(e.offset, 9);
      assert.match(e.detail, /a reference to Category itself must be optional \(add \?\)/);
      assert.match(e.detail, /column 10/);
    });

    it('accepts an optional self-reference', function () {
      const spec = resolveResourceSpec({ name: 'Category', fields: 'name:str parent:ref(Category)?' }, { existing: new Set(['User']) });
      const parent = spec.fields[1]!;
      assert.equal(parent.name, 'parent_id');
      assert.equal(parent.optional, true);
      assert.deepEqual(parent.type, { kind: 'ref', target: 'Category' });
    });

    it('validates auth', function () {
      assert.equal(resolveResourceSpec({ name: 'Book', fields: 'a:str', auth: 'none' }, { existing: new Set() }).auth, 'none');
      const e = inputError({ name: 'Book', fields: 'a:str', auth: 'everyone' as 'all' });
      assert.equal(e.part, 'auth');
      assert.match(e.detail, /auth must be one of writes, all, none/);
    });
  });
});

describe('project names', function () {
  it('derives a usable name from any folder name', function () {
    assert.equal(projectNameFromFolder('2024 my api (copy)'), 'my api copy');
    assert.equal(projectNameFromFolder('shop-api'), 'shop-api');
    assert.equal(projectNameFromFolder('tmp.Xy12'), 'tmp.Xy12');
    assert.equal(projectNameFromFolder('123'), 'api');
    assert.equal(projectNameFromFolder('""\\\\'), 'api');
    for (const folder of ['é', '"""', 'a'.repeat(200), 'x\ny']) assert.match(projectNameFromFolder(folder), PROJECT_NAME);
  });
});
