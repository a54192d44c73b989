import type { Liquid, Template, Variable } from 'liquidjs';
import { checkDeclarations } from './declarations.js';
import { parseErrorDiagnostic, type DiagnosticCode, type TemplateDiagnostic } from './diagnostics.js';
import { analysisCost, IncludeExpansion, type IncludeOrigin } from './include-expansion.js';
import type { ResolvedEngineOptions } from './options.js';
import type { TemplateResolver, TemplateSource } from './types.js';
import type { VariableDeclaration } from './variables.js';

export interface AnalyzeInput {
  source: TemplateSource;
  declarations?: VariableDeclaration[];
  /** Without a resolver, includes are not followed (and not reported). */
  resolver?: TemplateResolver;
  /** Name of the template being saved, so that including itself is reported as a cycle. */
  templateName?: string;
}

const WARNINGS = new Set<DiagnosticCode>(['unused_variable', 'too_many_includes', 'analysis_incomplete']);

/**
 * Budget for LiquidJS's variable analysis, in `analysisCost` units (≈ characters scanned; 10^8 take
 * about a second). 2·10^7 covers ~2,000 tags in a 20 KB template or ~400 in a 100 KB one.
 */
const MAX_VARIABLE_ANALYSIS_COST = 20_000_000;
const CHAT_ROLES = new Set(['system', 'user', 'assistant']);

type Finding = Omit<TemplateDiagnostic, 'severity'>;

/**
 * Static analysis for the save path: syntax, filters, includes (through the resolver) and variables
 * against their declarations. Variables bound by `assign`, `capture`, `for`, `increment` and include
 * arguments are local and never reported; a variable used only inside an included template counts as
 * used (or undeclared) by the template that includes it.
 */
export async function analyzeTemplateSource(
  liquid: Liquid,
  options: ResolvedEngineOptions,
  input: AnalyzeInput,
): Promise<TemplateDiagnostic[]> {
  const declarations = input.declarations ?? [];
  const findings: Finding[] = checkDeclarations(declarations).map((problem) => ({
    code: 'invalid_declaration',
    message: problem.message,
    variable: problem.variable,
  }));
  const bodies =
    input.source.type === 'text'
      ? [{ body: input.source.body, messageIndex: undefined }]
      : input.source.messages.map((message, messageIndex) => ({ body: message.content, messageIndex }));
  if (input.source.type === 'chat') {
    for (const [messageIndex, message] of input.source.messages.entries()) {
      if (!CHAT_ROLES.has(message.role)) {
        findings.push({ code: 'syntax_error', message: `Unknown message role "${String(message.role)}"`, messageIndex });
      }
    }
  }
  const declared = new Set(declarations.map((declaration) => declaration.name));
  const used = new Set<string>();
  let variablesChecked = true;

  for (const { body, messageIndex } of bodies) {
    let templates: Template[];
    try {
      templates = liquid.parse(body);
    } catch (error) {
      variablesChecked = false;
      findings.push({ ...parseErrorDiagnostic(error), messageIndex });
      continue;
    }
    const expansion = new IncludeExpansion({
      liquid,
      resolver: input.resolver ?? { resolve: () => Promise.resolve(null) },
      maxDepth: options.maxIncludeDepth,
      maxEdges: options.maxAnalyzedIncludes,
      rootName: input.templateName,
    });
    if (input.resolver) await expansion.expand(templates);
    findings.push(...expansion.findings.map((finding) => ({ ...finding, messageIndex })));
    if (analysisCost(body) + expansion.cost > MAX_VARIABLE_ANALYSIS_COST) {
      variablesChecked = false;
      findings.push({
        code: 'analysis_incomplete',
        message: 'The template has too many tags for its variables to be checked; split it into includes',
        messageIndex,
      });
      continue;
    }
    const analysis = await liquid.analyze(templates, { partials: true });
    for (const variables of Object.values(analysis.globals)) {
      for (const variable of variables) {
        const name = variable.segments[0];
        if (typeof name !== 'string') continue;
        used.add(name);
        if (!declared.has(name)) findings.push({ ...undeclared(name, variable, expansion.origins), messageIndex });
      }
    }
  }

  if (variablesChecked) {
    for (const declaration of declarations) {
      if (!used.has(declaration.name)) {
        findings.push({
          code: 'unused_variable',
          message: `Variable "${declaration.name}" is declared but never used`,
          variable: declaration.name,
        });
      }
    }
  }
  return sortDiagnostics(
    dedupe(findings).map((finding) => {
      const diagnostic: TemplateDiagnostic = { severity: WARNINGS.has(finding.code) ? 'warning' : 'error', ...finding };
      // Text templates have no message index; leave the key out rather than send `undefined`.
      if (diagnostic.messageIndex === undefined) delete diagnostic.messageIndex;
      return diagnostic;
    }),
  );
}

function undeclared(name: string, variable: Variable, origins: Map<string, IncludeOrigin>): Finding {
  const origin = variable.location.file === undefined ? undefined : origins.get(variable.location.file);
  if (!origin) {
    return {
      code: 'undeclared_variable',
      message: `Variable "${name}" is not declared`,
      variable: name,
      line: variable.location.row,
      column: variable.location.col,
    };
  }
  return {
    code: 'undeclared_variable',
    message: `Variable "${name}" is used by included template ${origin.chain.join(' → ')} but is not declared or passed to it`,
    variable: name,
    ...origin.position,
  };
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((finding) => {
    const key = [finding.code, finding.messageIndex, finding.line, finding.column, finding.variable, finding.message].join(
      '\u0000',
    );
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function sortDiagnostics(diagnostics: TemplateDiagnostic[]): TemplateDiagnostic[] {
  const order = (value: number | undefined) => value ?? Number.MAX_SAFE_INTEGER;
  return diagnostics.sort(
    (a, b) => order(a.messageIndex) - order(b.messageIndex) || order(a.line) - order(b.line) || order(a.column) - order(b.column),
  );
}
