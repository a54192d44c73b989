import { typeProblem, VARIABLE_TYPES, type VariableDeclaration } from './variables.js';

export interface DeclarationProblem {
  index: number;
  variable: string;
  message: string;
}

// What LiquidJS reads as one identifier; `__` prefixes are unreachable (see HardenedContext).
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** Problems in the declarations themselves (run on save, before anyone renders). */
export function checkDeclarations(declarations: readonly VariableDeclaration[]): DeclarationProblem[] {
  const problems: DeclarationProblem[] = [];
  const seen = new Set<string>();
  for (const [index, declaration] of declarations.entries()) {
    const add = (message: string) => problems.push({ index, variable: declaration.name, message });
    if (!IDENTIFIER.test(declaration.name) || declaration.name.startsWith('__')) {
      add(`"${declaration.name}" is not a valid variable name (letters, digits, _ and -, not starting with a digit or __)`);
    }
    if (seen.has(declaration.name)) add(`"${declaration.name}" is declared more than once`);
    seen.add(declaration.name);
    if (!VARIABLE_TYPES.includes(declaration.type)) {
      add(`"${declaration.name}" has an unknown type "${String(declaration.type)}"`);
      continue;
    }
    if (declaration.type === 'enum' && (!declaration.options || declaration.options.length === 0)) {
      add(`"${declaration.name}" is an enum without options`);
    }
    if (declaration.type !== 'enum' && declaration.options !== undefined) {
      add(`"${declaration.name}" has options but is not an enum`);
    }
    if (declaration.default !== undefined && declaration.default !== null) {
      const problem = typeProblem(declaration, declaration.default);
      if (problem) add(`the default of "${declaration.name}" ${problem}`);
    }
  }
  return problems;
}
