import { lazy, Suspense } from 'react';
import type { YamlEditorProps } from './YamlEditor';

const YamlEditor = lazy(() => import('./YamlEditor').then((module) => ({ default: module.YamlEditor })));

/**
 * The YAML editor, loaded after the page: CodeMirror is the largest library of the app, and the page
 * shows the pipeline without waiting for it. Until it arrives, a box of the editor's size shows the text.
 */
export function DeferredYamlEditor(props: YamlEditorProps) {
  return (
    <Suspense
      fallback={
        <pre
          aria-busy="true"
          aria-label={`${props.label} (loading the editor)`}
          className="overflow-auto rounded-lg border border-slate-300 bg-white px-3 py-2 font-mono text-sm whitespace-pre-wrap text-slate-700"
          style={{ minHeight: props.minHeight ?? '8rem' }}
        >
          {props.value}
        </pre>
      }
    >
      <YamlEditor {...props} />
    </Suspense>
  );
}
