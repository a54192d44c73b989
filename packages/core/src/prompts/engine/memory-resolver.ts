import { DEFAULT_INCLUDE_LABEL } from './include-ref.js';
import type { IncludeRef, ResolvedTemplate, TemplateResolver } from './types.js';

export interface InMemoryTemplateVersion {
  name: string;
  version: number;
  body: string;
  /** Labels pointing at this version. `latest` is implied for the highest version unless given explicitly. */
  labels?: string[];
}

/**
 * A TemplateResolver over a fixed list of versions: for previews of unsaved drafts, for tests, and as
 * the reference for the label rules a database resolver should follow.
 */
export function createInMemoryResolver(versions: readonly InMemoryTemplateVersion[]): TemplateResolver {
  return {
    resolve(ref: IncludeRef): Promise<ResolvedTemplate | null> {
      const candidates = versions.filter((version) => version.name === ref.name);
      let match: InMemoryTemplateVersion | undefined;
      if ('version' in ref.selector) {
        const wanted = ref.selector.version;
        match = candidates.find((version) => version.version === wanted);
      } else {
        const label = ref.selector.label;
        match = candidates.find((version) => version.labels?.includes(label));
        if (!match && label === DEFAULT_INCLUDE_LABEL) {
          match = candidates.reduce<InMemoryTemplateVersion | undefined>(
            (highest, version) => (highest && highest.version > version.version ? highest : version),
            undefined,
          );
        }
      }
      return Promise.resolve(match ? { name: match.name, version: match.version, body: match.body } : null);
    },
  };
}
