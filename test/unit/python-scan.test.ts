// The lexical model scan must agree with the syntax tree on real and tricky modules.
import assert from 'node:assert/strict';
import { scanModelClasses } from '../../src/core/project/pythonScan';
import { modelClasses } from '../support/modelOracle';

const CASES: Record<string, string> = {
  generated: `"""The books table."""\n\nfrom app.db import Base\n\n\nclass Book(Base):\n    __tablename__ = "books"\n\n    id: Mapped[int] = mapped_column(primary_key=True)\n`,
  'two classes, single quotes, annotation': `class A(Base):\n    __tablename__: str = 'a_rows'\n\nclass B(Base):\n    __tablename__ = "b_rows"\n`,
  'docstring that looks like a class': `"""\nclass Fake(Base):\n    __tablename__ = "fake"\n"""\nclass Real(Base):\n    """class Inner: __tablename__ = 'no'"""\n    __tablename__ = "real"\n`,
  'nested class is not a model': `class Outer:\n    class Meta:\n        __tablename__ = "meta"\n    x = 1\n`,
  'tablename in a method is ignored': `class Helper(Base):\n    def f(self):\n        __tablename__ = "local"\n`,
  'decorated class and comments': `# class Commented(Base):\n#     __tablename__ = "c"\n@dataclass\nclass Tagged(Base):  # a model\n    # __tablename__ = "wrong"\n    __tablename__ = "tags"  # the table\n`,
  'multi-line bases and tab indent': `class Wide(\n    Base,\n    Mixin,\n):\n\t__tablename__ = "wide"\n`,
  'escaped quotes and raw strings': `X = "class Nope(Base):\\n    __tablename__ = 'x'"\nclass Esc(Base):\n    note = r'\\'' \n    __tablename__ = "esc"\n`,
  'computed table name is not a literal': `class Dyn(Base):\n    __tablename__ = "prefix_" + NAME\n`,
  'no table name': `class Plain(Base):\n    id = 1\n`,
  'unterminated string does not hang': `class Broken(Base):\n    __tablename__ = "oops\nclass After(Base):\n    __tablename__ = "after"\n`,
};

describe('lexical model scan', () => {
  for (const [name, source] of Object.entries(CASES)) {
    it(`agrees with the syntax tree: ${name}`, async () => {
      const fromTree = (await modelClasses(source, 'm.py')).map(({ className, tableName }) => ({ className, tableName }));
      assert.deepEqual(scanModelClasses(source), fromTree);
    });
  }

  it('finds the expected models', () => {
    assert.deepEqual(scanModelClasses(CASES['docstring that looks like a class']!), [{ className: 'Real', tableName: 'real' }]);
    assert.deepEqual(scanModelClasses(CASES['two classes, single quotes, annotation']!).map((m) => m.tableName), ['a_rows', 'b_rows']);
  });

  it('never throws or hangs on random text', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const alphabet = `class Base(): __tablename__ = "'\\\n\t#([{}]) x`;
    for (let k = 0; k < 300; k++) {
      let text = '';
      const len = Math.floor(rand() * 400);
      for (let i = 0; i < len; i++) text += alphabet[Math.floor(rand() * alphabet.length)];
      assert.ok(Array.isArray(scanModelClasses(text)));
    }
  });
});
