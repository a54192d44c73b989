import { ChevronRight } from 'lucide-react';
import { categoryAncestors } from '../../category-tree';

export interface PromptFolderCrumbsProps {
  category: string;
  onSelect: (category: string) => void;
}

/** The selected folder as a trail, each step a way back up. */
export function PromptFolderCrumbs({ category, onSelect }: PromptFolderCrumbsProps) {
  const trail = categoryAncestors(category);
  if (trail.length === 0) return null;
  return (
    <nav aria-label="Folder path" className="flex flex-wrap items-center gap-1 text-sm">
      <button type="button" className="text-slate-500 hover:text-slate-800" onClick={() => onSelect('')}>
        All prompts
      </button>
      {trail.map((path, index) => {
        const last = index === trail.length - 1;
        const name = path.split('/').at(-1);
        return (
          <span key={path} className="flex items-center gap-1">
            <ChevronRight className="size-3.5 text-slate-300" aria-hidden="true" />
            {last ? (
              <span aria-current="page" className="font-medium text-slate-900">
                {name}
              </span>
            ) : (
              <button type="button" className="text-slate-500 hover:text-slate-800" onClick={() => onSelect(path)}>
                {name}
              </button>
            )}
          </span>
        );
      })}
    </nav>
  );
}
