import { clsx } from 'clsx';

/**
 * The box around the code editor, shared by the editor and the placeholder shown while its code
 * downloads (DeferredCodeEditor), so the two look alike and take the same room.
 */
export const codeEditorFrameClasses = ({
  invalid,
  readOnly,
  className,
}: {
  invalid: boolean;
  readOnly: boolean;
  className?: string | undefined;
}) =>
  clsx(
    'overflow-hidden rounded-lg border bg-white shadow-xs transition-colors focus-within:ring-3',
    invalid
      ? 'border-red-400 focus-within:border-red-500 focus-within:ring-red-500/15'
      : 'border-slate-300 focus-within:border-indigo-500 focus-within:ring-indigo-500/15',
    readOnly && 'bg-slate-50',
    className,
  );

/** The editor's text metrics (CodeLines, under the editor and in the placeholder). */
export const CODE_FONT_SIZE = '13px';
export const CODE_LINE_HEIGHT = 1.6;
/** Vertical padding of the editing area. */
export const CODE_PADDING_Y = '8px';
