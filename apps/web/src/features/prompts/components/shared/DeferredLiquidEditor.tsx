import { deferCodeEditor } from '../../../../components/ui/DeferredCodeEditor';

/**
 * The Liquid editor, loaded after the page: the editor is a chunk of its own, and the
 * prompt pages render their data without waiting for it (see deferCodeEditor).
 */
export const DeferredLiquidEditor = deferCodeEditor(() => import('./LiquidEditor').then((module) => module.LiquidEditor));
