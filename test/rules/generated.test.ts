// The code the generator writes must pass our own rules: a project from
// `init fastapi` plus resources covering every field type and auth mode
// gets zero findings from every rule.
import assert from 'node:assert/strict';
import { collectProjectFacts, lineIndex, planInit, planNewResource, PythonAnalyzer } from '../../src/core/index';
import { memoryFileView } from '../../src/core/files';
import { resultingText } from '../../src/core/plan/editPlan';

describe('generated code against our own rules', () => {
  it('init + resources produce zero findings', async () => {
    const files = new Map<string, string>();
    const apply = (plan: { changes: readonly Parameters<typeof resultingText>[0][] }) => {
      for (const change of plan.changes) files.set(change.path, resultingText(change));
    };
    apply(await planInit(memoryFileView(files), { projectName: 'shop' }));
    apply((await planNewResource(memoryFileView(files), { name: 'author', fields: 'name:str:unique email:email bio:text?', auth: 'writes' })).plan);
    apply(
      (
        await planNewResource(memoryFileView(files), {
          name: 'book',
          fields: 'title:str:max=200 pages:int:min=1 price:decimal rating:float? available:bool=true published:date? added:datetime=now ref:uuid=uuid4 meta:json? site:url? author:ref(Author) kind:enum(paper|ebook) tags:list[str]?',
          auth: 'all',
        })
      ).plan,
    );
    apply((await planNewResource(memoryFileView(files), { name: 'tag', fields: 'label:str', auth: 'none' })).plan);
    const project = collectProjectFacts([...files].map(([path, source]) => ({ path, source })));
    const analyzer = await PythonAnalyzer.create();
    const problems: string[] = [];
    let analysed = 0;
    for (const [path, source] of files) {
      if (!path.endsWith('.py')) continue;
      analysed++;
      const result = analyzer.analyze(path, source, { project });
      assert.deepEqual(result.ruleErrors, [], `${path}: a rule threw`);
      const index = lineIndex(source);
      for (const f of result.findings) problems.push(`${path}:${index.position(f.start).line} ${f.rule}: ${f.message}`);
    }
    assert.ok(analysed > 20, `only ${analysed} Python files generated`);
    assert.deepEqual(problems, []);
  });
});
