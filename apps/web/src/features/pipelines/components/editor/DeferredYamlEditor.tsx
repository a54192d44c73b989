import { deferCodeEditor } from '../../../../components/ui/DeferredCodeEditor';

/**
 * The YAML editor, loaded after the page: CodeMirror is the largest library of the app, and the page
 * shows the pipeline without waiting for it (see deferCodeEditor).
 */
export const DeferredYamlEditor = deferCodeEditor(() => import('./YamlEditor').then((module) => module.YamlEditor));
