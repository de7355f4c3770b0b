// The Express code the generator writes must pass our own TypeScript rules:
// a project from `init express` plus resources covering every field type and
// auth mode gets zero findings from every rule — and the same analyzer does
// flag the project once an unsafe line is written into it (so zero is earned).
import assert from 'node:assert/strict';
import { collectProjectFacts, lineIndex, planExpressInit, planExpressResource, TsAnalyzer } from '../../src/core/index';
import { memoryFileView } from '../../src/core/files';
import { resultingText } from '../../src/core/plan/editPlan';
import { TS_RULES } from '../../src/core/analysis/rules-ts/index';

async function generated(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const apply = (plan: { changes: readonly Parameters<typeof resultingText>[0][] }) => {
    for (const change of plan.changes) files.set(change.path, resultingText(change));
  };
  apply(await planExpressInit(memoryFileView(files), { projectName: 'shop' }));
  const resources = [
    { name: 'Author', fields: 'name:str:unique email:email bio:text?', auth: 'writes' as const },
    {
      name: 'Book',
      fields:
        'title:str:max=200:index pages:int:min=1 price:decimal:min=0 rating:float? available:bool=true published:date? added:datetime=now ' +
        'ref:uuid=uuid4:unique meta:json? settings:json={} site:url? contact:email? author:ref(Author) owner:ref(User)? parent:ref(Book)? ' +
        'kind:enum(paper|ebook)=paper tags:list[str]=[]:max=5 day:date=today',
      auth: 'all' as const,
    },
    { name: 'Tag', fields: 'label:str', auth: 'none' as const },
  ];
  for (const r of resources) apply((await planExpressResource(memoryFileView(files), r)).plan);
  return files;
}

async function findings(files: Map<string, string>): Promise<string[]> {
  const ts = [...files].filter(([path]) => path.endsWith('.ts'));
  const project = collectProjectFacts(ts.map(([path, source]) => ({ path, source })));
  const analyzer = await TsAnalyzer.create();
  const problems: string[] = [];
  for (const [path, source] of ts) {
    const result = analyzer.analyze(path, source, { project });
    assert.deepEqual(result.ruleErrors, [], `${path}: a rule threw`);
    const index = lineIndex(source);
    for (const f of result.findings) problems.push(`${path}:${index.position(f.start).line} ${f.rule}: ${f.message}`);
  }
  return problems;
}

describe('generated Express code against our own rules', () => {
  it(`init express + resources produce zero findings (${TS_RULES.length} TypeScript rules)`, async () => {
    const files = await generated();
    assert.ok([...files.keys()].filter((p) => p.endsWith('.ts')).length > 20);
    assert.deepEqual(await findings(files), []);
  });

  it('the same analysis flags the project once it binds every interface', async () => {
    const files = await generated();
    const server = files.get('src/server.ts')!;
    assert.ok(server.includes('app.listen(config.PORT, config.HOST,'));
    files.set('src/server.ts', server.replace('app.listen(config.PORT, config.HOST,', "app.listen(config.PORT, '0.0.0.0',"));
    const problems = await findings(files);
    assert.ok(problems.some((p) => p.startsWith('src/server.ts:') && p.includes('bind-all-interfaces')), problems.join('\n'));
  });
});
