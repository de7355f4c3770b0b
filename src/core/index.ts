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
export { PythonAnalyzer, analyzePython, MAX_ANALYZED_CHARS, type AnalysisResult, type AnalyzeOptions } from './analysis/engine';
export { PYTHON_RULES, RULE_IDS } from './analysis/rules/index';
export { SEVERITIES, type Finding, type Fix, type Rule, type Severity, type SeveritySetting } from './analysis/types';
export { collectProjectFacts, EMPTY_FACTS, type ProjectFacts, type ProjectFile } from './analysis/project';
export { lineIndex, type LineIndex } from './analysis/lines';
export { parsePython, firstSyntaxError } from './parse/python';
