// The one surface the adapters (CLI, VS Code) import from the core.
export type { FileView } from './files';
export { memoryFileView } from './files';
export type { EditPlan, FileChange, TextEdit } from './plan/editPlan';
export { applyEdits, planToDiff, resultingText } from './plan/editPlan';
export { PlanError, PROJECT_NAME, planInit, planNewResource, projectNameFromFolder, type InitOptions } from './plan/fastapi';
export { SpecError, parseFieldSpec, type FieldSpec, type FieldType } from './spec/fields';
export { AUTH_MODES, InputError, checkResourceName, fieldSpecSchema, resolveResourceSpec, type AuthMode, type NewResourceInput, type ResourceSpec } from './spec/resource';
export { resourceNames, type ResourceNames } from './spec/names';
export { readFastApiProject, type FastApiProject, type ModelInfo } from './project/fastapi';
export { compareKind, invalidValue, sampleValue, type CompareKind, type JsonValue, type UniqueSource } from './emit/samples';
export { HTTP_METHODS, defaultFunctionName, functionNameSchema, parseRoutePath, routePathSchema, type HttpMethod, type PathParam } from './spec/route';
export { inferFieldSpec, type InferredSpec } from './spec/jsonSample';
export { planAddRoute, declaredRoutes, findRouter, routesIn, sameRoute, type AddRouteInput } from './plan/route';
export { planAddDto, defaultDtoModule, type AddDtoInput } from './plan/dto';
export { planAddRepository, type AddRepositoryInput } from './plan/repository';
export { readSchemaClasses, routerModules, type SchemaClassInfo } from './project/fastapi';
export { scanClasses } from './project/pythonScan';
export type { InputPart } from './spec/resource';
