export type { AnalyzeInput } from './analyze.js';
export type { DiagnosticCode, DiagnosticSeverity, TemplateDiagnostic } from './diagnostics.js';
export { checkDeclarations, type DeclarationProblem } from './declarations.js';
export { analyzeTemplate, createTemplateEngine, type TemplateEngine } from './engine.js';
export { TemplateRenderError, type TemplateErrorCode, type TemplateErrorDetails } from './errors.js';
export { DEFAULT_INCLUDE_LABEL, formatIncludeRef, parseIncludeRef } from './include-ref.js';
export {
  createIsolatedTemplateEngine,
  sharedIsolatedTemplateEngine,
  type IsolatedTemplateEngine,
  type IsolatedTemplateEngineOptions,
} from './isolated-engine.js';
export { createInMemoryResolver, type InMemoryTemplateVersion } from './memory-resolver.js';
export { defaultEngineOptions, type ResolvedEngineOptions, type TemplateEngineOptions } from './options.js';
export type { RenderOptions } from './render.js';
export { estimateTokens, TOKEN_ENCODING } from './token-estimate.js';
export type * from './types.js';
export {
  validateVariables,
  VARIABLE_TYPES,
  type VariableDeclaration,
  type VariableProblem,
  type VariableType,
  type VariableValidation,
} from './variables.js';
