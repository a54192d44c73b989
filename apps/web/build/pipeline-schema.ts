import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import type { Plugin } from 'vite';

const ID = 'virtual:pipeline-definition-schema';
const RESOLVED = `\0${ID}`;
/** The contract's source: the app is built from it (see the `@agent-fleet/source` condition in vite.config.ts). */
const DEFINITION = fileURLToPath(new URL('../../../packages/contracts/src/pipelines/definition.ts', import.meta.url));

/**
 * `virtual:pipeline-definition-schema`: the pipeline definition's JSON Schema, computed from the contract
 * when the app is built and shipped as data. The YAML editor's completion reads it; computing it in the
 * browser would ship zod and the definition's schemas with the editor (about 30 KB gzip).
 */
export function pipelineDefinitionSchema(): Plugin {
  return {
    name: 'agent-fleet:pipeline-definition-schema',
    resolveId: (id) => (id === ID ? RESOLVED : undefined),
    async load(id) {
      if (id !== RESOLVED) return undefined;
      this.addWatchFile(DEFINITION);
      const contract = (await tsImport(DEFINITION, import.meta.url)) as { pipelineDefinitionJsonSchema: () => unknown };
      return `export default ${JSON.stringify(contract.pipelineDefinitionJsonSchema())};`;
    },
  };
}
