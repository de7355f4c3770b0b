// The planners' parse reuse: trees of large texts handed out as copies (a
// caller's edit or delete never reaches the cached tree), and edit steps
// re-parsed from the previous tree giving exactly a fresh parse's tree. And
// what a hand-written SQLModel table built on an XBase reads as its columns.
import assert from 'node:assert/strict';
import { parsePython, pythonParser, reparsePython } from '../../src/core/parse/python';
import { editBetween } from '../../src/core/parse/textEdit';
import { declaredNames, localBaseChain, readModelFields, stringEnums, tableClasses } from '../../src/core/refactor/modelFields';

/** A module well over the cache threshold: many small SQLModel families. */
function bigModule(n: number): string {
  const parts = ['from sqlmodel import Field, SQLModel\n'];
  for (let i = 0; i < n; i++) parts.push(`\nclass Thing${i}Base(SQLModel):\n    title: str = Field(max_length=${i + 10})\n    done: bool = False\n`);
  return parts.join('');
}

describe('parse reuse for planners', () => {
  it('hands out copies of a cached tree: deleting or editing one leaves the next as a fresh parse', async () => {
    const text = bigModule(400);
    const first = await parsePython(text);
    const fresh = (await pythonParser()).parse(text)!;
    const expected = fresh.rootNode.toString();
    fresh.delete();
    assert.equal(first.rootNode.toString(), expected);
    first.edit(editBetween(text, `${text}\nx = 1\n`));
    first.delete();
    const second = await parsePython(text);
    try {
      assert.equal(second.rootNode.toString(), expected);
    } finally {
      second.delete();
    }
  });

  it('re-parses edit steps from the previous tree to the tree a fresh parse gives', async () => {
    let text = bigModule(300);
    let tree = await parsePython(text);
    const parser = await pythonParser();
    try {
      const steps = [
        (t: string) => `${t}\n\nclass Added(SQLModel):\n    name: str\n`,
        (t: string) => t.replace('from sqlmodel import Field, SQLModel\n', 'import uuid\n\nfrom sqlmodel import Field, SQLModel\n'),
        (t: string) => t.replace('class Thing150Base(SQLModel):\n', 'class Thing150Base(SQLModel):\n    extra: int = 0\n'),
        (t: string) => `${t}def broken(:\n`,
      ];
      for (const step of steps) {
        const next = step(text);
        const reparsed = await reparsePython(tree, text, next);
        tree.delete();
        tree = reparsed;
        text = next;
        const fresh = parser.parse(text)!;
        assert.equal(tree.rootNode.toString(), fresh.rootNode.toString());
        fresh.delete();
      }
    } finally {
      tree.delete();
    }
  });
});

describe('SQLModel tables on an XBase of their module', () => {
  const source = `import uuid

from sqlmodel import Field, SQLModel


class Stamped(SQLModel):
    note: str | None = None


class TagBase(Stamped):
    label: str = Field(max_length=40)
    color: str = "grey"


class Tag(TagBase, table=True):
    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    color: str = Field(default="grey", max_length=20)
    weight: int = 0
`;

  it('reads the base chain outermost first, the table overriding a column it declares again', async () => {
    const tree = await parsePython(source);
    try {
      const [tag] = tableClasses(tree.rootNode);
      const chain = localBaseChain(tree.rootNode, tag!);
      assert.deepEqual(chain.map((c) => c.childForFieldName('name')?.text), ['Stamped', 'TagBase']);
      assert.deepEqual(chain.flatMap(declaredNames), ['note', 'label', 'color']);
      const read = readModelFields(tag!, [], stringEnums(tree.rootNode), new Map(), { uuidKeys: true, bases: chain });
      assert.equal(read.refusal, undefined);
      assert.deepEqual(read.fields.map((f) => f.name), ['note', 'label', 'color', 'weight']);
      assert.deepEqual(read.fields.find((f) => f.name === 'color')?.max, 20);
      // A bare str is an AutoString column in SQLModel, not TEXT: the revision must say so.
      assert.deepEqual(read.columnTypes, { note: 'sqlmodel.sql.sqltypes.AutoString()' });
    } finally {
      tree.delete();
    }
  });

  it('reads a bare Mapped[str] or a length-less String as the VARCHAR SQLAlchemy creates', async () => {
    const tree = await parsePython(`from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column


class Note(Base):
    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    code: Mapped[str] = mapped_column(String)
    body: Mapped[str] = mapped_column(Text)
    short: Mapped[str] = mapped_column(String(20))
`);
    try {
      const [note] = tableClasses(tree.rootNode);
      const read = readModelFields(note!, [], new Map());
      assert.deepEqual(read.columnTypes, { title: 'sa.String()', code: 'sa.String()' });
    } finally {
      tree.delete();
    }
  });
});
