import { deferCodeEditor } from '../../../../components/ui/DeferredCodeEditor';

/**
 * The YAML editor, loaded after the page: the editor is a chunk of its own, and the page
 * shows the pipeline without waiting for it (see deferCodeEditor).
 */
export const DeferredYamlEditor = deferCodeEditor(() => import('./YamlEditor').then((module) => module.YamlEditor));
