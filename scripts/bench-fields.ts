// The benchmark's project shape and timed resource, shared by the FastAPI
// (bench-entry.ts) and Express (bench-express-entry.ts) benches. A module of
// its own: both entries run their main when they are the bundle's entry.

/** Number of resources the benchmark project holds before the timed call. */
export const RESOURCE_COUNT = 50;

/** The name of the resource the timed call plans (not present in the project). */
export const BENCH_RESOURCE = 'Gadget';

/**
 * 20 fields covering every type (str text int float decimal bool date datetime
 * uuid email url json enum list[str] ref), the modifiers unique/index/max/min,
 * optional fields and defaults (literal, factory and null).
 */
export const BENCH_FIELDS = [
  'title:str:max=200:min=1',
  'sku:str:unique:index:max=40',
  'body:text?',
  'quantity:int=0:min=0:max=100000',
  'weight:float?:max=1000',
  'price:decimal=9.99:min=0',
  'active:bool=true',
  'released_on:date=today',
  'published_at:datetime?',
  'external_id:uuid=uuid4:unique',
  'contact:email:index',
  'homepage:url?',
  'extra:json={}',
  'level:enum(a|b|c)=a:index',
  'tags:list[str]=[]:max=10',
  'owner:ref(Item01)',
  'parent:ref(Item25)?',
  'nickname:str?=null',
  'rank:int:index',
  'score:float=0.5:min=0',
].join(' ');

/** `Item01` .. `Item50`: names the validator accepts (distinct singular and plural). */
export function resourceName(i: number): string {
  return `Item${String(i).padStart(2, '0')}`;
}

/** Varied field specs for the i-th (1-based) setup resource; some refer to earlier ones. */
export function setupFields(i: number): string {
  const pool = [
    'name:str:max=120',
    'description:text?',
    'count:int=0:min=0',
    'ratio:float?',
    'amount:decimal:min=0',
    'enabled:bool=false',
    'due_on:date?',
    'seen_at:datetime=now',
    'token:uuid=uuid4:unique',
    'email:email:unique',
    'link:url?',
    'payload:json?',
    'state:enum(new|open|closed)=new',
    'labels:list[str]=[]',
  ];
  const fields: string[] = [];
  const n = 3 + (i % 6); // 3..8 fields
  for (let k = 0; k < n; k++) fields.push(pool[(i * 5 + k) % pool.length]!);
  if (i > 1 && i % 3 === 0) fields.push(`prev:ref(${resourceName(i - 1)})`);
  if (i > 5 && i % 4 === 0) fields.push(`origin:ref(${resourceName(1 + (i % 5))})?`);
  return fields.join(' ');
}

