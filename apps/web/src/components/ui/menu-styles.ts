/** Class names of the buttons and links listed in a Popover panel. */
export const menuItemClasses =
  'flex w-full items-center gap-2.5 rounded-lg px-2.5 py-2 text-left text-sm text-slate-700 transition-colors ' +
  'hover:bg-slate-100 hover:text-slate-900 focus-visible:bg-slate-100 focus-visible:text-slate-900 focus-visible:outline-none ' +
  '[&>svg]:size-4 [&>svg]:shrink-0 [&>svg]:text-slate-400';
